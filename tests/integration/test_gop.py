"""Every shipped preset closes a GOP every half second, half its frame rate (YouTube's
recommendation, inside the other platforms' 1-2 s). Each preset is rendered at a tiny size with
its own frame rate and encoder settings, and the keyframe times are read back with PyAV."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from studio.core.project import load_project
from studio.render import RenderJob, render

from .conftest import _user_presets

PRESETS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "presets").glob("*.toml")
                 if p.stem != "defaults")


def _keyframe_times(path: Path) -> tuple[list[float], float, float]:
    """(keyframe times, frame duration, last frame time) in seconds, from the packets."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        times, keys = [], []
        for packet in c.demux(v):
            if packet.size and packet.pts is not None:
                t = float(packet.pts * packet.time_base)
                times.append(t)
                if packet.is_keyframe:
                    keys.append(t)
        return sorted(keys), 1 / float(v.average_rate), max(times)


@pytest.mark.parametrize("name", PRESETS)
def test_a_keyframe_every_half_second(tmp_path, monkeypatch, name):
    landscape = name == "landscape"
    w, h = (192, 108) if landscape else (108, 192)
    preset = _user_presets(monkeypatch, tmp_path / "user", **{
        f"tiny-{name}": f'extends = "{name}"\ndescription = "tiny {name}"\n\n[canvas]\nwidth = {w}\nheight = {h}\n'})
    story = tmp_path / "gop.md"
    story.write_text("---\nlang: fr\nconsent: {given: true}\n---\n[durée : 2 s]\nUn.\n", "utf-8")
    result = render(RenderJob(load_project(story, preset), tmp_path / "out"))
    keys, frame, last = _keyframe_times(result.video)
    fps = round(1 / frame)
    # half the frame rate: 15 frames, 0.5 s, at the platforms' 30 fps; the 15 fps preview (not an
    # upload) gets the nearest whole number of frames, 8
    step = {30: 0.5, 15: 8 / 15}[fps]
    assert (fps, step) == ((15, 8 / 15) if name == "preview" else (30, 0.5))
    assert keys[0] == pytest.approx(0, abs=frame / 2)
    # a keyframe on every half second of the picture, and none missing in between
    expected = [i * step for i in range(int(last / step + 1e-6) + 1)]
    assert [round(k, 3) for k in keys] == pytest.approx(expected, abs=frame / 2), keys
