"""A Plan: the project with every media file probed and the timeline computed. Making one is
`studio validate`: it checks everything a render needs before any process starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import MediaError, StoryError
from ..core.project import Project
from ..core.timeline import Timeline, caption_rules, cues, project_timeline
from ..core.captions import Problem, VoiceTrack, check
from ..core.captions.srt_import import srt_regions
from ..media.probe import MediaInfo
from ..media.probe import probe as _probe
from ..media.speech import speech_regions


@dataclass(frozen=True)
class Plan:
    project: Project
    timeline: Timeline
    media: dict[Path, MediaInfo]  # backgrounds by path
    music: MediaInfo | None
    voice: MediaInfo | None


def make_plan(project: Project) -> Plan:
    story = project.story
    media: dict[Path, MediaInfo] = {}
    for bg in story.backgrounds:
        if bg.path not in media:
            media[bg.path] = probe(bg.path, expect=("image", "video"), story=story.path, line=bg.line)
        if bg.trim_start is not None and media[bg.path].kind == "video" and bg.trim_start >= media[bg.path].duration_s:
            raise StoryError(f"#t={bg.trim_start:g} starts after the end of {bg.path.name} "
                             f"({media[bg.path].duration_s:.1f} s)", file=story.path, line=bg.line,
                             hint="choose a start time inside the clip")
    music = _audio(project, "music")
    voice = _audio(project, "voiceover")
    p = project.preset
    voices = {i: _voice_track(project, _probe_audio(project, b.voice, b.line, "voice"))
              for i, b in enumerate(story.beats) if b.voice}
    if story.meta.timing_srt:  # the SRT's cues time the story: the voice's own pauses are not needed
        story_voice = _srt_track(project, voice.duration_s if voice else 0.0)
    else:
        story_voice = _voice_track(project, voice) if voice else None
    timeline = project_timeline(project, voices=voices, story_voice=story_voice)
    limits = p.limits
    if not limits.min_duration_s <= timeline.duration_s <= limits.max_duration_s:
        raise StoryError(f"the video would last {timeline.duration_s:.1f} s; preset '{p.name}' allows "
                         f"{limits.min_duration_s:g}-{limits.max_duration_s:g} s", file=story.path,
                         hint="shorten the story or choose another preset")
    return Plan(project, timeline, media, music, voice)


def _voice_track(project: Project, info: MediaInfo) -> VoiceTrack:
    """A probed voice recording and its speech regions."""
    return VoiceTrack(info.duration_s, speech_regions(info.path, project.look.speech))


def _srt_track(project: Project, voice_s: float) -> VoiceTrack:
    """The cues of the story's `timing_srt` as speech regions (over the voice's length, if any)."""
    story = project.story
    path = story.media_path(story.meta.timing_srt or "")
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise MediaError(f"cannot read the SRT file {path.name} ({e})", file=story.path,
                         line=story.meta_lines.get("timing_srt"), field="timing_srt",
                         hint="a UTF-8 SubRip file, path relative to the story") from None
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
        raise MediaError(f"{info.path.name} has no sound track", file=story.path, line=line, field=field,
                         hint="use an MP3, M4A or WAV file")
    return info


def caption_problems(plan: Plan) -> list[Problem]:
    """Every readability rule (STANDARDS.md §4) the plan's caption events break."""
    p = plan.project
    rules = caption_rules(p.look.timing, p.preset.captions, p.preset.canvas.fps, p.story.meta.lang)
    return check(cues(plan.timeline), rules)


_PROBED: dict[tuple, MediaInfo] = {}


def probe(path: Path, *, expect, **where) -> MediaInfo:
    """studio.media.probe.probe, remembered per file identity (path, size, modification time):
    the instant preview makes a plan after every edit, and a changed file is probed again.
    Only successes are remembered; an error names the story line each time."""
    try:
        st = path.stat()
    except OSError:
        return _probe(path, expect=expect, **where)
    key = (str(path), st.st_size, st.st_mtime_ns, expect)
    info = _PROBED.get(key)
    if info is None:
        info = _probe(path, expect=expect, **where)
        if len(_PROBED) > 256:
            _PROBED.clear()
        _PROBED[key] = info
    return info
