"""The timeline strip: the beats and the caption events at their times, each caption coloured by
its reading speed against the engine's rules (red: the engine flags it; amber: over the look's
target speed; green: comfortable), the playhead; clicking an event seeks there and shows its line."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.captions import chars
from ..session.analysis import Analysis
from .i18n import tr

GREEN, AMBER, RED = QColor("#43a047"), QColor("#f0a000"), QColor("#d32f2f")


@dataclass(frozen=True)
class StripItem:
    row: int            # 0 beats, 1 captions
    start_s: float
    end_s: float
    line: int
    label: str
    colour: QColor
    tooltip: str


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
                               str(i + 1), QColor("#5c6bc0"), beat.text))
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
    return items


class TimelineStrip(QWidget):
    clicked = Signal(float, int)  # time, story line

    ROW_H = 22

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items: list[StripItem] = []
        self.duration_s = 0.0
        self.playhead = 0.0
        self.setMinimumHeight(self.ROW_H * 2 + 14)
        self.setMaximumHeight(self.ROW_H * 2 + 14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(tr("Timeline of beats and captions"))
        self.setToolTip(tr("Beats (top) and captions (bottom); click one to go to it"))

    def set_analysis(self, a: Analysis) -> None:
        if a.plan is None:
            return  # keep the last good timeline while the text has an error
        self.items = strip_items(a)
        self.duration_s = a.plan.timeline.duration_s
        self.update()

    def set_playhead(self, t: float) -> None:
        self.playhead = t
        self.update()

    def _rect(self, item: StripItem) -> QRectF:
        scale = (self.width() - 2) / max(self.duration_s, 1e-6)
        y = 4 + item.row * (self.ROW_H + 4)
        return QRectF(1 + item.start_s * scale, y, max(2.0, (item.end_s - item.start_s) * scale - 1), self.ROW_H)

    def item_at(self, x: float, y: float) -> StripItem | None:
        return next((i for i in self.items if self._rect(i).contains(x, y)), None)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        for item in self.items:
            r = self._rect(item)
            p.fillRect(r, item.colour)
            if r.width() > 14:
                p.setPen(QColor("#ffffff"))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, item.label)
        if self.duration_s:
            x = 1 + self.playhead * (self.width() - 2) / self.duration_s
            p.setPen(QPen(QColor("#000000"), 2))
            p.drawLine(int(x), 0, int(x), self.height())

    def mousePressEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        item = self.item_at(pos.x(), pos.y())
        if item is not None:
            self.clicked.emit(item.start_s + 0.001, item.line)
        elif self.duration_s:
            self.clicked.emit(max(0.0, pos.x() / max(self.width(), 1) * self.duration_s), 0)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        item = self.item_at(pos.x(), pos.y())
        if item is not None:
            QToolTip.showText(event.globalPosition().toPoint(), item.tooltip, self)
        else:
            QToolTip.hideText()
