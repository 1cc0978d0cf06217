"""Fixtures of the desktop studio's tests: an offscreen Qt, a private user folder (settings and
recovery files), windows that are closed and joined after each test, and a check that fails any
test leaving threads, active timers, pool workers or ffmpeg processes behind (after napari's)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402

from .left_running import active_timers, child_processes, new_threads, track_timers  # noqa: E402
from .panel_leaks import panel_leak_guard  # noqa: E402,F401  (library, queue and export tests)


@pytest.fixture(autouse=True)
def no_leaks(monkeypatch, qapp):
    """Fails a test that leaves a Python thread, an active QTimer, a busy pool or a child
    process (ffmpeg) behind."""
    timers = track_timers(monkeypatch.setattr)
    before = {t.ident for t in threading.enumerate()}
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # let deleteLater and finished threads settle
        QApplication.processEvents()
        threads, children = new_threads(before), child_processes()
        if not threads and not children:
            break
        time.sleep(0.05)
    active = active_timers(timers)
    assert not threads, f"threads left running: {threads}"
    assert not children, f"processes left running: {[p.cmdline()[:2] for p in children]}"
    assert not active, f"timers left active: {active}"
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "pool workers still busy"


# a short story whose text and names need care (quotes, %, brackets, spaces, accents)
SHORT = """---
title: "Court : 100 % «vrai» [test]"
lang: fr
consent: {given: true, by: "Zoé", date: 2026-01-02}
---

![La cour](media/cour.jpg)

Un matin, j’ai tout raconté.

On m’a écoutée.
"""


@pytest.fixture
def short_story(tmp_path) -> Path:
    """SHORT as "court récit.md" in a folder "histoires d'été" with the examples' media."""
    folder = tmp_path / "histoires d'été"
    shutil.copytree(EXAMPLES / "media", folder / "media")
    story = folder / "court récit.md"
    story.write_text(SHORT, "utf-8")
    return story


@pytest.fixture
def story_dir(tmp_path) -> Path:
    """A private copy of the example stories and their media."""
    target = tmp_path / "stories"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture
def make_window(qtbot, no_leaks):
    """Opens main windows; each is shut down (workers joined) and deleted after the test."""
    from studio.gui.main_window import MainWindow

    made = []

    def make(story: Path | None = None, **kw) -> MainWindow:
        w = MainWindow(**kw)
        made.append(w)
        w.show()
        if story is not None:
            with qtbot.waitSignal(w.preview.frame_shown, timeout=60_000):
                assert w.open_story(story, ask=False)
        return w

    yield make
    for w in made:
        w.shutdown()
        w.document._unsaved = False  # the test's edits are not to be asked about
        w.document.undo_stack.setClean()
        w.close()
        w.deleteLater()
    QApplication.processEvents()
    # the windows go now, not during the next test's event loop
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_analysis(qtbot, window, check=lambda a: True, timeout=30_000):
    """Waits until the window shows an analysis of its current text that passes `check`."""
    from studio.session.analysis import text_hash

    def ok() -> bool:  # a bool, not an assert: pytest would repr a whole Project on every poll
        a = window.analysis
        return a is not None and a.text_hash == text_hash(window.document.text()) and bool(check(a))
    qtbot.waitUntil(ok, timeout=timeout)
    return window.analysis
