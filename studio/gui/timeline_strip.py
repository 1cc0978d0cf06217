"""The timeline strip: the beats and the caption events at their times, each caption coloured by
its reading speed against the engine's rules (red: the engine flags it; amber: over the look's
target speed; green: comfortable), the playhead; clicking an event seeks there and shows its line.

It is also a second way to write the story: dragging a beat moves it, dragging a beat's right
edge times it (snapped to frames, never under the engine's reading floor, which is drawn while
dragging), double-clicking that edge gives it back its automatic time; a third row shows the
backgrounds with thumbnails, where dragging a clip's start or end edits its trim. Ctrl+wheel zooms,
the view follows the playhead, each chosen platform's length limit is a line. The strip only turns
gestures into requests (signals); the window writes them into the text (timeline_edits.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QToolTip, QWidget

from ..core.captions import chars
from ..core.story import Background
from ..core.story_edit import shortest_frames
from ..session.analysis import Analysis
from . import timeline_thumbs, timeline_waves
from .i18n import tr
from .workers import Lane

GREEN, AMBER, RED = QColor("#43a047"), QColor("#f0a000"), QColor("#d32f2f")
BEAT, SELECTED, FLOOR = QColor("#5c6bc0"), QColor("#283593"), QColor("#e65100")
PHOTO, CLIP, BRAND, LIMIT = QColor("#00897b"), QColor("#6d4c41"), QColor("#9e9e9e"), QColor("#c62828")
MUSIC, VOICE = QColor("#78909c"), QColor("#ef6c00")
EDGE_PX = 5  # how near a beat's right edge the pointer grabs the edge
MAX_ZOOM = 40.0


def motion_names() -> dict[str, str]:
    """The photo motions as the editor reads them."""
    return {"auto": tr("Automatic"), "none": tr("Still"), "pan-left": tr("Pan left"),
            "pan-right": tr("Pan right"), "pan-up": tr("Pan up"), "pan-down": tr("Pan down"),
            "zoom-in": tr("Zoom in"), "zoom-out": tr("Zoom out")}


@dataclass(frozen=True)
class StripItem:
    row: int            # 0 beats, 1 captions, 2 backgrounds
    start_s: float
    end_s: float
    line: int
    label: str
    colour: QColor
    tooltip: str
    beat: int = -1      # the beat's index (row 0), -1 for the cards
    background: Background | None = None  # row 2: the picture or clip (None: the brand's)
    kind: str = ""      # row 2: "image" or "video"
    source_s: float = 0.0  # row 2, a clip: its length


def trim_of(item: StripItem) -> tuple[float, float]:
    """A clip's (start, end) in the file, as its line says or as it plays untrimmed."""
    bg = item.background
    start = bg.trim_start or 0.0
    end = bg.trim_end if bg.trim_end is not None else item.source_s
    return start, end


