"""Typed text in the SRT: only runs a reader would take for markup or a timing line get the
invisible WORD JOINER; what pysubs2 (which honours SRT tags) reads back is the typed text."""

from __future__ import annotations

import pysubs2
import pytest

from studio.render.sidecars import WORD_JOINER, srt_cue_lines

CASES = [
    ("a<b & c>d",),
    ("<b>gras</b> ici",),
    ("un <i>début", "et sa fin</i>"),           # a tag-shaped run across the cue's two lines
    ("a < b et c > d",),                        # pysubs2 strips "< b et c >" too
    ("Avant --> après",),
    ("de 10:30:00.5 à 11:00:00,0",),            # two time stamps: pysubs2 would take it for a timing line
    ("3 < 4, 5 > 2, x<3",),                     # no letter after '<': not tag-shaped, untouched
    ("Émile, 9 h, « Rentre ! »",),
]


@pytest.mark.parametrize("lines", CASES)
def test_pysubs2_reads_the_typed_text(lines):
    srt = "1\n00:00:01,000 --> 00:00:02,000\n" + "\n".join(srt_cue_lines(lines)) + "\n"
    [event] = pysubs2.SSAFile.from_string(srt, format_="srt")
    assert event.plaintext.replace(WORD_JOINER, "").split("\n") == list(lines)
    assert (event.start, event.end) == (1000, 2000)


def test_text_with_nothing_to_escape_is_written_untouched():
    for lines in (CASES[6], CASES[7]):
        assert srt_cue_lines(lines) == list(lines)
