"""How render time grows with story length: it should be linear.

Renders the photo story of bench/render_vs_encode.py (noisy photo with the pan, captions, logo,
end card, music) at 15, 30, 60 and 120 s (`--lengths`) with the `tiktok` preset, each in a fresh
process, fits time = a + b * length by least squares and prints the fit and the worst deviation of
a measured time from it (the reference of each length is the fit's prediction, from the same run).
The fit is on CPU time (user + system of the render and its ffmpeg child): on a machine shared with
other jobs the wall time of one run swings by tens of percent, the CPU time does not; the wall
times and their own fit are printed beside it.

    python bench/story_length.py [--lengths 15 30 60 120] [--preset tiktok]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure_tools import figure  # noqa: E402
from render_vs_encode import make_story, spawn  # noqa: E402

LENGTHS = (15.0, 30.0, 60.0, 120.0)
QUICK_LENGTHS = (10.0, 20.0, 30.0)


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """(intercept a, slope b) of the least-squares line y = a + b x."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def fit(points: list[tuple[float, float]]) -> dict:
    a, b = linear_fit([p[0] for p in points], [p[1] for p in points])
    deviations = [(t - (a + b * d)) / (a + b * d) for d, t in points]
    return {"a": a, "b": b, "worst": max(deviations, key=abs), "deviations": deviations}


def run(lengths, preset: str = "tiktok") -> dict:
    cpu, wall = [], []
    with tempfile.TemporaryDirectory(prefix="bench-length-") as tmp:
        for seconds in lengths:
            folder = Path(tmp) / f"{seconds:g}"
            folder.mkdir()
            story = make_story(folder, seconds)
            r = spawn("render", str(story), str(folder / "out"), preset, "0")
            cpu.append((r["duration_s"], r["cpu_s"]))
            wall.append((r["duration_s"], r["elapsed_s"]))
            print(f"{r['duration_s']:6.1f} s story: render {r['cpu_s']:.1f} s CPU, {r['elapsed_s']:.1f} s wall", flush=True)
    return {"cpu": cpu, "wall": wall, "cpu_fit": fit(cpu), "wall_fit": fit(wall)}


def measure(quick: bool = False) -> list[dict]:
    r = run(QUICK_LENGTHS if quick else LENGTHS)
    f, w = r["cpu_fit"], r["wall_fit"]
    rows = []
    for (d, t), (_, wall), dev in zip(r["cpu"], r["wall"], f["deviations"]):
        row = figure(f"render CPU time, {d:.0f} s story (vs the linear fit)", t, f["a"] + f["b"] * d, "s",
                     "linear", f"{dev:+.0%} from the fit; wall {wall:.1f} s")
        row["length_s"] = d  # for the suite's plot of time against length
        rows.append(row)
    rows.append(figure("linear fit of render CPU time against length: worst deviation", abs(f["worst"]) * 100, None,
                       "%", "small", f"t = {f['a']:.1f} s + {f['b']:.3f} x length; wall time: "
                       f"{w['a']:.1f} s + {w['b']:.3f} x length, worst {w['worst']:+.0%}"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lengths", type=float, nargs="+", default=list(LENGTHS))
    ap.add_argument("--preset", default="tiktok")
    a = ap.parse_args()
    r = run(a.lengths, a.preset)
    for kind in ("cpu", "wall"):
        f = r[f"{kind}_fit"]
        print(f"RESULT {kind} fit: time = {f['a']:.2f} s + {f['b']:.3f} s per s of video; "
              f"worst deviation {f['worst']:+.1%}")


if __name__ == "__main__":
    main()
