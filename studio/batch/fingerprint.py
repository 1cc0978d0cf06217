"""Is a job's output up to date? A content hash of everything that shapes the video (story text,
every media file's bytes, the resolved preset, brand kit and look, the kit's logo and fonts, the
care texts, the job's overrides, the program version), recorded beside the output.

Hashing a big clip again is avoided: a file whose size and modification time are unchanged keeps
the hash recorded last time (in the stamp beside the output, and in memory within a run)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..core.catalog import font_path
from ..core.errors import StudioError
from ..core.project import Project
from ..render import RenderResult
from .jobs import Job

STAMP_SUFFIX = ".fingerprint.json"
_FONT_EXT = (".ttf", ".otf", ".ttc")
_cache: dict[tuple[str, int, int], str] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    files: dict[str, dict[str, Any]]  # path -> size, mtime_ns, sha256

    def to_dict(self) -> dict[str, Any]:
        return {"fingerprint": self.digest, "studio_version": __version__, "files": self.files}


def stamp_path(job: Job) -> Path:
    return Path(job.out_dir) / f"{job.id}{STAMP_SUFFIX}"


def fingerprint(project: Project, job: Job) -> Fingerprint:
    previous = _read_stamp(stamp_path(job)) or {}
    known = previous.get("files", {}) if isinstance(previous, dict) else {}
    files = {str(p): _file_entry(p, known.get(str(p))) for p in sorted(set(input_files(project)))}
    h = hashlib.sha256()
    settings = {
        "version": __version__, "job": {k: v for k, v in job.to_dict().items() if k not in ("out_dir", "story")},
        "preset": project.preset.model_dump(mode="json", exclude={"source"}),
        "brand": project.brand.model_dump(mode="json", exclude={"source", "logo"}),
        "look": project.look.model_dump(mode="json"), "endcard": project.endcard.model_dump(mode="json"),
    }
    h.update(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    for path, entry in files.items():
        # where a file is does not matter, what it holds does (a moved campaign folder stays up to
        # date); the story text, hashed too, says which file goes where
        h.update(f"\0{Path(path).name}\0{entry['sha256']}".encode())
    return Fingerprint(h.hexdigest(), files)


def input_files(project: Project) -> Iterable[Path]:
    """Every file the render reads besides the shipped program: story, media, logo, fonts, care texts."""
    yield from story_files(project)
    yield from _kit_files(project)


def story_files(project: Project) -> Iterable[Path]:
    """The story and the media it names."""
    story = project.story
    yield story.path
    for bg in story.backgrounds:
        yield bg.path
    for beat in story.beats:
        if beat.voice:
            yield beat.voice
    for key in ("music", "voiceover", "timing_srt"):
        if value := getattr(story.meta, key):
            yield story.media_path(value)


def _kit_files(project: Project) -> Iterable[Path]:
    if project.brand.logo:
        yield Path(project.brand.logo)
    for role, name in project.brand.fonts.model_dump().items():
        yield font_path(name, project.brand.source, f"fonts.{role}")
    for value in _strings(project.look.model_dump(mode="json")):
        if value.lower().endswith(_FONT_EXT):
            try:
                yield font_path(value, project.brand.source)
            except StudioError:
                pass  # the render names the missing font
    if project.care_file:
        yield project.care_file


def up_to_date(job: Job, fp: Fingerprint) -> RenderResult | None:
    """The outputs kept from the last successful render when its inputs are unchanged, else None."""
    stamp = _read_stamp(stamp_path(job))
    if not stamp or stamp.get("fingerprint") != fp.digest:
        return None
    return previous_result(job)


def previous_result(job: Job) -> RenderResult | None:
    """The last render's result, from its report beside the outputs (None if any output is gone)."""
    out = Path(job.out_dir)
    try:
        report = json.loads((out / f"{job.id}.report.json").read_text("utf-8"))
        outputs = {k: out / Path(v).name for k, v in report["outputs"].items()}
        if not all(p.is_file() for p in outputs.values()):
            return None
        qa = report.get("qa", {})
        return RenderResult(story=Path(report["story"]["path"]), preset=report["preset"]["name"],
                            video=outputs["mp4"], srt=outputs["srt"], vtt=outputs["vtt"], cover=outputs["jpg"],
                            report=outputs["report.json"], duration_s=float(report["duration_s"]),
                            elapsed_s=float(report["elapsed_s"]), warnings=tuple(report.get("warnings", ())),
                            qa=qa.get("verdict", ""), qa_report=(outputs["qa.json"], outputs["qa.html"]),
                            qa_s=float(qa.get("elapsed_s", 0.0)), post=outputs.get("post.txt"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_stamp(job: Job, fp: Fingerprint) -> None:
    """Written after the outputs are in place: an interrupted render is never taken as done."""
    path = stamp_path(job)
    part = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        part.write_text(json.dumps({**fp.to_dict(), "job": job.to_dict()}, ensure_ascii=False, indent=1), "utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _file_entry(path: Path, known: dict | None, st: os.stat_result | None = None) -> dict[str, Any]:
    try:
        st = st or path.stat()
    except OSError:
        return {"size": -1, "mtime_ns": 0, "sha256": "missing"}  # the render reports the missing file
    key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _cache.get(key)
    if digest is None and known and (known.get("size"), known.get("mtime_ns")) == (st.st_size, st.st_mtime_ns):
        digest = known.get("sha256")
    if digest is None:
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device is never opened (it would never end)
            return {"size": -1, "mtime_ns": 0, "sha256": "not a regular file"}
        digest = _hash(path)
        if digest is None:
            return {"size": -1, "mtime_ns": 0, "sha256": "unreadable"}  # the render names the problem
    with _cache_lock:
        _cache[key] = digest
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}


def _hash(path: Path) -> str | None:
    """sha256 of a regular file, opened without blocking (a file swapped for a FIFO since its stat
    is refused, not waited on); None when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        h = hashlib.sha256()
        try:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        except OSError:
            return None
    return h.hexdigest()


def _read_stamp(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text("utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _strings(node: Any) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v)
