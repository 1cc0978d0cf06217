"""Timeline math: beats, background segments, caption events and the end card, in whole frames.

Computed once, in pure code, from the story and the look; seconds appear only at the edges."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from .look import Timing
from .story import Background, Story


@dataclass(frozen=True, slots=True)
class Span:
    """Frames [start, end) of the timeline."""

    start: int
    end: int

    @property
    def frames(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Segment(Span):
    """Consecutive beats that share one background (None: the brand background)."""

    background: Background | None
    beats: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CaptionEvent(Span):
    beat: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True, slots=True)
class Timeline:
    fps: Fraction
    beats: tuple[Span, ...]
    segments: tuple[Segment, ...]
    events: tuple[CaptionEvent, ...]
    endcard: Span
    intro: Span = Span(0, 0)  # the content-warning card before the first beat (empty: none)

    @property
    def total_frames(self) -> int:
        return self.endcard.end

    @property
    def duration_s(self) -> float:
        return float(self.total_frames / self.fps)

    def seconds(self, frame: int) -> float:
        return float(frame / self.fps)


def beat_seconds(text: str, timing: Timing) -> float:
    """Reading time of one beat: the target speed plus a breath, within [min, max], but never
    faster than the hard cap (a long beat stays on screen longer than max rather than unreadable)."""
    n = len(text)
    wanted = min(max(n / timing.cps + timing.pad_s, timing.min_beat_s), timing.max_beat_s)
    return max(wanted, n / timing.cps_max)


def build_timeline(story: Story, timing: Timing, fps: Fraction | int, endcard_s: float,
                   max_chars: int, max_lines: int, min_story_s: float = 0.0,
                   intro_s: float = 0.0) -> Timeline:
    """Lays the beats end to end, then the end card. `min_story_s` stretches the beats evenly
    (e.g. to the length of a voice-over); `intro_s` > 0 puts a content-warning card first."""
    fps = Fraction(fps)
    seconds = [beat_seconds(b.text, timing) for b in story.beats]
    total = sum(seconds)
    if min_story_s > total:
        seconds = [s * min_story_s / total for s in seconds]
    beats: list[Span] = []
    intro = Span(0, math.ceil(intro_s * fps))
    cursor = intro.end
    for s in seconds:
        n = math.ceil(s * fps)
        beats.append(Span(cursor, cursor + n))
        cursor += n
    endcard = Span(cursor, cursor + math.ceil(endcard_s * fps))

    segments: list[Segment] = []
    for i, (beat, span) in enumerate(zip(story.beats, beats)):
        last = segments[-1] if segments else None
        if last is not None and last.background == beat.background:
            segments[-1] = Segment(last.start, span.end, last.background, last.beats + (i,))
        else:
            segments.append(Segment(span.start, span.end, beat.background, (i,)))

    events: list[CaptionEvent] = []
    for i, (beat, span) in enumerate(zip(story.beats, beats)):
        # a beat's events share its frames by length (a short one still counts as min_event_s)
        chunks = split_caption(beat.text, max_chars, max_lines)
        weights = [max(len(" ".join(c)), timing.cps * timing.min_event_s) for c in chunks]
        done = 0.0
        start = span.start
        for chunk, w in zip(chunks, weights):
            done += w
            end = span.start + round(span.frames * done / sum(weights))
            events.append(CaptionEvent(start, end, i, tuple(chunk)))
            start = end
    # the gap between consecutive events (none after the last: the end card follows)
    gap = timing.gap_frames
    events = [CaptionEvent(e.start, e.end - gap if k < len(events) - 1 else e.end, e.beat, e.lines)
              for k, e in enumerate(events)]
    return Timeline(fps, tuple(beats), tuple(segments), tuple(events), endcard, intro)


_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+")


def wrap_words(words: list[str], max_chars: int) -> list[str]:
    """Greedy line filling; a word longer than a line gets a line of its own."""
    lines: list[str] = []
    for w in words:
        if lines and len(lines[-1]) + 1 + len(w) <= max_chars:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines


def split_caption(text: str, max_chars: int, max_lines: int) -> list[list[str]]:
    """Cuts a beat into caption events of at most `max_lines` lines of `max_chars`, starting a new
    event at a sentence end when the next sentence does not fit. Joined, the events' lines give
    back the beat's text exactly."""
    events: list[list[str]] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        lines = wrap_words(sentence.split(" "), max_chars)
        if current and len(current) + len(lines) <= max_lines:
            current += lines
            continue
        if current:
            events.append(current)
        while len(lines) > max_lines:
            events.append(lines[:max_lines])
            lines = lines[max_lines:]
        current = lines
    if current:
        events.append(current)
    return events
