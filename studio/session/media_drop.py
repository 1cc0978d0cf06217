"""What a file dropped onto the editor becomes, as text: a picture or clip line at the drop
point; a sound as the story's music (when it has none) or the voice of the next beat. Files from
outside the story's folder are copied into its media/ folder (the window asks once)."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from ..core.story import AUDIO_EXTENSIONS
from . import frontmatter_text

PICTURES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".bmp", ".gif", ".tif", ".tiff")
CLIPS = (".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi")


def kind(path: Path) -> str | None:
    ext = path.suffix.lower()
    return "picture" if ext in PICTURES else "clip" if ext in CLIPS else "sound" if ext in AUDIO_EXTENSIONS else None


def outside(folder: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return False
    except ValueError:
        return True


def copy_into_media(folder: Path, path: Path) -> Path:
    """Copies `path` into folder/media/ (a free name if one is taken by another file)."""
    media = folder / "media"
    media.mkdir(exist_ok=True)
    target = media / path.name
    n = 2
    while target.exists() and not _same(target, path):
        target = media / f"{path.stem}-{n}{path.suffix}"
        n += 1
    if not target.exists():
        tmp = target.with_name(f".{target.name}.part")
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    return target


def _same(a: Path, b: Path) -> bool:
    return filecmp.cmp(a, b, shallow=False)


def reference(folder: Path, path: Path) -> str:
    """The path as the story writes it: relative to its folder, in <> when it holds spaces."""
    try:
        rel = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        rel = path.resolve().as_posix()
    return f"<{rel}>" if any(c in rel for c in " ()") else rel


def insert(text: str, line: int, folder: Path, path: Path) -> str:
    """The text with `path` inserted for a drop on `line` (1-based)."""
    what = kind(path)
    ref = reference(folder, path)
    block = frontmatter_text.read(text)
    if what == "sound" and not block.values.get("music") and block.error == "":
        return frontmatter_text.set_key(text, "music", ref.strip("<>"))
    lines = text.split("\n")
    at = max(line - 1, block.end + 1 if block.end >= 0 else 0)
    at = min(at, len(lines))
    # a media line stands alone: put it before the paragraph holding the drop point
    while at > 0 and at < len(lines) and lines[at].strip() and lines[at - 1].strip():
        at -= 1
    name = path.stem.replace("_", " ").replace("-", " ")
    new = [f"![{name}]({ref})", ""]
    if at > 0 and lines[at - 1].strip():
        new.insert(0, "")
    lines[at:at] = new
    return "\n".join(lines)
