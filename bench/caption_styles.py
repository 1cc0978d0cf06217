"""Render cost of the caption styles against the band style, on the same generated 30 s story.

Each style renders the story of bench/render_vs_encode.py (a noisy photo with the pan, ~10
captions, logo, hashtag, end card, music) at `--preset` in a fresh `studio render` process; wall
and CPU time (user + sys of the child and its ffmpeg) are compared with the band style measured in
the same run, styles alternating. The karaoke style adds one small single-frame PNG overlay per
word (switched on while the word is spoken), so its cost is what this measures.

    python bench/caption_styles.py [--runs 1] [--seconds 30] [--preset tiktok]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from render_vs_encode import make_story  # noqa: E402

STYLES = ("band", "outline", "karaoke")


def run(story: Path, out: Path, preset: str, style: str) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "studio", "render", str(story), "--preset", preset,
                           "--caption-style", style, "--out", str(out), "--json"],
                          capture_output=True, text=True, check=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(Path(json.loads(done.stdout.splitlines()[-1])["report"]).read_text())
    overlays = sum(a.endswith(".png") for a in report["argv"])
    return wall, cpu, overlays


def compare(runs: int, seconds: float, preset: str) -> dict[str, tuple[float, float, int]]:
    """Each style's median (wall s, cpu s, PNG inputs), styles alternating."""
    print(f"load average: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-captions-") as tmp:
        folder = Path(tmp)
        story = make_story(folder, seconds)
        results: dict[str, list[tuple[float, float, int]]] = {s: [] for s in STYLES}
        for _ in range(runs):
            for style in STYLES:
                results[style].append(run(story, folder / "out", preset, style))
                print(f"  {style:8s} wall {results[style][-1][0]:6.1f} s  cpu {results[style][-1][1]:6.1f} s  "
                      f"png inputs {results[style][-1][2]}", flush=True)
    return {s: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v), v[0][2])
            for s, v in results.items()}


def measure(quick: bool = False) -> list[dict]:
    """The suite's rows (bench/suite.py): each style against the band style; `quick` = a 10 s story."""
    from measure_tools import figure
    seconds = 10.0 if quick else 30.0
    med = compare(1, seconds, "tiktok")
    return [figure(f"caption style {style} vs band, wall", med[style][0], med["band"][0], "s", "",
                   f"{seconds:g} s story, tiktok; {med[style][2]} PNG inputs") for style in STYLES if style != "band"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--preset", default="tiktok")
    args = ap.parse_args()
    med = compare(args.runs, args.seconds, args.preset)
    base = med["band"]
    for style, (wall, cpu, pngs) in med.items():
        print(f"RESULT {style}: wall {wall:.1f} s ({wall / base[0]:.3f} x band), "
              f"cpu {cpu:.1f} s ({cpu / base[1]:.3f} x band), {pngs} PNG inputs, runs={args.runs}")


if __name__ == "__main__":
    main()
