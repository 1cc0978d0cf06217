"""What the library shows of a story, read without Qt: title, duration, consent, and the last
QA verdict per preset with its cover, from the `.qa.json` files the render writes beside its
outputs (`<stem>.qa.json`, `<stem>.qa.html`, `<stem>.jpg`, `<stem>.mp4`)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.errors import StudioError
from ..core.project import DEFAULT_PRESET, load_project
from ..core.story import load_story
from ..core.timeline import project_timeline
from ..media.probe import file_identity

STORY_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Verdict:
    preset: str
    status: str          # pass | warn | fail
    verdict: str         # the QA's words: publishable / ... with warnings / not publishable
    report_html: Path
    video: Path
    cover: Path | None
    mtime: float


@dataclass(frozen=True)
class StoryInfo:
    path: Path
    title: str
    duration_s: float | None = None
    consent_given: bool = False
    consent_by: str | None = None
    error: StudioError | None = None             # the story cannot be loaded: shown, not raised
    verdicts: dict[str, Verdict] = field(default_factory=dict)  # preset -> last verdict
    mtime: float = 0.0                           # when the story file was last written

    def out_of_date(self, v: Verdict) -> bool:
        """The export `v` was made before the story's last change."""
        return self.mtime > v.mtime + 1  # (a second's slack: file systems round times)

    @property
    def cover(self) -> Path | None:
        """The cover JPEG of the story's most recent render, if one is still there."""
        latest = sorted(self.verdicts.values(), key=lambda v: v.mtime, reverse=True)
        return next((v.cover for v in latest if v.cover), None)


def list_stories(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.suffix.lower() in STORY_SUFFIXES and p.is_file()
                   and not p.name.startswith(".")), key=lambda p: p.name.lower())


def read_info(story: Path, verdicts: dict[str, Verdict] | None = None) -> StoryInfo:
    """The story's facts; a story that does not load keeps its file name and carries its error.
    Read once per version of the file: the library refreshes whenever a render writes its outputs."""
    story = Path(story)
    key = file_identity(story)
    if (known := _facts.get(key)) is None:
        known = _facts[key] = _read_facts(story)
    try:
        mtime = story.stat().st_mtime
    except OSError:
        mtime = 0.0
    return replace(known, verdicts=verdicts or {}, mtime=mtime)


_facts: dict[tuple, StoryInfo] = {}


def _read_facts(story: Path) -> StoryInfo:
    try:
        s = load_story(story)
    except StudioError as e:
        return StoryInfo(story, story.stem, error=e)
    info = StoryInfo(story, s.title, consent_given=s.meta.consent.given, consent_by=s.meta.consent.by)
    try:  # the duration at the story's first preset (fps and end card change it slightly)
        project = load_project(s, (s.meta.presets or (DEFAULT_PRESET,))[0])
        return replace(info, duration_s=project_timeline(project).duration_s)
    except StudioError as e:
        return replace(info, error=e)


def scan_verdicts(out_dirs: list[Path]) -> dict[Path, dict[str, Verdict]]:
    """story path -> preset -> its most recent QA verdict, from the `.qa.json` files found."""
    found: dict[Path, dict[str, Verdict]] = {}
    for folder in out_dirs:
        if not Path(folder).is_dir():
            continue
        for qa in Path(folder).glob("*.qa.json"):
            v = _read_verdict(qa)
            if v is None:
                continue
            story, verdict = v
            known = found.setdefault(story, {}).get(verdict.preset)
            if known is None or verdict.mtime > known.mtime:
                found[story][verdict.preset] = verdict
    return found


_parsed: dict[tuple[str, int, float], tuple[Path, Verdict] | None] = {}  # a report is read once
_parsed_lock = threading.Lock()


def _read_verdict(qa: Path) -> tuple[Path, Verdict] | None:
    try:
        st = qa.stat()
    except OSError:
        return None
    key = (str(qa), st.st_size, st.st_mtime)
    with _parsed_lock:
        if key in _parsed:
            return _parsed[key]
    found = _parse_verdict(qa, st.st_mtime)
    with _parsed_lock:
        _parsed[key] = found
    return found


def _parse_verdict(qa: Path, mtime: float) -> tuple[Path, Verdict] | None:
    try:
        data = json.loads(qa.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("story") or not data.get("preset"):
        return None
    stem = qa.name[: -len(".qa.json")]
    cover = qa.with_name(f"{stem}.jpg")
    return Path(data["story"]).resolve(), Verdict(
        preset=str(data["preset"]), status=str(data.get("status", "")), verdict=str(data.get("verdict", "")),
        report_html=qa.with_name(f"{stem}.qa.html"), video=Path(data.get("video") or qa.with_name(f"{stem}.mp4")),
        cover=cover if cover.is_file() else None, mtime=mtime)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = round(seconds)
    return f"{s // 60}:{s % 60:02d}"
