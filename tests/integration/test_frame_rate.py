"""Footage keeps its own frame rate (docs/standards.md §1): a story over a 25 fps clip renders at
25 fps, over 30 fps footage at 30, frame for frame; clips at two rates render at the one shown
longest, the other converted (a lower rate blended up: no frame shown twice), with a warning; a photo-only story keeps the
preset's rate. The QA warns when moving footage repeats frames in a regular cadence. Checked on
the files with PyAV, frame by frame."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from studio.core.project import load_project
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.qa import check
from studio.render import RenderJob, render

from .conftest import _user_presets

PHONE = 'extends = "tiktok"\ndescription = "tiktok, small"\n\n[canvas]\nwidth = 108\nheight = 192\n'
ONLY_30 = PHONE + 'rates = [30]\n'  # a platform that takes 30 fps only


@pytest.fixture
def phone(monkeypatch, tmp_path) -> str:
    return _user_presets(monkeypatch, tmp_path / "user", phone30=ONLY_30, phone=PHONE)


def _clip(path: Path, fps: str, seconds: float = 3.0) -> Path:
    """A test pattern panning to the left: every frame differs from the one before over the whole picture."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=s=216x384:r={fps}:d={seconds}",
                    "-vf", "scroll=horizontal=0.013", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def _story(folder: Path, *clips: str) -> Path:
    beats = "\n\n".join(f"![]({c})\n\n[durée : 2 s]\nLa rue défile." for c in clips)
    path = folder / "rue.md"
    path.write_text(f"---\ntitle: Rue\nconsent: {{given: true}}\n---\n\n{beats}\n", "utf-8")
    return path


def _frames(video: Path) -> tuple[Fraction, list[np.ndarray]]:
    with av.open(str(video)) as c:
        s = c.streams.video[0]
        return Fraction(s.average_rate), [f.to_ndarray(format="gray").astype(np.int16) for f in c.decode(s)]


def _repeated(frames: list[np.ndarray], first: int, last: int) -> list[int]:
    """Frames in [first, last) that show the picture before them again (within coding noise)."""
    return [i for i in range(max(1, first), last) if np.abs(frames[i] - frames[i - 1]).mean() < 1.0]


@pytest.mark.parametrize(("fps", "rate"), [("25", Fraction(25)), ("30", Fraction(30)),
                                         ("30000/1001", Fraction(30000, 1001)), ("50", Fraction(50))])
def test_a_story_over_a_clip_renders_at_the_clips_rate(tmp_path, phone, fps, rate):
    story = _story(tmp_path, _clip(tmp_path / "rue.mp4", fps).name)
    result = render(RenderJob(load_project(story, phone), tmp_path / "out"))
    got, frames = _frames(result.video)
    assert got == rate
    story_frames = round(2 * rate)  # the beat's 2 s, then the (still) end card
    assert len(frames) > story_frames and _repeated(frames, 1, story_frames) == []
    report = check(result.video, phone)
    assert {r.rule: r.status for r in report.results}["format.frame_rate"] == "pass"
    assert report.rule("motion.cadence").status == "pass"
    assert not any("frame rate" in w for w in result.warnings)
    with av.open(str(result.video)) as c:  # 1080x1920 at 50 fps is beyond level 4.1
        v = c.streams.video[0]
        assert v.codec_context.level == (42 if rate > 30 else 41)
        keys = [i for i, p in enumerate(p for p in c.demux(v) if p.size) if p.is_keyframe]
    # a closed GOP of half the frame rate, whatever the rate: 12 frames at 25 fps, 15 at 29.97 and 30
    assert keys == list(range(0, len(frames), {25: 12, 30: 15, 50: 25}.get(rate, 15)))


@pytest.mark.parametrize(("clips", "rate", "other"), [(("a25.mp4", "a25.mp4", "b30.mp4"), 25, "b30.mp4 (30 fps)"),
                                                      (("b30.mp4", "a25.mp4", "b30.mp4"), 30, "a25.mp4 (25 fps)")])
def test_clips_at_two_rates_render_at_the_longest(tmp_path, phone, clips, rate, other):
    _clip(tmp_path / "a25.mp4", "25"), _clip(tmp_path / "b30.mp4", "30")
    story = _story(tmp_path, *clips)  # 4 s at one rate, 2 s at the other
    result = render(RenderJob(load_project(story, phone), tmp_path / "out"))
    got, frames = _frames(result.video)
    assert got == rate
    assert _repeated(frames, 1, 6 * rate) == []  # the other clip converted: no frame shown twice
    [warning] = [w for w in result.warnings if "frame rate" in w]
    assert f"rendered at {rate} fps" in warning and other in warning


def test_a_platform_that_takes_30_fps_gets_a_blend_not_a_judder(tmp_path, phone):
    story = _story(tmp_path, _clip(tmp_path / "rue.mp4", "25").name)
    result = render(RenderJob(load_project(story, "phone30"), tmp_path / "out"))
    rate, frames = _frames(result.video)
    assert rate == 30 and _repeated(frames, 1, 60) == []


def test_a_photo_story_keeps_the_presets_rate(tmp_path, phone):
    story = tmp_path / "photo.md"
    story.write_text("---\ntitle: Photo\nconsent: {given: true}\n---\n\n[durée : 2 s]\nUn texte.\n", "utf-8")
    result = render(RenderJob(load_project(story, phone), tmp_path / "out"))
    assert _frames(result.video)[0] == 30


def test_the_qa_warns_on_a_repeated_frame_cadence(tmp_path, phone):
    # a 25 fps pan brought to 30 fps by repeating frames (ffmpeg's fps filter), as renders did
    judder = tmp_path / "judder.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(_clip(tmp_path / "pan.mp4", "25")),
                    "-vf", "fps=30,scale=108:192", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(judder)],
                   check=True)
    _fps, frames = _frames(judder)
    assert len(_repeated(frames, 1, len(frames))) >= 14  # every sixth frame
    r = check(judder, phone).rule("motion.cadence")
    assert r.status == "warn" and r.measured >= 14 and "one every 6 frames" in r.message
