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
    per_turn = [_Turn(turn.split(" "), max_chars, max_lines, words, fit).events()
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


class _Turn:
    """One turn of dialogue (or a whole beat) as tokens, the cost of cutting at each gap between
    them, and the cheapest cut into events of lines. Spans are token indices [i, j)."""

    def __init__(self, raw: list[str], max_chars: int, max_lines: int, words: Words, fit: LineFit | None):
        self.max_chars, self.max_lines, self.fit = max_chars, max_lines, fit
        self.measure = lru_cache(maxsize=None)(fit.measure) if fit else None
        self._joined: dict[tuple[int, int], str] = {}
        self._widths: dict[tuple[int, int], float] = {}
        self._lines: dict[tuple[int, int, int], tuple[float, tuple[int, ...]]] = {}
        self.tokens, self.glued = _tokens(raw, self.line_fits)
        self.n = len(self.tokens)
        self.gaps, self.never, self.complement = _gap_costs(self.tokens, self.glued, words)
        self.ends = [0]  # sentence ends before each token
        for k in range(self.n - 1):
            self.ends.append(self.ends[-1] + (self.gaps[k] == SENTENCE_END))
        self._keep_quotations_whole()

    # --- one line ---

    def line_fits(self, s: str) -> bool:
        return len(strip_marks(s)) <= self.max_chars and (self.measure is None
                                                         or self.measure(s) <= self.fit.max_width)

    def join(self, i: int, j: int) -> str:
        if (text := self._joined.get((i, j))) is None:
            text = self._joined[i, j] = "".join(("" if self.glued[k] or k == i else " ") + self.tokens[k]
                                               for k in range(i, j))
        return text

    def width(self, i: int, j: int) -> float:
        """In characters (pixels scaled to characters with a fit)."""
        if (w := self._widths.get((i, j))) is None:
            text = self.join(i, j)
            if self.measure is None:
                w = len(strip_marks(text))
            else:
                w = self.measure(text) * self.max_chars / self.fit.max_width
            self._widths[i, j] = w
        return w

    def fits(self, i: int, j: int) -> bool:
        return j - i == 1 or self.line_fits(self.join(i, j))

    def inner(self, i: int, j: int) -> float:
        """What the sentence ends inside the line tokens[i:j] cost."""
        return MID_LINE_SENTENCE * (self.ends[j - 1] - self.ends[i])

    # --- one event ---

    def lines(self, i: int, j: int, room: int) -> tuple[float, tuple[int, ...]]:
        """Cheapest split of tokens[i:j] into at most `room` lines: (cost, inner break indices)."""
        if (known := self._lines.get((i, j, room))) is None:
            known = self._lines[i, j, room] = self._split_lines(i, j, room)
        return known

    def _split_lines(self, i: int, j: int, room: int) -> tuple[float, tuple[int, ...]]:
        if self.fits(i, j):
            return self.inner(i, j), ()
        if room == 1:
            return float("inf"), ()
        best: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for k in range(i + 1, j):
            if not self.fits(i, k):
                break
            rest, cuts = self.lines(k, j, room - 1)
            if rest == float("inf"):
                continue
            first_rest = cuts[0] if cuts else j
            cost = (self.gaps[k - 1] + rest + self.inner(i, k)
                    + line_shape_cost([self.width(i, k), self.width(k, first_rest)], self.max_chars))
            if cost < best[0]:
                best = (cost, (k, *cuts))
        return best

    def _keep_quotations_whole(self) -> None:
        """A quotation that fits in one event is never cut into two."""
        opened = None
        for k, t in enumerate(self.tokens):
            bare = strip_marks(t)
            if opened is None and any(q in bare for q in OPENING_QUOTES):
                opened = k
            if opened is not None and any(q in bare for q in CLOSING_QUOTES):
                if self.lines(opened, k + 1, self.max_lines)[0] < float("inf"):
                    for g in range(opened, k):
                        self.never[g] = True
                opened = None

    def _boundary_cost(self, j: int) -> float:
        """What an event boundary before token j costs (more than a line break there)."""
        return (BOUNDARY_WEIGHT * self.gaps[j - 1] + (NEVER if self.never[j - 1] else 0.0)
                + (COMPLEMENT_EVENT if self.complement[j - 1] else 0.0))

    def _is_fragment(self, i: int, j: int) -> bool:
        """tokens[i:j], inside a longer turn, too short to be on screen alone: under ~1 s of
        reading, or under ~1.5 s when it starts or ends inside a sentence."""
        n, gaps = self.n, self.gaps
        chars = len(strip_marks(self.join(i, j)))
        partial = (i > 0 and gaps[i - 1] != SENTENCE_END) or (j < n and gaps[j - 1] != SENTENCE_END)
        return n > j - i and (chars < SHORT_EVENT_CHARS or (partial and chars < CLAUSE_EVENT_CHARS))

    # --- the turn ---

    def _bounds(self) -> list[tuple[int, int]]:
        """The events' spans, in order: the cheapest cut of the whole turn (dynamic programming over
        where each event ends)."""
        n, max_chars, max_lines = self.n, self.max_chars, self.max_lines
        best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                if len(strip_marks(self.join(i, j))) > max_chars * max_lines + max_lines and j - i > 1:
                    break
                cost, _ = self.lines(i, j, max_lines)
                if cost == float("inf") or best[i][0] == float("inf"):
                    continue
                cost += best[i][0] + EVENT_COST
                if j < n:
                    cost += self._boundary_cost(j)
                if self._is_fragment(i, j):
                    cost += SHORT_EVENT_COST
                if cost < best[j][0]:
                    best[j] = (cost, i)
        bounds: list[tuple[int, int]] = []
        j = n
        while j > 0:
            i = best[j][1]
            bounds.append((i, j))
            j = i
        return bounds[::-1]

    def events(self) -> list[tuple[str, ...]]:
        events = []
        for i, j in self._bounds():
            cuts = (i, *self.lines(i, j, self.max_lines)[1], j)
            events.append(tuple(self.join(a, b) for a, b in zip(cuts, cuts[1:])))
        return events


def _tokens(raw: list[str], line_fits: Callable[[str], bool]) -> tuple[list[str], list[bool]]:
    """The turn's words, a word too wide for a line broken into pieces; and for each token whether
    it continues the one before without a space (a broken URL)."""
    tokens: list[str] = []
    glued: list[bool] = []
    for t in raw:
        pieces = [t] if line_fits(t) else split_long(t, line_fits)
        tokens += pieces
        glued += [False] + [True] * (len(pieces) - 1)
    return tokens, glued


def _gap_costs(tokens: list[str], glued: list[bool], words: Words) -> tuple[list[float], list[bool], list[bool]]:
    """For each gap k (between tokens k and k+1): what a break there costs, whether a subtitler
    would never make it, and whether it cuts a word from its complement or a subject from its verb."""
    n = len(tokens)
    emoji = [is_emoji(t) for t in tokens]
    gaps: list[float] = []
    never: list[bool] = []
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
    return gaps, never, complement
