"""A crash leaves a trace and nothing lost: each studio session keeps a crash log (Python's fatal
error trace) in the user data folder, private to the user; at the next start after an abnormal end
(a fatal error, kill -9) the studio says it stopped unexpectedly, shows where the log is and offers
the recovery file. A clean end leaves nothing, and a studio still running is not mistaken for a
crashed one."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.gui import crash_log
from studio.session import recovery
from studio.gui.dialogs import RestoreDialog

ROOT = Path(__file__).resolve().parents[2]

SESSION = """
import sys, time
from studio.gui.crash_log import SessionLog
log = SessionLog()
print(log.path, flush=True)
if sys.argv[1] == "abort":
    import faulthandler; faulthandler._sigabrt()     # what "Fatal Python error: none_dealloc" does
elif sys.argv[1] == "clean":
    log.close()
else:
    time.sleep(600)                                   # killed by the test
"""


def session(how: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", SESSION, how], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.log = Path(proc.stdout.readline().strip())  # the session's log exists (and is locked)
    return proc


def private(path: Path, mode: int) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == mode


def test_a_fatal_error_leaves_a_private_report_found_once_at_the_next_start():
    old = os.umask(0o022)
    try:
        proc = session("abort")
        assert proc.wait(30) == -signal.SIGABRT
    finally:
        os.umask(old)
    (end,) = crash_log.collect_abnormal_ends()
    assert end.report is not None and end.report.parent == crash_log.reports_dir()
    assert "Fatal Python error: Aborted" in end.report.read_text()
    assert private(end.report, 0o600) and private(end.report.parent, 0o700)
    assert private(crash_log.sessions_dir(), 0o700)
    assert crash_log.collect_abnormal_ends() == []  # told once


def test_kill_9_is_an_abnormal_end_without_a_trace_and_a_clean_end_is_none():
    killed = session("wait")
    killed.kill()
    killed.wait(30)
    clean = session("clean")
    assert clean.wait(30) == 0
    assert not clean.log.exists()
    (end,) = crash_log.collect_abnormal_ends()
    assert end.report is None and end.ended_at <= time.time()
    assert list(crash_log.sessions_dir().iterdir()) == []


def test_a_running_studio_is_not_taken_for_a_crashed_one():
    running = session("wait")
    try:
        assert crash_log.collect_abnormal_ends() == []
        assert running.log.exists()
    finally:
        running.kill()
        running.wait(30)
    assert len(crash_log.collect_abnormal_ends()) == 1


def test_the_next_start_says_it_stopped_shows_the_report_and_offers_the_text(make_window, short_story, qtbot):
    proc = session("abort")
    proc.wait(30)
    recovery.write(short_story, "w1", short_story.read_text("utf-8") + "\nUne phrase pas encore enregistrée.\n")
    w = make_window()
    (w.abnormal_end,) = crash_log.collect_abnormal_ends()
    seen = {}

    def answer() -> None:  # the real dialog, read then answered as the editor would
        box = QApplication.activeModalWidget()
        if not isinstance(box, RestoreDialog):
            QTimer.singleShot(20, answer)
            return
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
    QTimer.singleShot(0, answer)
    w.offer_recovery()
    assert "stopped unexpectedly" in seen["text"]
    assert w.abnormal_end is None  # told once
    report = next(crash_log.reports_dir().glob("crash-*.log"))
    assert str(report) in seen["text"]
    assert "Une phrase pas encore enregistrée." in w.document.text()


def test_a_crash_with_nothing_to_restore_is_still_told_with_its_report(make_window):
    proc = session("abort")
    proc.wait(30)
    w = make_window()
    (w.abnormal_end,) = crash_log.collect_abnormal_ends()
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Ok).click()
    QTimer.singleShot(0, answer)
    w.offer_recovery()
    report = next(crash_log.reports_dir().glob("crash-*.log"))
    assert "stopped unexpectedly" in seen["text"] and str(report) in seen["text"]
    assert "No unsaved text was lost." in seen["text"]
    assert w.abnormal_end is None


def test_a_kill_is_told_without_a_time_that_would_be_the_session_start(qapp):
    from studio.gui.dialogs import _crash_text
    killed = crash_log.AbnormalEnd(ended_at=0.0, report=None)  # a log as old as the session
    assert _crash_text(killed) == "Kindness Studio stopped unexpectedly."
