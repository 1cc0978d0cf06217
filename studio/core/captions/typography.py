"""Typography of caption text, by language (docs/standards.md §4). Only spaces, apostrophes and the
ellipsis change: the editor's words are never reworded.

French: a narrow no-break space (U+202F) before ; ! ? and inside « », a no-break space (U+00A0)
before :, numbers kept with their unit, ’ for the apostrophe and … for three dots.
English: ’ and …, numbers kept with their unit.
A line is never broken at a no-break space: the segmenter splits at plain spaces only."""

from __future__ import annotations

import re

NBSP = "\u00a0"        # no-break space (before ':' in French, number + unit)
NNBSP = "\u202f"       # narrow no-break space (before ; ! ? and inside « » in French)
NO_BREAK = (NBSP, NNBSP, "\u2007", "\u2060")

# units and counted words a number must never be separated from ("9 h", "100 %", "14 ans")
_UNITS_FR = ("h", "min", "s", "ms", "km", "m", "cm", "mm", "kg", "g", "mg", "l", "cl", "ml", "%", "€",
             "$", "°", "°C", "ans", "an", "jours", "jour", "mois", "semaines", "heures", "minutes",
             "secondes", "fois", "élèves", "personnes", "messages", "euros", "km/h", "Go", "Mo")
_UNITS_EN = ("h", "min", "s", "ms", "km", "m", "cm", "mm", "kg", "g", "mg", "l", "ml", "%", "€", "$",
             "°", "°C", "years", "year", "days", "day", "months", "weeks", "hours", "minutes",
             "seconds", "times", "am", "pm", "a.m.", "p.m.", "GB", "MB")


def is_french(lang: str) -> bool:
    return lang.lower().split("-")[0] == "fr"


def typeset(text: str, lang: str) -> str:
    """`text` with the typography of `lang`. Idempotent: typeset(typeset(t)) == typeset(t)."""
    text = _apostrophes_and_ellipsis(text)
    if is_french(lang):
        text = _french_spaces(text)
    return _units(text, _UNITS_FR if is_french(lang) else _UNITS_EN)


def _apostrophes_and_ellipsis(text: str) -> str:
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)   # l'école -> l’école (not 'quoted' words)
    return re.sub(r"(?<!\.)\.\.\.(?!\.)", "…", text)


_SPACE = r"[ \u00a0\u202f]"


def _french_spaces(text: str) -> str:
    # ; ! ? after a word, a closing guillemet or a digit: (re)place any space with U+202F.
    # A run like "?!" keeps one space before its first sign only.
    text = re.sub(rf"(?<=[^\s;!?:]){_SPACE}?(?=[;!?])", NNBSP, text)
    # ':' followed by a space or the end (not 9:30, not https://): U+00A0 before it
    text = re.sub(rf"(?<=[^\s;!?:]){_SPACE}?:(?=\s|$)", NBSP + ":", text)
    text = re.sub(rf"«{_SPACE}*", "«" + NNBSP, text)
    text = re.sub(rf"{_SPACE}*»", NNBSP + "»", text)
    return text


def _units(text: str, units: tuple[str, ...]) -> str:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # a number, a plain space, a unit that ends there: the space becomes a no-break space
    text = re.sub(rf"(?<![\w.,])(\d+(?:[.,]\d+)?) (?=(?:{alternatives})(?![\w]))", rf"\1{NBSP}", text)
    # clock times "8 h 15": the minutes stay with the hour
    text = re.sub(rf"(\d{NBSP}h) (?=\d{{2}}(?!\d))", rf"\1{NBSP}", text)
    # thousands groups "10 000": narrow no-break space (French and SI)
    return re.sub(r"(?<![\w.,])(\d{1,3})(?: (\d{3}))(?!\d)", rf"\1{NNBSP}\2", text)


def plain(text: str) -> str:
    """Caption text with no-break spaces as plain spaces (for comparing with the story's words)."""
    for ch in NO_BREAK:
        text = text.replace(ch, " ")
    return text
