"""The export dialog: the selected stories times the presets of the engine's catalog, an output
folder, an end-card variant and a caption style; it returns the batch `Job`s to queue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from ..batch import Job
from ..core.catalog import Catalog
from ..core.errors import StudioError
from ..core.project import DEFAULT_BRAND, DEFAULT_PRESET
from ..core.story import load_story
from ..core.i18n import gettext
from ..core.labels import caption_style_label, preset_label
from .i18n import ntr, tr

DEFAULT_CHOICE = None  # "as the story says" in the combos


COVER_SIZE = QSize(27, 48)  # a 9:16 cover beside each story


class ExportDialog(QDialog):
    def __init__(self, stories: list[Path], out_dir: Path, parent: QWidget | None = None,
                 catalog: Catalog | None = None, brand: str | None = None, unsaved: Path | None = None,
                 covers: dict[Path, QPixmap] | None = None):
        """`brand`: the Settings' brand kit, which the preview shows, over the stories' own.
        `unsaved`: the open story, with changes the dialog says are saved on confirming.
        `covers`: each story's cover as the library shows it (the one its exports will get)."""
        super().__init__(parent)
        self.brand = brand
        self.setWindowTitle(tr("Export"))
        self.catalog = catalog or Catalog()
        self.stories = [Path(s) for s in stories]
        metas = _story_metas(self.stories)

        self.story_list = _checklist(tr("Stories to export"))
        self.story_list.setIconSize(COVER_SIZE)
        for story in self.stories:
            item = QListWidgetItem(metas[story][0])
            if (cover := (covers or {}).get(story)) is not None and not cover.isNull():
                item.setIcon(QIcon(cover.scaled(COVER_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation)))
            item.setToolTip(str(story))
            item.setData(Qt.ItemDataRole.UserRole, story)
            item.setCheckState(Qt.CheckState.Checked)
            self.story_list.addItem(item)

        wanted = {p for _, presets, _ in metas.values() for p in presets} or {DEFAULT_PRESET}
        self.preset_list = _checklist(tr("Presets"))
        for name in sorted(self.catalog.preset_entries()):
            try:
                description = gettext(self.catalog.preset(name).description)
            except StudioError as e:
                description = e.message
            item = QListWidgetItem(f"{preset_label(name)} — {description}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(description)
            item.setCheckState(Qt.CheckState.Checked if name in wanted else Qt.CheckState.Unchecked)
            self.preset_list.addItem(item)

        _fit_rows(self.story_list, 4)
        _fit_rows(self.preset_list, 8)
        self.out_edit = QLineEdit(str(out_dir))
        self.out_edit.setAccessibleName(tr("Output folder"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)

        kit = self._brand({brand} if brand else {b for _, _, b in metas.values()})
        self.endcard_combo = _combo(tr("End-card variant"), tr("As each story says"),
                                    sorted(kit.endcard.variants) if kit else [])
        self.caption_combo = _combo(tr("Caption style"), tr("As each story says"),
                                    sorted(kit.caption_styles) if kit else [], caption_style_label)

        self.summary = QLabel()
        self.save_note = QLabel(tr("{name} has unsaved changes: they are saved when you add it to the queue.")
                                .format(name=unsaved.name) if unsaved else "")
        self.save_note.setWordWrap(True)
        self.save_note.setVisible(unsaved is not None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add to queue"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Stories"), self.story_list)
        form.addRow(tr("Presets"), self.preset_list)
        form.addRow(tr("Output folder"), out_row)
        form.addRow(tr("End card"), self.endcard_combo)
        form.addRow(tr("Captions"), self.caption_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        for w in (self.story_list, self.preset_list):
            w.itemChanged.connect(self._update)
        self.out_edit.textChanged.connect(self._update)
        self._update()
        self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for the presets' descriptions (up to 90% of the screen), tall enough for
        its rows: it opens showing its content."""
        lists = (self.story_list, self.preset_list)
        widest = max((w.fontMetrics().horizontalAdvance(w.item(i).text()) for w in lists
                      for i in range(w.count())), default=0)
        check = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 16
        for w in lists:
            w.setMinimumWidth(min(widest + check + 2 * w.frameWidth() + 8, 1100))
        hint = self.sizeHint()
        screen = self.screen().availableGeometry() if self.screen() else None
        width = hint.width() if screen is None else min(hint.width(), int(screen.width() * 0.9))
        self.resize(width, hint.height())

    def out_dir(self) -> Path:
        return Path(self.out_edit.text().strip()).expanduser()

    def jobs(self) -> list[Job]:
        """One job per checked story and checked preset (after exec() == Accepted)."""
        out_dir = self.out_dir()
        endcard, style = self.endcard_combo.currentData(), self.caption_combo.currentData()
        return [Job(story=story, preset=preset, out_dir=out_dir, brand=self.brand, endcard=endcard, caption_style=style)
                for story in _checked(self.story_list) for preset in _checked(self.preset_list)]

    def _brand(self, names: set[str | None]):
        """The brand kit whose variants and styles are offered: the stories' one, if they share it."""
        names = {n or DEFAULT_BRAND for n in names} or {DEFAULT_BRAND}
        if len(names) != 1:
            return None
        try:
            return self.catalog.brand(names.pop())
        except StudioError:
            return None

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Output folder"), self.out_edit.text())
        if folder:
            self.out_edit.setText(folder)

    def _update(self) -> None:
        n = len(_checked(self.story_list)) * len(_checked(self.preset_list))
        ok = n > 0 and bool(self.out_edit.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.summary.setText(ntr("%n video to render", "%n videos to render", n))


def _story_metas(stories: list[Path]) -> dict[Path, tuple[str, tuple[str, ...], str | None]]:
    """story -> (title, presets it asks for, brand); a story that does not load keeps its name
    (the queue shows its error when it runs)."""
    metas = {}
    for story in stories:
        try:
            s = load_story(story)
            metas[story] = (s.title, s.meta.presets, s.meta.brand)
        except StudioError:
            metas[story] = (story.stem, (), None)
    return metas


def _checklist(name: str) -> QListWidget:
    w = QListWidget()
    w.setAccessibleName(name)
    w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long descriptions elide
    w.setTextElideMode(Qt.TextElideMode.ElideRight)
    return w


def _fit_rows(w: QListWidget, most: int) -> None:
    """As tall as its rows (up to `most`, then it scrolls)."""
    row = w.sizeHintForRow(0) if w.count() else w.fontMetrics().height() + 4
    w.setFixedHeight(row * max(1, min(w.count(), most)) + 2 * w.frameWidth() + 2)


def _checked(w: QListWidget) -> list:
    return [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
            if w.item(i).checkState() == Qt.CheckState.Checked]


def _combo(name: str, default_text: str, values: list[str], label=str) -> QComboBox:
    c = QComboBox()
    c.setAccessibleName(name)
    c.addItem(default_text, DEFAULT_CHOICE)
    for v in values:
        c.addItem(label(v), v)
    return c
