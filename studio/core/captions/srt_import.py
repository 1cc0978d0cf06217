"""Timing a story from an existing SRT file: its cues' times become the speech regions the story's
text is laid over (its text is not used: the story's own words are shown)."""

from __future__ import annotations

import re

from ..errors import StoryError

_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{1,3})\s*-->\s*(\d+):(\d\d):(\d\d)[,.](\d{1,3})")


def _s(h: str, m: str, s: str, ms: str) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def srt_regions(text: str, file: str) -> tuple[tuple[float, float], ...]:
    """(start, end) seconds of every cue, in order. Raises StoryError naming the bad line."""
    regions: list[tuple[float, float]] = []
    for lineno, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if "-->" not in line:
            continue
        m = _TIME.search(line)
        if not m:
            raise StoryError(f"bad SRT time line '{line.strip()}'", file=file, line=lineno,
                             hint="SRT times look like 00:00:01,500 --> 00:00:03,000")
        a, b = _s(*m.groups()[:4]), _s(*m.groups()[4:])
        if b <= a or (regions and a < regions[-1][0]):
            raise StoryError("SRT cue ends before it starts, or is out of order", file=file, line=lineno)
        regions.append((a, b))
    if not regions:
        raise StoryError("this SRT file has no cues", file=file, hint="export the subtitles as SubRip (.srt)")
    return tuple(regions)
