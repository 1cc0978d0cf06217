"""The panels built on branch issue-12b (library, render queue, export dialog, the Qt adapter over
the batch engine), loaded when present.

SLOT(issue-12b): until that branch is merged, the library is a plain list of the folder's stories
and rendering is unavailable; the window asks this module, never the panels' modules directly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .i18n import tr

try:  # the real panels (issue-12b)
    from .library_panel import LibraryPanel  # type: ignore[attr-defined]
except ImportError:
    LibraryPanel = None  # type: ignore[assignment,misc]
try:
    from .export_dialog import ExportDialog  # type: ignore[attr-defined]
    from .jobs import QtJobEngine  # type: ignore[attr-defined]
    from .queue_panel import QueuePanel  # type: ignore[attr-defined]
except ImportError:
    ExportDialog = QtJobEngine = QueuePanel = None  # type: ignore[assignment,misc]

HAS_RENDER_QUEUE = QueuePanel is not None


class StoryList(QWidget):
    """SLOT(issue-12b): a stand-in for LibraryPanel with the same signal and methods."""

    story_activated = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder: Path | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Stories"))
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.label.setText(str(folder))
        self.refresh()

    def refresh(self, story: Path | None = None) -> None:
        self.list.clear()
        if self.folder is None:
            return
        for path in sorted(self.folder.glob("*.md")):
            if path.name.lower() in ("readme.md", "license.md"):
                continue
            item = QListWidgetItem(path.stem)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)

    def current_stories(self) -> list[Path]:
        return [Path(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def _activate(self, item: QListWidgetItem) -> None:
        self.story_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))


def make_library(parent: QWidget) -> QWidget:
    return LibraryPanel(parent) if LibraryPanel is not None else StoryList(parent)
