"""Background options (#fit=subject, #motion=, #sound=, #anonymize=), the `anonymize` front
matter key, the subject crop path and the loudness cache: pure code, no ffmpeg."""

from __future__ import annotations

import os

import numpy as np
import pytest

from studio.core.errors import StoryError
from studio.core.story import parse_story
from studio.media import loudness, reframe
from studio.render.video_graph import piecewise_expr


def _bg(target: str):
    return parse_story(f"Texte.\n\n![x]({target})\n\nSuite.\n", "/s/story.md").beats[1].background


def test_background_options():
    bg = _bg("clip.mp4#t=1,4&fit=subject&sound=low&anonymize=faces,voice")
    assert (bg.trim_start, bg.trim_end, bg.fit, bg.sound, bg.anonymize) == (1.0, 4.0, "subject", "low",
                                                                             ("faces", "voice"))
    assert _bg("p.jpg#motion=zoom-in").motion == "zoom-in"
    assert _bg("p.jpg#anonymise=none").anonymize == ()
    plain = _bg("p.jpg")
    assert (plain.motion, plain.sound, plain.anonymize, plain.fit) == ("auto", None, None, "cover")


@pytest.mark.parametrize("target, message, hint", [
    ("p.jpg#motion=zoom-inn", "unknown motion 'zoom-inn'", "zoom-in"),
    ("c.mp4#sound=loud", "unknown sound 'loud'", "keep"),
    ("c.mp4#anonymize=face", "unknown anonymize 'face'", "faces"),
    ("c.mp4#fit=subjet", "unknown fit 'subjet'", "subject"),
])
def test_bad_background_options_name_the_line(target, message, hint):
    with pytest.raises(StoryError) as e:
        _bg(target)
    assert e.value.line == 3 and message in str(e.value) and hint in (e.value.hint or "")


def test_front_matter_anonymize():
    story = parse_story("---\nanonymize: [faces, voice]\n---\nTexte.\n", "/s/a.md")
    assert story.meta.anonymize == ("faces", "voice")
    assert parse_story("---\nanonymize: faces\n---\nTexte.\n", "/s/a.md").meta.anonymize == ("faces",)
    with pytest.raises(StoryError) as e:
        parse_story("---\nanonymize: [faces, name]\n---\nTexte.\n", "/s/a.md")
    assert e.value.line == 2 and e.value.field.startswith("anonymize")
    with pytest.raises(StoryError) as e:
        parse_story("---\nanonymise: [faces]\n---\nTexte.\n", "/s/a.md")
    assert "anonymize" in (e.value.hint or "")


def test_subject_path_is_smooth_and_bounded():
    fps = 15
    rng = np.random.default_rng(1)
    # a subject jumping from left to right, detections noisy and sometimes missing
    raw = [None if k % 5 == 0 else (0.2 if k < 45 else 0.8) + rng.normal(0, 0.05) for k in range(90)]
    path = reframe.smooth_path(raw, fps, smooth_s=1.0, max_speed=0.25)
    assert len(path) == 90 and path.min() >= 0 and path.max() <= 1
    assert np.abs(np.diff(path)).max() <= 0.25 / fps + 1e-9      # never faster than the limit
    assert abs(path[10] - 0.2) < 0.05 and abs(path[-1] - 0.8) < 0.1  # and it does follow
    assert np.allclose(reframe.smooth_path([None] * 5, fps, 1.0, 0.25), 0.5)


def test_piecewise_expression_passes_through_its_points():
    expr = piecewise_expr([(0, 10.0), (10, 30.0), (20, 30.0)])

    def ev(n):
        code = expr.replace("if(", "_if(").replace("lt(", "_lt(")
        return eval(code, {"_if": lambda c, a, b: a if c else b, "_lt": lambda a, b: a < b, "max": max, "n": n})
    assert [ev(n) for n in (0, 5, 10, 15, 25)] == pytest.approx([10, 20, 30, 30, 30])
    assert set(expr) <= set("0123456789.+-*()nifltmax,")


def test_loudness_measurement_parse_and_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache"))
    stderr = 'noise\n[Parsed_loudnorm_5 @ 0x1]\n{\n"input_i" : "-27.61",\n"input_tp" : "-9.80",\n' \
             '"input_lra" : "3.20",\n"input_thresh" : "-37.9",\n"output_i" : "-14.0",\n"target_offset" : "0.3"\n}\n'
    m = loudness.parse_loudnorm(stderr)
    assert m == loudness.Measured(-27.61, -9.8, 3.2, -37.9, 0.3)
    assert loudness.parse_loudnorm(stderr.replace('"-27.61"', '"-inf"')) is None  # silence
    f = tmp_path / "music.wav"
    f.write_bytes(b"x" * 10)
    key = loudness.cache_key([f], "graph")
    assert loudness.cached(key) is None
    loudness.store(key, m)
    assert loudness.cached(key) == m
    assert loudness.cache_key([f], "other graph") != key
    os.utime(f, ns=(1, 1))
    assert loudness.cache_key([f], "graph") != key               # a changed file is measured again
