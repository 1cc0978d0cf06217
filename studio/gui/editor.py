"""The story editor: plain text with line numbers, light highlighting, problem underlines with
their message and hint as tooltips, and media dropped from the file manager."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeySequence, QPainter, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from .highlighter import StoryHighlighter
from .i18n import tr


@dataclass(frozen=True)
class Mark:
    """A problem shown on a line: red for an error, amber for a warning (readability, media)."""
    line: int
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" | "warning"

    @property
    def tooltip(self) -> str:
        return f"{self.message}\n{tr('Hint:')} {self.hint}" if self.hint else self.message


class _Gutter(QWidget):
    def __init__(self, editor: "StoryEditor"):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.editor.paint_gutter(event)


class StoryEditor(QPlainTextEdit):
    files_dropped = Signal(list, int)  # local paths, line (1-based) at the drop point
    undo_requested = Signal()          # Ctrl+Z / Ctrl+Shift+Z go to the window's one undo stack
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(tr("Story text"))
        self.setObjectName("storyEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = StoryHighlighter(self.document())
        self._marks: dict[int, Mark] = {}
        self.viewport().setMouseTracking(True)  # tooltips of the problem under the pointer
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self._update_gutter_width()
        self.setAcceptDrops(True)

    def set_story_document(self, doc) -> None:
        """Shows `doc` (the StoryDocument's text), highlighted."""
        self.setDocument(doc)  # deletes the editor's own document and its highlighter
        self.highlighter = StoryHighlighter(doc)
        self._update_gutter_width()

    # --- line numbers -------------------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(digits, 2)

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                line = block.blockNumber() + 1
                mark = self._marks.get(line)
                if mark:
                    painter.fillRect(0, top, 4, height, QColor("#d32f2f" if mark.severity == "error" else "#f0a000"))
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(0, top, self._gutter.width() - 6, height, Qt.AlignmentFlag.AlignRight, str(line))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()

    # --- problems -----------------------------------------------------------------------------
    def set_marks(self, marks: list[Mark]) -> None:
        """Underlines each mark's line (an error wins over a warning on the same line)."""
        self._marks = {}
        for m in marks:
            if m.line not in self._marks or (m.severity == "error" and self._marks[m.line].severity != "error"):
                self._marks[m.line] = m
        selections = []
        for line, mark in self._marks.items():
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            sel.format.setUnderlineColor(QColor("#d32f2f" if mark.severity == "error" else "#f0a000"))
            sel.format.setToolTip(mark.tooltip)
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            if not cursor.hasSelection():  # an empty line: mark it as a full-width band instead
                sel.format.setBackground(QColor(211, 47, 47, 40))
                sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = cursor
            selections.append(sel)
        self.setExtraSelections(selections)
        self._gutter.update()

    def marks(self) -> dict[int, Mark]:
        return dict(self._marks)

    def mouseMoveEvent(self, e) -> None:
        """The problem under the pointer becomes the text's tooltip, which Qt shows on hover. Not
        an `event()` override: that one ran for every event of the widget, its destruction's
        included, and the suite crashed in it (twice in about six full runs)."""
        mark = self._marks.get(self.cursorForPosition(e.position().toPoint()).blockNumber() + 1)
        tip = mark.tooltip if mark else ""
        if self.viewport().toolTip() != tip:
            self.viewport().setToolTip(tip)
        super().mouseMoveEvent(e)

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()
            self.setFocus()

    def show_line(self, line: int) -> None:
        """Scrolls to `line` and selects it (what a timeline gesture changed), leaving the keyboard
        where it is."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.centerCursor()

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """The standard menu, its Undo/Redo routed to the window's one history."""
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-undo", "edit-redo"):
                action.triggered.disconnect()
                action.triggered.connect(self.undo_requested if name == "edit-undo" else self.redo_requested)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- media dropped from outside ------------------------------------------------------------
    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        if source.hasUrls():
            paths = [Path(u.toLocalFile()) for u in source.urls() if u.isLocalFile()]
            if paths:
                self.files_dropped.emit(paths, self.textCursor().blockNumber() + 1)
            return
        super().insertFromMimeData(source)

    def dropEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            cursor = self.cursorForPosition(event.position().toPoint())
            self.setTextCursor(cursor)
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
            event.acceptProposedAction()
            if paths:
                self.files_dropped.emit(paths, cursor.blockNumber() + 1)
            return
        super().dropEvent(event)
