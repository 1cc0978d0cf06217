"""A studio process that is used for a while as an editor uses it (test_soak runs it):

    python -m tests.gui.soak_child STORY OUT_DIR

opens STORY in the real window, exports the story's presets through the export dialog and the
render queue while playing it from start to end (with sound when a device exists), scrubs 150
times and types 250 characters (then undoes them); then plays, scrubs and types as much again and
plays a third time; then closes the window. One line per step on stdout ("step NAME {json}" with
the memory after it), then "result {json}" with what was left running. A crash ends the process
with no "result" line: the test sees its exit status (-6 for an abort)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEP_TIMEOUT_S = 120
SCRUBS = 300
TYPED = 500
SENTENCE = " Et puis j’ai parlé à ma prof, qui m’a crue : « Tu as bien fait. »"


def main() -> int:
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from studio.gui import i18n
    from studio.gui.app import steady_memory
    from studio.session.analysis import text_hash
    from studio.gui.export_dialog import ExportDialog
    from tests.gui.left_running import active_timers, child_processes, new_threads, track_timers
    from studio.gui.main_window import MainWindow

    story, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    steady_memory()  # as the studio's main() does
    timers = track_timers()  # every timer started, to report the ones still active at the end
    app = QApplication([])
    i18n.install("fr")
    w = MainWindow()
    w.settings.output_folder = out_dir
    w.resize(1280, 860)
    w.show()
    memory: dict[str, float] = {}

    def wait(signal, done=lambda *a: True, timeout_s: float = STEP_TIMEOUT_S, what: str = "") -> tuple:
        """Runs the event loop until `signal` fires with arguments that pass `done`."""
        loop, got = QEventLoop(), []

        def on(*args):
            if not got and done(*args):
                got.append(args)
                loop.quit()
        signal.connect(on)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(timeout_s * 1000))
        loop.exec()
        timer.stop()
        signal.disconnect(on)
        if not got:
            raise SystemExit(f"soak: timed out waiting for {what or signal}")
        return got[0]

    def step(name: str, **facts) -> None:
        memory[name] = live_mb()
        print("step", name, json.dumps({"rss_mb": round(memory[name], 1), **facts}), flush=True)

    def analysed_current() -> bool:
        a = w.analysis
        return a is not None and a.text_hash == text_hash(w.document.text()) and a.error is None

    def play_to_end(label: str) -> None:
        w.preview.seek(0.0)
        wait(w.preview.frame_shown, what="the frame at 0 s")
        before = w.preview.frames_drawn
        w.preview.toggle_play()
        sound = not w.preview.player.silent
        wait(w.preview.player.stopped, timeout_s=STEP_TIMEOUT_S + w.preview.duration_s, what=f"the end of {label}")
        step(label, frames=w.preview.frames_drawn - before, sound=sound,
             playhead=round(w.preview.playhead, 2), duration=round(w.preview.duration_s, 2))

    def scrub(label: str, count: int) -> None:
        """The playhead dragged `count` times across the story, each position drawn."""
        duration_ms = int(w.preview.duration_s * 1000)
        for k in range(count):
            ms = (k * 7919 + len(memory) * 131) % max(duration_ms - 1, 1)  # spread, never twice in a row
            w.preview.scrubber.setValue(ms)
            wait(w.preview.frame_shown, what=f"the frame of scrub {k}")
        step(label, scrubs=count)

    def type_then_undo(label: str, count: int) -> None:
        """`count` characters typed at the end of the story as keystrokes, then undone back to the
        saved text (the story keeps its length, so three plays fit in the soak)."""
        w.editor.setFocus()
        w.editor.moveCursor(QTextCursor.MoveOperation.End)
        typed = (SENTENCE * (count // len(SENTENCE) + 1))[:count]
        type_text(w.editor, typed)
        assert w.document.text().endswith(typed), "the typed text is not in the document"
        if not analysed_current():
            wait(w.analysed, lambda a: analysed_current(), what="the analysis of the typed text")
        while w.document.modified and w.document.undo_stack.canUndo():
            w.document.undo_stack.undo()
        assert not w.document.modified and not w.document.text().endswith(typed), "undo did not restore the text"
        if not analysed_current():
            wait(w.analysed, lambda a: analysed_current(), what="the analysis of the restored text")
        step(label, characters=count)

    # open: the first frame and the analysis of the text
    assert w.open_story(story.resolve(), ask=False), "the story did not open"
    wait(w.preview.frame_shown, what="the first frame")
    if not analysed_current():
        wait(w.analysed, lambda a: analysed_current(), what="the first analysis")
    step("opened", duration=round(w.preview.duration_s, 2))

    # first pass: export the story's presets through the export dialog and the queue, play it to
    # the end while they render, scrub, type. Every cache and library is warm after it.
    submitted: list = []

    def accept_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog), f"expected the export dialog, got {dialog}"
        dialog.out_edit.setText(str(out_dir))
        submitted.extend(dialog.jobs())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    QTimer.singleShot(0, accept_dialog)
    ended: list = []
    w.queue.job_ended.connect(ended.append)
    w.render_dialog()
    step("exporting", presets=[j.preset for j in submitted])
    play_to_end("play-1")
    while len(ended) < len(submitted):
        wait(w.queue.job_ended, what="the end of the exports")
    step("exported", outcomes=[(e.job.preset, e.kind, str(e.result.video) if e.result else None) for e in ended])
    scrub("scrub-1", SCRUBS // 2)
    type_then_undo("type-1", TYPED // 2)

    # second pass: the same again, then the third play
    play_to_end("play-2")
    scrub("scrub-2", SCRUBS - SCRUBS // 2)
    type_then_undo("type-2", TYPED - TYPED // 2)
    play_to_end("play-3")

    # close as the editor does, then what is still running
    w.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents()
        threads = [t.name for t in new_threads()]
        children = [p.cmdline()[0] for p in child_processes()]
        if not threads and not children:
            break
        time.sleep(0.05)
    step("closed")
    active = active_timers(timers)
    print("result", json.dumps({"memory": memory, "threads": threads, "children": children, "timers": active,
                                "pool_busy": QThreadPool.globalInstance().activeThreadCount()}), flush=True)
    return 0


def live_mb() -> float:
    """Resident memory after a garbage collection and glibc's malloc_trim: what the process holds,
    not the freed pages the allocator keeps for reuse (which swing by tens of MB after a play)."""
    import ctypes
    import gc

    from studio.gui.app import resident_mb
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
    return resident_mb()


def type_text(widget, text: str) -> None:
    """Each character as a key press and release carrying its text, as a keyboard or an input
    method sends it (QTest.keyClicks asserts on characters outside ASCII, such as ’ or é)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown if ord(ch) > 127 else ord(ch.upper()),
                                                     Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
