"""Timeline math: frame-exact beats from reading speed, caption events, gaps, end card."""

from __future__ import annotations

from fractions import Fraction

import pytest

from studio.core.catalog import Catalog
from studio.core.look import Timing
from studio.core.story import parse_story
from studio.core.captions import segment
from studio.core.timeline import beat_seconds, build_timeline

LIMITS = Catalog().preset("tiktok").captions


def split_caption(text, max_chars, max_lines):
    return [list(e) for e in segment(text, max_chars, max_lines, "fr")]

TIMING = Timing.model_validate(Catalog().defaults()["look"]["timing"])


def test_beat_seconds_reading_speed_bounds():
    assert beat_seconds("Oui.", TIMING) == TIMING.min_beat_s
    text = "x" * 60
    assert beat_seconds(text, TIMING) == pytest.approx(60 / TIMING.cps + TIMING.pad_s)
    long = "x" * 400  # the max would make it unreadable: the hard cap wins
    assert beat_seconds(long, TIMING) == pytest.approx(400 / TIMING.cps_max)


def test_split_caption_limits_and_text_preserved():
    text = ("Puis les messages sont arrivés. Chaque soir. Et un jour, quelqu'un a publié une photo "
            "de moi dans le groupe de la classe, avec une légende que tout le monde a vue.")
    events = split_caption(text, 32, 2)
    assert all(1 <= len(e) <= 2 for e in events)
    assert all(len(line) <= 32 for e in events for line in e)
    assert " ".join(" ".join(e) for e in events) == text
    assert events[0][0] == "Puis les messages sont arrivés."


def test_no_break_space_is_never_a_break():
    events = split_caption("Appelle le 3020\u00a0: c’est gratuit et anonyme, 7\u00a0jours sur 7.", 20, 2)
    assert all("\u00a0" not in line[:1] + line[-1:] for e in events for line in e)
    assert any("3020\u00a0:" in line for e in events for line in e)


@pytest.mark.parametrize("fps", [30, 25, 15, Fraction(30000, 1001)])
def test_timeline_is_frame_exact(tmp_path, fps):
    story = parse_story("Un.\n\n" + "Deux phrases ici. " * 8 + "\n\n![x](a.jpg)\n\nTrois.\n\nQuatre.\n", tmp_path / "s.md")
    tl = build_timeline(story, TIMING, fps, 6.0, LIMITS)
    assert tl.beats[0].start == 0
    assert all(a.end == b.start for a, b in zip(tl.beats, tl.beats[1:]))
    assert tl.endcard.start == tl.beats[-1].end and tl.endcard.frames >= 6 * fps
    for b, text in zip(tl.beats, (x.text for x in story.beats)):
        assert b.frames / fps >= len(text) / TIMING.cps_max
    assert [s.beats for s in tl.segments] == [(0, 1), (2, 3)]
    assert sum(s.frames for s in tl.segments) == tl.endcard.start
    for e, nxt in zip(tl.events, tl.events[1:]):
        assert nxt.start - e.end >= TIMING.gap_frames
        assert e.frames >= TIMING.min_event_s * fps - 1
    assert tl.events[-1].end == tl.endcard.start
    assert " ".join(e.text for e in tl.events) == " ".join(b.text for b in story.beats)


def test_min_story_length_stretches_beats(tmp_path):
    story = parse_story("Un.\n\nDeux.\n", tmp_path / "s.md")
    tl = build_timeline(story, TIMING, 30, 6.0, LIMITS, min_story_s=20.0)
    assert tl.endcard.start >= 20 * 30
