"""Cuts a beat's text into caption events of at most `max_lines` lines that fit the caption's
width: `max_chars` characters and, when a `LineFit` is given, a width in pixels measured with the
caption font (so a caption never has to shrink: one text size for every event of a style).

Dynamic programming over the gaps between words (plain spaces only: no-break spaces hold their
neighbours together): every event boundary and line break costs what `linebreak.gap_cost` says,
plus a little per event and for lopsided lines, and the cheapest cut wins. Some cuts a subtitler
never makes are (almost) never taken: an event boundary inside a quotation that fits in one
event, between words read as one ("parce | que"), or before an emoji; a line holding an emoji
alone; a short fragment on screen by itself, and a piece of a sentence under ~1.5 s of reading
("Pendant deux mois,", "depuis son bureau.") when it can join its neighbour. A word cut from
its complement ("la dame | au téléphone", "j’avais mal | au ventre", "faisaient | des bruits"),
a verb from the end of its negation ("connaissais | même pas") or a subject from its verb costs
more between two events than between two lines: the reader loses the first half meanwhile.
A token longer than a line (a URL, a handle) is broken after one of / . - _ ? & = (no space
added), or refused with `TokenTooLong`.
Joined, the events' lines give back the text (turns of dialogue joined by a newline; a broken
token rejoined without the space)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable

from .emphasis import strip_marks
from .linebreak import (BEFORE_LINK, COMPLEMENT, FORBIDDEN, ORDINARY, SENTENCE_END, Words, ends_negation,
                        gap_cost, is_emoji, line_shape_cost, splits_complement, splits_subject, words_for)

EVENT_COST = 6.0          # fewer, fuller events read better than many flashes
BOUNDARY_WEIGHT = 2.0     # an event boundary is a stronger pause than a line break
SHORT_EVENT_CHARS = 16    # an event shorter than this (~1 s of reading, inside a longer turn)…
SHORT_EVENT_COST = 40.0   # ...is a fragment: it costs as much as an awkward break
CLAUSE_EVENT_CHARS = 24   # a piece of a sentence shorter than this (~1.5 s of reading: "Pendant deux
                          # mois,", "depuis son bureau.") on screen alone is a fragment too
COMPLEMENT_EVENT = 20.0   # a word and its complement in two events: worse than on two lines
MID_LINE_SENTENCE = 8.0   # a sentence ending inside a line (not at its end) reads worse
NEVER = 1000.0            # a cut a subtitler does not make (taken only when nothing else fits)
DASH = "-"
BREAK_AFTER = "/.-_?&="   # where a long URL or handle may be broken across lines
OPENING_QUOTES, CLOSING_QUOTES = "«“", "»”"


@dataclass(frozen=True)
class LineFit:
    """The caption's width in pixels: `measure(line)` (emphasis markers allowed) must not exceed
    `max_width`. Made by studio.media from the caption font; the core only calls it."""

    measure: Callable[[str], float]
    max_width: float
    key: Hashable = None  # what `measure` measures with (font, size...): the same key, the same widths


class TokenTooLong(ValueError):
    """A word or URL wider than a caption line, with no place to break it."""

    def __init__(self, token: str):
        super().__init__(token)
        self.token = token


def segment(text: str, max_chars: int, max_lines: int, lang: str,
            fit: LineFit | None = None) -> list[tuple[str, ...]]:
    """Events (tuples of lines) for one beat. Lines of dialogue (turns starting with '- ') never
    share a line; two one-line turns share an event, each with its dash.

    Remembered when `fit` names what it measures with (`key`): the instant preview lays the whole
    story again after each keystroke, and only the edited beat's text is new."""
    if fit is None or fit.key is None:
        return _segment(text, max_chars, max_lines, lang, fit)
    key = (text, max_chars, max_lines, lang, fit.key, fit.max_width)
    if (known := _SEGMENTED.get(key)) is None:
        if len(_SEGMENTED) > 4096:
            _SEGMENTED.clear()
        known = _SEGMENTED[key] = tuple(_segment(text, max_chars, max_lines, lang, fit))
    return list(known)


_SEGMENTED: dict[tuple, tuple[tuple[str, ...], ...]] = {}


def _segment(text: str, max_chars: int, max_lines: int, lang: str,
             fit: LineFit | None) -> list[tuple[str, ...]]:
    words = words_for(lang)
    per_turn = [_segment_turn(turn.split(" "), max_chars, max_lines, words, fit)
                for turn in text.split("\n") if turn]
    events: list[tuple[str, ...]] = []
    for turn_events in per_turn:
        single = len(turn_events) == 1 and len(turn_events[0]) == 1
        last = events[-1] if events else None
        if (single and last is not None and len(last) < max_lines and _is_turn(last[0])
                and _is_turn(turn_events[0][0]) and _merged_ok(last, per_turn)):
            events[-1] = last + turn_events[0]
        else:
            events.extend(turn_events)
    return events


def _is_turn(line: str) -> bool:
    return strip_marks(line).startswith(DASH)


def _merged_ok(last: tuple[str, ...], per_turn) -> bool:
    # only one-line turns share an event: the previous event must be a whole one-line turn
    return len(last) == 1 and any(t == [last] for t in per_turn)


