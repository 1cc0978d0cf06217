"""Cuts a beat's text into caption events of at most `max_lines` lines of `max_chars` characters.

Dynamic programming over the gaps between words (plain spaces only: no-break spaces hold their
neighbours together): every event boundary and line break costs what `linebreak.gap_cost` says,
plus a little per event and for lopsided lines, and the cheapest cut wins. Joined, the events'
lines give back the text exactly (turns of dialogue joined by a newline)."""

from __future__ import annotations

from functools import lru_cache

from .linebreak import SENTENCE_END, Words, gap_cost, line_shape_cost, words_for

EVENT_COST = 6.0          # fewer, fuller events read better than many flashes
BOUNDARY_WEIGHT = 2.0     # an event boundary is a stronger pause than a line break
SHORT_EVENT_CHARS = 12    # an event shorter than this (inside a longer turn) costs extra
SHORT_EVENT_COST = 20.0
MID_LINE_SENTENCE = 3.0   # a sentence ending inside a line (not at its end) reads worse
DASH = "-"


def segment(text: str, max_chars: int, max_lines: int, lang: str) -> list[tuple[str, ...]]:
    """Events (tuples of lines) for one beat. Lines of dialogue (turns starting with '- ') never
    share a line; two one-line turns share an event, each with its dash."""
    words = words_for(lang)
    per_turn = [_segment_turn(turn.split(" "), max_chars, max_lines, words)
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
    return line.startswith(DASH)


def _merged_ok(last: tuple[str, ...], per_turn) -> bool:
    # only one-line turns share an event: the previous event must be a whole one-line turn
    return len(last) == 1 and any(t == [last] for t in per_turn)


def _segment_turn(tokens: list[str], max_chars: int, max_lines: int, words: Words) -> list[tuple[str, ...]]:
    n = len(tokens)
    gaps = [gap_cost(tokens[k], tokens[k + 1], words) for k in range(n - 1)]
    starts = [0]
    for t in tokens:
        starts.append(starts[-1] + len(t) + 1)

    def width(i: int, j: int) -> int:  # characters of tokens[i:j] joined by spaces
        return starts[j] - starts[i] - 1

    def fits(i: int, j: int) -> bool:
        return j - i == 1 or width(i, j) <= max_chars

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

    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if width(i, j) > max_chars * max_lines + max_lines and j - i > 1:
                break
            cost, _ = lines(i, j, max_lines)
            if cost == float("inf") or best[i][0] == float("inf"):
                continue
            cost += best[i][0] + EVENT_COST
            if j < n:
                cost += BOUNDARY_WEIGHT * gaps[j - 1]
            if width(i, j) < SHORT_EVENT_CHARS and n > j - i:
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
        events.append(tuple(" ".join(tokens[a:b]) for a, b in zip(cuts, cuts[1:])))
    return events
