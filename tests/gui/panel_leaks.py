"""`panel_leak_guard`: fails a test that leaves Python threads, busy Qt thread-pool workers or
ffmpeg child processes behind (after giving them a few seconds to end), in the spirit of
napari's leak fixtures. Used by the library, queue and export tests."""

from __future__ import annotations

import threading
import time

import psutil
import pytest

GRACE_S = 5.0


def _ffmpeg_children() -> list[psutil.Process]:
    found = []
    for p in psutil.Process().children(recursive=True):
        try:
            if "ffmpeg" in p.name() or any("ffmpeg" in a for a in p.cmdline()[:1]):
                found.append(p)
        except psutil.Error:
            pass
    return found


def _busy_pools() -> int:
    from PySide6.QtCore import QThreadPool
    return QThreadPool.globalInstance().activeThreadCount()


@pytest.fixture
def panel_leak_guard():
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + GRACE_S
    while True:
        threads = [t for t in threading.enumerate() if t not in before and t.is_alive()
                   and not isinstance(t, threading._DummyThread)]
        ffmpegs = _ffmpeg_children()
        busy = _busy_pools()
        if not (threads or ffmpegs or busy) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    leaks = [f"thread {t.name}" for t in threads] + [f"ffmpeg pid {p.pid}" for p in ffmpegs]
    leaks += [f"{busy} busy QThreadPool worker(s)"] if busy else []
    for p in ffmpegs:
        p.kill()
    psutil.wait_procs(ffmpegs, timeout=3)  # reaped, so the next test does not see them
    assert not leaks, f"left behind after the test: {', '.join(leaks)}"
