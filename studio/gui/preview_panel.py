"""The preview: the frame under the playhead (redrawn in a worker after each edit, an older
request dropped for a newer one), a scrubber, Play/Pause with sound, the preset's canvas and the
platforms' UI safe zones drawn over the frame (boxes read from the presets)."""

from __future__ import annotations

import time

from PIL import Image
from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QSlider, QVBoxLayout, QWidget)

from ..core.catalog import Catalog
from ..core.errors import PresetError, StudioError
from ..core.labels import preset_label
from ..core.preset import SafeZone
from ..core.project import DEFAULT_PRESET, Project
from ..session.frame_source import FrameSource, make_frame_source
from .i18n import tr
from .player import Player
from .workers import Lane

ZONE_COLOURS = ("#00e5ff", "#ff4081", "#ffd740", "#69f0ae")


def safe_zones(catalog: Catalog, canvas_ratio: float) -> list[tuple[str, SafeZone]]:
    """Each distinct UI safe zone of the platform presets with this canvas shape, named by the
    presets that share it (e.g. "tiktok, reels, shorts")."""
    groups: dict[SafeZone, list[str]] = {}
    for name in catalog.preset_entries():
        try:
            p = catalog.preset(name)
        except PresetError:
            continue
        if p.platforms and abs(p.canvas.width / p.canvas.height - canvas_ratio) < 0.01:
            groups.setdefault(p.safe_zone, []).append(name)
    return [(", ".join(names), zone) for zone, names in groups.items()]


