"""Caption files read back: the cues of an SRT or WebVTT file (times and lines). The story's
`timing_srt` uses their times as the speech regions the story's text is laid over; the QA reads
the events of a finished video's sidecar with the same reader."""

from __future__ import annotations

import re

from ..i18n import _
from ..errors import StoryError
from .rules import Cue

_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d\d)[,.](\d{1,3})"
_TIME = re.compile(_STAMP + r"\s*-->\s*" + _STAMP)


def _s(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def read_cues(text: str, file: str) -> list[Cue]:
    """Every cue of an SRT or WebVTT text, in file order, with its lines (tags kept: they count as
    characters). Raises StoryError naming the bad line."""
    cues: list[Cue] = []
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    for lineno, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        m = _TIME.search(line)
        if not m:
            raise StoryError(_("bad time line '{line}'", line=line.strip()), file=file, line=lineno,
                             hint=_("times look like 00:00:01,500 --> 00:00:03,000"))
        body = []
        for follow in lines[lineno:]:
            if not follow.strip():
                break
            body.append(follow.strip())
        cues.append(Cue(_s(*m.groups()[:4]), _s(*m.groups()[4:]), tuple(body)))
    if not cues:
        raise StoryError(_("this caption file has no cues"), file=file,
                         hint=_("export the subtitles as SubRip (.srt) or WebVTT (.vtt)"))
    return cues


def srt_regions(text: str, file: str) -> tuple[tuple[float, float], ...]:
    """(start, end) seconds of every cue, in order. Raises StoryError naming the bad line."""
    regions: list[tuple[float, float]] = []
    for cue in read_cues(text, file):
        if cue.end_s <= cue.start_s or (regions and cue.start_s < regions[-1][0]):
            raise StoryError(_("a cue ends before it starts, or is out of order (at {seconds:.3f} s)", seconds=cue.start_s),
                             file=file, hint=_("fix the cue's times in the SRT file"))
        regions.append((cue.start_s, cue.end_s))
    return tuple(regions)
