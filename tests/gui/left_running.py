"""What a studio leaves running: Python threads started since a point, active QTimers among those
started, child processes (ffmpeg). Shared by the GUI tests' leak guard (conftest.py) and the soak's
child process (soak_child.py)."""

from __future__ import annotations

import threading

import psutil
from PySide6.QtCore import QTimer


def track_timers(patch=None) -> list[QTimer]:
    """Every QTimer started from now on is appended to the returned list. `patch(QTimer, "start",
    f)` installs the wrapper (pytest's monkeypatch.setattr undoes it after a test); by default it
    is set for good."""
    timers: list[QTimer] = []
    original = QTimer.start

    def start(self, *args):
        timers.append(self)
        return original(self, *args)
    (patch or setattr)(QTimer, "start", start)
    return timers


def active_timers(timers: list[QTimer]) -> list[str]:
    found = []
    for t in timers:
        try:
            if t.isActive():
                found.append(t.objectName() or repr(t))
        except RuntimeError:  # deleted on the C++ side: not running
            pass
    return found


def new_threads(before: set[int] | None = None) -> list[threading.Thread]:
    """Live Python threads, other than the main one and those whose ident is in `before`."""
    return [t for t in threading.enumerate() if t is not threading.main_thread() and t.is_alive()
            and not isinstance(t, threading._DummyThread) and (before is None or t.ident not in before)]


def child_processes() -> list[psutil.Process]:
    """This process's children, grandchildren included, that still run (zombies do not), but
    multiprocessing's resource tracker: started once by the first pool (Dask's, in the batch
    tests), it lives as long as this process by design."""
    return [p for p in psutil.Process().children(recursive=True)
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE and not _resource_tracker(p)]


def _resource_tracker(p: psutil.Process) -> bool:
    try:
        return any("multiprocessing.resource_tracker" in part for part in p.cmdline())
    except psutil.Error:
        return False
