"""Light highlighting of the story format: front matter, picture and voice lines, duration lines,
dialogue dashes and editor notes. Colours only; the parser in studio.core.story decides meaning."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

_MEDIA = re.compile(r"^\s*!?\[[^\]]*\]\(.*\)\s*$")
_AUDIO = re.compile(r"\.(mp3|m4a|wav|aac|ogg|opus|flac)\b", re.I)
_DURATION = re.compile(r"^\s*\[\s*(duration|durée)\s*:[^\]]*\]\s*$", re.I)
_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")

# block states: 1 inside the front matter, 2 inside an unclosed note, 4 after the front matter
IN_FRONT, IN_NOTE, BODY = 1, 2, 4


def _fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class StoryHighlighter(QSyntaxHighlighter):
    FRONT = _fmt("#6a4c93")
    FRONT_KEY = _fmt("#6a4c93", bold=True)
    PICTURE = _fmt("#1b7f5a", bold=True)
    VOICE = _fmt("#b35900", bold=True)
    DURATION = _fmt("#0b62a4", bold=True)
    DASH = _fmt("#c2185b", bold=True)
    NOTE = _fmt("#7a7a7a", italic=True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        prev = max(self.previousBlockState(), 0)
        number = self.currentBlock().blockNumber()
        in_front = prev & IN_FRONT
        if number == 0 and text.strip() == "---":
            self.setFormat(0, len(text), self.FRONT)
            self.setCurrentBlockState(IN_FRONT)
            return
        if in_front:
            self.setFormat(0, len(text), self.FRONT)
            if text.strip() in ("---", "..."):
                self.setCurrentBlockState(BODY)
                return
            m = _KEY.match(text)
            if m:
                self.setFormat(0, m.end(), self.FRONT_KEY)
            self.setCurrentBlockState(IN_FRONT)
            return
        state = BODY
        if _DURATION.match(text):
            self.setFormat(0, len(text), self.DURATION)
        elif _MEDIA.match(text):
            self.setFormat(0, len(text), self.VOICE if _AUDIO.search(text) else self.PICTURE)
        elif text.startswith("- "):
            self.setFormat(0, 1, self.DASH)
        # editor notes, possibly over several lines
        pos = 0
        if prev & IN_NOTE:
            close = text.find("-->")
            if close < 0:
                self.setFormat(0, len(text), self.NOTE)
                self.setCurrentBlockState(BODY | IN_NOTE)
                return
            self.setFormat(0, close + 3, self.NOTE)
            pos = close + 3
        while (start := text.find("<!--", pos)) >= 0:
            close = text.find("-->", start + 4)
            if close < 0:
                self.setFormat(start, len(text) - start, self.NOTE)
                state |= IN_NOTE
                break
            self.setFormat(start, close + 3 - start, self.NOTE)
            pos = close + 3
        self.setCurrentBlockState(state)
