"""The studio's dialogs: an error explained in the editor's words (with details to copy), the
settings, and the offer to restore unsaved work after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ..core.catalog import Catalog
from ..core.errors import StudioError
from .crash_log import AbnormalEnd
from .i18n import tr
from .recovery import Recovered
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
    text = tr("Kindness Studio stopped unexpectedly ({time}).").format(time=_when(crash.ended_at))
    if crash.report is not None:
        text += " " + tr("A crash report was written to {path}: attach it to a bug report.").format(
            path=crash.report)
    return text


def tell_abnormal_end(parent: QWidget, crash: AbnormalEnd) -> None:
    """The last session ended without closing, and left no unsaved text to restore."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("Kindness Studio stopped unexpectedly"),
                      _crash_text(crash) + "\n\n" + tr("No unsaved text was lost."),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def ask_restore(parent: QWidget, item: Recovered, crash: AbnormalEnd | None = None) -> QMessageBox.StandardButton:
    """Restore / Discard / later (Cancel keeps the recovery file for the next start)."""
    name = item.story.name if item.story else tr("a new story")
    text = tr("Kindness Studio closed without saving {name}. Its text as it was at {time} "
              "can be restored.").format(name=name, time=_when(item.saved_at))
    if crash is not None:
        text = _crash_text(crash) + "\n\n" + text
    box = QMessageBox(QMessageBox.Icon.Question, tr("Restore unsaved work?"), text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("Restore"))
    return QMessageBox.StandardButton(box.exec())
