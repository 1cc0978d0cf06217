"""A studio process that opens STORY, types TEXT at the end of line 9, waits for the autosave and
prints 'autosaved', then keeps running until it is killed (test_never_lose_work kills it with -9)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studio.gui.main_window import MainWindow

    story, text = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    w = MainWindow()
    w.show()
    w.open_story(story, ask=False)
    w.editor.go_to_line(9)
    w.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    w.document.autosaved.connect(lambda path: print("autosaved", path, flush=True))
    QTest.keyClicks(w.editor, text)
    app.exec()


if __name__ == "__main__":
    main()
