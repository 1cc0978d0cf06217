"""QA pieces without ffmpeg: the care word list, caption files and timing rules, the intro in the
timeline, the verdict (flash counting on synthetic frames goes through ffmpeg: it is in
tests/integration/test_qa.py)."""

from __future__ import annotations

import numpy as np
import pytest

from studio.core.care import care_texts, self_harm_mentions
from studio.core.catalog import Catalog
from studio.core.look import Timing
from studio.core.preset import CaptionLimits
from studio.core.story import parse_story
from studio.core.timeline import build_timeline
from studio.core.captions import Cue
from studio.core.timeline import caption_rules
from studio.qa.caption_timing import timing_rules
from studio.qa.run import read_captions
from studio.qa.model import Report, RuleResult

LIMITS = CaptionLimits(max_chars_per_line=32, max_lines=2, max_event_s=7.0, close_gap_s=0.5, max_offset_s=1.5,
                       min_contrast=4.5)
TIMING = Timing(cps=15, cps_max=17, pad_s=0.6, min_beat_s=2, max_beat_s=12, min_event_s=0.834, gap_frames=2)


@pytest.mark.parametrize("text, hit", [
    ("J’ai pensé au SUICIDE.", "suicid*"),
    ("Il parlait de se suicider", "suicid*"),
    ("Je voulais me faire du mal.", "me faire du mal"),
    ("Elle se scarifiait le soir", "scarif*"),
    ("On a parlé d’automutilation", "automutil*"),
    ("Il y avait une ambiance tuante au collège.", None),
    ("La tuerie du film", None),
])
def test_the_french_word_list(text, hit):
    care = care_texts("fr")
    found = self_harm_mentions(parse_story(f"Avant.\n\n{text}\n"), care)
    assert [m.word for m in found] == ([hit] if hit else [])
    if hit:
        assert found[0].line == 3


def test_the_word_list_is_editable_in_the_user_folder(tmp_path):
    (tmp_path / "care").mkdir()
    shipped = (Catalog().data / "presets" / "care" / "fr.toml").read_text(encoding="utf-8")
    (tmp_path / "care" / "fr.toml").write_text(shipped.replace('"suicid*",', '"suicid*", "disparaître",'),
                                               encoding="utf-8")
    care = care_texts("fr-BE", Catalog(user=tmp_path))
    assert [m.word for m in self_harm_mentions(parse_story("Je voulais disparaître."), care)] == ["disparaître"]


def test_the_intro_shifts_the_beats():
    story = parse_story("Un premier beat.\n\nUn second beat, plus long que le premier.\n")
    plain = build_timeline(story, TIMING, 30, 6.0, LIMITS)
    warned = build_timeline(story, TIMING, 30, 6.0, LIMITS, intro_s=3.0)
    assert plain.intro.frames == 0 and warned.intro == type(warned.intro)(0, 90)
    assert [b.start - 90 for b in warned.beats] == [b.start for b in plain.beats]
    assert [e.start - 90 for e in warned.events] == [e.start for e in plain.events]
    assert warned.total_frames == plain.total_frames + 90


def test_sidecars_srt_and_vtt(tmp_path):
    (tmp_path / "a.srt").write_text("1\n00:00:01,000 --> 00:00:02,500\nUne ligne\net deux\n\n"
                                    "2\n00:00:03,000 --> 00:00:04,000\n{x} 100 %\n", encoding="utf-8")
    (tmp_path / "a.vtt").write_text("WEBVTT\n\nNOTE hi\n\n00:01.000 --> 00:02.500 line:80%\nUne ligne\n",
                                    encoding="utf-8")
    srt = read_captions(tmp_path / "a.srt")
    assert srt[0] == Cue(1.0, 2.5, ("Une ligne", "et deux")) and srt[1].lines == ("{x} 100 %",)
    assert read_captions(tmp_path / "a.vtt") == [Cue(1.0, 2.5, ("Une ligne",))]


def test_caption_timing_rules(tiny_rules):
    """The QA judges captions by the readability rules the render follows (one home: core)."""
    rules = caption_rules(TIMING, tiny_rules.captions, 30, "fr")
    events = [Cue(0.0, 1.0, ("x" * 40,)), Cue(1.0, 1.5, ("a", "b", "c"))]
    by = {r.rule: r for r in timing_rules(events, rules)}
    assert by["captions.cps"].status == "fail" and by["captions.cps"].measured == 40
    assert by["captions.cpl"].status == "fail" and by["captions.lines"].status == "fail"
    assert by["captions.duration"].status == "warn" and by["captions.gap"].status == "fail"
    assert by["captions.cps"].limit == "≤ 17 characters per second" and by["captions.cpl"].limit == "≤ 32 characters"
    ok = [Cue(0.0, 2.0, ("Bonjour à tous.",)), Cue(2.0 + 2 / 30, 4.0, ("Une phrase", "sur deux lignes."))]
    assert all(r.status == "pass" for r in timing_rules(ok, rules))


@pytest.fixture
def tiny_rules():
    return Catalog().preset("tiktok")


def test_the_verdict_is_the_worst_status():
    r = lambda s: RuleResult("x." + s, s, s)  # noqa: E731
    assert Report("v", "p", (r("pass"),)).verdict == "publishable"
    assert Report("v", "p", (r("pass"), r("warn"))).verdict == "publishable with warnings"
    assert Report("v", "p", (r("warn"), r("fail"))).verdict == "not publishable"


def test_the_grid_filters_are_the_same_text_for_both_graphs():
    from studio.media.streams import Stream
    from studio.qa.frames import _grid, _text, grid_filters, picture_filters
    v = Stream(0, "video", "h264", pix_fmt="yuv420p", color_range="tv", colorspace="bt709", width=1080, height=1920)
    cells, filters = grid_filters(v)
    assert (cells, _text(filters)) == _grid(v)[:2]
    assert filters[0] == ("crop", {"_0": "1056", "_1": "1848", "_2": "0", "_3": "0"})
    assert cells == 8 * 14
    assert _text(picture_filters((180, 320))) == "scale=w=180:h=320:flags=bilinear,format=pix_fmts=rgb24"


def test_a_render_keeps_the_card_frames_of_its_head_tail_and_thumbs():
    from studio.qa.frames import Wanted, render_card_frames, selected
    w = Wanted(head_s=1.0, tail_s=2.0, detail=frozenset(), thumbs=frozenset({50}))
    frames = render_card_frames(100, 10, w)  # 10 s at 10 fps
    assert frames == [*range(10), 50, *range(80, 100)]
    assert selected({5, 3}, 4) == [0, 3]


def test_a_patch_gives_only_the_region_it_kept():
    from studio.qa.frames import Patch
    p = Patch(np.arange(4 * 6 * 3, dtype=np.uint8).reshape(4, 6, 3), x=10, y=20, width=100, height=200)
    assert p.region(11, 21, 13, 24).shape == (3, 2, 3)
    assert p.region(10, 20, 16, 24)[0, 0, 0] == 0 and not p.whole
    with pytest.raises(ValueError, match="outside the patch"):
        p.region(9, 20, 12, 22)