def strip_items(a: Analysis) -> list[StripItem]:
    if a.plan is None:
        return []
    tl, story = a.plan.timeline, a.plan.project.story
    target_cps = a.plan.project.look.timing.cps
    flagged: dict[int, list[str]] = {}
    for p in a.problems:
        flagged.setdefault(p.event, []).append(f"{p.rule}: {p.message}")
    items = []
    for i, span in enumerate(tl.beats):
        beat = story.beats[i]
        items.append(StripItem(0, tl.seconds(span.start), tl.seconds(span.end), beat.line,
                               str(i + 1), BEAT, beat.text, i))
    if tl.intro.frames:
        items.append(StripItem(0, tl.seconds(tl.intro.start), tl.seconds(tl.intro.end), 1, "!",
                               QColor("#8d6e63"), tr("Content warning card")))
    items.append(StripItem(0, tl.seconds(tl.endcard.start), tl.seconds(tl.endcard.end), 1, tr("End card"),
                           QColor("#78909c"), tr("End card with the helpline")))
    for k, e in enumerate(tl.events, start=1):
        start, end = tl.seconds(e.start), tl.seconds(e.end)
        cps = chars(e.lines) / max(end - start, 1e-6)
        colour = RED if k in flagged else AMBER if cps > target_cps else GREEN
        tip = f"{e.text}\n{QLocale().toString(cps, 'f', 1)} {tr('characters per second')}"
        if k in flagged:
            tip += "\n" + "\n".join(flagged[k])
        items.append(StripItem(1, start, end, story.beats[e.beat].line, str(k), colour, tip))
    for seg in tl.segments:
        bg = seg.background
        start, end = tl.seconds(seg.start), tl.seconds(seg.end)
        if bg is None:
            items.append(StripItem(2, start, end, story.beats[seg.beats[0]].line, tr("Brand background"), BRAND,
                                   tr("The brand's background (no picture line before these beats)")))
            continue
        info = a.plan.media.get(bg.path)
        kind = info.kind if info is not None else "image"
        tip = f"{bg.alt or bg.path.name}\n{bg.path.name}"
        if kind == "video":
            tip += "\n" + tr("Drag its start or end to trim the clip")
        else:
            tip += "\n" + tr("Right-click for its motion")
        items.append(StripItem(2, start, end, bg.line, bg.path.name, CLIP if kind == "video" else PHOTO, tip,
                               background=bg, kind=kind, source_s=info.duration_s if info is not None else 0.0))
    return items


def sounds_of(a: Analysis) -> list[timeline_waves.Sound]:
    """The story's music and voices where the render's mix puts them."""
    from ..render.audio_graph import voices  # the render stack is loaded by the analysis already

    plan = a.plan
    out = [timeline_waves.Sound("music", plan.music.path, 0.0)] if plan.music else []
    return out + [timeline_waves.Sound("voice", path, at) for path, at in voices(plan)]


@dataclass
class _Drag:
    kind: str            # "edge" (a beat's right edge), "beat" (the beat itself), "trim-start", "trim-end"
    beat: int
    x0: float
    moved: bool = False
    frames: int = 0      # edge: the beat's length being set
    floor: int = 0       # edge: the fewest frames its text allows
    target: int = -1     # beat: where it would land
    item: StripItem | None = None   # trim: the clip's row item
    trim: tuple[float, float] = (0.0, 0.0)  # trim: the clip's (start, end) being set


