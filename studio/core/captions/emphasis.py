"""Emphasis inside caption text: Markdown's `**bold**` and `*italic*` become private-use marker
characters around the words, so typesetting, segmentation and timing carry them along with the
text; the images draw them (a heavier weight, a slant) and the SRT/WebVTT drop them.

The markers are in the Unicode private-use area: no story text or font uses them."""

from __future__ import annotations

BOLD_ON, BOLD_OFF, ITALIC_ON, ITALIC_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
MARKS = BOLD_ON + BOLD_OFF + ITALIC_ON + ITALIC_OFF
_STRIP = str.maketrans("", "", MARKS)


def strip_marks(text: str) -> str:
    """The text a viewer reads (and the SRT carries): no emphasis markers."""
    return text.translate(_STRIP)


def has_marks(text: str) -> bool:
    return any(m in text for m in MARKS)


def styled_runs(line: str, bold: bool = False, italic: bool = False) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) runs of a line holding markers, starting in the given state."""
    runs: list[tuple[str, bool, bool]] = []
    text = ""
    for ch in line:
        if ch in MARKS:
            if text:
                runs.append((text, bold, italic))
                text = ""
            bold = {BOLD_ON: True, BOLD_OFF: False}.get(ch, bold)
            italic = {ITALIC_ON: True, ITALIC_OFF: False}.get(ch, italic)
        else:
            text += ch
    if text:
        runs.append((text, bold, italic))
    return runs


def close_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Lines cut from one marked-up text, each made self-contained: a span opened on an earlier
    line (or event) is reopened at the start of the next, and closed at the end of its own."""
    out = []
    bold = italic = False
    for line in lines:
        prefix = (BOLD_ON if bold else "") + (ITALIC_ON if italic else "")
        for ch in line:
            if ch in MARKS:
                bold = {BOLD_ON: True, BOLD_OFF: False}.get(ch, bold)
                italic = {ITALIC_ON: True, ITALIC_OFF: False}.get(ch, italic)
        suffix = (BOLD_OFF if bold else "") + (ITALIC_OFF if italic else "")
        out.append(prefix + line + suffix)
    return tuple(out)


def close_events(events: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """`close_lines` over all the events of one text (a span may cross an event boundary)."""
    flat = close_lines(tuple(line for e in events for line in e))
    out, k = [], 0
    for e in events:
        out.append(flat[k:k + len(e)])
        k += len(e)
    return out