def to_qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class FrameView(QWidget):
    """The picture, scaled to fit with its aspect ratio, and the safe-zone boxes over it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image: QImage | None = None
        self.ratio = 9 / 16
        self.zones: list[tuple[str, SafeZone]] = []
        self.show_zones = False
        self.message = ""
        self.setMinimumSize(160, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Preview frame"))

    def frame_rect(self) -> QRect:
        w, h = self.width(), self.height()
        if w / max(h, 1) > self.ratio:
            fw, fh = round(h * self.ratio), h
        else:
            fw, fh = w, round(w / self.ratio)
        return QRect((w - fw) // 2, (h - fh) // 2, fw, fh)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202124"))
        r = self.frame_rect()
        if self.image is not None:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(r, self.image)
        else:
            p.fillRect(r, QColor("#3c4043"))
        if self.show_zones:
            for k, (name, zone) in enumerate(self.zones):
                x0, y0, x1, y1 = zone.box(r.width(), r.height())
                colour = QColor(ZONE_COLOURS[k % len(ZONE_COLOURS)])
                p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                box = QRectF(r.x() + x0, r.y() + y0, x1 - x0, y1 - y0)
                p.drawRect(box)
                p.drawText(QRectF(box.left(), box.bottom() + 2 + 14 * k, r.right() - box.left(), 14),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name)
        if self.message:
            p.setPen(QColor("#ffffff"))
            p.fillRect(QRect(r.x(), r.bottom() - 60, r.width(), 60), QColor(0, 0, 0, 170))
            p.drawText(QRect(r.x() + 6, r.bottom() - 58, r.width() - 12, 56),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)


class PreviewPanel(QWidget):
    frame_shown = Signal(float)       # a new frame (for the playhead at t) is on screen
    playhead_changed = Signal(float)  # the user moved the playhead (scrubber, playback)
    preset_changed = Signal(str)      # the canvas to preview (a preset name)
    failed = Signal(object)           # an unexpected error of a worker
    notice = Signal(str)              # a passing message for the status bar (no sound device)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.source: FrameSource | None = None
        self._box: list = [None, None]  # the source (made by the first frame's worker) and its canvas
        self.project: Project | None = None
        self.duration_s = 0.0
        self.playhead = 0.0
        self.frames_drawn = 0
        self.shown_project: Project | None = None  # the project of the frame on screen
        self.last_request_at = 0.0
        self.lane = Lane("preview", self)
        self.lane.finished.connect(self._on_frame)
        self.player = Player(self)
        self.player.frame.connect(self._on_play_frame)
        self.player.position.connect(self._on_play_position)
        self.player.stopped.connect(self._on_play_stopped)
        self.player.failed.connect(self.failed)

        self.view = FrameView(self)
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(tr("Preview canvas"))
        self.preset.setToolTip(tr("The preset whose canvas is previewed"))
        self.zones = QCheckBox(tr("Safe zones"), self)
        self.zones.setToolTip(tr("Show the parts of the screen each platform covers with its buttons"))
        self.zones.toggled.connect(self._toggle_zones)
        self.play_button = QPushButton(tr("Play"), self)
        self.play_button.setAccessibleName(tr("Play or pause"))
        self.play_button.setToolTip(tr("Play or pause (Ctrl+Space; Space when the text is not being edited)"))
        self.play_button.clicked.connect(self.toggle_play)
        # as wide as its widest text: "Pause" never moves the scrubber beside it
        fm = self.play_button.fontMetrics()
        self.play_button.setMinimumWidth(self.play_button.sizeHint().width() - fm.horizontalAdvance(tr("Play"))
                                         + max(fm.horizontalAdvance(tr("Play")), fm.horizontalAdvance(tr("Pause"))))
        self.scrubber = QSlider(Qt.Orientation.Horizontal, self)
        self.scrubber.setAccessibleName(tr("Playhead"))
        self.scrubber.setRange(0, 0)
        self.scrubber.valueChanged.connect(self._on_scrub)
        self.time_label = QLabel("0:00.0 / 0:00.0", self)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Canvas:"), self))
        top.addWidget(self.preset, 1)
        top.addWidget(self.zones)
        bottom = QHBoxLayout()
        bottom.addWidget(self.play_button)
        bottom.addWidget(self.scrubber, 1)
        bottom.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        for name, entry in catalog.preset_entries().items():
            self.preset.addItem(preset_label(name), name)  # "TikTok 9:16"; the code keeps the id
        self.preset.setCurrentIndex(max(0, self.preset.findData(DEFAULT_PRESET)))
        self.preset.currentIndexChanged.connect(lambda _: self.preset_changed.emit(self.preset_name()))

    def preset_name(self) -> str:
        return self.preset.currentData() or DEFAULT_PRESET

    def set_preset(self, name: str) -> None:
        i = self.preset.findData(name)
        if i >= 0 and i != self.preset.currentIndex():
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(i)
            self.preset.blockSignals(False)

    # --- frames -------------------------------------------------------------------------------
    def set_project(self, project: Project, duration_s: float) -> None:
        """A new valid project after an edit: redraw the frame under the playhead."""
        self.project = project
        canvas = project.preset.canvas
        ratio = canvas.width / canvas.height
        if abs(ratio - self.view.ratio) > 1e-3 or not self.view.zones:
            self.view.ratio = ratio
            self.view.zones = safe_zones(self.catalog, ratio)
        self.duration_s = duration_s
        self.scrubber.blockSignals(True)
        self.scrubber.setRange(0, max(0, int(duration_s * 1000) - 1))
        self.scrubber.blockSignals(False)
        self.playhead = min(self.playhead, max(0.0, duration_s - 0.001))
        if self.player.is_playing():
            self.player.stop()
        self.request_frame()

    def show_edit(self, project: Project, t: float) -> None:
        """While a timeline gesture is dragged: the frame at `t` of the story as it would be (the
        text is written on release; the next analysis brings the real project back)."""
        self.project = project
        self.playhead = max(0.0, t)
        if self.player.is_playing():
            self.player.stop()
        self.request_frame()

    def set_message(self, message: str) -> None:
        self.view.message = message
        self.view.update()

    def request_frame(self) -> None:
        if self.project is None:
            return
        project, t, box = self.project, self.playhead, self._box
        self.last_request_at = time.monotonic()

        def work(cancel):  # one at a time (the lane): the source is made once per canvas, then updated
            canvas = project.preset.canvas
            if box[0] is not None and box[1] != (canvas.width, canvas.height):
                box[0].close()
                box[0] = None
            if box[0] is None:
                box[0], box[1] = make_frame_source(project), (canvas.width, canvas.height)
            else:
                box[0].update(project)
            return box[0], project, t, to_qimage(box[0].frame(t, cancel))

        self.lane.request(work)

    def _on_frame(self, result, error) -> None:
        if error is not None:
            self.set_message(getattr(error, "message", str(error)))
            if not hasattr(error, "hint") and hasattr(error, "details"):
                self.failed.emit(error)
            return
        source, project, t, image = result
        self.source = source
        self.shown_project = project
        self.view.image = image
        self.view.message = ""
        self.view.update()
        self.frames_drawn += 1
        self._show_time(t)
        self.frame_shown.emit(t)

    def seek(self, t: float) -> None:
        self.playhead = max(0.0, min(t, max(0.0, self.duration_s - 0.001)))
        self.scrubber.blockSignals(True)
        self.scrubber.setValue(int(self.playhead * 1000))
        self.scrubber.blockSignals(False)
        self._show_time(self.playhead)
        if self.player.is_playing():
            self.player.stop()
        self.request_frame()

    def _on_scrub(self, ms: int) -> None:
        self.playhead = ms / 1000
        self._show_time(self.playhead)
        if self.player.is_playing():
            self.player.stop()
        self.request_frame()
        self.playhead_changed.emit(self.playhead)

    def _show_time(self, t: float) -> None:
        def fmt(s: float) -> str:
            return f"{int(s // 60)}:{s % 60:04.1f}"
        self.time_label.setText(f"{fmt(t)} / {fmt(self.duration_s)}")

    def _toggle_zones(self, on: bool) -> None:
        self.view.show_zones = on
        self.view.update()

    # --- playback -----------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.player.is_playing():
            self.player.stop()
            return
        if self.source is None or self.project is None:
            return
        start = self.playhead if self.playhead < self.duration_s - 0.1 else 0.0
        self.lane.cancel()
        try:
            self.player.play(self.source, start)
        except StudioError as e:  # e.g. ffmpeg cannot start: said on the frame, the editor goes on
            self.set_message(e.message)
            return
        self.play_button.setText(tr("Pause"))
        if self.player.silent:  # said in the window's status bar: no control moves for it
            self.notice.emit(tr("No sound device: playing silently"))

    def _on_play_frame(self, t: float, image: QImage) -> None:
        self.view.image = image
        self.view.update()
        self.frames_drawn += 1
        self.frame_shown.emit(t)

    def _on_play_position(self, t: float) -> None:
        self.playhead = min(t, self.duration_s)
        self.scrubber.blockSignals(True)
        self.scrubber.setValue(int(self.playhead * 1000))
        self.scrubber.blockSignals(False)
        self._show_time(self.playhead)
        self.playhead_changed.emit(self.playhead)

    def _on_play_stopped(self) -> None:
        self.play_button.setText(tr("Play"))

    def shutdown(self) -> None:
        self.player.stop()
        self.lane.cancel()
        if self._box[0] is not None:
            self._box[0].close()
