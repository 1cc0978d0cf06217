"""A Plan: the project with every media file probed and the timeline computed. Making one is
`studio validate`: it checks everything a render needs before any process starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import math
import re

from ..core import frame_rate
from ..core.i18n import Msg, _, number
from ..core.errors import MediaError, StoryError, StudioError, os_reason
from ..core.files import check_story_media, read_regular
from ..core.project import Project
from ..core.story import Background
from ..core.timeline import Timeline, caption_rules, check_length, cues, project_timeline
from ..core.captions import Problem, VoiceTrack, check
from ..core.captions.srt_import import srt_regions
from ..media.layers import caption_fit
from ..media.probe import MediaInfo, probe
from ..media.speech import speech_regions


@dataclass(frozen=True)
class Plan:
    project: Project
    timeline: Timeline
    media: dict[Path, MediaInfo]  # backgrounds by path
    music: MediaInfo | None
    voice: MediaInfo | None
    cover_frame: int = 0             # the cover JPEG is this frame (front matter `cover: 4.5`)...
    cover_image: MediaInfo | None = None  # ...or this picture (`cover: media/cover.jpg`)
    rate_warning: str | None = None  # the clips' rates differ: which one the render runs at


def make_plan(project: Project) -> Plan:
    story = project.story
    check_length(project)     # from the text's length, in milliseconds, before any caption is segmented
    check_story_media(story)  # every named file a regular file of a sane size, before anything reads one
    media: dict[Path, MediaInfo] = {}
    for bg in story.backgrounds:
        if bg.path not in media:
            media[bg.path] = probe(bg.path, expect=("image", "video"), story=story.path, line=bg.line)
        if bg.trim_start is not None and media[bg.path].kind == "video" and bg.trim_start >= media[bg.path].duration_s:
            raise StoryError(_("#t={start:g} starts after the end of {name} ({seconds:.1f} s)", start=bg.trim_start,
                               name=bg.path.name, seconds=media[bg.path].duration_s), file=story.path, line=bg.line,
                             hint=_("choose a start time inside the clip"))
    music = _audio(project, "music")
    voice = _audio(project, "voiceover")
    p = project.preset
    voices = {i: _voice_track(project, _probe_audio(project, b.voice, b.line, "voice"))
              for i, b in enumerate(story.beats) if b.voice}
    if story.meta.timing_srt:  # the SRT's cues time the story: the voice's own pauses are not needed
        story_voice = _srt_track(project, voice.duration_s if voice else 0.0)
    else:
        story_voice = _voice_track(project, voice) if voice else None
    make_timeline = lambda pr: project_timeline(pr, voices=voices, story_voice=story_voice,  # noqa: E731
                                                fit=caption_fit(pr))
    timeline = make_timeline(project)
    # footage keeps its own frame rate where the platforms accept it (studio.core.frame_rate)
    rate, rate_warning = frame_rate.choose(p, _footage(timeline, media))
    if rate != project.preset.canvas.rate:
        project = frame_rate.project_at_rate(project, rate)
        p = project.preset
        timeline = make_timeline(project)
    limits = p.limits
    if not limits.min_duration_s <= timeline.duration_s <= limits.max_duration_s:
        raise StoryError(_("the video would last {seconds:.1f} s; preset '{preset}' allows {low}-{high} s",
                           seconds=timeline.duration_s, preset=p.name, low=number(limits.min_duration_s),
                           high=number(limits.max_duration_s)), file=story.path,
                         hint=_("shorten the story or choose another preset"))
    cover_frame, cover_image = _cover(project, timeline)
    return Plan(project, timeline, media, music, voice, cover_frame, cover_image, rate_warning)


def _footage(timeline: Timeline, media: dict[Path, MediaInfo]) -> list[tuple[str, float, float]]:
    """(name, frame rate, seconds shown) of each clip segment."""
    return [(seg.background.path.name, media[seg.background.path].fps, float(seg.frames / timeline.fps))
            for seg in timeline.segments
            if seg.background is not None and media[seg.background.path].kind == "video"]


MAX_ENLARGEMENT = 1.5  # a picture or clip blown up more than this looks soft on a phone


def _cover(project: Project, timeline: Timeline) -> tuple[int, MediaInfo | None]:
    story = project.story
    choice = story.cover()
    line = story.meta_lines.get("cover")
    if choice is None:  # the first beat's first frame: never the content warning card before it
        return (timeline.beats[0].start if timeline.beats else 0), None
    kind, value = choice
    if kind == "image":
        return 0, probe(value, expect=("image",), story=story.path, line=line, field="cover")
    last = timeline.endcard.start  # the story's frames (not the end card)
    frame = round(value * timeline.fps)
    if not 0 <= frame < max(1, last):
        raise StoryError(_("cover: {seconds:g} s is after the story's end ({end:.1f} s)", seconds=value,
                           end=timeline.seconds(last)), file=story.path, line=line, field="cover",
                         hint=_("choose a time between 0 and {end:.1f} s, or a picture", end=timeline.seconds(last) - 0.1))
    return frame, None


def moves(plan: Plan, bg: Background) -> bool:
    """Whether a photo background moves: its own `#motion=`, else the look's motion."""
    return bg.motion != "none" and (bg.motion != "auto" or plan.project.look.background.motion != "none")


