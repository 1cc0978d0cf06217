"""The problems list: the story's error (with its hint), missing media and every readability
problem of the captions; a click (or Enter) goes to its line and time; F8 steps through them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..session.analysis import Analysis
from .editor import Mark
from ..core.i18n import colon, number
from ..core.labels import caption_rule_label, rule_title
from .i18n import tr


# the front matter key a QA rule is about (the line to show it on; line 1 when the key is absent)
_RULE_KEYS = {"care.consent": "consent", "care.self_harm": "content_warning", "helpline.fields": "endcard"}


@dataclass(frozen=True)
class Entry:
    line: int | None
    time_s: float | None
    text: str
    mark: Mark | None


def entries(a: Analysis) -> list[Entry]:
    out: list[Entry] = []
    if a.error is not None:
        e = a.error
        ours = e.file is None or (a.path is not None and Path(e.file) == a.path)
        line = e.line if e.line and ours else None
        where = f"{tr('Line')} {e.line}{colon()}" if line else (f"{e.where}{colon()}" if e.where else "")
        text = where + e.message + (f" — {e.hint}" if e.hint else "")
        out.append(Entry(line, None, text, Mark(line, e.message, e.hint, "error") if line else None))
    for e in a.too_long:  # a ticked platform's length limit: an error before any render
        text = f"{tr('Line')} {e.line}{colon()}{e.message} — {e.hint}" if e.line else f"{e.message} — {e.hint}"
        out.append(Entry(e.line, None, text, Mark(e.line, e.message, e.hint, "error") if e.line else None))
    for w in a.warnings:  # what the render would warn about
        out.append(Entry(None, None, f"{tr('Warning')} — {w}", None))
    shown = {e.line for e in out}
    for m in a.missing:
        if m.line in shown:  # the engine's own error already names this file on this line
            continue
        msg = f"{tr('Missing media file')}{colon()}{m.path.name}"
        hint = tr("put the file in the story's folder, or drop it onto the editor")
        out.append(Entry(m.line, None, f"{tr('Line')} {m.line}{colon()}{msg}", Mark(m.line, msg, hint, "warning")))
    if a.verdict is not None:
        meta_lines = a.story.meta_lines if a.story else {}
        for r in a.verdict.results:
            if r.status == "pass" or r.rule.startswith("captions."):  # caption rules: listed below
                continue
            key = _RULE_KEYS.get(r.rule)
            line = (meta_lines.get(key, 1) if key else None) or (a.line_at(r.times[0]) if r.times else None)
            severity = "error" if r.status == "fail" else "warning"
            label = tr("Not publishable") if r.status == "fail" else tr("Warning")
            msg = f"{label} — {rule_title(r.rule)}{colon()}{r.message}"
            out.append(Entry(line, r.times[0] if r.times else None,
                             (f"{tr('Line')} {line}{colon()}" if line else "") + msg,
                             Mark(line, msg, None, severity) if line else None))
    for p in a.problems:
        line = a.event_line(p.event)
        msg = (f"{tr('Caption')} {p.event} ({number(p.time_s, 1)} s) — {caption_rule_label(p.rule)}"
               f"{colon()}{p.message}")
        out.append(Entry(line, p.time_s, (f"{tr('Line')} {line}{colon()}" if line else "") + msg,
                         Mark(line, msg, None, "warning") if line else None))
    return out


class ProblemsPanel(QListWidget):
    activated_entry = Signal(object)  # an Entry

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(tr("Problems"))
        self.setWordWrap(True)  # a message and its hint read whole, however narrow the panel
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._entries: list[Entry] = []
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def set_entries(self, items: list[Entry]) -> None:
        self._entries = items
        self.clear()
        if not items:
            ok = QListWidgetItem(tr("No problems: the story is ready to render."))
            ok.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(ok)
            return
        for e in items:
            item = QListWidgetItem(e.text)
            item.setForeground(QColor("#b71c1c") if e.mark and e.mark.severity == "error" else QColor("#8a5a00"))
            item.setToolTip(e.text)
            self.addItem(item)

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def _activate(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if 0 <= row < len(self._entries):
            self.activated_entry.emit(self._entries[row])

    def next_problem(self) -> None:
        if not self._entries:
            return
        row = (self.currentRow() + 1) % len(self._entries)
        self.setCurrentRow(row)
        self.activated_entry.emit(self._entries[row])
