"""The studio's dialogs: an error explained in the editor's words (with details to copy), the
settings, and the offer to restore unsaved work after a crash."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QStyle, QTextEdit, QVBoxLayout, QWidget)

from ..core.catalog import Catalog
from ..core.errors import StudioError
from .crash_log import AbnormalEnd
from .i18n import tr
from ..session.recovery import Recovered, saved_text
from .settings import Settings


class ErrorDialog(QDialog):
    """An error: what happened and what to do, and the technical details to copy."""

    def __init__(self, title: str, message: str, details: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.text = QLabel(message, self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(self.text.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(tr("Details"))
        self.details.setVisible(bool(details))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        if details:
            copy = buttons.addButton(tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{message}\n\n{details}"))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420 if details else 160)


def studio_error_text(e: StudioError) -> tuple[str, str]:
    """(message with hint, details) for a StudioError."""
    message = (f"{e.where}: " if e.where else "") + e.message
    if e.hint:
        message += f"\n{tr('Hint:')} {e.hint}"
    details = ""
    if getattr(e, "argv", None):
        details += " ".join(e.argv) + "\n\n"
    if getattr(e, "stderr_tail", ""):
        details += e.stderr_tail
    return message, details


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Settings"))
        form = QFormLayout(self)
        self.output = QLineEdit(str(settings.output_folder), self)
        self.output.setAccessibleName(tr("Output folder"))
        browse = QPushButton(tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        form.addRow(tr("Output folder"), row)
        self.ffmpeg = QLineEdit(settings.ffmpeg_path, self)
        self.ffmpeg.setPlaceholderText(tr("the ffmpeg shipped with the studio"))
        self.ffmpeg.setAccessibleName(tr("ffmpeg program"))
        form.addRow(tr("ffmpeg program"), self.ffmpeg)
        self.brand = QComboBox(self)
        self.brand.setAccessibleName(tr("Default brand kit"))
        self.brand.addItem(tr("(the story's, else the campaign's)"), "")
        for name in catalog.brand_entries():
            self.brand.addItem(name, name)
        self.brand.setCurrentIndex(max(0, self.brand.findData(settings.brand)))
        form.addRow(tr("Default brand kit"), self.brand)
        self.language = QComboBox(self)
        self.language.setAccessibleName(tr("Language"))
        for label, code in ((tr("System language"), ""), ("Français", "fr"), ("English", "en")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(tr("Language"), self.language)
        form.addRow(QLabel(tr("A new language applies at the next start."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Output folder"), self.output.text())
        if folder:
            self.output.setText(folder)

    def apply(self) -> bool:
        """Stores the values; True when the language changed."""
        s = self.settings
        s.output_folder = Path(self.output.text().strip() or s.output_folder)
        s.ffmpeg_path = self.ffmpeg.text().strip()
        s.brand = self.brand.currentData() or ""
        changed = (self.language.currentData() or "") != s.language
        s.language = self.language.currentData() or ""
        return changed


def _when(t: float) -> str:
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(t)), QLocale.FormatType.ShortFormat)


def _crash_text(crash: AbnormalEnd) -> str:
    if crash.report is None:  # killed or switched off: nothing dates the stop (the log is as old as the session)
        return tr("Kindness Studio stopped unexpectedly.")
    return (tr("Kindness Studio stopped unexpectedly ({time}).").format(time=_when(crash.ended_at)) + " "
            + tr("A crash report was written to {path}: attach it to a bug report.").format(path=crash.report))


def tell_abnormal_end(parent: QWidget, crash: AbnormalEnd) -> None:
    """The last session ended without closing, and left no unsaved text to restore."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("Kindness Studio stopped unexpectedly"),
                      _crash_text(crash) + "\n\n" + tr("No unsaved text was lost."),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def line_changes(old: str | None, new: str) -> tuple[int, int]:
    """(lines added, lines removed) from `old` (the file; None: none) to `new` (the unsaved text)."""
    a, b = (old or "").splitlines(), new.splitlines()
    added = removed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def _ago(t: float) -> str:
    seconds = max(0, time.time() - t)
    if seconds < 60:
        return tr("less than a minute ago")
    if seconds < 3600:
        return tr("{n} min ago").format(n=int(seconds // 60))
    if seconds < 48 * 3600:
        return tr("{n} h ago").format(n=int(seconds // 3600))
    return tr("{n} days ago").format(n=int(seconds // 86400))


class RestoreDialog(QDialog):
    """The offer to restore unsaved work: which story, when its text was written, how it differs
    from the file (lines added and removed), and both texts side by side on request.
    Restore / Discard / Later (the recovery file is kept for the next start)."""

    def __init__(self, item: Recovered, crash: AbnormalEnd | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Restore unsaved work?"))
        self.setAccessibleName(tr("Restore unsaved work?"))
        self.setObjectName("restoreDialog")
        self.setAutoFillBackground(True)  # drawn by the dialog itself (seen black under Xvfb)
        self.answer = QMessageBox.StandardButton.Cancel
        on_disk = saved_text(item.story)
        added, removed = line_changes(on_disk, item.text)
        name = item.story.name if item.story else tr("a new story")
        text = tr("Kindness Studio closed without saving {name}. Its text was written at {time} ({ago}).").format(
            name=name, time=_when(item.saved_at), ago=_ago(item.saved_at))
        if item.story is None:
            compared = tr("It was never saved: {n} lines of text.").format(n=len(item.text.splitlines()))
        elif on_disk is None:
            compared = tr("The story file {path} is gone: restoring opens the text as a new story.").format(path=item.story)
        else:
            compared = tr("Compared with the file: lines added: {added}, lines removed: {removed}.").format(
                added=added, removed=removed)
        if crash is not None:
            text = _crash_text(crash) + "\n\n" + text
        self.changes = (added, removed)
        self.label = QLabel(text + "\n\n" + compared, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMinimumWidth(460)

        self.file_view = self._text_view(on_disk or "", tr("The story file"))
        self.unsaved_view = self._text_view(item.text, tr("The unsaved text"))
        self._mark_changes(on_disk or "", item.text)
        self.compare = QWidget(self)
        row = QHBoxLayout(self.compare)
        row.setContentsMargins(0, 0, 0, 0)
        for title, view in ((tr("In the file"), self.file_view), (tr("Unsaved (to restore)"), self.unsaved_view)):
            col = QVBoxLayout()
            col.addWidget(QLabel(f"<b>{title}</b>", self.compare))
            col.addWidget(view, 1)
            row.addLayout(col, 1)
        self.compare.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton(tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = self.buttons.addButton(tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = self.buttons.addButton(tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(tr("Keep the unsaved text for the next start"))
        self.compare_button = self.buttons.addButton(tr("Open both side by side"), QDialogButtonBox.ButtonRole.HelpRole)
        self.compare_button.setCheckable(True)
        self.compare_button.setEnabled(item.story is not None and on_disk is not None)
        self.compare_button.toggled.connect(self._show_compare)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._done(QMessageBox.StandardButton.Yes))
        self.discard_button.clicked.connect(lambda: self._done(QMessageBox.StandardButton.Discard))
        self.later_button.clicked.connect(lambda: self._done(QMessageBox.StandardButton.Cancel))

        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion).pixmap(48, 48))
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.compare, 1)
        layout.addWidget(self.buttons)

    # what tests and the old QMessageBox callers read
    def text(self) -> str:
        return self.label.text()

    def button(self, which: QMessageBox.StandardButton) -> QPushButton | None:
        return {QMessageBox.StandardButton.Yes: self.restore_button,
                QMessageBox.StandardButton.Discard: self.discard_button,
                QMessageBox.StandardButton.Cancel: self.later_button}.get(which)

    def _text_view(self, text: str, name: str) -> QPlainTextEdit:
        view = QPlainTextEdit(text, self)
        view.setReadOnly(True)
        view.setAccessibleName(name)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        return view

    def _mark_changes(self, old: str, new: str) -> None:
        """Removed lines tinted red on the file's side, added ones green on the unsaved side."""
        a, b = old.splitlines(), new.splitlines()
        marks: dict[QPlainTextEdit, list[int]] = {self.file_view: [], self.unsaved_view: []}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op != "equal":
                marks[self.file_view] += range(i1, i2)
                marks[self.unsaved_view] += range(j1, j2)
        for view, lines in marks.items():
            colour = QColor(211, 47, 47, 60) if view is self.file_view else QColor(46, 125, 50, 60)
            selections = []
            for n in lines:
                sel = QTextEdit.ExtraSelection()
                sel.format.setBackground(colour)
                sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                sel.cursor = QTextCursor(view.document().findBlockByNumber(n))
                selections.append(sel)
            view.setExtraSelections(selections)

    def _show_compare(self, on: bool) -> None:
        self.compare.setVisible(on)
        if on:
            self.resize(max(self.width(), 980), max(self.height(), 620))

    def _done(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        if answer == QMessageBox.StandardButton.Cancel:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:  # Escape or the window's close button: later
        if self.answer not in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Discard):
            self.answer = QMessageBox.StandardButton.Cancel
        super().reject()



def ask_restore(parent: QWidget, item: Recovered, crash: AbnormalEnd | None = None) -> QMessageBox.StandardButton:
    """Restore (Yes) / Discard / Later (Cancel keeps the recovery file for the next start)."""
    dialog = RestoreDialog(item, crash, parent)
    try:
        dialog.exec()
        return dialog.answer
    finally:
        dialog.deleteLater()
