"""Background work for the panels: a QRunnable whose signals live on a separate QObject, one job
in flight per lane, newer requests replacing older ones (the older result is discarded by its
generation number, and its cancel event is set so a cancellable engine call stops early).

Nothing here touches a widget: results reach the GUI thread through queued signals."""

from __future__ import annotations

import sys
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import StudioError

Work = Callable[[threading.Event], Any]


class _Signals(QObject):
    done = Signal(int, object, object)  # generation, result, error (StudioError or UnexpectedError)


class UnexpectedError(Exception):
    """A bug inside a worker: carries the traceback text for the error dialog."""

    def __init__(self, error: BaseException):
        super().__init__(f"{type(error).__name__}: {error}")
        self.details = "".join(traceback.format_exception(error))


class _Task(QRunnable):
    def __init__(self, work: Work, generation: int, cancel: threading.Event, signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self.work, self.generation, self.cancel, self.signals = work, generation, cancel, signals

    def run(self) -> None:
        result = error = None
        try:
            result = self.work(self.cancel)
        except StudioError as e:
            error = e
        except Exception as e:  # noqa: BLE001 - a bug: shown in the error dialog, never lost
            error = UnexpectedError(e)
        self.signals.done.emit(self.generation, result, error)


def pool() -> QThreadPool:
    # Workers run Python (caption fitting, the preview's composition) while the window waits for
    # Python's lock to run a slot: at the default 5 ms switch interval a worker kept it for up to
    # 60-90 ms at a time (measured by tests/gui/test_app.py's timer probe); at 1 ms the window gets
    # it back within its 50 ms budget. It applies to the whole process, which is the desktop app.
    if sys.getswitchinterval() > 0.001:
        sys.setswitchinterval(0.001)
    return QThreadPool.globalInstance()


class Lane(QObject):
    """One kind of background work (validation, preview frames): at most one job running, the
    latest request waiting; `finished(result, error)` fires only for the newest generation."""

    finished = Signal(object, object)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.generation = 0
        self._running: tuple[int, threading.Event] | None = None
        self._pending: Work | None = None
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)

    def request(self, work: Work) -> int:
        """Runs `work(cancel_event)` after the job in flight; an older waiting request is dropped."""
        self.generation += 1
        if self._running is not None:
            self._running[1].set()  # the engine may stop early; its result is discarded anyway
            self._pending = work
        else:
            self._start(work)
        return self.generation

    def busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def cancel(self) -> None:
        self.generation += 1
        self._pending = None
        if self._running is not None:
            self._running[1].set()

    def _start(self, work: Work) -> None:
        cancel = threading.Event()
        self._running = (self.generation, cancel)
        pool().start(_Task(work, self.generation, cancel, self._signals))

    def _on_done(self, generation: int, result: object, error: object) -> None:
        self._running = None
        if self._pending is not None:
            work, self._pending = self._pending, None
            self._start(work)
        if generation == self.generation:
            self.finished.emit(result, error)
