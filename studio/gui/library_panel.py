"""The story library: the stories of a folder with their cover, title, duration, consent and last
QA verdict per preset; new (from the template), duplicate, rename, delete (to the trash, or for
good after a confirmation); media files dropped here are copied into the folder's media/."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QDateTime, QFile, QLocale, QFileSystemWatcher, QStandardPaths, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QToolButton, QVBoxLayout, QWidget)

from ..core.paths import cache_root
from ..qa.model import verdict_text
from .i18n import tr
from ..session import recovery
from .library_workers import LibrarySignals, ScanTask, remove_thumbnails
from .story_delegate import INFO_ROLE, PATH_ROLE, THUMB_ROLE, StoryDelegate
from .document import TEMPLATE
from ..session.media_drop import copy_into_media, kind
from ..session.story_info import StoryInfo, format_duration, list_stories



class LibraryPanel(QWidget):
    story_activated = Signal(Path)   # double-click / Enter on a story
    stories_changed = Signal()       # a story was added, renamed or deleted
    story_created = Signal(Path)     # New: the window opens it
    story_renamed = Signal(Path, Path)  # old, new (resolved): the window follows the open story
    story_deleted = Signal(Path)     # (resolved) its recovery file and thumbnails are gone too
    media_added = Signal(list)       # paths copied into media/ by a drop

    def __init__(self, parent: QWidget | None = None, *, thumbnails: bool = True, cache_dir: Path | None = None):
        super().__init__(parent)
        # where first-frame thumbnails are kept between runs; None with thumbnails=False: none are
        # drawn (the covers of past renders still show)
        self.cache_dir = (cache_dir or cache_root() / "thumbnails") if thumbnails else None
        self.folder: Path | None = None
        self.out_dirs: list[Path] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # thumbnails wait their turn: renders and previews come first
        self._stop = threading.Event()
        self._signals = LibrarySignals(self)
        self._signals.info.connect(self._on_info)
        self._signals.thumbnail.connect(self._on_thumbnail)
        self._rescan = QTimer(self, singleShot=True, interval=500, timeout=self.refresh)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _: self._rescan.start())
        self._watcher.fileChanged.connect(lambda _: self._rescan.start())
        self._build()
        self.setAcceptDrops(True)

    # layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(tr("Stories"))
        self.title.setStyleSheet("font-weight: bold")
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        self.buttons = {}
        for key, text, tip, slot in (
                ("new", tr("New"), tr("New story from the template"), self.new_story),
                ("duplicate", tr("Duplicate"), tr("Duplicate the selected story"), self.duplicate),
                ("rename", tr("Rename"), tr("Rename the selected story"), self.rename),
                ("delete", tr("Delete"), tr("Move the selected stories to the trash"), self.delete)):
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(b)
            self.buttons[key] = b
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Story library"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setItemDelegate(StoryDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(lambda item: self.story_activated.emit(item.data(PATH_ROLE)))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        for key, slot in ((QKeySequence(Qt.Key.Key_F2), self.rename), (QKeySequence(QKeySequence.StandardKey.Delete), self.delete)):
            shortcut = QShortcut(key, self.list, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # PySide6 ignores the context keyword
        self.hint = QLabel(tr("Drop pictures, clips and sounds here to copy them into media/"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.list.selectedItems())
        self.buttons["new"].setEnabled(self.folder is not None)
        self.buttons["duplicate"].setEnabled(n == 1)
        self.buttons["rename"].setEnabled(n == 1)
        self.buttons["delete"].setEnabled(n >= 1)

    # API -----------------------------------------------------------------------------------------
    def set_folder(self, folder: Path, out_dirs: list[Path] | None = None) -> None:
        """Shows the stories of `folder`. QA verdicts and covers are read from `out_dirs`
        (default: the folder's `out/`, where `studio render` writes)."""
        self.folder = Path(folder).resolve()
        self.out_dirs = [Path(d).resolve() for d in (out_dirs or [self.folder / "out"])]
        self.title.setText(self.folder.name)
        self.title.setToolTip(str(self.folder))
        self.refresh()

    def add_output_folder(self, folder: Path) -> None:
        """A folder where renders went (e.g. the export dialog's): its verdicts show too."""
        folder = Path(folder).resolve()
        if folder not in self.out_dirs:
            self.out_dirs.append(folder)

    def refresh(self, story: Path | None = None) -> None:
        """Re-reads every story of the folder, or only `story` (after a save or a render)."""
        if self.folder is None:
            return
        if story is not None:
            story = Path(story).resolve()
            if self._item(story) is None:
                return self.refresh()
            self._start([story], replace=False)
            return
        # rows are kept, added and removed in place: the selection and scroll position stay
        stories = [p.resolve() for p in list_stories(self.folder)]
        wanted = set(stories)
        for i in reversed(range(self.list.count())):
            if self.list.item(i).data(PATH_ROLE) not in wanted:
                self.list.takeItem(i)
        for row, path in enumerate(stories):
            if self._item(path) is None:
                item = QListWidgetItem(path.stem)
                item.setData(PATH_ROLE, path)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, path.stem)
                self.list.insertItem(row, item)
        self._watch(stories)
        self._start(stories)
        self._update_buttons()

    def _watch(self, stories: list[Path]) -> None:
        """Changes made outside the app (a story saved by another editor, a render by the CLI)
        show after a short pause."""
        paths = [str(self.folder), *(str(d) for d in self.out_dirs if d.is_dir()), *map(str, stories)]
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self._watcher.addPaths(paths)

    @Slot(object)
    def render_finished(self, event) -> None:
        """Connect the render queue's `job_finished` here: the job's output folder joins the
        folders read for verdicts and covers, and its story's row is read again."""
        self.add_output_folder(Path(event.job.out_dir))
        self.refresh(Path(event.job.story))

    def current_stories(self) -> list[Path]:
        """The selected stories, in list order (for the export dialog); the current one if none."""
        items = [self.list.item(i) for i in range(self.list.count()) if self.list.item(i).isSelected()]
        if not items and self.list.currentItem() is not None:
            items = [self.list.currentItem()]
        return [i.data(PATH_ROLE) for i in items]

    def select(self, story: Path | None) -> None:
        """The row of the story open in the editor, alone (None: a new story, no row)."""
        item = self._item(Path(story).resolve()) if story is not None else None
        self.list.clearSelection()
        self.list.setCurrentItem(item)
        if item is not None:
            item.setSelected(True)

    def info(self, story: Path) -> StoryInfo | None:
        item = self._item(Path(story).resolve())
        return item.data(INFO_ROLE) if item else None

    def is_busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Stops background reading and waits for it (a thumbnail being drawn finishes first)."""
        self._rescan.stop()
        self._stop.set()
        self._pool.clear()
        self._pool.waitForDone()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    # actions -------------------------------------------------------------------------------------
    def new_story(self, name: str | None = None) -> Path | None:
        if self.folder is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, tr("New story"), tr("File name of the new story:"),
                                            text=self._free_name("nouvelle-histoire"))
            if not ok or not name.strip():
                return None
        target = self._target(name)
        if target is None:
            return None
        target.write_text(TEMPLATE.read_text("utf-8"), "utf-8")
        added = self._added(target)
        self.story_created.emit(added)
        return added

    def duplicate(self, story: Path | None = None, name: str | None = None) -> Path | None:
        story = story or self._single()
        if story is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, tr("Duplicate story"), tr("File name of the copy:"),
                                            text=self._free_name(f"{story.stem}-copie"))
            if not ok or not name.strip():
                return None
        target = self._target(name)
        if target is None:
            return None
        shutil.copyfile(story, target)
        return self._added(target)

    def rename(self, story: Path | None = None, name: str | None = None) -> Path | None:
        story = story or self._single()
        if story is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, tr("Rename story"), tr("New file name:"), text=story.stem)
            if not ok or not name.strip() or name.strip() == story.stem:
                return None
        target = self._target(name)
        if target is None:
            return None
        old = Path(story).resolve()
        story.rename(target)
        new = target.resolve()
        recovery.move(old, new)
        remove_thumbnails(self.cache_dir, old)
        self.story_renamed.emit(old, new)
        return self._added(target)

    def delete(self, stories: list[Path] | None = None, confirm: bool = True) -> list[Path]:
        """Moves the stories to the trash; where there is no trash, deletes them for good after
        asking (or without asking when `confirm` is False). Returns the stories removed."""
        stories = stories if stories is not None else self.current_stories()
        removed = []
        for story in stories:
            if _move_to_trash(story):
                removed.append(story)
                continue
            if confirm:
                answer = QMessageBox.question(
                    self, tr("Delete story"),
                    tr("There is no trash here. Delete “%1” for good?").replace("%1", story.name))
                if answer != QMessageBox.StandardButton.Yes:
                    continue
            story.unlink(missing_ok=True)
            removed.append(story)
        for story in removed:  # the studio's copies of its text and pictures go with it
            story = Path(story).resolve()
            recovery.remove(story, "")
            remove_thumbnails(self.cache_dir, story)
            self.story_deleted.emit(story)
        if removed:
            self.refresh()
            self.stories_changed.emit()
        return removed

    # helpers -------------------------------------------------------------------------------------
    def _single(self) -> Path | None:
        stories = self.current_stories()
        return stories[0] if len(stories) == 1 else None

    def covers(self) -> dict[Path, QPixmap]:
        """Each listed story's cover as shown: its last render's, else the one its exports will get."""
        found = {}
        for i in range(self.list.count()):
            item = self.list.item(i)
            pixmap = item.data(THUMB_ROLE)
            if isinstance(pixmap, QPixmap):
                found[Path(item.data(PATH_ROLE))] = pixmap
        return found

    def _item(self, story: Path) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(PATH_ROLE) == story:
                return self.list.item(i)
        return None

    def _free_name(self, stem: str) -> str:
        name, n = stem, 2
        while (self.folder / f"{name}.md").exists():
            name, n = f"{stem}-{n}", n + 1
        return name

    def _target(self, name: str) -> Path | None:
        """The story file a user-typed name stands for, or None (after saying why)."""
        name = name.strip()
        stem = name[:-3] if name.lower().endswith(".md") else name
        if not stem or any(c in stem for c in '/\\:*?"<>|') or stem.startswith("."):
            self._warn(tr("“%1” cannot be a file name: avoid / \\ : * ? \" < > | and a leading dot.")
                       .replace("%1", name))
            return None
        target = self.folder / f"{stem}.md"
        if target.exists():
            self._warn(tr("A story named “%1” already exists in this folder.").replace("%1", target.name))
            return None
        return target

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, tr("Story library"), text)

    def _added(self, target: Path) -> Path:
        self.refresh()
        self.select(target)
        self.stories_changed.emit()
        return target.resolve()

    def _start(self, stories: list[Path], replace: bool = True) -> None:
        if replace:  # a scan of the whole folder replaces the scans before it: a running one stops
            self._pool.clear()
            self._stop.set()
            self._stop = threading.Event()
        self._pool.start(ScanTask(stories, list(self.out_dirs), self._signals, self._stop, self.cache_dir))

    @Slot(object)
    def _on_info(self, info: StoryInfo) -> None:
        item = self._item(info.path)
        if item is None:
            return
        item.setData(INFO_ROLE, info)
        item.setText(info.title)
        item.setToolTip(_tooltip(info))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{info.title}, {format_duration(info.duration_s)}")

    @Slot(object, QImage)
    def _on_thumbnail(self, story: Path, image: QImage) -> None:
        item = self._item(story)
        if item is not None:
            item.setData(THUMB_ROLE, QPixmap.fromImage(image))

    # drops ----------------------------------------------------------------------------------------
    def _dropped_media(self, event) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and kind(Path(u.toLocalFile()))]

    def dragEnterEvent(self, event) -> None:
        if self.folder is not None and self._dropped_media(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self.folder is not None and self._dropped_media(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = self._dropped_media(event)
        if self.folder is None or not files:
            return
        event.acceptProposedAction()
        copied = [copy_into_media(self.folder, f) for f in files]
        self.hint.setText(tr("Copied into media/: %1").replace("%1", ", ".join(p.name for p in copied)))
        self.media_added.emit(copied)


def _tooltip(info: StoryInfo) -> str:
    lines = [str(info.path)]
    if info.error is not None:
        lines.append(info.error.message + (f" — {info.error.hint}" if info.error.hint else ""))
    for v in sorted(info.verdicts.values(), key=lambda v: v.preset):
        when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(v.mtime)), QLocale.FormatType.ShortFormat)
        line = tr("%1: exported %2, %3").replace("%1", v.preset).replace("%2", when).replace("%3", verdict_text(v.verdict) if v.verdict else "")
        if info.out_of_date(v):
            line += " — " + tr("out of date: the story changed since")
        lines.append(line)
    return "\n".join(lines)


def _move_to_trash(path: Path) -> bool:
    # Qt makes the home trash ($XDG_DATA_HOME/Trash) only when its parent exists; a fresh account may lack it
    Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)).mkdir(
        parents=True, exist_ok=True)
    result = QFile.moveToTrash(str(path))
    return bool(result[0] if isinstance(result, tuple) else result)  # (ok, path in trash) in some bindings