class TimelineStrip(QWidget):
    clicked = Signal(float, int)          # time, story line
    move_requested = Signal(int, int)     # beat, its index afterwards
    duration_requested = Signal(int, int, float)  # beat, frames, floor in seconds (on release)
    duration_cleared = Signal(int)        # beat: back to automatic timing
    edge_dragged = Signal(int, int)       # beat, frames (while dragging: the preview follows)
    beat_dragged = Signal(int, int)       # beat, where it would land (while dragging)
    drag_cancelled = Signal()
    split_requested = Signal()            # the beat under the playhead, at the word shown
    join_requested = Signal(int)          # beat with the next
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    emphasis_requested = Signal()         # the words selected in the text, in bold
    trim_dragged = Signal(object, float, float)    # background, start, end (the preview follows)
    trim_requested = Signal(object, float, float)  # background, start, end (on release)
    motion_requested = Signal(object, str)         # background, motion
    replace_requested = Signal(object)             # background: choose another file

    ROW_H = 22
    ROWS = 4   # beats, captions, backgrounds, sound

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: list[StripItem] = []
        self.duration_s = 0.0
        self.playhead = 0.0
        self.fps = 30.0
        self.floors: tuple[float, ...] = ()
        self.selected = -1
        self.editable = False   # the analysis shown is of the text as it is (set by the window)
        self._drag: _Drag | None = None
        self.zoom = 1.0        # 1: the whole story fits the strip
        self.offset_s = 0.0    # the time at the strip's left edge when zoomed in
        self.limits: list[tuple[str, float]] = []  # (platform preset, longest video it takes, s)
        self.thumbs = Lane("thumbnails", self)
        self.thumbs.finished.connect(lambda made, _error: made and self.update())
        self.sounds: list[timeline_waves.Sound] = []
        self.waves = Lane("waveforms", self)
        self.waves.finished.connect(lambda made, _error: made and self.update())
        height = self.ROW_H * self.ROWS + 4 * (self.ROWS + 1) + 2
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Timeline of beats and captions"))
        self.setAccessibleDescription(tr(
            "Left and Right select a beat; Alt+Left and Alt+Right move it; Alt+Shift+Left and "
            "Alt+Shift+Right shorten or lengthen it by a frame; Ctrl+B splits the beat at the playhead; "
            "the menu key opens the beat's menu"))
        self.setToolTip(tr("Beats (top), captions and backgrounds; click one to go to it. Drag a beat to "
                           "move it, its right edge to time it (double-click the edge: automatic timing), a "
                           "clip's ends to trim it; Ctrl+wheel zooms"))

    def set_analysis(self, a: Analysis) -> None:
        if a.plan is None:
            return  # keep the last good timeline while the text has an error
        self.items = strip_items(a)
        tl = a.plan.timeline
        self.duration_s = tl.duration_s
        self.fps = tl.fps
        self.floors = tl.floors_s
        self.selected = min(self.selected, len(tl.beats) - 1)
        self._drag = None
        self._clamp_view()
        wanted = [(i.background.path, i.kind, trim_of(i)[0] if i.kind == "video" else 0.0,
                   *self._source_size(a, i.background.path)) for i in self.items if i.background is not None]
        if any(timeline_thumbs.cached(p, t) is None for p, _, t, _, _ in wanted):
            self.thumbs.request(lambda cancel: timeline_thumbs.make(wanted, cancel))
        self.sounds = sounds_of(a)
        files = [x.path for x in self.sounds]
        if any(timeline_waves.peaks(f) is None for f in files):
            self.waves.request(lambda cancel: timeline_waves.make(files, cancel))
        self.update()

    @staticmethod
    def _source_size(a: Analysis, path) -> tuple[int, int]:
        info = a.plan.media.get(path)
        return (info.width, info.height) if info is not None and info.height else (16, 9)

    def set_limits(self, limits: list[tuple[str, float]]) -> None:
        self.limits = limits
        self.update()

    def shutdown(self) -> None:
        self.thumbs.cancel()
        self.waves.cancel()

    def set_playhead(self, t: float) -> None:
        self.playhead = t
        visible = self.visible_s()
        if self.zoom > 1 and not self.offset_s <= t <= self.offset_s + visible:
            self.offset_s = t - visible * 0.1  # follows the playhead (playing, or a click far away)
            self._clamp_view()
        self.update()

    # --- zoom -----------------------------------------------------------------------------------
    def visible_s(self) -> float:
        return max(self.duration_s, 1e-6) / self.zoom

    def _clamp_view(self) -> None:
        self.zoom = min(max(self.zoom, 1.0), MAX_ZOOM)
        self.offset_s = min(max(0.0, self.offset_s), max(0.0, self.duration_s - self.visible_s()))

    def fit(self) -> None:
        """The whole story in the strip."""
        self.zoom, self.offset_s = 1.0, 0.0
        self.update()

    def zoom_by(self, factor: float, at_x: float) -> None:
        t = self.t_at(at_x)
        self.zoom *= factor
        self._clamp_view()
        self.offset_s = t - (at_x - 1) * self.visible_s() / max(self.width() - 2, 1)
        self._clamp_view()
        self.update()

    def wheelEvent(self, event) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 ** steps, event.position().x())
        elif self.zoom > 1:
            self.offset_s -= steps * self.visible_s() / 10
            self._clamp_view()
            self.update()
        else:
            event.ignore()
            return
        event.accept()

    def beats(self) -> list[StripItem]:
        return [i for i in self.items if i.row == 0 and i.beat >= 0]

    # --- geometry -------------------------------------------------------------------------------
    def x_at(self, t: float) -> float:
        return 1 + (t - self.offset_s) * (self.width() - 2) / self.visible_s()

    def t_at(self, x: float) -> float:
        return self.offset_s + (x - 1) * self.visible_s() / max(self.width() - 2, 1)

    def _rect(self, item: StripItem) -> QRectF:
        y = 4 + item.row * (self.ROW_H + 4)
        x0, x1 = self.x_at(item.start_s), self.x_at(item.end_s)
        return QRectF(x0, y, max(2.0, x1 - x0 - 1), self.ROW_H)

    def item_at(self, x: float, y: float) -> StripItem | None:
        return next((i for i in self.items if self._rect(i).contains(x, y)), None)

    def edge_at(self, x: float, y: float) -> int:
        """The beat whose right edge is under (x, y), else -1."""
        for item in self.beats():
            r = self._rect(item)
            if r.top() <= y <= r.bottom() and abs(r.right() + 1 - x) <= EDGE_PX:
                return item.beat
        return -1

    def trim_edge_at(self, x: float, y: float) -> tuple[StripItem, str] | None:
        """The clip whose start or end is under (x, y), and which ("trim-start" or "trim-end")."""
        for item in self.items:
            if item.row != 2 or item.kind != "video":
                continue
            r = self._rect(item)
            if r.top() <= y <= r.bottom():
                if abs(r.left() - x) <= EDGE_PX:
                    return item, "trim-start"
                if abs(r.right() + 1 - x) <= EDGE_PX:
                    return item, "trim-end"
        return None

    def _frames(self, item: StripItem) -> int:
        return round((item.end_s - item.start_s) * self.fps)

    def _floor_frames(self, beat: int) -> int:
        return shortest_frames(self.floors[beat], self.fps) if beat < len(self.floors) else 1

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        d = self._drag if self._drag is not None and self._drag.moved else None
        for item in self.items:
            r = self._rect(item)
            if d is not None and d.kind == "edge" and item.beat == d.beat:
                r.setRight(self.x_at(item.start_s + d.frames / self.fps) - 1)
            colour = SELECTED if item.row == 0 and item.beat == self.selected and item.beat >= 0 else item.colour
            if d is not None and d.kind == "beat" and item.beat == d.beat:
                colour = colour.lighter(150)
            p.fillRect(r, colour)
            text_rect = r
            if item.background is not None:
                first = trim_of(item)[0] if item.kind == "video" else 0.0
                t = d.trim[0] if d is not None and d.item == item else first
                thumb = timeline_thumbs.cached(item.background.path, t) or timeline_thumbs.cached(
                    item.background.path, first)
                if thumb is not None and r.width() > 8:
                    w = min(r.width(), thumb.width() * r.height() / thumb.height())
                    p.drawImage(QRectF(r.left(), r.top(), w, r.height()), thumb,
                                QRectF(0, 0, w * thumb.height() / r.height(), thumb.height()))
                    text_rect = r.adjusted(w + 2, 0, 0, 0)
            if text_rect.width() > 14:
                p.setPen(QColor("#ffffff"))
                align = Qt.AlignmentFlag.AlignCenter if item.row < 2 else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                p.drawText(text_rect, align, p.fontMetrics().elidedText(item.label, Qt.TextElideMode.ElideRight,
                                                                        int(text_rect.width())))
        self._paint_sound(p)
        for name, seconds in self.limits:
            x = self.x_at(seconds)
            if 0 <= x <= self.width():
                p.setPen(QPen(LIMIT, 1, Qt.PenStyle.DotLine))
                p.drawLine(int(x), 0, int(x), self.height())
                p.drawText(QRectF(x - 204, 0, 200, 12), Qt.AlignmentFlag.AlignRight, name)
        if d is not None and d.kind == "edge":
            self._paint_floor(p, d)
        if d is not None and d.kind.startswith("trim"):
            r = self._rect(d.item)
            label = "#t=" + ",".join(QLocale.c().toString(v, "f", 2) for v in d.trim)
            box = QRectF(r.left() + 2, 4 + self.ROW_H + 4, p.fontMetrics().horizontalAdvance(label) + 8, self.ROW_H)
            p.fillRect(box, self.palette().base())
            p.setPen(QColor("#000000"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        if d is not None and d.kind == "beat" and d.target >= 0:
            x = self._drop_x(d.target, d.beat)
            p.setPen(QPen(SELECTED, 3))
            p.drawLine(int(x), 0, int(x), self.ROW_H + 6)
        if self.duration_s:
            x = self.x_at(self.playhead)
            p.setPen(QPen(QColor("#000000"), 2))
            p.drawLine(int(x), 0, int(x), self.height())

    def _paint_sound(self, p: QPainter) -> None:
        """The music (looped from the start) and the voices at their places, one peak a pixel."""
        top = 4 + 3 * (self.ROW_H + 4)
        mid, half = top + self.ROW_H / 2, self.ROW_H / 2
        for sound in self.sounds:
            data = timeline_waves.peaks(sound.path)
            if data is None or not len(data):
                continue
            data = data / max(float(data.max()), 1e-3)  # each file at its own scale: its shape shows
            p.setPen(QPen(MUSIC if sound.kind == "music" else VOICE, 1))
            x0, x1 = max(0, int(self.x_at(sound.start_s))), min(self.width(), int(self.x_at(self.duration_s)))
            for x in range(x0, x1):
                a, b = self.t_at(x) - sound.start_s, self.t_at(x + 1) - sound.start_s
                i, j = int(a * timeline_waves.RATE), max(int(b * timeline_waves.RATE), int(a * timeline_waves.RATE) + 1)
                if sound.kind == "music":
                    i, j = i % len(data), (j - 1) % len(data) + 1
                    if j <= i:
                        j = i + 1
                elif i >= len(data):
                    break
                h = float(data[i:j].max()) * half
                p.drawLine(x, int(mid - h), x, int(mid + h))

    def _paint_floor(self, p: QPainter, d: _Drag) -> None:
        """The shortest the beat may last (its text at the reading limit), while its edge is dragged."""
        item = self.beats()[d.beat]
        x = self.x_at(item.start_s + d.floor / self.fps)
        p.setPen(QPen(FLOOR, 2, Qt.PenStyle.DashLine))
        p.drawLine(int(x), 0, int(x), self.ROW_H + 6)
        seconds = QLocale().toString(float(d.frames / self.fps), "f", 2)
        floor = QLocale().toString(float(d.floor / self.fps), "f", 2)
        label = f"{seconds} s · {tr('reading limit')} {floor} s"
        p.setPen(FLOOR if d.frames <= d.floor else QColor("#000000"))
        p.fillRect(QRectF(x + 2, self.ROW_H + 8, p.fontMetrics().horizontalAdvance(label) + 4, self.ROW_H),
                   self.palette().base())
        p.drawText(QRectF(x + 4, self.ROW_H + 8, 400, self.ROW_H), Qt.AlignmentFlag.AlignLeft, label)

    # --- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        trim = self.trim_edge_at(pos.x(), pos.y()) if self.editable else None
        if trim is not None:
            self._drag = _Drag(trim[1], -1, pos.x(), item=trim[0], trim=trim_of(trim[0]))
            return
        edge = self.edge_at(pos.x(), pos.y()) if self.editable else -1
        if edge >= 0:
            item = self.beats()[edge]
            self.selected = edge
            self._drag = _Drag("edge", edge, pos.x(), frames=self._frames(item), floor=self._floor_frames(edge))
            self.update()
            return
        item = self.item_at(pos.x(), pos.y())
        if item is not None:
            if item.row == 0 and item.beat >= 0:
                self.selected = item.beat
                if self.editable:
                    self._drag = _Drag("beat", item.beat, pos.x())
            self.clicked.emit(item.start_s + 0.001, item.line)
            self.setFocus()  # the editor shows the line; the keys stay with the strip (Alt+arrows)
            self.update()
        elif self.duration_s:
            self.clicked.emit(max(0.0, self.t_at(pos.x())), 0)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        d = self._drag
        if d is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not d.moved and abs(pos.x() - d.x0) < QApplication.startDragDistance():
                return
            d.moved = True
            if d.kind == "edge":
                item = self.beats()[d.beat]
                frames = max(d.floor, round((self.t_at(pos.x()) - item.start_s) * self.fps))
                if frames != d.frames:
                    d.frames = frames
                    self.edge_dragged.emit(d.beat, frames)
            elif d.kind.startswith("trim"):
                trim = self._trim_at(d, pos.x())
                if trim != d.trim:
                    d.trim = trim
                    self.trim_dragged.emit(d.item.background, *trim)
            else:
                target = self._drop_index(pos.x(), d.beat)
                if target != d.target:
                    d.target = target
                    self.beat_dragged.emit(d.beat, target)
            self.update()
            return
        if self.editable and (self.edge_at(pos.x(), pos.y()) >= 0 or self.trim_edge_at(pos.x(), pos.y())):
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.unsetCursor()
        item = self.item_at(pos.x(), pos.y())
        if item is not None:
            QToolTip.showText(event.globalPosition().toPoint(), item.tooltip, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        d, self._drag = self._drag, None
        if d is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.update()
        if not d.moved:
            return
        if d.kind == "edge":
            item = self.beats()[d.beat]
            if d.frames != self._frames(item):
                self.duration_requested.emit(d.beat, d.frames, self.floors[d.beat])
            else:
                self.drag_cancelled.emit()
        elif d.kind.startswith("trim"):
            if d.trim != trim_of(d.item):
                self.trim_requested.emit(d.item.background, *d.trim)
            else:
                self.drag_cancelled.emit()
        elif d.target >= 0 and d.target != d.beat:
            self.selected = d.target
            self.move_requested.emit(d.beat, d.target)
        else:
            self.drag_cancelled.emit()

    def _trim_at(self, d: _Drag, x: float) -> tuple[float, float]:
        """The clip's (start, end) with the dragged end moved by the pointer, in whole
        hundredths of a second, kept inside the file and at least 0.1 s long."""
        start, end = trim_of(d.item)
        delta = self.t_at(x) - self.t_at(d.x0)
        length = d.item.source_s or end
        if d.kind == "trim-start":
            start = round(min(max(0.0, start + delta), end - 0.1), 2)
        else:
            end = round(max(min(length, end + delta), start + 0.1), 2)
        return start, end

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        edge = self.edge_at(pos.x(), pos.y()) if self.editable else -1
        if edge >= 0:
            self._drag = None
            self.duration_cleared.emit(edge)

    def _drop_index(self, x: float, dragged: int) -> int:
        """The index the dragged beat takes when dropped at x: after every other beat whose middle
        lies left of x."""
        others = [i for i in self.beats() if i.beat != dragged]
        return sum(1 for i in others if self.x_at((i.start_s + i.end_s) / 2) < x)

    def _drop_x(self, target: int, dragged: int) -> float:
        others = [i for i in self.beats() if i.beat != dragged]
        if target < len(others):
            return self.x_at(others[target].start_s)
        return self.x_at(others[-1].end_s) if others else 0.0

    # --- keyboard and menu ----------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        n = len(self.beats())
        alt = Qt.KeyboardModifier.AltModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self.drag_cancelled.emit()
            self.update()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and n:
            step = -1 if key == Qt.Key.Key_Left else 1
            sel = max(0, self.selected)
            if mods & alt and mods & shift and self.editable:
                item = self.beats()[sel]
                frames = max(self._floor_frames(sel), self._frames(item) + step)
                if frames != self._frames(item):
                    self.duration_requested.emit(sel, frames, self.floors[sel])
            elif mods & alt and self.editable:
                if 0 <= sel + step < n:
                    self.selected = sel + step
                    self.move_requested.emit(sel, sel + step)
            else:
                self.selected = min(max(0, sel + step if self.selected >= 0 else 0), n - 1)
                item = self.beats()[self.selected]
                self.clicked.emit(item.start_s + 0.001, item.line)
                self.setFocus()  # the editor shows the line; the arrows stay with the strip
            self.update()
        elif key == Qt.Key.Key_Menu and self.selected >= 0:
            item = self.beats()[self.selected]
            self.menu(self.selected).popup(self.mapToGlobal(self._rect(item).center().toPoint()))
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        item = self.item_at(event.pos().x(), event.pos().y())
        if item is not None and item.row == 2 and item.background is not None:
            self.background_menu(item).popup(event.globalPos())
            return
        if item is None or item.row != 0 or item.beat < 0:
            self.view_menu().popup(event.globalPos())
            return
        self.selected = item.beat
        self.update()
        self.menu(item.beat).popup(event.globalPos())

    def menu(self, beat: int) -> QMenu:
        """The beat's menu (deleted when closed)."""
        m = QMenu(self)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        n = len(self.beats())
        enabled = self.editable
        for text, slot, ok in (
                (tr("Split at the playhead"), self.split_requested.emit, True),
                (tr("Join with the next beat"), lambda: self.join_requested.emit(beat), beat < n - 1),
                (tr("Duplicate"), lambda: self.duplicate_requested.emit(beat), True),
                (tr("Delete"), lambda: self.delete_requested.emit(beat), n > 1),
                (tr("Automatic duration"), lambda: self.duration_cleared.emit(beat), True),
                (tr("Emphasize the selected words"), self.emphasis_requested.emit, True)):
            a = m.addAction(text)
            a.setEnabled(enabled and ok)
            a.triggered.connect(slot)
        m.addSeparator()
        m.addAction(tr("Fit the timeline to the window"), self.fit)
        return m

    def background_menu(self, item: StripItem) -> QMenu:
        """A background's menu: a photo's motion, another file (deleted when closed)."""
        m = QMenu(self)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        bg = item.background
        if item.kind == "image":
            motions = m.addMenu(tr("Motion"))
            for key, name in motion_names().items():
                a = motions.addAction(name)
                a.setCheckable(True)
                a.setChecked(bg.motion == key)
                a.setEnabled(self.editable)
                a.triggered.connect(lambda _=False, k=key: self.motion_requested.emit(bg, k))
        a = m.addAction(tr("Change the picture or clip…"))
        a.setEnabled(self.editable)
        a.triggered.connect(lambda: self.replace_requested.emit(bg))
        m.addSeparator()
        m.addAction(tr("Fit the timeline to the window"), self.fit)
        return m

    def view_menu(self) -> QMenu:
        m = QMenu(self)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        m.addAction(tr("Fit the timeline to the window"), self.fit)
        return m

    def item_point(self, row: int, k: int, where: str = "center") -> QPointF:
        """A point on the k-th item of a row (tests and the tour drive the strip with it)."""
        r = self._rect([i for i in self.items if i.row == row][k])
        x = {"center": r.center().x(), "left": r.left() + 1, "right": r.right() - 1}[where]
        return QPointF(x, r.center().y())

    def edge_point(self, beat: int) -> QPointF:
        """Where the pointer grabs beat's right edge (tests and the tour drive the strip with it)."""
        r = self._rect(self.beats()[beat])
        return QPointF(r.right() - 1, r.center().y())
