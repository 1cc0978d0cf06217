"""A guard against Qt bindings that corrupt reference counts.

PySide6 6.12.0 on Python 3.11 drops one reference to True on every Signal.emit() and one to None on
every QWidget.update(): after some thousands of frames Python aborts ("Fatal Python error:
none_dealloc"), which is how the studio vanished while playing. Each call shape the studio uses
runs 10,000 times here and the reference counts of True, False and None must not move; a failure
names the call and the versions, so the release can be excluded in pyproject.toml.

Python 3.12 made True, False and None immortal (their counts never change), so the leak can neither
be seen nor crash there: the guard skips itself."""

from __future__ import annotations

import ctypes
import sys
import time
import threading
from pathlib import Path

import pytest
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

CALLS = 10_000
TOLERANCE = 50  # unrelated bookkeeping may move a count by a few; a leak moves it by ~CALLS

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12),
                                reason="True, False and None are immortal from Python 3.12 on")


class Shapes(QObject):
    """Every signal signature the studio declares (studio/gui/*.py)."""
    none = Signal()
    number = Signal(float)
    count = Signal(int)
    flag = Signal(bool)
    text = Signal(str)
    thing = Signal(object)
    items = Signal(list)
    path = Signal(Path)
    pair = Signal(object, object)
    generation = Signal(int, object, object)
    picture = Signal(float, QImage)


# A leaking release would bring True's count to zero (and abort) within 10,000 calls: the calls run
# in chunks, and after each one the references it lost are given back for good (Py_IncRef, never
# undone), so the process lives to name the call.
CHUNK = 100


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def _leaks(call) -> dict[str, int]:
    """Runs call(n) for CALLS calls in chunks; the net change of each count over all chunks."""
    call(1)  # warm up: first-call caches (method tables, signal lookups) are not leaks
    total = [0, 0, 0]
    for _ in range(CALLS // CHUNK):
        before = _counts()
        call(CHUNK)
        after = _counts()
        for k, (obj, a, b) in enumerate(zip((True, False, None), after, before)):
            total[k] += a - b
            for _ in range(b - a):
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return {name: d for name, d in zip(("True", "False", "None"), total) if abs(d) > TOLERANCE}


def _spin_until(done, timeout_s: float = 60) -> None:
    """Runs the event loop until done() (qtbot.waitUntil keeps references of its own per call)."""
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "the events never arrived"
        QApplication.processEvents()


def _direct(signal_name: str, *args):
    shapes = Shapes()
    getattr(shapes, signal_name).connect(lambda *a: None)

    def call(n):
        emit = getattr(shapes, signal_name).emit
        for _ in range(n):
            emit(*args)
    return call


def _queued_from_thread(qtbot):
    """Emitted on a Python thread, delivered on the GUI thread (the player's and workers' path)."""
    shapes = Shapes()  # made on the GUI thread: a connection from another thread is queued
    got = []
    shapes.thing.connect(got.append)

    def call(n):
        got.clear()
        t = threading.Thread(target=lambda: [shapes.thing.emit(i) for i in range(n)])
        t.start()
        t.join()
        _spin_until(lambda: len(got) == n)
    return call


def _update(qtbot):
    widget = QWidget()
    widget.resize(32, 32)
    widget.show()
    qtbot.addWidget(widget)

    def call(n):
        for _ in range(n):
            widget.update()
        QApplication.processEvents()
    return call


def _timer(qtbot):
    timer = QTimer()
    timer.setInterval(0)
    fired = []

    wanted = [0]

    def tick():
        fired.append(1)
        if len(fired) >= wanted[0]:
            timer.stop()
    timer.timeout.connect(tick)

    def call(n):
        fired.clear()
        wanted[0] = n
        timer.start()
        _spin_until(lambda: len(fired) >= n and not timer.isActive())
    return call


def _preview_frames(qtbot):
    """The preview's per-frame path while playing: the player's reader thread emits (t, QImage),
    the panel shows it (FrameView.update, frame_shown) on the GUI thread."""
    from studio.core.catalog import Catalog
    from studio.gui.preview_panel import PreviewPanel

    panel = PreviewPanel(Catalog())
    qtbot.addWidget(panel)
    panel.show()
    image = QImage(54, 96, QImage.Format.Format_RGB888)
    image.fill(0x336699)
    shown = []
    panel.frame_shown.connect(shown.append)

    def call(n):
        shown.clear()
        t = threading.Thread(target=lambda: [panel.player.frame.emit(i / 30, image) for i in range(n)])
        t.start()
        t.join()
        _spin_until(lambda: len(shown) == n)
        QApplication.processEvents()  # the paints the updates asked for
    return call


DIRECT = {
    "Signal().emit()": ("none",),
    "Signal(float).emit(1.5)": ("number", 1.5),
    "Signal(int).emit(7)": ("count", 7),
    "Signal(bool).emit(True)": ("flag", True),
    "Signal(bool).emit(False)": ("flag", False),
    "Signal(str).emit('a')": ("text", "a"),
    "Signal(object).emit(None)": ("thing", None),
    "Signal(list).emit([])": ("items", []),
    "Signal(Path).emit(Path)": ("path", Path("/tmp/a.md")),
    "Signal(object, object).emit(x, None)": ("pair", 1, None),
    "Signal(int, object, object).emit(1, x, None)": ("generation", 1, "x", None),
    "Signal(float, QImage).emit(t, image)": ("picture", 0.5, QImage(8, 8, QImage.Format.Format_RGB888)),
}


@pytest.mark.parametrize("name", list(DIRECT))
def test_emitting_a_signal_leaves_true_false_and_none_alone(qapp, name):
    signal_name, *args = DIRECT[name]
    leaks = _leaks(_direct(signal_name, *args))
    assert not leaks, _explain(name, leaks)


@pytest.mark.parametrize("name, make", [
    ("Signal(object).emit() from a thread, queued to the GUI thread", _queued_from_thread),
    ("QWidget.update()", _update),
    ("QTimer timeout", _timer),
    ("the preview's per-frame path (Player.frame -> PreviewPanel)", _preview_frames),
])
def test_gui_paths_leave_true_false_and_none_alone(qtbot, name, make):
    leaks = _leaks(make(qtbot))
    assert not leaks, _explain(name, leaks)


def _explain(name: str, leaks: dict[str, int]) -> str:
    moved = ", ".join(f"{n} {d:+d}" for n, d in leaks.items())
    return (f"{name} moved reference counts over {CALLS} calls ({moved}) with PySide6 {PYSIDE_VERSION} "
            f"on Python {sys.version.split()[0]}: this release corrupts reference counts and the studio "
            f"will abort; exclude it in pyproject.toml and `make lock`")
