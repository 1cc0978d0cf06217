"""A studio process killed with -9 by test_never_lose_work and test_editor_session:

    python -m tests.gui.editing_child STORY TEXT [MODE]

opens STORY and types at the end of line 9. MODE "once" (default): types TEXT, waits for the
autosave, prints 'autosaved PATH' and keeps running. MODE "continuous": types the characters of
TEXT one every 100 ms without a pause, printing 'typed N' after each (then keeps running). MODE
"undo": types TEXT, waits for the autosave, undoes back to the saved text, prints 'undone'."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studio.gui.main_window import MainWindow

    story, text = Path(sys.argv[1]), sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else "once"
    app = QApplication([])
    w = MainWindow()
    w.show()
    w.open_story(story, ask=False)
    w.editor.go_to_line(9)
    w.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    if mode == "continuous":
        typed = [0]

        def type_one() -> None:
            if typed[0] < len(text):
                QTest.keyClicks(w.editor, text[typed[0]])
                typed[0] += 1
                print("typed", typed[0], flush=True)
        timer = QTimer(w)
        timer.timeout.connect(type_one)
        timer.start(100)
    elif mode == "undo":
        def undo(_path) -> None:
            while w.document.undo_stack.canUndo():
                w.document.undo_stack.undo()
            QTimer.singleShot(3000, lambda: print("undone", flush=True))  # past every autosave timer
        w.document.autosaved.connect(undo, type=Qt.ConnectionType.SingleShotConnection)
        QTest.keyClicks(w.editor, text)
    else:
        w.document.autosaved.connect(lambda path: print("autosaved", path, flush=True))
        QTest.keyClicks(w.editor, text)
    app.exec()


if __name__ == "__main__":
    main()
