"""Recovery files: the editor's text written a few seconds after each edit into the user data
folder (named from the story's path), offered back on the next start after a crash or kill -9,
removed by a clean save or a deliberate discard. Written atomically, so a crash while writing one
never replaces a good recovery file with half of one."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.paths import private_dir, user_data_root, write_private


def recovery_dir() -> Path:
    return user_data_root() / "recovery"


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
    """Writes the recovery file atomically, readable by this user only (0600 in a 0700 folder):
    the text can be a minor's testimony."""
    private_dir(recovery_dir())
    target = recovery_file(story, key)
    data = json.dumps({"story": str(story) if story else None, "text": text, "saved_at": time.time()},
                      ensure_ascii=False).encode("utf-8")
    return write_private(target, data)


def saved_text(story: Path | None) -> str | None:
    """What the story file holds, as the editor shows it (BOM dropped, CRLF as LF); None when
    there is no file or it cannot be read."""
    if story is None:
        return None
    try:
        return story.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


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


def move(old: Path, new: Path) -> Path | None:
    """The story `old` was renamed `new`: its recovery file follows it (None: it had none)."""
    source = recovery_file(old, "")
    try:
        data = json.loads(source.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    target = write(new, "", data.get("text", ""))
    source.unlink(missing_ok=True)
    return target
