"""QtJobEngine alone: events the engine sends from its own threads arrive on the GUI thread,
progress thinned to about ten a second per job, the end always delivered. The engine here is a
stand-in that only calls back (the real engine and ffmpeg are in test_queue.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from studio.batch import Job, JobEvent
from studio.gui.jobs import QtJobEngine

pytestmark = pytest.mark.usefixtures("panel_leak_guard")


class CallbackOnlyEngine:
    """Calls its listeners from a thread of its own, like BatchEngine."""

    def __init__(self):
        self.listeners, self.cancelled, self.closed, self.thread = [], [], False, None

    def subscribe(self, cb):
        self.listeners.append(cb)

    def submit(self, jobs):
        jobs = list(jobs)

        def run():
            t0 = time.monotonic()
            for job in jobs:
                self._emit(JobEvent(job, "queued"))
                for i in range(200):  # 200 progress events in about 0.4 s
                    self._emit(JobEvent(job, "progress", fraction=i / 200, eta_s=1.0))
                    time.sleep(0.002)
                self.duration = time.monotonic() - t0
                self._emit(JobEvent(job, "finished", fraction=1.0))
        self.thread = threading.Thread(target=run, name="fake-engine")
        self.thread.start()

    def _emit(self, e):
        for cb in self.listeners:
            cb(e)

    def cancel(self, job=None):
        self.cancelled.append(job)

    def shutdown(self, timeout=None):
        self.closed = True
        if self.thread:
            self.thread.join()


def test_events_reach_the_gui_thread_thinned_to_ten_a_second(qtbot):
    fake = CallbackOnlyEngine()
    engine = QtJobEngine(engine=fake)
    got = []
    gui = QThread.currentThread()
    engine.event.connect(lambda e: got.append((e.kind, QThread.currentThread() is gui or QThread.currentThread() == gui)))
    job = Job(Path("a.md"), "preview", Path("out"))
    engine.submit([job])
    assert engine.has_running()
    qtbot.waitUntil(lambda: bool(got) and got[-1][0] == "finished", timeout=10_000)
    kinds = [k for k, _ in got]
    assert all(on_gui for _, on_gui in got)
    assert kinds[0] == "queued" and kinds[-1] == "finished"
    # 200 sent in about 0.4 s (longer on a loaded machine): at most one per 0.1 s gets through
    assert 1 <= kinds.count("progress") <= fake.duration / 0.1 + 2, (kinds.count("progress"), fake.duration)
    assert not engine.has_running()
    engine.cancel(job)
    assert fake.cancelled == [job]
    engine.shutdown()
    assert fake.closed


def test_the_app_engine_takes_a_qt_parent_and_shuts_down(qtbot):
    """`QtJobEngine(window)`, as the main window makes it: the batch engine with the GUI's
    lower-priority local backend; shutdown joins its threads (the leak guard checks)."""
    from PySide6.QtCore import QObject
    from studio.gui.jobs import BackgroundLocalBackend
    owner = QObject()
    engine = QtJobEngine(owner)
    assert engine.parent() is owner and isinstance(engine.engine.backend, BackgroundLocalBackend)
    assert not engine.has_running()
    engine.shutdown()
    engine.shutdown()  # twice is harmless (the window's close and the app's aboutToQuit)