def length_problems(plan: Plan, presets, catalog=None) -> list[StoryError]:
    """The presets among `presets` (the story's ticked platforms) whose length limits this story
    breaks, as the error their render would raise, measured on this plan's timeline: known while
    writing, not when the queued job fails."""
    from ..core.catalog import Catalog

    catalog = catalog or Catalog()
    story, seconds = plan.project.story, plan.timeline.duration_s
    out = []
    for name in dict.fromkeys(presets):
        try:
            limits = catalog.preset(name).limits
        except StudioError:
            continue  # an unknown preset is load_project's error, shown on its own
        if not limits.min_duration_s <= seconds <= limits.max_duration_s:
            out.append(StoryError(_("the video would last {seconds:.1f} s; preset '{preset}' allows {low}-{high} s",
                                    seconds=seconds, preset=name, low=number(limits.min_duration_s),
                                    high=number(limits.max_duration_s)), file=story.path,
                                  line=story.meta_lines.get("presets"), field="presets",
                                  hint=_("shorten the story or choose another preset")))
    return out


def plan_warnings(plan: Plan) -> list[Msg]:
    """What the editor should know before rendering: Markdown that would show as raw text (with
    its line), a picture or clip enlarged more than 1.5x to fill the canvas (it will look soft)."""
    story = plan.project.story
    out = [_("{name}, line {line}: {message}", name=story.path.name, line=line, message=message)
           for line, message in story.notes]
    if plan.rate_warning:
        out.append(_("{name}: {message}", name=story.path.name, message=plan.rate_warning))
    c = plan.project.preset.canvas
    pan = plan.project.look.background.pan_amount
    seen = set()
    for bg in story.backgrounds:
        info = plan.media[bg.path]
        if bg.path in seen or not info.width or not info.height:
            continue
        seen.add(bg.path)
        fill = min if bg.fit == "blur" else max  # blur: the picture fits inside; else it covers
        scale = fill(c.width / info.width, c.height / info.height)
        if info.kind == "image" and moves(plan, bg):
            scale *= 1 + pan
        if scale > MAX_ENLARGEMENT:
            # the size this very picture would need (its own shape: a landscape photo stays landscape)
            need = f"{math.ceil(info.width * scale / MAX_ENLARGEMENT)}x{math.ceil(info.height * scale / MAX_ENLARGEMENT)}"
            what = (_("{name} ({size}) is enlarged {scale:.1f}x to fill {canvas}: it will look soft",
                      name=bg.path.name, size=f"{info.width}x{info.height}", scale=scale, canvas=f"{c.width}x{c.height}"))
            hint = (_("use a larger picture (at least {need})", need=need) if info.kind == "image"
                    else _("use a larger clip (at least {need})", need=need))
            if bg.fit != "blur":
                hint = _("{hint}, or show it whole over a blurred copy of itself with #fit=blur", hint=hint)
            out.append(_("{name}, line {line}: {what}; {hint}", name=story.path.name, line=bg.line, what=what, hint=hint))
    out.extend(_cut_addresses(plan))
    return out


_ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/[^\s]*)?", re.I)


def _cut_addresses(plan: Plan) -> list[Msg]:
    """A web address split across two captions is read by nobody: name it, with the way out."""
    story, events = plan.project.story, plan.timeline.events
    out = []
    for i, beat in enumerate(story.beats):
        shown = ["".join("".join(e.lines).split()) for e in events if e.beat == i]
        for m in _ADDRESS.finditer(beat.text):
            address = m.group(0).rstrip(".,;:!?…)»")
            if "." not in address or any(address.replace(" ", "") in s for s in shown):
                continue
            domain = re.sub(r"^https?://", "", address).split("/")[0]
            out.append(_("{name}, line {line}: the web address {address} is cut across two captions; write the "
                         "domain alone ({domain}) or put the address on the end card (endcard: {{website: {domain}}})",
                         name=story.path.name, line=beat.line, address=address, domain=domain))
    return out


def _voice_track(project: Project, info: MediaInfo) -> VoiceTrack:
    """A probed voice recording and its speech regions."""
    return VoiceTrack(info.duration_s, speech_regions(info.path, project.look.speech))


def _srt_track(project: Project, voice_s: float) -> VoiceTrack:
    """The cues of the story's `timing_srt` as speech regions (over the voice's length, if any)."""
    story = project.story
    path = story.media_path(story.meta.timing_srt or "")
    where = dict(file=story.path, line=story.meta_lines.get("timing_srt"), field="timing_srt")
    raw = read_regular(path, "srt", MediaError, missing=_("media file not found: {path}", path=path), **where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MediaError(_("cannot read the SRT file {name} ({reason})", name=path.name, reason=os_reason(e)), **where,
                         hint=_("a UTF-8 SubRip file, path relative to the story")) from None
    regions = srt_regions(text, str(path))
    return VoiceTrack(max(regions[-1][1], voice_s), regions)


def _audio(project: Project, key: str) -> MediaInfo | None:
    value = getattr(project.story.meta, key)
    if not value:
        return None
    return _probe_audio(project, project.story.media_path(value), project.story.meta_lines.get(key), key)


def _probe_audio(project: Project, path: Path, line: int | None, field: str) -> MediaInfo:
    """A sound file (music, a voice-over, a beat's voice) probed: a clear error when it is missing,
    unreadable or silent."""
    story = project.story
    info = probe(path, expect=("audio", "video"), story=story.path, line=line, field=field)
    if not info.has_audio:
        raise MediaError(_("{name} has no sound track", name=info.path.name), file=story.path, line=line, field=field,
                         hint=_("use an MP3, M4A or WAV file"))
    return info


def caption_problems(plan: Plan) -> list[Problem]:
    """Every readability rule (docs/standards.md §4) the plan's caption events break."""
    p = plan.project
    rules = caption_rules(p.look.timing, p.preset.captions, p.preset.canvas.fps, p.story.meta.lang)
    return check(cues(plan.timeline), rules)
