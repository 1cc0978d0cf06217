"""Typed text in the SRT: only runs a reader would take for markup or a timing line get the
invisible WORD JOINER; what pysubs2 (which honours SRT tags) reads back is the typed text."""

from __future__ import annotations

import pysubs2
import pytest

from studio.render.sidecars import FULLWIDTH_LEFT_BRACE, WORD_JOINER, srt_cue_lines

CASES = [
    ("a<b & c>d",),
    ("<b>gras</b> ici",),
    ("un <i>début", "et sa fin</i>"),           # a tag-shaped run across the cue's two lines
    ("a < b et c > d",),                        # pysubs2 strips "< b et c >" too
    ("Avant --> après",),
    ("de 10:30:00.5 à 11:00:00,0",),            # two time stamps: pysubs2 would take it for a timing line
    ("3 < 4, 5 > 2, x<3",),                     # no letter after '<': not tag-shaped, untouched
    ("Émile, 9 h, « Rentre ! »",),
    ("a {b} c",),                               # pysubs2 drops any {...}: an override block
    ("{\\an8}en haut", "et {\\i1}ici"),          # would move the cue and italicise in players
    ("un {", "deux }",),                         # a pair across the cue's lines
    ("C:\\nouveau \\N \\h",),                     # SubStation's break and hard space
]


@pytest.mark.parametrize("lines", CASES)
def test_pysubs2_reads_the_typed_text(lines):
    srt = "1\n00:00:01,000 --> 00:00:02,000\n" + "\n".join(srt_cue_lines(lines)) + "\n"
    [event] = pysubs2.SSAFile.from_string(srt, format_="srt")
    shown = event.plaintext.replace(WORD_JOINER, "").replace(FULLWIDTH_LEFT_BRACE, "{")
    assert shown.split("\n") == list(lines)
    assert event.text.count("{") == 0 or "}" not in event.text  # nothing left for an override block
    assert (event.start, event.end) == (1000, 2000)


def test_text_with_nothing_to_escape_is_written_untouched():
    for lines in (CASES[6], CASES[7]):
        assert srt_cue_lines(lines) == list(lines)


def test_a_lone_brace_is_untouched_and_a_pair_keeps_its_look():
    assert srt_cue_lines(("a { b",)) == ["a { b"]
    assert srt_cue_lines(("a {b} c",)) == ["a \uff5bb} c"]
