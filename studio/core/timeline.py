"""Timeline math: beats, background segments, caption events and the end card, in whole frames.

Computed once, in pure code, from the story and the look; seconds appear only at the edges."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Mapping

from .captions import Cue, Rules, chars, segment, typeset
from .captions.emphasis import close_events, has_marks, strip_marks
from .captions.segment import LineFit, TokenTooLong
from .captions.timing import Clock, VoiceTrack, lay_events, word_fractions
from .i18n import _
from .errors import StoryError
from .look import Timing
from .preset import CaptionLimits
from .story import Background, Story

if TYPE_CHECKING:
    from .project import Project


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
    words: tuple[int, ...] = ()         # first frame of each word (karaoke highlight), reading order
    speech_start: int | None = None     # frame where its words are spoken, when a voice times it
    rich: tuple[str, ...] = ()          # the lines with emphasis markers (empty: no emphasis)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def word_spans(self) -> list[tuple[str, int, int]]:
        """(word, first frame, end frame) of each word, ends at the next word's start."""
        words = self.text.split(" ")
        starts = list(self.words) if len(self.words) == len(words) else \
            [self.start + (self.end - self.start) * k // len(words) for k in range(len(words))]
        ends = starts[1:] + [self.end]
        return list(zip(words, starts, ends))


@dataclass(frozen=True, slots=True)
class Timeline:
    fps: Fraction
    beats: tuple[Span, ...]
    segments: tuple[Segment, ...]
    events: tuple[CaptionEvent, ...]
    endcard: Span
    intro: Span = Span(0, 0)  # the content-warning card before the first beat (empty: none)
    floors_s: tuple[float, ...] = ()  # per beat: the shortest explicit duration it may be given

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


def _frames_up(seconds: float, fps: Fraction) -> int:
    """Whole frames covering `seconds` (a float a hair over a frame boundary does not add one)."""
    return math.ceil(seconds * fps - 1e-9)


def _event_floor_s(lines: tuple[str, ...], timing: Timing) -> float:
    """The shortest an event may last: readable at the hard cap, and at least 5/6 s."""
    return max(chars(lines) / timing.cps_max, timing.min_event_s)


def build_timeline(story: Story, timing: Timing, fps: Fraction | int, endcard_s: float,
                   limits: CaptionLimits, *, min_story_s: float = 0.0,
                   voices: Mapping[int, VoiceTrack] | None = None,
                   story_voice: VoiceTrack | None = None, intro_s: float = 0.0,
                   fit: LineFit | None = None) -> Timeline:
    """Lays the beats end to end, then the end card, and times the caption events.

    A beat lasts its explicit duration if it has one, else at least its reading time and its own
    voice (`voices`, by beat index). `story_voice` (one voice-over, or an imported SRT's cues)
    places the beats where their words are spoken; `min_story_s` stretches them to a length;
    `intro_s` > 0 puts a content-warning card first (voices start after it); `fit` measures
    lines in pixels with the caption font (studio.media.layers.caption_fit)."""
    fps = Fraction(fps)
    voices = voices or {}
    lang = story.meta.lang
    marked = [typeset(b.text, lang) for b in story.beats]
    rich = [close_events(_segment(story, i, t, limits, fit)) for i, t in enumerate(marked)]
    texts = [strip_marks(t) for t in marked]
    chunks = [[tuple(strip_marks(line) for line in e) for e in ev] for ev in rich]
    gap_s = float(timing.gap_frames / fps)
    # in whole frames, as the events will be laid: each event's floor rounds up to a frame
    # the shortest each beat can be read in: every event at the hard cap (17 characters a second)
    # or 5/6 s, and its gap; an explicit `[durée : …]` may go down to it, automatic timing does not
    readable = [float(sum(_frames_up(_event_floor_s(c, timing), fps) + timing.gap_frames for c in ev) / fps)
                for ev in chunks]
    reading = [max(beat_seconds(t, timing), r) for t, r in zip(texts, readable)]
    seconds = []
    floors = tuple(r - gap_s for r in readable)
    for i, beat in enumerate(story.beats):
        if beat.duration_s is not None:
            if beat.duration_s < floors[i] - 1e-9:
                raise StoryError(_("this beat is too short to read: {seconds:g} s for {chars} characters in "
                                   "{captions} caption(s)", seconds=beat.duration_s, chars=len(texts[i]),
                                   captions=len(chunks[i])),
                                 file=story.path, line=beat.line, field="duration",
                                 hint=_("give it at least {seconds:g} s, or shorten the text",
                                        seconds=math.ceil(floors[i] * 10) / 10))
            seconds.append(beat.duration_s)
        elif i in voices:
            seconds.append(max(reading[i], voices[i].duration_s))
        else:
            seconds.append(reading[i])
    if story_voice is not None:
        seconds = _follow_story_voice(seconds, texts, story_voice, story.beats)
    total = sum(seconds)
    if min_story_s > total:
        seconds = [s * min_story_s / total for s in seconds]
    beats: list[Span] = []
    intro = Span(0, _frames_up(intro_s, fps))
    cursor = intro.end
    for s in seconds:
        n = _frames_up(s, fps)
        beats.append(Span(cursor, cursor + n))
        cursor += n
    endcard = Span(cursor, cursor + _frames_up(endcard_s, fps))

    segments: list[Segment] = []
    for i, (beat, span) in enumerate(zip(story.beats, beats)):
        last = segments[-1] if segments else None
        if last is not None and last.background == beat.background:
            segments[-1] = Segment(last.start, span.end, last.background, last.beats + (i,))
        else:
            segments.append(Segment(span.start, span.end, beat.background, (i,)))

    events = _time_events(texts, chunks, beats, timing, fps, limits, voices, story_voice)
    flat = [e for ev in rich for e in ev]
    events = [replace(e, rich=r) if any(has_marks(line) for line in r) else e for e, r in zip(events, flat)]
    return Timeline(fps, tuple(beats), tuple(segments), tuple(events), endcard, intro, floors)


def project_timeline(project: Project, *, voices: Mapping[int, VoiceTrack] | None = None,
                     story_voice: VoiceTrack | None = None, min_story_s: float = 0.0,
                     fit: LineFit | None = None) -> Timeline:
    """The project's story laid at its preset's fps and caption limits, with its look's timing,
    end card and (when the story has a content warning) warning card: the one timeline the
    render and the QA both read (both pass the same `fit`, studio.media.layers.caption_fit)."""
    story, preset, look = project.story, project.preset, project.look
    check_length(project)
    return build_timeline(story, look.timing, preset.canvas.fps, look.endcard.duration_s, preset.captions,
                          min_story_s=min_story_s, voices=voices, story_voice=story_voice,
                          intro_s=look.content_warning.duration_s if story.meta.content_warning else 0.0,
                          fit=fit)


def check_length(project: Project) -> None:
    """Refuses a story too long for its preset from its length alone, before any caption is
    segmented (which costs about the square of a paragraph's length): every beat lasts at least its
    text at the hard reading-speed cap (an explicit duration may be shorter by one gap, no more)."""
    story, preset, look = project.story, project.preset, project.look
    timing, fps = look.timing, Fraction(preset.canvas.fps)
    gap_s = float(timing.gap_frames / fps)
    beats = [max(0.0, beat_seconds(strip_marks(typeset(b.text, story.meta.lang)), timing) - gap_s)
             for b in story.beats]
    intro_s = look.content_warning.duration_s if story.meta.content_warning else 0.0
    floor = sum(beats) + look.endcard.duration_s + intro_s
    limits = preset.limits
    if floor > limits.max_duration_s:
        longest = max(range(len(beats)), key=beats.__getitem__)
        raise StoryError(_("the video would last at least {seconds:.0f} s; preset '{preset}' allows {low:g}-{high:g} s",
                           seconds=floor, preset=preset.name, low=limits.min_duration_s, high=limits.max_duration_s),
                         file=story.path, line=story.beats[longest].line,
                         hint=_("shorten the story (its longest paragraph, on this line, needs {seconds:.0f} s "
                                "at {cps:g} characters a second) or choose another preset",
                                seconds=beats[longest], cps=timing.cps_max))


def _segment(story: Story, i: int, text: str, limits: CaptionLimits, fit: LineFit | None):
    try:
        return segment(text, limits.max_chars_per_line, limits.max_lines, story.meta.lang, fit)
    except TokenTooLong as e:
        raise StoryError(_("'{word}' is too wide for one caption line and has no place to break it", word=e.token),
                         file=story.path, line=story.beats[i].line,
                         hint=_("shorten it, or write it so it can break (after / . - _ ? & =)")) from None


def _follow_story_voice(seconds: list[float], texts: list[str], voice: VoiceTrack, beats) -> list[float]:
    """Beats start where their first words are spoken in one voice-over for the whole story
    (never shorter than their reading time or explicit duration)."""
    clock = Clock(voice.duration_s, voice.regions)
    total = sum(len(t) + 1 for t in texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(clock.at(pos / total) if pos else 0.0)
        pos += len(t) + 1
    out = []
    ends = starts[1:] + [voice.duration_s]
    cursor = 0.0
    for i, b in enumerate(ends):
        want = b - cursor
        out.append(seconds[i] if beats[i].duration_s is not None else max(seconds[i], want))
        cursor += out[-1]
    return out


def _time_events(texts, chunks, beats, timing: Timing, fps: Fraction,
                 limits: CaptionLimits, voices, story_voice) -> list[CaptionEvent]:
    frame = lambda s: round(s * fps)  # noqa: E731
    wished: list[int] = []
    latest: list[int | None] = []
    needed: list[int] = []
    speech: list[int | None] = []
    word_starts: list[list[int] | None] = []
    owners: list[tuple[int, tuple[str, ...]]] = []
    story_clock = Clock(story_voice.duration_s, story_voice.regions) if story_voice else None
    story_total = sum(len(t) + 1 for t in texts)
    story_pos = 0
    origin = beats[0].start if beats else 0
    for i, (span, events) in enumerate(zip(beats, chunks)):
        total = max(1, len(texts[i]))
        voice = voices.get(i)
        clock = Clock(voice.duration_s, voice.regions) if voice else None
        weights = [max(chars(c), timing.cps * timing.min_event_s) for c in events]
        done, pos = 0.0, 0
        for j, lines in enumerate(events):
            n = chars(lines)
            needed.append(_frames_up(_event_floor_s(lines, timing), fps))
            owners.append((i, lines))
            if clock is not None or story_clock is not None:
                if clock is not None:
                    at = lambda f: span.start + frame(clock.at(f))  # noqa: E731
                    until = span.start + frame(clock.end_at((pos + n) / total) + limits.max_offset_s)
                    fractions = word_fractions(lines, pos, total)
                else:
                    # the story's voice starts with the first beat (after a content-warning card)
                    at = lambda f: origin + frame(story_clock.at(f))  # noqa: E731
                    until = origin + frame(story_clock.end_at((story_pos + pos + n) / story_total) + limits.max_offset_s)
                    fractions = word_fractions(lines, story_pos + pos, story_total)
                start = max(span.start, at(fractions[0][0]))
                wished.append(start)
                speech.append(start)
                latest.append(until)
                word_starts.append([at(a) for a, _ in fractions])
            else:
                wished.append(span.start + round(span.frames * done / sum(weights)))
                speech.append(None)
                latest.append(None)
                word_starts.append(None)
            done += weights[j]
            pos += n + 1
        story_pos += len(texts[i]) + 1
    stop = beats[-1].end if beats else 0
    laid = lay_events(wished, latest, needed, stop, timing.gap_frames,
                      math.floor(limits.max_event_s * fps), math.ceil(limits.close_gap_s * fps))
    out = []
    for (start, end), (beat, lines), ws, sp in zip(laid, owners, word_starts, speech):
        words = _word_frames(lines, start, end, ws)
        out.append(CaptionEvent(start, end, beat, lines, words, sp))
    return out


def _word_frames(lines: tuple[str, ...], start: int, end: int, spoken: list[int] | None) -> tuple[int, ...]:
    """First frame of each word: where it is spoken, else spread by characters over the event."""
    words = " ".join(lines).split(" ")
    if spoken is None:
        total = max(1, chars(lines))
        pos, out = 0, []
        for w in words:
            out.append(start + (end - start) * pos // total)
            pos += len(w) + 1
        return tuple(out)
    out, last = [], start
    for f in spoken:
        last = min(max(f, last), end - 1)
        out.append(last)
    return tuple(out)


def caption_rules(timing: Timing, limits: CaptionLimits, fps: Fraction | int, lang: str) -> Rules:
    """The readability rules of one render (preset limits and the look's timing)."""
    return Rules(max_chars=limits.max_chars_per_line, max_lines=limits.max_lines, cps_max=timing.cps_max,
                 min_event_s=timing.min_event_s, max_event_s=limits.max_event_s,
                 min_gap_s=float(timing.gap_frames / Fraction(fps)), close_gap_s=limits.close_gap_s,
                 max_offset_s=limits.max_offset_s, lang=lang)


def cues(timeline: Timeline) -> list[Cue]:
    """The events in seconds, for the readability checker."""
    s = timeline.seconds
    return [Cue(s(e.start), s(e.end), e.lines, s(e.speech_start) if e.speech_start is not None else None)
            for e in timeline.events]
