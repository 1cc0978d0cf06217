"""How render time grows with story length: it should be linear.

Renders the photo story of bench/render_vs_encode.py (noisy photo with the pan, captions, logo,
end card, music) at 15, 30, 60 and 120 s (`--lengths`) with the `tiktok` preset, each in a fresh
process, fits time = a + b * length by least squares and prints the fit and the worst deviation of
a measured time from it (the reference of each length is the fit's prediction, from the same run).

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
QUICK_LENGTHS = (8.0, 15.0, 30.0)


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """(intercept a, slope b) of the least-squares line y = a + b x."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def run(lengths, preset: str = "tiktok") -> dict:
    points = []
    with tempfile.TemporaryDirectory(prefix="bench-length-") as tmp:
        for seconds in lengths:
            folder = Path(tmp) / f"{seconds:g}"
            folder.mkdir()
            story = make_story(folder, seconds)
            r = spawn("render", str(story), str(folder / "out"), preset, "0")
            points.append((r["duration_s"], r["elapsed_s"]))
            print(f"{r['duration_s']:6.1f} s story: render {r['elapsed_s']:.1f} s", flush=True)
    a, b = linear_fit([p[0] for p in points], [p[1] for p in points])
    deviations = [(t - (a + b * d)) / (a + b * d) for d, t in points]
    return {"points": points, "a": a, "b": b, "worst": max(deviations, key=abs), "deviations": deviations}


def measure(quick: bool = False) -> list[dict]:
    r = run(QUICK_LENGTHS if quick else LENGTHS)
    rows = []
    for (d, t), dev in zip(r["points"], r["deviations"]):
        row = figure(f"render time, {d:.0f} s story (vs the linear fit)", t, r["a"] + r["b"] * d, "s",
                     "linear", f"{dev:+.0%} from the fit")
        row["length_s"] = d  # for the suite's plot of time against length
        rows.append(row)
    rows.append(figure("linear fit of render time against length: worst deviation", abs(r["worst"]) * 100, None, "%",
                       "small", f"t = {r['a']:.1f} s + {r['b']:.3f} x length ({r['b']:.2f} s per second of video)"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lengths", type=float, nargs="+", default=list(LENGTHS))
    ap.add_argument("--preset", default="tiktok")
    a = ap.parse_args()
    r = run(a.lengths, a.preset)
    print(f"RESULT fit: time = {r['a']:.2f} s + {r['b']:.3f} s per s of video; worst deviation {r['worst']:+.1%}")


if __name__ == "__main__":
    main()
