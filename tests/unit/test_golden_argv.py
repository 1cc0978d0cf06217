"""The ffmpeg command for a fixed story, compared with a reviewed copy (no ffmpeg is run).

A change to the graph shows up here as a readable diff. After reviewing it, refresh the copy with
    UPDATE_GOLDEN=1 pytest tests/unit/test_golden_argv.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PIL import Image

from studio.core.project import load_project
from studio.media.loudness import Measured
from studio.render.graph import Outputs, build_argv
from studio.render.plan import make_plan
from studio.render.prepare import prepare

GOLDEN = Path(__file__).parent / "golden" / "argv_tiktok.json"

STORY = """---
title: Golden « test »
music: music.wav
consent: {given: true}
---

Un premier beat sur le fond de la marque.

![Une photo](photo.png)

Deux : 100 % {x} [y] \\n %{localtime} 'a' "b".

Un troisième beat, assez long pour être coupé en deux sous-titres différents, voilà.
"""


def _fixture(tmp_path: Path) -> Path:
    Image.new("RGB", (640, 480), (30, 90, 160)).save(tmp_path / "photo.png")
    import wave
    with wave.open(str(tmp_path / "music.wav"), "wb") as w:
        w.setnchannels(2), w.setsampwidth(2), w.setframerate(44100)
        w.writeframes(b"\x01\x00" * 2 * 44100 * 3)
    story = tmp_path / "golden.md"
    story.write_text(STORY, encoding="utf-8")
    return story


def test_golden_argv(tmp_path):
    plan = make_plan(load_project(_fixture(tmp_path), "tiktok"))
    work = tmp_path / "work"
    work.mkdir()
    argv = build_argv(plan, prepare(plan, work), Outputs(video=tmp_path / "out.mp4", cover=tmp_path / "out.jpg",
                                                          cover_frame=0),
                      loudness=Measured(-21.5, -6.25, 4.5, -31.75, 0.25))  # a fixed first-pass measurement
    argv = [a.replace(str(tmp_path), "$TMP") for a in argv]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(argv, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert argv == json.loads(GOLDEN.read_text(encoding="utf-8"))
    graph = argv[argv.index("-filter_complex") + 1]
    # story text never reaches the graph; only our own numbers and names do
    for literal in ("localtime", "100 %", "Deux", "Golden"):
        assert literal not in graph
    # stills, end card, brand, music, captions, the story's title on the cover
    assert argv.count("-i") == 2 + 1 + 1 + 1 + len(plan.timeline.events) + 1
