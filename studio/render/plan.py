"""A Plan: the project with every media file probed and the timeline computed. Making one is
`studio validate`: it checks everything a render needs before any process starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import MediaError, StoryError
from ..core.project import Project
from ..core.timeline import Timeline, build_timeline, caption_rules, cues
from ..core.captions import Problem, VoiceTrack, check
from ..core.captions.srt_import import srt_regions
from ..media.probe import MediaInfo, probe
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
    voices = {i: _voice_track(project, b.voice, b.line) for i, b in enumerate(story.beats) if b.voice}
    story_voice = _voice_track(project, voice.path, story.meta_lines.get("voiceover")) if voice else None
    if story.meta.timing_srt:
        story_voice = _srt_track(project, story_voice)
    timeline = build_timeline(story, project.look.timing, p.canvas.fps, project.look.endcard.duration_s,
                              p.captions, voices=voices, story_voice=story_voice,
                              intro_s=project.look.content_warning.duration_s if story.meta.content_warning else 0.0)
    limits = p.limits
    if not limits.min_duration_s <= timeline.duration_s <= limits.max_duration_s:
        raise StoryError(f"the video would last {timeline.duration_s:.1f} s; preset '{p.name}' allows "
                         f"{limits.min_duration_s:g}-{limits.max_duration_s:g} s", file=story.path,
                         hint="shorten the story or choose another preset")
    return Plan(project, timeline, media, music, voice)


def _voice_track(project: Project, path: Path, line: int | None) -> VoiceTrack:
    """A voice file probed (a clear error if it is missing or silent) and its speech regions."""
    story = project.story
    info = probe(path, expect=("audio", "video"), story=story.path, line=line, field="voice")
    if not info.has_audio:
        raise MediaError(f"{info.path.name} has no sound track", file=story.path, line=line, field="voice",
                         hint="use an MP3, M4A or WAV file")
    return VoiceTrack(info.duration_s, speech_regions(path, project.look.speech))


def _srt_track(project: Project, voice: VoiceTrack | None) -> VoiceTrack:
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
    return VoiceTrack(max(regions[-1][1], voice.duration_s if voice else 0.0), regions)


def _audio(project: Project, key: str) -> MediaInfo | None:
    story = project.story
    value = getattr(story.meta, key)
    if not value:
        return None
    info = probe(story.media_path(value), expect=("audio", "video"), story=story.path,
                 line=story.meta_lines.get(key), field=key)
    if not info.has_audio:
        raise MediaError(f"{info.path.name} has no sound track", file=story.path,
                         line=story.meta_lines.get(key), field=key, hint="use an MP3, M4A or WAV file")
    return info


def caption_problems(plan: Plan) -> list[Problem]:
    """Every readability rule (STANDARDS.md §4) the plan's caption events break."""
    p = plan.project
    rules = caption_rules(p.look.timing, p.preset.captions, p.preset.canvas.fps, p.story.meta.lang)
    return check(cues(plan.timeline), rules)
