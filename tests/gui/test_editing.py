"""The window as an editor uses it: open a story, type and see the preview change, break and fix
the front matter, the form and the text in sync with one undo, a picture dropped, the timeline."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QTextCursor
from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import wait_analysis


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3].copy()


def _type_at_line(qtbot, window, line: int, text: str, at_end: bool = True) -> None:
    window.editor.go_to_line(line)
    if at_end:
        window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClicks(window.editor, text)


def test_open_story_shows_text_timeline_and_first_frame(make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    a = w.analysis
    assert a.error is None and a.plan is not None
    assert "Léa, 14 ans" in w.editor.toPlainText()
    assert w.windowTitle().startswith("lea.md")
    assert w.preview.view.image is not None
    assert (w.preview.view.image.width(), w.preview.view.image.height()) == (540, 960)
    captions = [i for i in w.strip.items if i.row == 1]
    assert len(captions) == len(a.plan.timeline.events) > 5
    assert w.problems.count() == 1 and w.problems.entries() == []


def test_typing_redraws_the_preview_frame(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    before = _pixels(w.preview.view.image)
    _type_at_line(qtbot, w, 9, "Oui. ", at_end=False)
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    qtbot.waitUntil(lambda: w.preview.shown_project == a.project, timeout=60_000)
    after = _pixels(w.preview.view.image)
    assert "Oui. En quatri" in w.document.text()
    assert before.shape == after.shape
    assert np.abs(before.astype(int) - after.astype(int)).mean() > 0.5, "the caption did not change"
    assert w.document.modified and w.windowTitle().startswith("lea.md *")


def test_broken_front_matter_is_underlined_on_its_line_then_goes(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    _type_at_line(qtbot, w, 3, "ench")  # lang: fr -> lang: french
    a = wait_analysis(qtbot, w, lambda a: a.error is not None)
    assert a.error.line == 3 and "lang" in a.error.message
    assert 3 in w.editor.marks() and w.editor.marks()[3].severity == "error"
    assert "lang" in w.editor.marks()[3].tooltip
    # the pointer over line 3 shows its problem; over a clean line, nothing
    at = w.editor.cursorRect(QTextCursor(w.editor.document().findBlockByNumber(2))).center()
    qtbot.mouseMove(w.editor.viewport(), at)
    assert w.editor.viewport().toolTip() == w.editor.marks()[3].tooltip
    qtbot.mouseMove(w.editor.viewport(), w.editor.cursorRect(QTextCursor(w.editor.document().findBlockByNumber(8))).center())
    assert w.editor.viewport().toolTip() == ""
    assert any(e.line == 3 for e in w.problems.entries())
    for _ in range(4):
        qtbot.keyClick(w.editor, Qt.Key.Key_Backspace)
    wait_analysis(qtbot, w, lambda a: a.error is None)
    assert 3 not in w.editor.marks() and w.problems.entries() == []


def test_clicking_a_problem_goes_to_its_line(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    _type_at_line(qtbot, w, 2, ": oops: no")  # invalid YAML on line 2
    wait_analysis(qtbot, w, lambda a: a.error is not None)
    w.editor.go_to_line(20)
    w.problems.next_problem()
    assert w.editor.current_line() == w.analysis.error.line


def test_form_and_text_stay_in_sync_with_one_undo(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    # form -> text: only the title line changes; the body and its notes are kept
    w.form.title.setText("Léa: quinze ans")
    w.form.title.editingFinished.emit()
    text = w.document.text()
    assert "title: 'Léa: quinze ans'" in text
    assert text.replace("title: 'Léa: quinze ans'", "title: Léa, 14 ans") == original
    w.form.faces.setChecked(True)
    assert "anonymize: [faces]" in w.document.text()
    # one undo history: undo the form's two edits
    w.document.undo_stack.undo()
    w.document.undo_stack.undo()
    assert w.document.text() == original
    assert w.form.title.text() == "Léa, 14 ans" and not w.form.faces.isChecked()
    w.document.undo_stack.redo()
    assert "'Léa: quinze ans'" in w.document.text()
    # text -> form
    w.editor.go_to_line(2)
    w.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(w.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(w.editor, "!'")
    assert w.form.title.text() == "Léa: quinze ans!"
    wait_analysis(qtbot, w, lambda a: a.error is None and a.story.meta.title == "Léa: quinze ans!")


def test_undo_key_in_the_editor_uses_the_window_history(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    _type_at_line(qtbot, w, 9, " Oui.")
    w.form.title.setText("Autre titre")
    w.form.title.editingFinished.emit()
    w.editor.setFocus()
    qtbot.keyClick(w.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Autre titre" not in w.document.text() and " Oui." in w.document.text()
    while w.document.undo_stack.canUndo():
        qtbot.keyClick(w.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.document.text() == original and not w.document.modified


def test_dropping_a_picture_copies_it_and_adds_its_line(qtbot, make_window, story_dir, tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    picture = outside / "ma photo.png"
    Image.new("RGB", (320, 480), (200, 30, 30)).save(picture)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    w = make_window(story_dir / "lea.md")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    block = w.document.doc.findBlockByNumber(14)  # line 15: "Puis des surnoms…"
    pos = w.editor.cursorRect(QTextCursor(block)).center()
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    w.editor.dropEvent(event)
    copied = story_dir / "media" / "ma photo.png"
    assert copied.is_file() and len(asked) == 1
    lines = w.document.text().split("\n")
    assert lines[14] == "![ma photo](<media/ma photo.png>)" and lines[16].startswith("Puis des surnoms")
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    assert not a.missing
    assert any(bg.path == copied.resolve() for bg in a.story.backgrounds)
    # a second drop is not asked again
    second = outside / "autre.png"
    Image.new("RGB", (320, 480), (30, 30, 200)).save(second)
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    w.editor.dropEvent(QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier))
    assert len(asked) == 1 and (story_dir / "media" / "autre.png").is_file()


def test_missing_media_is_flagged_where_it_is_named(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    w.document.apply_text(w.document.text().replace("media/telephone.jpg", "media/absente.jpg"))
    a = wait_analysis(qtbot, w, lambda a: a.missing)
    assert [m.line for m in a.missing] == [21]
    assert 21 in w.editor.marks() and "absente.jpg" in w.editor.marks()[21].message


def test_timeline_click_moves_playhead_and_cursor(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    item = [i for i in w.strip.items if i.row == 1][6]
    rect = w.strip._rect(item)
    with qtbot.waitSignal(w.preview.frame_shown, timeout=60_000):
        qtbot.mouseClick(w.strip, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert abs(w.preview.playhead - item.start_s) < 0.05
    assert w.editor.current_line() == item.line


def test_consent_withdrawn_is_flagged_on_its_line_by_the_qa_rules(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    w.form.consent_given.setChecked(False)
    wait_analysis(qtbot, w, lambda a: a.verdict is not None and a.verdict.status == "fail")
    assert "consent: {given: false" in w.document.text()
    assert 5 in w.editor.marks() and w.editor.marks()[5].severity == "error"
    assert any("Not publishable — Consent: no recorded consent" in e.text and e.line == 5 for e in w.problems.entries())
    w.document.undo_stack.undo()
    wait_analysis(qtbot, w, lambda a: a.verdict is not None and a.verdict.status != "fail")
    assert 5 not in w.editor.marks()
