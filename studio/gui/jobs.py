"""QtJobEngine: the Qt face of `studio.batch.BatchEngine`, the one job engine of the CLI and the
GUI. The engine calls back on its own threads; each event crosses to the GUI thread through a
queued signal, progress thinned to about ten a second per job. Rendering, skipping and
cancelling stay in the engine."""

from __future__ import annotations

import os
import threading
import time
from typing import Iterable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ..batch import BatchEngine, Job, JobEvent, LocalBackend
from ..batch.events import ENDED

PROGRESS_INTERVAL_S = 0.1
RENDER_NICENESS = 10  # renders take the CPU the editor leaves (ffmpeg inherits it from its thread)


class BackgroundLocalBackend(LocalBackend):
    """The engine's local backend, its render threads (and so their ffmpeg) at a lower priority
    than the GUI: the window stays responsive while the queue renders."""

    def render(self, *args, **kwargs):
        if hasattr(os, "setpriority"):  # per thread on Linux; elsewhere the whole process would drop
            try:
                if os.uname().sysname == "Linux":
                    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), RENDER_NICENESS)
            except OSError:
                pass
        return super().render(*args, **kwargs)



QUIT_WAIT_S = 30


class QtJobEngine(QObject):
    event = Signal(object)      # a studio.batch.JobEvent, delivered on the GUI thread
    _relay = Signal(object)     # emitted on engine threads, queued to this object's (GUI) thread

    def __init__(self, parent: QObject | None = None, *, engine: BatchEngine | None = None):
        super().__init__(parent)
        self.engine = engine or BatchEngine(BackgroundLocalBackend())
        self._last_progress: dict[Job, float] = {}
        self._lock = threading.Lock()
        self._live: set[Job] = set()        # jobs submitted and not yet ended (GUI thread)
        self._closed = False
        self._relay.connect(self._deliver)
        self.engine.subscribe(self._on_engine_event)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def submit(self, jobs: Iterable[Job]) -> None:
        jobs = list(jobs)
        self._live.update(jobs)
        self.engine.submit(jobs)

    def cancel(self, job: Job | None = None) -> None:
        self.engine.cancel(job)

    def has_running(self) -> bool:
        """True while a submitted job has not ended (queued or rendering)."""
        return bool(self._live)

    def shutdown(self) -> None:
        """Cancels what runs and joins the engine's threads and processes (on quit)."""
        if self._closed:
            return
        self._closed = True
        # a cancelled render stops its ffmpeg within a second, then removes its partial files:
        # wait for that (a loaded machine takes longer), but never hang the quit for good
        self.engine.shutdown(timeout=QUIT_WAIT_S)
        self._live.clear()

    # engine threads ------------------------------------------------------------------------------
    def _on_engine_event(self, event: JobEvent) -> None:
        if event.kind == "progress":
            now = time.monotonic()
            with self._lock:
                if now - self._last_progress.get(event.job, 0.0) < PROGRESS_INTERVAL_S:
                    return
                self._last_progress[event.job] = now
        elif event.kind in ENDED:
            with self._lock:
                self._last_progress.pop(event.job, None)
        self._relay.emit(event)

    # GUI thread ----------------------------------------------------------------------------------
    @Slot(object)
    def _deliver(self, event: JobEvent) -> None:
        if event.kind in ENDED:
            self._live.discard(event.job)
        elif event.kind == "queued":
            self._live.add(event.job)
        self.event.emit(event)
