"""How the library draws one story: its thumbnail, its title, file name and length, its consent,
and a coloured mark per preset for the last QA verdict (or why the story does not load)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from .i18n import tr
from ..session.story_info import StoryInfo, format_duration

PATH_ROLE = Qt.ItemDataRole.UserRole
INFO_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_COLORS = {"pass": "#2e7d32", "warn": "#b26a00", "fail": "#c62828"}
STATUS_MARKS = {"pass": "✓", "warn": "⚠", "fail": "✗"}


class StoryDelegate(QStyledItemDelegate):
    """One story per row: its thumbnail, its title, duration and consent, and a coloured mark per
    preset for the last QA verdict (or the reason it does not load)."""

    ROW = 104
    THUMB = QSize(54, 96)

    def sizeHint(self, option, index) -> QSize:
        return QSize(260, self.ROW)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fg = option.palette.highlightedText().color() if selected else option.palette.text().color()
        r = option.rect.adjusted(4, 4, -4, -4)
        thumb = QRect(r.left(), r.top(), self.THUMB.width(), self.THUMB.height())
        pix = index.data(THUMB_ROLE)
        if isinstance(pix, QPixmap) and not pix.isNull():
            scaled = pix.scaled(self.THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(thumb.left() + (thumb.width() - scaled.width()) // 2,
                               thumb.top() + (thumb.height() - scaled.height()) // 2, scaled)
        else:
            painter.fillRect(thumb, QColor("#3a3f44"))
        x = thumb.right() + 10
        width = r.right() - x
        info: StoryInfo | None = index.data(INFO_ROLE)
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(fg)
        fm = painter.fontMetrics()
        y = r.top() + fm.ascent()
        painter.drawText(x, y, fm.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, width))
        painter.setFont(option.font)
        fm = painter.fontMetrics()
        line = fm.height() + 2
        if info is None:
            painter.drawText(x, y + line, "…")
            painter.restore()
            return
        painter.drawText(x, y + line, fm.elidedText(f"{info.path.name} · {format_duration(info.duration_s)}",
                                                    Qt.TextElideMode.ElideMiddle, width))
        if info.consent_given:
            consent = tr("consent given by %1").replace("%1", info.consent_by) if info.consent_by \
                else tr("consent given")
        else:
            consent = tr("no consent recorded")
        if not selected:
            painter.setPen(QColor(STATUS_COLORS["pass"] if info.consent_given else STATUS_COLORS["fail"]))
        painter.drawText(x, y + 2 * line, fm.elidedText(("✓ " if info.consent_given else "✗ ") + consent,
                                                        Qt.TextElideMode.ElideRight, width))
        if info.error is not None:
            painter.setPen(fg if selected else QColor(STATUS_COLORS["fail"]))
            painter.drawText(x, y + 3 * line, fm.elidedText(info.error.message, Qt.TextElideMode.ElideRight, width))
        else:
            cx = x
            if info.verdicts:
                painter.setPen(option.palette.placeholderText().color() if not selected else fg)
                painter.drawText(cx, y + 3 * line, "QA")
                cx += fm.horizontalAdvance("QA") + 8
            for v, chip in export_chips(info):
                painter.setPen(fg if selected else QColor(STATUS_COLORS.get(v.status, "#777777")
                                                          if not info.out_of_date(v) else "#777777"))
                painter.drawText(cx, y + 3 * line, chip)
                cx += fm.horizontalAdvance(chip) + 10
                if cx > r.right():
                    break
            if not info.verdicts:
                painter.setPen(option.palette.placeholderText().color())
                painter.drawText(x, y + 3 * line, tr("not rendered yet"))
        painter.restore()


def export_chips(info: StoryInfo) -> list[tuple]:
    """(verdict, text) per preset exported: its QA mark and name, and "(old)" when the story
    changed after that export."""
    return [(v, f"{STATUS_MARKS.get(v.status, '?')} {v.preset}" + (f" {tr('(old)')}" if info.out_of_date(v) else ""))
            for v in sorted(info.verdicts.values(), key=lambda v: v.preset)]
