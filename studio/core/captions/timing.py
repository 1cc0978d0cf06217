"""When each caption event (and each of its words) shows: from the reading speed, or from the
speech regions of a voice-over (found by studio.media.speech, or read from an imported SRT).

The text is laid on a clock: without a voice, characters are spread evenly over the beat; with a
voice, over the time where someone speaks (silences skipped), so a caption starts with its words."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceTrack:
    """A voice-over: its length and the (start, end) seconds where it speaks."""

    duration_s: float
    regions: tuple[tuple[float, float], ...]


class Clock:
    """Maps a fraction of the text (0..1, by characters) to seconds from the clock's origin."""

    def __init__(self, duration_s: float, regions: tuple[tuple[float, float], ...] = ()):
        regions = tuple((a, b) for a, b in regions if b > a) or ((0.0, duration_s),)
        self.regions = regions
        self._cum = [0.0]
        for a, b in regions:
            self._cum.append(self._cum[-1] + b - a)

    @property
    def speech_s(self) -> float:
        return self._cum[-1]

    def at(self, fraction: float) -> float:
        t = min(max(fraction, 0.0), 1.0) * self.speech_s
        k = min(bisect_right(self._cum, t) - 1, len(self.regions) - 1)
        return self.regions[k][0] + t - self._cum[k]

    def end_at(self, fraction: float) -> float:
        """Like `at`, but a point at a region's boundary belongs to the region before it."""
        t = min(max(fraction, 0.0), 1.0) * self.speech_s
        for k, (a, _b) in enumerate(self.regions):
            if t <= self._cum[k + 1] + 1e-9:
                return a + t - self._cum[k]
        return self.regions[-1][1]


def word_fractions(lines: tuple[str, ...], before: int, total: int) -> list[tuple[float, float]]:
    """(start, end) fraction of the whole text for each word of an event whose first character
    is character `before` of a text of `total` characters."""
    out = []
    pos = before
    for word in " ".join(lines).split(" "):
        out.append((pos / total, (pos + len(word)) / total))
        pos += len(word) + 1
    return out


def lay_events(starts: list[int], latest: list[int | None], needed: list[int], stop: int,
               gap: int, max_len: int, close_gap: int) -> list[tuple[int, int]]:
    """Frames (start, end) of consecutive events from their wished starts.

    `needed` is the shortest an event may last (reading speed, 5/6 s); `latest` the end a voice
    allows (its speech end plus a hold); `stop` where the last event must end. Events never
    overlap, keep `gap` frames between them, last at most `max_len`, and gaps under `close_gap`
    are closed to `gap`."""
    n = len(starts)
    s = list(starts)
    for k in range(1, n):  # reading speed first: a slow reader pushes the next event later
        s[k] = max(s[k], s[k - 1] + needed[k - 1] + gap)
    out = []
    for k in range(n):
        nxt = s[k + 1] if k + 1 < n else stop + gap
        end = nxt - gap
        lim = latest[k]
        if lim is not None and end > lim:
            end = max(lim, s[k] + needed[k])
        if end - s[k] > max_len:
            end = s[k] + max_len
        if gap < nxt - end < close_gap:
            end = nxt - gap if nxt - gap - s[k] <= max_len else nxt - close_gap
        out.append((s[k], max(end, s[k] + 1)))
    return out
