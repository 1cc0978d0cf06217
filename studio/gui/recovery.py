"""Recovery files: the editor's text written a few seconds after each edit into the user data
folder (named from the story's path), offered back on the next start after a crash or kill -9,
removed by a clean save or a deliberate discard. Written atomically, so a crash while writing one
never replaces a good recovery file with half of one."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .settings import recovery_dir


@dataclass(frozen=True)
class Recovered:
    file: Path          # the recovery file
    story: Path | None  # the story it belongs to (None: a new, never saved story)
    text: str
    saved_at: float


def recovery_file(story: Path | None, key: str) -> Path:
    """`key` names an unsaved new story (one per window)."""
    ident = str(story.resolve()) if story else f"untitled:{key}"
    stem = story.stem if story else "untitled"
    return recovery_dir() / f"{stem}-{hashlib.sha1(ident.encode()).hexdigest()[:12]}.json"


def write(story: Path | None, key: str, text: str) -> Path:
    target = recovery_file(story, key)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"story": str(story) if story else None, "text": text,
                               "saved_at": time.time()}, ensure_ascii=False), "utf-8")
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return target


def remove(story: Path | None, key: str) -> None:
    recovery_file(story, key).unlink(missing_ok=True)


def pending() -> list[Recovered]:
    """Every recovery file left behind, newest first (an unreadable one is skipped)."""
    found = []
    folder = recovery_dir()
    for f in folder.glob("*.json") if folder.is_dir() else ():
        try:
            data = json.loads(f.read_text("utf-8"))
            found.append(Recovered(f, Path(data["story"]) if data.get("story") else None,
                                   data["text"], float(data["saved_at"])))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: -r.saved_at)
