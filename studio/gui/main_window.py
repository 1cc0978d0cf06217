"""The main window: assembles the panels (editor, story details form, timeline strip, preview,
problems, library, render queue), wires them to one StoryDocument and to the engine's analysis of
its text, and owns the file actions that never lose work. It implements no panel itself."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QMainWindow, QMessageBox,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ..core.catalog import Catalog
from ..core.errors import StudioError
from ..core.project import DEFAULT_PRESET
from ..core.story import parse_story
from ..session import frontmatter_text, media_drop, recovery
from ..session.analysis import Analysis, analyse, text_hash
from .dialogs import ErrorDialog, SettingsDialog, ask_restore, studio_error_text, tell_abnormal_end
from .document import StoryDocument
from .editor import StoryEditor
from .export_dialog import ExportDialog
from .frontmatter_form import FrontMatterForm
from .i18n import tr
from .jobs import QtJobEngine
from .library_panel import LibraryPanel
from .preview_panel import PreviewPanel
from .problems_panel import ProblemsPanel, entries
from .queue_panel import QueuePanel
from .settings import Settings
from .timeline_edits import TimelineEdits
from .timeline_strip import TimelineStrip
from .workers import Lane, pool

VALIDATE_MS = 150  # typing debounce: a burst of typing is one check, and the text still feels live


class MainWindow(QMainWindow):
    analysed = Signal(object)  # an Analysis now shown (tests and the smoke test wait on it)

    def __init__(self, settings: Settings | None = None, catalog: Catalog | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.catalog = catalog or Catalog()
        self.analysis: Analysis | None = None
        self._copy_media: bool | None = None  # the answer to "copy into media/?", asked once
        self._closing = False
        self.abnormal_end = None  # crash_log.AbnormalEnd of the last session, told at start
        QApplication.instance().focusWindowChanged.connect(self._on_focus_window)
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(1000, 640))

        self.document = StoryDocument(self)
        self.editor = StoryEditor(self)
        self.editor.set_story_document(self.document.doc)
        self.form = FrontMatterForm(self.catalog, self)
        self.preview = PreviewPanel(self.catalog, self)
        self.strip = TimelineStrip(self)
        self.timeline_edits = TimelineEdits(self)
        self.problems = ProblemsPanel(self)
        self.library = LibraryPanel(self)
        self.engine = QtJobEngine(self)  # the batch engine, as `studio batch` runs it
        self.queue = QueuePanel(self.engine, self)

        editor_and_preview = QSplitter(Qt.Orientation.Horizontal, self)
        editor_and_preview.addWidget(self.editor)
        editor_and_preview.addWidget(self.preview)
        editor_and_preview.setStretchFactor(0, 3)
        editor_and_preview.setStretchFactor(1, 2)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(editor_and_preview, 1)
        layout.addWidget(self.strip)
        self.setCentralWidget(central)
        # the stories and their details keep the whole left side; problems and renders go under the editor
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.library_dock = self._dock(tr("Stories"), "libraryDock", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.form_dock = self._dock(tr("Story details"), "formDock", self.form, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.problems_dock = self._dock(tr("Problems"), "problemsDock", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        scroll = QScrollArea(self)  # the queue may grow; the editor keeps its height at 1366x768
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.queue)
        self.queue_dock = self._dock(tr("Render queue"), "queueDock", scroll, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.problems_dock, self.queue_dock)
        self.problems_dock.raise_()
        self._sized = False

        self.lane = Lane("analysis", self)
        self.lane.finished.connect(self._on_analysis)
        self._validate = QTimer(self)
        self._validate.setSingleShot(True)
        self._validate.setInterval(VALIDATE_MS)
        self._validate.timeout.connect(self.analyse_now)
        self._requested_hash = ""
        self._last_edit = 0.0

        self.document.changed.connect(self._on_text_changed)
        self.document.modified_changed.connect(lambda _: self._update_title())
        self.document.path_changed.connect(lambda _: self._update_title())
        self.document.undo_stack.canUndoChanged.connect(lambda _: self._update_title())
        self.editor.undo_requested.connect(self.document.undo_stack.undo)
        self.editor.redo_requested.connect(self.document.undo_stack.redo)
        self.editor.files_dropped.connect(self.drop_files)
        self.form.edited.connect(self.set_front_matter)
        self.strip.clicked.connect(self._go_to)
        self.problems.activated_entry.connect(lambda e: self._go_to(e.time_s if e.time_s is not None else -1, e.line or 0))
        self.preview.playhead_changed.connect(self.strip.set_playhead)
        self.preview.frame_shown.connect(self.strip.set_playhead)
        self.preview.preset_changed.connect(lambda _: self.analyse_now(force=True))
        self.preview.failed.connect(self.show_unexpected)
        self.library.story_activated.connect(self.open_story)
        self.library.story_created.connect(self.open_story)  # New opens the new story
        self.library.story_renamed.connect(self._on_story_renamed)
        self.library.story_deleted.connect(self._on_story_deleted)
        self.preview.notice.connect(lambda m: self.statusBar().showMessage(m, 10_000))
        self.statusBar()  # made now: a first message never shifts the panels
        self._story_watch = QFileSystemWatcher(self)  # the open story renamed or deleted outside
        self._story_watch.fileChanged.connect(self._on_story_file_changed)
        self.document.path_changed.connect(lambda _: self._watch_story())
        self.queue.job_finished.connect(self.library.render_finished)  # a new QA verdict to show
        self.library.media_added.connect(lambda _paths: self.analyse_now(force=True))  # maybe the missing files

        self._make_actions()
        self._update_title()
        self.resize(1366, 768)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    # --- actions and menus --------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setStatusTip(tip or text.replace("&", ""))
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action(tr("&New story"), self.new_story, K.New)
        self.open_action = self._action(tr("&Open…"), self.open_dialog, K.Open)
        self.folder_action = self._action(tr("Open &folder…"), self.open_folder_dialog)
        self.save_action = self._action(tr("&Save"), self.save, K.Save)
        self.save_as_action = self._action(tr("Save &as…"), self.save_as, K.SaveAs)
        self.revert_action = self._action(tr("&Revert to saved"), self.revert)
        self.quit_action = self._action(tr("&Quit"), self.close, K.Quit)
        # the menu's Undo names what it undoes ("Undo Typing"); the toolbar's keeps one width
        self.undo_action = self.document.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.document.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack = self.document.undo_stack
        self.undo_tool = QAction(tr("Undo"), self)
        self.undo_tool.triggered.connect(stack.undo)
        self.redo_tool = QAction(tr("Redo"), self)
        self.redo_tool.triggered.connect(stack.redo)
        for tool, can, text, name in ((self.undo_tool, stack.canUndoChanged, stack.undoTextChanged, tr("Undo")),
                                      (self.redo_tool, stack.canRedoChanged, stack.redoTextChanged, tr("Redo"))):
            tool.setEnabled(False)
            tool.setToolTip(name)
            can.connect(tool.setEnabled)
            text.connect(lambda what, t=tool, n=name: t.setToolTip(f"{n}: {what}" if what else n))
        self.render_action = self._action(tr("&Render…"), self.render_dialog, "Ctrl+R",
                                          tr("Render the story for the chosen platforms"))
        # Ctrl+Space plays while typing; Space alone plays from the preview and the timeline
        # (in the text it types a space)
        self.play_action = self._action(tr("&Play / Pause"), self.preview.toggle_play, "Ctrl+Space")
        self.play_action.setToolTip(tr("Play or pause (Ctrl+Space; Space when the text is not being edited)"))
        for w in (self.preview, self.strip):
            space = QShortcut(QKeySequence(Qt.Key.Key_Space), w, self.preview.toggle_play)
            space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # (the keyword is ignored)
        self.next_problem_action = self._action(tr("&Next problem"), self.problems.next_problem, "F8")
        self.zones_action = self._action(tr("Show &safe zones"), self.preview.zones.toggle, "Ctrl+Shift+G")
        self.cover_action = self._action(tr("Use this frame as &cover"), self.use_frame_as_cover, None,
                                         tr("The cover of the exports is the frame under the playhead (cover: in the story)"))
        self.split_action = self._action(tr("Split the beat at the playhead"), self.timeline_edits.split_at_playhead,
                                         "Ctrl+B", tr("Split the beat under the playhead at the word shown"))
        self.settings_action = self._action(tr("&Settings…"), self.open_settings, K.Preferences)
        bar = self.menuBar()
        m = bar.addMenu(tr("&File"))
        for a in (self.new_action, self.open_action, self.folder_action):
            m.addAction(a)
        self.recent_menu = m.addMenu(tr("Recent &files"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        for a in (self.save_action, self.save_as_action, self.revert_action):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.settings_action)
        m.addAction(self.quit_action)
        m = bar.addMenu(tr("&Edit"))
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.next_problem_action)
        m.addAction(self.split_action)
        m = bar.addMenu(tr("&Video"))
        for a in (self.play_action, self.zones_action, self.cover_action, self.render_action):
            m.addAction(a)
        tools = self.addToolBar(tr("Main"))
        tools.setObjectName("mainToolbar")
        for a in (self.new_action, self.open_action, self.save_action, self.undo_tool, self.redo_tool,
                  self.play_action, self.render_action):
            tools.addAction(a)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            a = self.recent_menu.addAction(str(path))
            a.triggered.connect(lambda _=False, p=path: self.open_story(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)

    def _update_title(self) -> None:
        name = self.document.path.name if self.document.path else tr("New story")
        self.setWindowTitle(f"{name}{' *' if self.document.modified else ''} — Kindness Studio")
        if hasattr(self, "revert_action"):
            self.revert_action.setEnabled(self.document.path is not None and self.document.modified)

    # --- opening and saving -------------------------------------------------------------------
    def open_start(self, target: Path | None) -> None:
        """What the window shows at start: a story, a folder, the last folder or the examples."""
        if target is not None and target.is_dir():
            self.open_folder(target)
            first = next(iter(sorted(target.glob("*.md"))), None)
            self.open_story(first) if first else self.new_story()
        elif target is not None:
            self.open_folder(target.parent)
            if not self.open_story(target):
                self.new_story(ask=False)
        else:
            folder = self.settings.last_folder
            if folder is None or not folder.is_dir():
                from ..core.paths import data_root
                folder = data_root() / "examples" / "stories"
            self.open_folder(folder)
            recent = next((p for p in self.settings.recent_files() if p.is_file() and p.parent == folder), None)
            self.open_story(recent) if recent else self.new_story(ask=False)
        QTimer.singleShot(0, self.offer_recovery)

    def open_folder(self, folder: Path) -> None:
        """The library shows `folder`'s stories, with the exports found in its out/, the
        settings' output folder and the folder the export dialog last used for it."""
        folder = Path(folder).resolve()
        outs = [folder / "out", self.settings.output_folder]
        if (remembered := self.settings.export_folder(folder)) is not None:
            outs.append(remembered)
        self.library.set_folder(folder, outs)
        self.settings.last_folder = folder

    def maybe_save(self) -> bool:
        """Asks what to do with unsaved changes; False when the user cancels."""
        if not self.document.modified:
            return True
        name = self.document.path.name if self.document.path else tr("the new story")
        answer = QMessageBox.question(
            self, tr("Unsaved changes"), tr("Save the changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.document.discard_recovery()
            return True
        return False

    def open_story(self, path: Path, text: str | None = None, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            self.document.load(Path(path), text)
        except StudioError as e:
            self.show_error(e)
            return False
        self.settings.add_recent(self.document.path)
        self.library.select(self.document.path)
        story_presets = frontmatter_text.read(self.document.text()).values.get("presets") or []
        story_presets = [story_presets] if isinstance(story_presets, str) else list(story_presets)
        self.preview.set_preset(next((p for p in story_presets if isinstance(p, str)), DEFAULT_PRESET))
        self.analyse_now(force=True)
        self.focus_text()
        return True

    def new_story(self, *, ask: bool = True) -> None:
        if ask and not self.maybe_save():
            return
        self.document.load(None)
        self.library.select(None)  # the library no longer shows another story as the one open
        self.preview.set_preset(DEFAULT_PRESET)
        self.analyse_now(force=True)
        self.focus_text()
        self._select_first_sentence()

    def _select_first_sentence(self) -> None:
        """The template's first sentence is selected: what is typed next replaces it."""
        try:
            beats = parse_story(self.document.text()).beats
        except StudioError:
            return
        if beats:
            cursor = QTextCursor(self.editor.document().findBlockByNumber(beats[0].line - 1))
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)

    def focus_text(self) -> None:
        """The keyboard goes to the story's text, set by the studio itself: where no window
        manager gives the window its focus (a bare X server, some remote desktops), the first
        keys typed still land in the text."""
        if self.isVisible():
            self.activateWindow()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_focus_window(self, window) -> None:
        """When one of this window's dialogs (file, export, restore…) closes, the keyboard goes
        back to the text: where no window manager hands it back (a bare X server, some remote
        desktops), the next keys would otherwise reach no window (and Qt reports no change)."""
        if window is None or self._closing or window.transientParent() is not self.windowHandle():
            return
        window.visibleChanged.connect(lambda visible: visible or QTimer.singleShot(0, self.focus_text))

    def open_dialog(self) -> None:
        start = str(self.document.path.parent if self.document.path else self.settings.last_folder or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a story"), start, tr("Stories (*.md *.txt)"))
        if path:
            self.open_story(Path(path))

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a folder of stories"),
                                                  str(self.settings.last_folder or Path.home()))
        if folder:
            self.open_folder(Path(folder))

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        if not path.exists():  # renamed or deleted outside the studio: never recreated silently
            box = QMessageBox(QMessageBox.Icon.Warning, tr("Story file missing"),
                              tr("{name} was renamed or deleted outside Kindness Studio (it is no longer in "
                                 "{folder}). Save the text again under its old name, or under another "
                                 "name?").format(name=path.name, folder=path.parent), QMessageBox.StandardButton.Cancel, self)
            again = box.addButton(tr("Save as {name}").format(name=path.name), QMessageBox.ButtonRole.AcceptRole)
            other = box.addButton(tr("Save as…"), QMessageBox.ButtonRole.ActionRole)
            box.exec()
            if box.clickedButton() is other:
                return self.save_as()
            if box.clickedButton() is not again:
                return False
        return self._save_to(path)

    # --- the open story's file renamed or deleted -----------------------------------------------
    def _watch_story(self) -> None:
        if self._story_watch.files():
            self._story_watch.removePaths(self._story_watch.files())
        if self.document.path is not None and self.document.path.exists():
            self._story_watch.addPath(str(self.document.path))

    def _on_story_file_changed(self, name: str) -> None:
        path = self.document.path
        if path is None or str(path) != name:
            return
        if path.exists():  # rewritten in place (a save replaces the file): keep watching it
            self._story_watch.addPath(name)
            return
        self.document.mark_unsaved()  # the text now lives only in the editor: closing asks, autosave keeps it
        self.statusBar().showMessage(tr("{name} was renamed or deleted outside Kindness Studio: its text is "
                                        "only in the editor now.").format(name=path.name))

    def _on_story_renamed(self, old: Path, new: Path) -> None:
        if self.document.path == old:
            self.document.move_to(new)
            self.settings.add_recent(new)

    def _on_story_deleted(self, story: Path) -> None:
        if self.document.path == story:
            self.document.discard_recovery()
            self.new_story(ask=False)
            self.statusBar().showMessage(tr("{name} was deleted.").format(name=story.name), 8000)

    def save_as(self) -> bool:
        start = str(self.document.path or (self.settings.last_folder or Path.home()) / "histoire.md")
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the story as"), start, tr("Stories (*.md)"))
        return self._save_to(Path(path)) if path else False

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self.document.save(path)
        except StudioError as e:
            self.show_error(e)
            return False
        self.settings.add_recent(saved)
        self._watch_story()
        self.library.refresh(saved)
        self.library.select(saved)
        self.statusBar().showMessage(tr("Saved {name}").format(name=saved.name), 4000)
        self.analyse_now(force=True)  # the story's folder may have changed: media resolve anew
        return True

    def revert(self) -> None:
        if self.document.path is None:
            return
        answer = QMessageBox.question(self, tr("Revert to saved"),
                                      tr("Throw away the changes since the last save?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.document.discard_recovery()
            self.open_story(self.document.path, ask=False)

    def offer_recovery(self) -> None:
        """After a crash or kill -9: says the studio stopped unexpectedly (and where its crash
        report is), and offers the newest recovery file back."""
        crash, self.abnormal_end = self.abnormal_end, None
        found = recovery.pending()
        if not found:
            if crash is not None:
                tell_abnormal_end(self, crash)
            return
        item = found[0]
        answer = ask_restore(self, item, crash)
        if answer == QMessageBox.StandardButton.Yes:
            if item.story is not None and item.story.exists():
                self.open_story(item.story, item.text, ask=False)
            else:
                self.document.load(None, item.text)
                self.analyse_now(force=True)
            item.file.unlink(missing_ok=True)
            self.document.write_recovery()  # under this session's name until it is saved
        elif answer == QMessageBox.StandardButton.Discard:
            item.file.unlink(missing_ok=True)

    # --- the front matter form and dropped media --------------------------------------------
    def set_front_matter(self, key: str, value) -> None:
        self.document.apply_text(frontmatter_text.set_key(self.document.text(), key, value),
                                 tr("Change {field}").format(field=self.form.field_label(key)))

    def use_frame_as_cover(self) -> None:
        """`cover: T` in the front matter, T the playhead's time: one named undo step."""
        self.set_front_matter("cover", round(self.preview.playhead, 2))

    def has_folder(self) -> bool:
        """A new story is saved once first, so that its media have a folder to live in."""
        if self.document.path is None:
            QMessageBox.information(self, tr("Save the story first"),
                                    tr("Save the story once so that its media have a folder to live in."))
            return self.save_as()
        return True

    def media_file(self, path: Path) -> Path | None:
        """`path` as the story may use it: copied into its media/ folder when it lives elsewhere
        (asked once per session). None when the copy fails (said in a dialog)."""
        folder = self.document.path.parent
        if media_drop.outside(folder, path):
            if self._copy_media is None:
                self._copy_media = QMessageBox.question(
                    self, tr("Copy media into the story's folder?"),
                    tr("Copy files from other folders into {folder}, so the story keeps working "
                       "when its folder is moved?").format(folder=folder / "media")) == QMessageBox.StandardButton.Yes
            if self._copy_media:
                try:
                    return media_drop.copy_into_media(folder, path)
                except OSError as e:
                    self.show_error(StudioError(f"{tr('cannot copy the file')}: {e.strerror}", file=path))
                    return None
        return path

    def drop_files(self, paths: list[Path], line: int) -> None:
        if not self.has_folder():
            return
        folder = self.document.path.parent
        text = self.document.text()
        skipped = []
        for path in paths:
            if media_drop.kind(path) is None or not path.is_file():
                skipped.append(path.name)
                continue
            path = self.media_file(path)
            if path is not None:
                text = media_drop.insert(text, line, folder, path)
        self.document.apply_text(text, tr("Insert {names}").format(names=", ".join(p.name for p in paths)))
        if skipped:
            self.statusBar().showMessage(tr("Not a picture, clip or sound: {names}").format(names=", ".join(skipped)), 6000)

    # --- live analysis ------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        """The first edit after a pause is analysed at once; the edits of a burst of typing wait
        for a 150 ms pause (and the lane keeps only the newest waiting request)."""
        self.form.set_block(frontmatter_text.read(self.document.text()))
        now = time.monotonic()
        idle = now - self._last_edit > VALIDATE_MS / 1000 and not self.lane.busy()
        self._last_edit = now
        if idle and not self._validate.isActive():
            self.analyse_now()
        else:
            self._validate.start()

    def analyse_now(self, force: bool = False) -> None:
        self._validate.stop()
        text = self.document.text()
        digest = text_hash(text)
        if digest == self._requested_hash and not force:
            return
        self._requested_hash = digest
        path = self.document.path or (self.settings.last_folder or Path.cwd()) / "new-story.md"
        preset, brand = self.preview.preset_name(), self.settings.brand or None
        self.lane.request(lambda cancel: analyse(text, path, preset, brand, cancel))

    def _on_analysis(self, a: Analysis | None, error) -> None:
        if error is not None:  # a bug in the engine: the dialog, and the editor keeps its text
            self.show_unexpected(error)
            return
        previous = self.analysis
        self.analysis = a
        found = entries(a)
        self.editor.set_marks([e.mark for e in found if e.mark is not None])
        self.problems.set_entries(found)
        # the count stays in sight on the tab while the render queue is in front
        self.problems_dock.setWindowTitle(tr("Problems ({n})").format(n=len(found)) if found else tr("Problems"))
        self.strip.set_analysis(a)
        self.strip.editable = a.plan is not None
        if a.plan is not None:
            self.strip.set_limits(self._platform_limits(a))
        if a.plan is not None:
            changed = previous is None or previous.project != a.project or previous.plan is None
            if changed or self.preview.frames_drawn == 0:
                self.preview.set_project(a.project, a.plan.timeline.duration_s)
            self.preview.set_message("")
        elif a.error is not None:
            self.preview.set_message(a.error.message)
        self.analysed.emit(a)

    def _platform_limits(self, a: Analysis) -> list[tuple[str, float]]:
        """The longest video each of the story's presets (else the previewed one) takes."""
        out: dict[float, list[str]] = {}
        for name in a.story.meta.presets or (self.preview.preset_name(),):
            try:
                out.setdefault(self.catalog.preset(name).limits.max_duration_s, []).append(name)
            except StudioError:
                continue
        return [(", ".join(names), seconds) for seconds, names in sorted(out.items())]

    def _go_to(self, t: float, line: int) -> None:
        if t >= 0:
            self.preview.seek(t)
            self.strip.set_playhead(t)
        if line:
            self.editor.go_to_line(line)

    # --- rendering: the export dialog and the queue -------------------------------------------------------
    def render_dialog(self) -> None:
        """The export dialog. The open story is saved when the export is confirmed (the dialog
        says so), never on opening it: a cancelled export leaves the text and "revert" alone."""
        if self.document.path is None:  # a new story needs a file to be rendered from
            QMessageBox.information(self, tr("Save the story first"),
                                    tr("Save the new story once: the videos are rendered from its file."))
            if not self.save_as():
                return
        current = self.document.path
        stories = self.library.current_stories() or [current]  # New clears the rows, Save selects its own
        folder = current.parent
        out = self.settings.export_folder(folder) or self.settings.output_folder
        dialog = ExportDialog(stories, out, self, brand=self.settings.brand or None,
                              unsaved=current if self.document.modified else None, covers=self.library.covers())
        try:
            if not dialog.exec():
                return
            jobs, out_dir = dialog.jobs(), dialog.out_dir()
        finally:
            dialog.deleteLater()
        if self.document.modified and any(j.story == current for j in jobs) and not self.save():
            return
        self.settings.set_export_folder(folder, out_dir)
        self.library.add_output_folder(out_dir)
        self.queue.submit(jobs)
        self.show_queue()

    def show_queue(self) -> None:
        """Brings the render queue forward, tall enough for three jobs and a few log lines."""
        self.queue_dock.raise_()
        self.resizeDocks([self.queue_dock], [300], Qt.Orientation.Vertical)

    # --- errors -------------------------------------------------------------------------------
    def show_error(self, e: StudioError) -> None:
        message, details = studio_error_text(e)
        self._show_dialog(ErrorDialog(tr("Problem"), message, details, self))

    def _show_dialog(self, dialog: ErrorDialog) -> None:
        """Window-modal but not blocking: no nested event loop inside a slot or an excepthook."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def emergency_save(self) -> None:
        """Before an error dialog: the editor's text goes to the recovery file first."""
        try:
            self.document.write_recovery()
        except Exception:  # noqa: BLE001 - never let the safety net raise
            pass

    def show_unexpected(self, error) -> None:
        if isinstance(error, StudioError):
            self.show_error(error)
            return
        self.emergency_save()
        details = getattr(error, "details", "") or repr(error)
        self._show_dialog(ErrorDialog(
            tr("Something went wrong"),
            tr("Kindness Studio met an unexpected problem. Your text is safe (it was written to "
               "the recovery file). Copy the details below into a bug report."), details, self))

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.catalog, self)
        if dialog.exec() and dialog.apply():
            from . import i18n
            i18n.install(self.settings.language)
            self.statusBar().showMessage(tr("A new language applies at the next start."), 8000)
        self.analyse_now(force=True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._sized:  # dock sizes apply once the window has its size
            self._sized = True
            self.resizeDocks([self.library_dock, self.form_dock], [230, 400], Qt.Orientation.Vertical)
            self.resizeDocks([self.library_dock], [330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.problems_dock], [110], Qt.Orientation.Vertical)

    # --- closing ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.maybe_save() or not self.queue.confirm_close():  # the story first, then the renders
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stops every timer, worker, playback and render, and waits for them."""
        if self._closing:
            return
        self._closing = True
        self.document.undo_stack.blockSignals(True)  # no title updates while Qt tears down
        self._validate.stop()
        self.document.stop()
        self.lane.cancel()
        self.strip.shutdown()
        self.preview.shutdown()
        self.library.shutdown()
        self.engine.shutdown()
        deadline = time.monotonic() + 30
        while not pool().waitForDone(100) and time.monotonic() < deadline:
            QApplication.processEvents()
