"""Crash logs: each studio session writes Python's fatal-error trace (faulthandler: a segfault, an
abort such as "none_dealloc", a deadlock dump) into a log of its own in the user data folder, and
holds a lock on it while it runs. At the next start, a log nobody holds belongs to a session that
ended without closing (a crash, kill -9, a power cut): the studio says so, shows the log's path to
attach to a report, and offers the recovery file.

Qt-free. The logs can name story files, so they are private to the user (0600 in a 0700 folder)."""

from __future__ import annotations

import faulthandler
import os
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; an abnormal end is then not detected
    fcntl = None

from ..core.paths import private_dir, user_data_root

KEEP = 5  # crash reports kept (the oldest go first)


def sessions_dir() -> Path:
    return user_data_root() / "sessions"


def reports_dir() -> Path:
    return user_data_root() / "crash-reports"


@dataclass(frozen=True)
class AbnormalEnd:
    """A session that ended without closing."""
    ended_at: float           # when its log was last written: the crash, or the session's start when it wrote nothing
    report: Path | None       # the kept log with the fatal error's trace (None: no trace, e.g. kill -9)


class SessionLog:
    """This session's log, open and locked until close()."""

    def __init__(self) -> None:
        folder = private_dir(sessions_dir())
        self.path = folder / f"session-{os.getpid()}-{time.time_ns()}.log"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.file = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        faulthandler.enable(file=self.file, all_threads=True)

    def close(self) -> None:
        """A clean end: the log is removed (nothing happened worth keeping)."""
        if self.file.closed:
            return
        faulthandler.disable()
        self.file.close()
        self.path.unlink(missing_ok=True)


def collect_abnormal_ends() -> list[AbnormalEnd]:
    """The sessions that ended without closing, newest first. Each one's log is moved to the crash
    reports when it holds a trace, else removed; so each abnormal end is reported once."""
    folder = sessions_dir()
    if fcntl is None or not folder.is_dir():
        return []
    found = []
    for log in folder.glob("session-*.log"):
        try:
            fd = os.open(log, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # another studio is running with it
        finally:
            os.close(fd)  # (closing drops the lock we may have taken)
        try:
            st = log.stat()
        except OSError:
            continue
        ended_at, has_trace = st.st_mtime, st.st_size > 0
        report = None
        if has_trace:
            report = private_dir(reports_dir()) / log.name.replace("session-", "crash-", 1)
            os.replace(log, report)
        else:
            log.unlink(missing_ok=True)
        found.append(AbnormalEnd(ended_at, report))
    _prune(reports_dir())
    return sorted(found, key=lambda e: -e.ended_at)


def _prune(folder: Path) -> None:
    if not folder.is_dir():
        return
    reports = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in reports[KEEP:]:
        old.unlink(missing_ok=True)
