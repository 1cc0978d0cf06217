"""Never lose work: kill -9 mid-edit and restore in a new process, the unsaved-changes prompt,
atomic saves that remove the recovery file, and an unexpected exception that keeps the text."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from studio.session import recovery
from studio.gui.dialogs import ErrorDialog
from tests.conftest import ROOT


def test_kill_9_mid_edit_then_restore_in_a_new_process(qtbot, make_window, story_dir, monkeypatch):
    story = story_dir / "lea.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "tests.gui.editing_child", str(story), " Ajout avant le crash."],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # the child prints "autosaved" once its recovery file is written; a broken autosave shows
        # as a failure after 60 s, not as the 300 s test timeout
        ready, _, _ = select.select([child.stdout], [], [], 60)
        line = child.stdout.readline() if ready else ""
        assert line.startswith("autosaved"), (child.stderr.read() if child.poll() is not None
                                              else line or "no autosave within 60 s")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert "Ajout avant le crash." not in story.read_text("utf-8"), "the story itself was not saved"
    assert len(recovery.pending()) == 1

    asked = []
    monkeypatch.setattr("studio.gui.main_window.ask_restore",
                        lambda parent, item, crash=None: asked.append(item) or QMessageBox.StandardButton.Yes)
    w = make_window()
    w.open_start(story)
    qtbot.waitUntil(lambda: bool(asked) and "Ajout avant le crash." in w.document.text(), timeout=20_000)
    assert asked[0].story == story.resolve()
    lines = w.document.text().split("\n")
    assert lines[8].endswith("Je ne connaissais personne. Ajout avant le crash.")
    assert w.document.modified and w.windowTitle().startswith("lea.md *")
    # a clean save writes the story atomically and removes the recovery file
    assert w.save()
    assert "Ajout avant le crash." in story.read_text("utf-8")
    assert recovery.pending() == []
    assert not list(story.parent.glob("*.md.*")), "no temporary file left beside the story"


def test_autosave_within_seconds_and_cleared_by_save(qtbot, make_window, story_dir):
    w = make_window(story_dir / "noah.md")
    t0 = time.monotonic()
    with qtbot.waitSignal(w.document.autosaved, timeout=10_000):
        w.editor.go_to_line(9)
        qtbot.keyClicks(w.editor, "x")
    assert time.monotonic() - t0 < 5
    assert [r.text for r in recovery.pending()] == [w.document.text()]
    w.save()
    assert recovery.pending() == []


def test_unsaved_prompt_on_close_and_on_switching(qtbot, make_window, story_dir, monkeypatch):
    w = make_window(story_dir / "lea.md")
    saved = (story_dir / "lea.md").read_bytes()
    qtbot.keyClicks(w.editor, "x")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert not w.open_story(story_dir / "noah.md")         # cancelled: still on lea.md
    assert w.document.path.name == "lea.md" and w.document.modified
    answers[:] = [QMessageBox.StandardButton.Discard]
    assert w.open_story(story_dir / "noah.md")
    assert w.document.path.name == "noah.md" and not w.document.modified
    assert (story_dir / "lea.md").read_bytes() == saved          # the discarded edit never reached the file


def test_close_with_unsaved_changes_can_be_cancelled(qtbot, make_window, story_dir, monkeypatch):
    w = make_window(story_dir / "lea.md")
    qtbot.keyClicks(w.editor, "x")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not w.close()
    assert w.isVisible()


def test_save_failure_is_a_dialog_and_the_file_stays_whole(qtbot, make_window, story_dir):
    story = story_dir / "lea.md"
    before = story.read_bytes()
    w = make_window(story)
    qtbot.keyClicks(w.editor, "x")
    os.chmod(story_dir, 0o555)
    try:
        if os.access(story_dir, os.W_OK):  # root ignores permissions: a missing folder instead
            ok = w._save_to(story_dir / "absent" / "lea.md")
        else:
            ok = w.save()
    finally:
        os.chmod(story_dir, 0o755)
    assert not ok
    dialogs = [d for d in w.findChildren(ErrorDialog) if d.isVisible()]
    assert dialogs and "lea.md" in dialogs[0].text.text()
    assert story.read_bytes() == before and w.document.modified
    for d in dialogs:
        d.close()


@pytest.mark.qt_no_exception_capture  # the app's own hook is under test
def test_unexpected_exception_keeps_the_text_and_the_window(qtbot, make_window, story_dir):
    from studio.gui.app import install_excepthook

    w = make_window(story_dir / "lea.md")
    qtbot.keyClicks(w.editor, "Texte important")
    old = sys.excepthook
    install_excepthook(w)
    try:
        def boom():
            raise ValueError("a bug in a slot")
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(ErrorDialog)), timeout=5000)
    finally:
        sys.excepthook = old
    dialog = next(d for d in w.findChildren(ErrorDialog) if d.isVisible())
    assert "ValueError: a bug in a slot" in dialog.details.toPlainText()
    assert w.isVisible()
    saved = recovery.pending()
    assert saved and "Texte important" in saved[0].text
    dialog.close()


def test_recent_files_and_revert(qtbot, make_window, story_dir, monkeypatch):
    w = make_window(story_dir / "lea.md")
    with qtbot.waitSignal(w.preview.frame_shown, timeout=60_000):
        w.open_story(story_dir / "noah.md")
    assert w.settings.recent_files()[:2] == [(story_dir / "noah.md").resolve(), (story_dir / "lea.md").resolve()]
    w._fill_recent()
    assert [a.text() for a in w.recent_menu.actions()][:2] == [str((story_dir / n).resolve()) for n in ("noah.md", "lea.md")]
    saved = w.document.text()
    qtbot.keyClicks(w.editor, "abc")
    assert w.revert_action.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.revert()
    assert w.document.text() == saved and not w.document.modified
