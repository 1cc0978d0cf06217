"""What a half-second GOP costs: size, bitrate and the worst frame against the instant preview.

Renders `tests/integration/test_preview.py`'s "everything" story (photos, two moving clips,
karaoke captions, the end card) with user presets that change only `[video] keyframe_s` / `crf`,
and prints for each: file size, mean bitrate, the peak 1 s bitrate the QA measures (full size),
and the PSNR of every rendered frame of the preview preset against `Preview.frame` at its time
(the worst, and how many are under the 35 dB the preview test asks).

    PYTHONPATH=. .venv/bin/python bench/gop_quality.py            # preview variants
    PYTHONPATH=. .venv/bin/python bench/gop_quality.py --full     # tiktok 1080x1920, GOP 30 vs 15
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PREVIEW = {"gop8-crf26": (0.5, 26), "gop8-crf25": (0.5, 25), "gop8-crf24": (0.5, 24), "gop8-crf23": (0.5, 23),
           "gop15-crf26": (1.0, 26)}
FULL = {"tiktok-gop30": (1.0, 20), "tiktok-gop15": (0.5, 20)}


def main() -> None:
    full = "--full" in sys.argv
    work = Path(tempfile.mkdtemp(prefix="gop-"))
    user = work / "user"
    (user / "presets").mkdir(parents=True)
    os.environ["STUDIO_USER_DIR"] = str(user)
    base = "tiktok" if full else "preview"
    variants = FULL if full else PREVIEW
    for name, (key_s, crf) in variants.items():
        (user / "presets" / f"{name}.toml").write_text(
            f'extends = "{base}"\ndescription = "{name}"\n[video]\nkeyframe_s = {key_s}\ncrf = {crf}\n')
    from studio.core.project import load_project
    from studio.render import RenderJob, render
    from studio.preview import Preview
    from tests.integration.test_preview import _decoded, make_everything, psnr

    story = make_everything(work)
    ours = None
    for name in variants:
        project = load_project(story, name)
        t0 = time.monotonic()
        res = render(RenderJob(project, work / f"out-{name}"))
        wall = time.monotonic() - t0
        size = res.video.stat().st_size
        line = f"{name:14s} {size / 1e6:.2f} MB, {size * 8 / 1e6 / res.duration_s:.2f} Mbit/s, render {wall:.1f} s"
        qa = json.loads(res.qa_report[0].read_text("utf-8"))
        peak = next(r["measured"] for r in qa["results"] if r["rule"] == "format.bitrate")
        line += f", peak 1 s {peak} Mbit/s"
        if not full:
            frames = _decoded(res.video)
            if ours is None:
                with Preview(project) as preview:
                    times = np.arange(0, preview.duration_s - 0.1, 1 / 15)
                    ours = [np.asarray(preview.frame(float(t), wait=True)) for t in times]
            scores = np.array([psnr(o, min(frames, key=lambda f: abs(f[0] - round(t * 15) / 15))[1])
                               for o, t in zip(ours, times)])
            line += (f", worst frame {scores.min():.2f} dB at {times[scores.argmin()]:.2f} s, "
                     f"{(scores < 35).sum()} under 35 dB")
        print(line, flush=True)


if __name__ == "__main__":
    main()