def split_long(token: str, fits: Callable[[str], bool]) -> list[str]:
    """A token too wide for a line, cut after its allowed break points into the fewest pieces
    that fit (longest first piece); TokenTooLong when a piece cannot be made to fit."""
    pieces, rest = [], token
    while not fits(rest):
        cuts = [k + 1 for k, ch in enumerate(rest[:-1]) if ch in BREAK_AFTER and fits(rest[:k + 1])]
        if not cuts:
            raise TokenTooLong(strip_marks(token))
        pieces.append(rest[:cuts[-1]])
        rest = rest[cuts[-1]:]
    return pieces + [rest]


def _segment_turn(raw: list[str], max_chars: int, max_lines: int, words: Words,
                  fit: LineFit | None) -> list[tuple[str, ...]]:
    measure = lru_cache(maxsize=None)(fit.measure) if fit else None

    def line_fits(s: str) -> bool:
        return len(strip_marks(s)) <= max_chars and (measure is None or measure(s) <= fit.max_width)

    tokens: list[str] = []
    glued: list[bool] = []  # token k continues token k-1 without a space (a broken URL)
    for t in raw:
        pieces = [t] if line_fits(t) else split_long(t, line_fits)
        tokens += pieces
        glued += [False] + [True] * (len(pieces) - 1)
    n = len(tokens)

    @lru_cache(maxsize=None)
    def join(i: int, j: int) -> str:
        return "".join(("" if glued[k] or k == i else " ") + tokens[k] for k in range(i, j))

    @lru_cache(maxsize=None)
    def width(i: int, j: int) -> float:  # in characters (pixels scaled to characters with a fit)
        text = join(i, j)
        if measure is None:
            return len(strip_marks(text))
        return measure(text) * max_chars / fit.max_width

    def fits(i: int, j: int) -> bool:
        return j - i == 1 or line_fits(join(i, j))

    emoji = [is_emoji(t) for t in tokens]
    gaps, never = [], []
    complement = [False] * max(0, n - 1)
    for k in range(n - 1):
        if glued[k + 1]:
            gaps.append(BEFORE_LINK)
            never.append(True)
        elif emoji[k + 1] or (emoji[k] and all(emoji[:k + 1])):
            gaps.append(NEVER)  # an emoji stays with the word before it (or, leading, after it)
            never.append(True)
        else:
            g = gap_cost(tokens[k], tokens[k + 1], words)
            if g >= FORBIDDEN and ends_negation(tokens[max(0, k - 2):k], tokens[k], words):
                g = ORDINARY
            if splits_complement(tokens[k - 1] if k else "", tokens[k], tokens[k + 1],
                                 tokens[k + 2] if k + 2 < n else "", words):
                g = max(g, COMPLEMENT)
                complement[k] = True
            complement[k] = complement[k] or splits_subject(tokens[k], tokens[k + 1], words)
            gaps.append(g)
            never.append(g >= FORBIDDEN)
    ends = [0]
    for k in range(n - 1):
        ends.append(ends[-1] + (gaps[k] == SENTENCE_END))

    def inner(i: int, j: int) -> float:  # sentence ends inside the line tokens[i:j]
        return MID_LINE_SENTENCE * (ends[j - 1] - ends[i])

    @lru_cache(maxsize=None)
    def lines(i: int, j: int, room: int) -> tuple[float, tuple[int, ...]]:
        """Cheapest split of tokens[i:j] into at most `room` lines: (cost, inner break indices)."""
        if fits(i, j):
            return inner(i, j), ()
        if room == 1:
            return float("inf"), ()
        best: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for k in range(i + 1, j):
            if not fits(i, k):
                break
            rest, cuts = lines(k, j, room - 1)
            if rest == float("inf"):
                continue
            first_rest = cuts[0] if cuts else j
            cost = gaps[k - 1] + rest + inner(i, k) + line_shape_cost([width(i, k), width(k, first_rest)], max_chars)
            if cost < best[0]:
                best = (cost, (k, *cuts))
        return best

    # a quotation that fits in one event is never cut into two
    opened = None
    for k, t in enumerate(tokens):
        bare = strip_marks(t)
        if opened is None and any(q in bare for q in OPENING_QUOTES):
            opened = k
        if opened is not None and any(q in bare for q in CLOSING_QUOTES):
            if lines(opened, k + 1, max_lines)[0] < float("inf"):
                for g in range(opened, k):
                    never[g] = True
            opened = None

    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if len(strip_marks(join(i, j))) > max_chars * max_lines + max_lines and j - i > 1:
                break
            cost, _ = lines(i, j, max_lines)
            if cost == float("inf") or best[i][0] == float("inf"):
                continue
            cost += best[i][0] + EVENT_COST
            if j < n:
                cost += (BOUNDARY_WEIGHT * gaps[j - 1] + (NEVER if never[j - 1] else 0.0)
                         + (COMPLEMENT_EVENT if complement[j - 1] else 0.0))
            chars = len(strip_marks(join(i, j)))
            # a piece of a sentence: the event starts or ends inside one
            partial = (i > 0 and gaps[i - 1] != SENTENCE_END) or (j < n and gaps[j - 1] != SENTENCE_END)
            if n > j - i and (chars < SHORT_EVENT_CHARS or (partial and chars < CLAUSE_EVENT_CHARS)):
                cost += SHORT_EVENT_COST
            if cost < best[j][0]:
                best[j] = (cost, i)
    bounds: list[tuple[int, int]] = []
    j = n
    while j > 0:
        i = best[j][1]
        bounds.append((i, j))
        j = i
    events = []
    for i, j in reversed(bounds):
        cuts = (i, *lines(i, j, max_lines)[1], j)
        events.append(tuple(join(a, b) for a, b in zip(cuts, cuts[1:])))
    return events
