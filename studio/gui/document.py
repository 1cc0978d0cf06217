"""The story being edited: its text (a QTextDocument), its path, one QUndoStack for every edit
(typing and the front-matter form alike), atomic saves (QSaveFile) and the autosave to a
recovery file: 2 s after the last edit, and every 5 s at most while edits keep coming; a text
back to what the file holds (undone, retyped) has no recovery file."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QObject, QSaveFile, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPlainTextDocumentLayout

from ..core.errors import StoryError
from ..session import recovery
from .i18n import tr

AUTOSAVE_MS = 2000       # the recovery file is written this long after the last edit...
AUTOSAVE_MAX_MS = 5000   # ...and at most this long after the first edit it does not hold yet
TEMPLATE = Path(__file__).resolve().parent / "resources" / "templates" / "new_story.md"


class _TextEdit(QUndoCommand):
    """One edit of the QTextDocument, undone and redone by the document itself."""

    def __init__(self, doc: QTextDocument, label: str):
        super().__init__(label)
        self.doc = doc
        self._first = True

    def undo(self) -> None:
        self.doc.undo()

    def redo(self) -> None:
        if self._first:  # the edit has already happened when it is pushed
            self._first = False
            return
        self.doc.redo()


class StoryDocument(QObject):
    changed = Signal()               # the text changed (typing, form, undo, load)
    path_changed = Signal(object)    # Path | None
    modified_changed = Signal(bool)
    autosaved = Signal(object)       # the recovery file

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = QTextDocument(self)
        self.doc.setDocumentLayout(QPlainTextDocumentLayout(self.doc))
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self.key = uuid.uuid4().hex  # names the recovery file of a never-saved story
        self._loading = False
        self._unsaved = False  # a restored text counts as unsaved before any edit
        self._saved_text: str | None = None  # what the file holds (the template for a new story)
        self._next_label: str | None = None  # names the next undo step (a form field, a drop)
        self.doc.undoCommandAdded.connect(self._on_undo_added)
        self.doc.contentsChanged.connect(self._on_contents_changed)
        # a method, not a lambda: the connection then ends with this object, before its undo stack
        # (a child) is destroyed and emits cleanChanged into a half-deleted document
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._autosave = QTimer(self)  # restarted by each edit
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.write_recovery)
        self._autosave_max = QTimer(self)  # started by the first edit after a write, never restarted
        self._autosave_max.setSingleShot(True)
        self._autosave_max.setInterval(AUTOSAVE_MAX_MS)
        self._autosave_max.timeout.connect(self.write_recovery)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(self._unsaved or not clean)

    # --- text ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.doc.toPlainText()

    @property
    def modified(self) -> bool:
        return self._unsaved or not self.undo_stack.isClean()

    @property
    def matches_file(self) -> bool:
        """The text is what the story file holds (nothing to recover)."""
        return not self._unsaved and self.text() == self._saved_text

    def apply_text(self, new: str, label: str | None = None) -> None:
        """Changes the text to `new` by replacing only the span that differs, as one undoable
        edit named `label` (default: typing): the rest of the document, and the editor's cursor
        outside it, stay untouched."""
        old = self.text()
        if new == old:
            return
        self._next_label = label
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        start = _utf16_len(old[:prefix])  # Qt counts positions in UTF-16 code units (emoji: 2)
        end = start + _utf16_len(old[prefix:len(old) - suffix])
        cursor = QTextCursor(self.doc)
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        try:
            cursor.insertText(new[prefix:len(new) - suffix])
            cursor.endEditBlock()
        finally:
            self._next_label = None

    def _on_undo_added(self) -> None:
        if not self._loading:
            self.undo_stack.push(_TextEdit(self.doc, self._next_label or tr("Typing")))

    def _on_contents_changed(self) -> None:
        if self._loading:
            return
        if self.matches_file:  # undone or retyped back to the file: nothing left to recover
            self.discard_recovery()
        else:
            self._autosave.start()
            if not self._autosave_max.isActive():
                self._autosave_max.start()
        self.changed.emit()

    # --- files --------------------------------------------------------------------------------
    def load(self, path: Path | None, text: str | None = None) -> None:
        """Opens `path` (or a new story from the template when None); `text` overrides the file's
        content (a restored recovery file), leaving the document modified."""
        if text is None:
            source = path if path is not None else TEMPLATE
            try:
                raw = source.read_bytes()
                content = raw.decode("utf-8-sig")
            except FileNotFoundError:
                raise StoryError(tr("story file not found"), file=source) from None
            except UnicodeDecodeError:
                raise StoryError(tr("the file is not UTF-8 text"), file=source,
                                 hint=tr("save the story as UTF-8")) from None
            except OSError as e:
                raise StoryError(f"{tr('cannot read the story file')} ({e.strerror})", file=source) from None
        else:
            content = text
        self.stop()
        self._loading = True
        try:
            self.doc.setPlainText(content.replace("\r\n", "\n"))
            self.doc.clearUndoRedoStacks()
            self.undo_stack.clear()
        finally:
            self._loading = False
        self.path = path.resolve() if path else None
        self.key = uuid.uuid4().hex if path is None else self.key
        self._unsaved = text is not None  # an untouched template is not modified
        self._saved_text = self.text() if text is None else recovery.saved_text(path)
        self.path_changed.emit(self.path)
        self.modified_changed.emit(self.modified)
        self.changed.emit()

    def save(self, path: Path | None = None) -> Path:
        """Writes the text atomically (QSaveFile: the old file stays whole until the new one is
        complete). Raises StoryError naming the file when it cannot be written."""
        target = (path or self.path)
        if target is None:
            raise StoryError(tr("choose where to save the story first"))
        target = Path(target).resolve()
        f = QSaveFile(str(target))
        data = self.text().encode("utf-8")
        if not data.endswith(b"\n"):
            data += b"\n"
        if not f.open(QSaveFile.OpenModeFlag.WriteOnly) or f.write(data) != len(data) or not f.commit():
            message = f.errorString()
            f.cancelWriting()
            raise StoryError(f"{tr('cannot save the story')}: {message}", file=target,
                             hint=tr("choose another folder with Save As"))
        old = (self.path, self.key)
        self.path = target
        self._unsaved = False
        self._saved_text = self.text()
        self.undo_stack.setClean()
        self.modified_changed.emit(False)
        self.stop()
        recovery.remove(*old)
        recovery.remove(self.path, self.key)
        if old[0] != target:
            self.path_changed.emit(self.path)
        return target

    def move_to(self, path: Path) -> None:
        """The story's file was renamed (by the library): the text follows it, and the next save
        goes to the new name."""
        self.path = Path(path).resolve()
        self.path_changed.emit(self.path)
        if not self.matches_file:
            self.write_recovery()

    def mark_unsaved(self) -> None:
        """The file is gone (renamed or deleted outside the studio): the text is kept only here,
        so it counts as unsaved and goes to the recovery file."""
        self._unsaved = True
        self.modified_changed.emit(True)
        self.write_recovery()

    def write_recovery(self) -> Path | None:
        """Writes the text to the recovery file now (also called before an error dialog); a text
        that is the file's again removes it instead."""
        self.stop()
        if self.matches_file:
            recovery.remove(self.path, self.key)
            return None
        try:
            written = recovery.write(self.path, self.key, self.text())
        except OSError:
            return None
        self.autosaved.emit(written)
        return written

    def discard_recovery(self) -> None:
        self.stop()
        recovery.remove(self.path, self.key)

    def stop(self) -> None:
        self._autosave.stop()
        self._autosave_max.stop()



def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
