"""The readability checker: every rule of docs/standards.md §4 that a list of timed caption events can
break, with the event number, its time and the rule's name. Pure; used by `studio captions`, the
timeline's own tests and the tests that read rendered SRT/WebVTT files back."""

from __future__ import annotations

import re

from ..i18n import _
from dataclasses import asdict, dataclass
from typing import Sequence

from .typography import NO_BREAK, is_french

EPSILON_S = 0.0015  # SRT/WebVTT store milliseconds: allow their rounding


@dataclass(frozen=True)
class Rules:
    max_chars: int
    max_lines: int
    cps_max: float
    min_event_s: float
    max_event_s: float
    min_gap_s: float
    close_gap_s: float
    max_offset_s: float
    lang: str = "fr"


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    lines: tuple[str, ...]
    speech_s: float | None = None  # when the matching speech starts, if known


@dataclass(frozen=True)
class Problem:
    event: int      # 1-based, as in the SRT file
    time_s: float
    rule: str
    message: str  # a catalogue message (Msg): text in the reader's language when shown

    def to_dict(self) -> dict:
        return {**asdict(self), "message": str(self.message)}


def chars(lines: Sequence[str]) -> int:
    """Characters a viewer reads: the lines joined by one space (Netflix counts spaces)."""
    return len(" ".join(lines))


def check(cues: Sequence[Cue], rules: Rules) -> list[Problem]:
    problems: list[Problem] = []

    def flag(k: int, rule: str, message: str) -> None:
        problems.append(Problem(k + 1, round(cues[k].start_s, 3), rule, message))

    for k, cue in enumerate(cues):
        duration = cue.end_s - cue.start_s
        if len(cue.lines) > rules.max_lines:
            flag(k, "max-lines", _("{n} lines (at most {cap})", n=len(cue.lines), cap=rules.max_lines))
        for line in cue.lines:
            if len(line) > rules.max_chars:
                flag(k, "chars-per-line", _("{n} characters in '{line}' (at most {cap})", n=len(line), line=line,
                                            cap=rules.max_chars))
            if not line.strip():
                flag(k, "empty-line", "an empty line")
            if line[:1] in NO_BREAK or line[-1:] in NO_BREAK:
                flag(k, "no-break-space", _("line broken at a no-break space: '{line}'", line=line))
        if duration < rules.min_event_s - EPSILON_S:
            flag(k, "min-duration", _("on screen {seconds:.3f} s (at least {floor:.3f} s)", seconds=duration,
                                      floor=rules.min_event_s))
        if duration > rules.max_event_s + EPSILON_S:
            flag(k, "max-duration", _("on screen {seconds:.3f} s (at most {cap:g} s)", seconds=duration, cap=rules.max_event_s))
        if duration > 0 and chars(cue.lines) / duration > rules.cps_max + 0.05:
            flag(k, "reading-speed", _("{cps:.1f} characters per second (at most {cap:g})",
                                       cps=chars(cue.lines) / duration, cap=rules.cps_max))
        if cue.speech_s is not None and abs(cue.start_s - cue.speech_s) > rules.max_offset_s + EPSILON_S:
            flag(k, "speech-sync", _("shown {offset:+.2f} s from its speech (at most ±{cap:g} s)",
                                     offset=cue.start_s - cue.speech_s, cap=rules.max_offset_s))
        if is_french(rules.lang):
            for line in cue.lines:
                bad = _french_space_problem(line)
                if bad:
                    flag(k, "french-typography", _("{problem} in '{line}'", problem=bad, line=line))
        if k:
            gap = cue.start_s - cues[k - 1].end_s
            if gap < rules.min_gap_s - EPSILON_S:
                flag(k, "min-gap", _("{ms:.0f} ms after the previous event (at least {floor:.0f} ms)",
                                     ms=gap * 1000, floor=rules.min_gap_s * 1000))
            elif rules.min_gap_s + EPSILON_S < gap < rules.close_gap_s - EPSILON_S:
                flag(k, "unclosed-gap", _("a {ms:.0f} ms gap before it: close gaps under {under:g} s to {floor:.0f} ms",
                                          ms=gap * 1000, under=rules.close_gap_s, floor=rules.min_gap_s * 1000))
    return problems


def _french_space_problem(line: str) -> str | None:
    for i, ch in enumerate(line):
        before = line[i - 1] if i else ""
        if ch in ";!?" and before and before not in "\u202f\u00a0!?;:" and not before.isspace():
            return _("no narrow no-break space before '{char}'", char=ch)
        if ch in ";!?" and before == " ":
            return _("a breaking space before '{char}'", char=ch)
        if ch == ":" and before and before != "\u00a0" and (i + 1 == len(line) or line[i + 1].isspace()):
            return _("no no-break space before ':'")
        if ch == "«" and i + 1 < len(line) and line[i + 1] != "\u202f":
            return _("no narrow no-break space after '«'")
        if ch == "»" and before and before != "\u202f":
            return _("no narrow no-break space before '»'")
    if re.search(r"\w'\w", line):
        return _("a straight apostrophe (use ’)")
    if "..." in line:
        return _("three dots (use …)")
    return None
