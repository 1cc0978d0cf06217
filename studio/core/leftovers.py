"""What a dead run leaves behind, and the next run removes: hidden `.part` files beside the
outputs and `studio-*` work folders in the temp folder.

Both carry the pid of the process that made them (`.lea.tiktok.mp4.4242-139871.part`,
`studio-qa-4242-k2j1x9`), so a later run can tell a dead run's leftovers from a living one's:
only files and folders of this user whose process is gone are removed (a folder from before
names carried a pid: when older than a day). Work folders are private (0700, as mkdtemp makes
them)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

_PART = re.compile(r"^\..+\.(?P<pid>\d+)(?:-\d+)?\.part$")
# the names tempfile gives: a prefix of ours, then 8 random characters of [a-z0-9_]
_WORK = re.compile(r"^studio-(?:(?:qa|preview|job)-)?(?:(?P<pid>\d+)-)?[a-z0-9_]{8}$")
LEGACY_AGE_S = 24 * 3600
_cleaned: set[str] = set()
_lock = threading.Lock()


def work_dir(kind: str = "") -> tempfile.TemporaryDirectory:
    """A private temporary folder named with this process's pid (`studio-KIND-PID-xxxx`)."""
    return tempfile.TemporaryDirectory(prefix=f"studio-{kind + '-' if kind else ''}{os.getpid()}-")


def make_work_dir(kind: str = "") -> Path:
    """Like `work_dir`, for a folder its owner removes itself (mkdtemp)."""
    return Path(tempfile.mkdtemp(prefix=f"studio-{kind + '-' if kind else ''}{os.getpid()}-"))


def part_of(target: Path) -> Path:
    """The hidden file `target` is written to before it is renamed into place."""
    return target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.part")


def alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_dead_parts(folder: Path) -> list[Path]:
    """Removes the hidden `.part` files in `folder` whose process is gone (this user's only)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PART.match(entry.name)
        if not m or alive(int(m["pid"])):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid():
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def remove_dead_work_dirs(root: Path | None = None, *, once: bool = True) -> list[Path]:
    """Removes the `studio-*` work folders in the temp folder whose process is gone (this user's
    only). With `once`, at most once per process and folder."""
    root = Path(root or tempfile.gettempdir())
    with _lock:
        if once and str(root) in _cleaned:
            return []
        _cleaned.add(str(root))
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _WORK.match(entry.name)
        if not m:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or st.st_uid != os.getuid():
                continue
            dead = not alive(int(m["pid"])) if m["pid"] else now - st.st_mtime > LEGACY_AGE_S
        except OSError:
            continue
        if dead:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed
