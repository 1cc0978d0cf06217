"""What the panels show about the text being edited, computed by the engine in a worker:
the project, its plan (timeline), the first StudioError, the caption readability problems and
the missing media files. The engine's own functions decide; nothing here re-states a rule."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.catalog import Catalog
from ..core.errors import StudioError
from ..core.project import Project, load_project
from ..core.story import Story, parse_story
from ..core.captions import Problem

if TYPE_CHECKING:
    from ..qa import Report
    from ..render import Plan


@dataclass(frozen=True)
class MissingMedia:
    line: int
    path: Path


@dataclass(frozen=True)
class Analysis:
    text_hash: str
    path: Path | None = None   # the story's absolute path (errors in it are shown on its lines)
    story: Story | None = None
    project: Project | None = None
    plan: Plan | None = None
    error: StudioError | None = None
    problems: tuple[Problem, ...] = ()
    missing: tuple[MissingMedia, ...] = field(default=())
    verdict: Report | None = None  # the QA's verdict before rendering (consent, captions, care, end card)
    too_long: tuple[StudioError, ...] = ()  # the ticked presets this story's length does not fit
    warnings: tuple[object, ...] = ()       # what the render would warn about (a soft picture, raw markup)

    def line_at(self, t: float) -> int | None:
        """The story line of the caption (or beat) on screen at `t` seconds."""
        if self.plan is None:
            return None
        tl, beats = self.plan.timeline, self.plan.project.story.beats
        frame = round(t * tl.fps)
        for e in tl.events:
            if e.start <= frame < e.end:
                return beats[e.beat].line
        for i, span in enumerate(tl.beats):
            if span.start <= frame < span.end:
                return beats[i].line
        return None

    def event_line(self, event: int) -> int | None:
        """The story line of a caption event (1-based, as in Problem.event)."""
        if self.plan is None or not 0 < event <= len(self.plan.timeline.events):
            return None
        beat = self.plan.timeline.events[event - 1].beat
        return self.plan.project.story.beats[beat].line


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def analyse(text: str, path: Path, preset: str, brand: str | None = None,
            cancel: threading.Event | None = None) -> Analysis:
    from ..qa.preflight import preflight  # the render stack and the QA load in the first worker, not at start-up
    from ..render import make_plan
    from ..render.plan import caption_problems, length_problems, plan_warnings

    digest = text_hash(text)
    path = Path(path).absolute()
    try:
        story = parse_story(text, path)
    except StudioError as e:
        return Analysis(digest, path, error=e)
    missing = tuple(_missing_media(story, text))
    project = None
    try:
        project = load_project(story, preset, brand=brand or None, catalog=Catalog())
        if cancel is not None and cancel.is_set():
            return Analysis(digest, path, story=story, project=project, missing=missing)
        plan = make_plan(project)
    except StudioError as e:
        return Analysis(digest, path, story=story, project=project, error=e, missing=missing)
    return Analysis(digest, path, story=story, project=project, plan=plan,
                    problems=tuple(caption_problems(plan)), missing=missing,
                    verdict=preflight(project, plan.timeline),
                    too_long=tuple(length_problems(plan, story.meta.presets)), warnings=tuple(plan_warnings(plan)))


def _missing_media(story: Story, text: str) -> list[MissingMedia]:
    """Every media file the story names that is not on disk, at the line naming it."""
    lines = text.splitlines()
    out: dict[Path, MissingMedia] = {}
    for bg in story.backgrounds:
        if not bg.path.exists():
            out.setdefault(bg.path, MissingMedia(bg.line, bg.path))
    named = [(story.meta_lines.get(k), getattr(story.meta, k)) for k in ("music", "voiceover", "timing_srt")]
    for line, value in named:
        if value and not story.media_path(value).exists():
            out.setdefault(story.media_path(value), MissingMedia(line or 1, story.media_path(value)))
    for beat in story.beats:
        if beat.voice is not None and not beat.voice.exists():
            before = [i + 1 for i, l in enumerate(lines[: beat.line]) if beat.voice.name in l]
            out.setdefault(beat.voice, MissingMedia(before[-1] if before else beat.line, beat.voice))
    return sorted(out.values(), key=lambda m: m.line)
