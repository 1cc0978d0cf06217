"""The desktop studio's speed and memory, each figure against a reference measured in the same run
(this machine is shared: absolute times are inflated by other work, ratios much less).

  cold start  `kindness-studio --smoke-test STORY` from process start to the window showing the
              story with its first preview frame drawn (then it quits), median of 5. Reference: a
              bare PySide6 process showing an empty QMainWindow (what any Qt app pays).
              Target <= 2 s.
  keystroke   one character typed in the editor to the preview showing a frame of the new text
              (debounce, analysis and frame in workers, drawn), at 540x960, p95 over N keystrokes.
              Reference: the same work done directly on the engine without the GUI (parse, load,
              plan, Preview.update, frame) for the same texts, p95. Target p95 <= 300 ms.
  edge drag   a beat's right edge dragged on the timeline (real mouse events) to the preview showing
              the frame at the edge of the story as it would be, on the 60 s example (noah.md) at
              540x960, p95 over N moves. Reference: the same engine work without the GUI
              (Preview.update with the retimed project, frame at the edge), p95. Target p95 <= 100 ms.
  memory      resident memory (process + children) after opening the four example stories one
              after the other, each with its first frame. Reference: a bare PySide6 window.
              Target < 400 MB.

    python bench/gui.py [--quick]

Each figure runs in a fresh child process with QT_QPA_PLATFORM=offscreen and a private user folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "stories"
STORY = EXAMPLES / "lea.md"
LONG = EXAMPLES / "noah.md"  # the 60 s example


def _env(user: str) -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDIO_USER_DIR": user,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _timed(argv: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed: {done.stderr[-800:]}")
    return time.perf_counter() - t0


def _start(env: dict) -> tuple[float, float]:
    """(seconds to the window showing the story, seconds to its first preview frame drawn)."""
    env = {**env, "STUDIO_BENCH_T0": repr(time.time())}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "studio.gui.app", "--smoke-test", str(STORY)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or "ready" not in done.stdout:
        raise RuntimeError(f"smoke test failed: {done.stderr[-800:]}")
    # the process also quits, shuts its workers down and exits: the frame time is read from the log
    shown = float(done.stderr.split("shown_s=")[1].split()[0])
    return shown, time.perf_counter() - t0


def _child(argv: list[str], env: dict) -> dict:
    done = subprocess.run([sys.executable, __file__, *argv], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"bench child {argv} failed: {done.stderr[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


BARE_WINDOW = ("import sys; from PySide6.QtWidgets import QApplication, QMainWindow, QLabel; "
               "from PySide6.QtCore import QTimer; app = QApplication(sys.argv[:1]); w = QMainWindow(); "
               "w.setCentralWidget(QLabel('x')); w.show(); QTimer.singleShot(0, app.quit); app.exec(); print('ready')")


def measure(quick: bool = False) -> list[dict]:
    runs = 3 if quick else 5
    keys = 8 if quick else 25
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as user:
        env = _env(user)
        shown, framed, bares = [], [], []
        for _ in range(runs):  # alternate so machine noise hits both
            a, b = _start(env)
            shown.append(a)
            framed.append(b)
            bares.append(_timed([sys.executable, "-c", BARE_WINDOW], env))
        start, frame, bare = statistics.median(shown), statistics.median(framed), statistics.median(bares)
        typing = _child(["--child-keystrokes", str(keys)], env)
        edge = _child(["--child-edge-drag", str(keys * 2)], env)
        memory = _child(["--child-memory"], env)
    load = os.getloadavg()[0]
    note = f"load {load:.1f} on {os.cpu_count()} cores; reference measured in the same run"
    return [
        {"figure": "GUI cold start to a usable window showing the story (median of %d)" % runs,
         "ours": round(start, 3), "reference": round(bare, 3), "ratio": round(start / bare, 2), "unit": "s",
         "target": "<= 2 s", "note": "reference: a bare PySide6 window, start to exit; " + note},
        {"figure": "GUI cold start to the story's first preview frame, then quit (median of %d)" % runs,
         "ours": round(frame, 3), "reference": round(bare, 3), "ratio": round(frame / bare, 2), "unit": "s",
         "target": "-", "note": "the bundle's smoke test, whole process; " + note},
        {"figure": "GUI keystroke to new preview frame, p95 at 540x960", "ours": typing["gui_p95_ms"],
         "reference": typing["engine_p95_ms"], "ratio": round(typing["gui_p95_ms"] / typing["engine_p95_ms"], 2),
         "unit": "ms", "target": "p95 <= 300 ms",
         "note": f"{typing['n']} keystrokes, median {typing['gui_median_ms']} ms; reference: the same "
                 f"engine work without the GUI; frame source {typing['source']}; " + note},
        {"figure": "GUI edge drag to the frame at the edge, p95 at 540x960 (60 s story)", "ours": edge["gui_p95_ms"],
         "reference": edge["engine_p95_ms"], "ratio": round(edge["gui_p95_ms"] / edge["engine_p95_ms"], 2),
         "unit": "ms", "target": "p95 <= 100 ms",
         "note": f"{edge['n']} moves of a beat's right edge, median {edge['gui_median_ms']} ms; reference: the "
                 f"same engine work without the GUI; " + note},
        {"figure": "GUI memory after opening the 4 example stories", "ours": memory["ours_mb"],
         "reference": memory["bare_mb"], "ratio": round(memory["ours_mb"] / memory["bare_mb"], 2), "unit": "MB",
         "target": "< 400 MB", "note": "RSS of the process and its children; reference: a bare PySide6 window; " + note},
    ]


# --- children -----------------------------------------------------------------------------------
def _p95(xs: list[float]) -> float:
    return round(sorted(xs)[max(0, round(0.95 * len(xs)) - 1)], 1)


def _window_on(example: Path):
    """The studio's window, shown, over a private copy of `example` (its media linked); and a
    `wait(condition)` that turns the event loop until it holds."""
    from PySide6.QtWidgets import QApplication

    from studio.gui.main_window import MainWindow

    app = QApplication([])
    w = MainWindow()
    w.show()
    work = Path(tempfile.mkdtemp(prefix="bench-story-"))
    story = work / example.name
    story.write_text(example.read_text("utf-8"), "utf-8")
    (work / "media").symlink_to(EXAMPLES / "media")

    def wait(cond, timeout=60.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError("no frame")
            app.processEvents()
            time.sleep(0.001)
    return app, w, story, wait


def _keystrokes(n: int) -> dict:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from studio.core.project import load_project
    from studio.core.story import parse_story
    from studio.session.analysis import text_hash
    from studio.session.frame_source import make_frame_source
    from studio.render import make_plan

    app, w, story, wait = _window_on(STORY)
    w.open_story(story, ask=False)
    wait(lambda: w.preview.shown_project is not None)
    gui, texts = [], []
    for k in range(n):
        w.editor.go_to_line(9)
        w.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
        t0 = time.perf_counter()
        QTest.keyClicks(w.editor, "abcdefghij"[k % 10])
        digest = text_hash(w.document.text())
        wait(lambda: w.analysis is not None and w.analysis.text_hash == digest
             and w.preview.shown_project == w.analysis.project)
        app.processEvents()  # the frame's paint
        gui.append((time.perf_counter() - t0) * 1000)
        texts.append(w.document.text())
        time.sleep(0.05)
    source_name = type(w.preview.source).__name__
    w.document.undo_stack.setClean()
    w.shutdown()
    # reference: the engine alone, same texts
    source = None
    engine = []
    for text in texts:
        t0 = time.perf_counter()
        project = load_project(parse_story(text, story), "tiktok")
        make_plan(project)
        if source is None:
            source = make_frame_source(project)
        else:
            source.update(project)
        source.frame(0.0)
        engine.append((time.perf_counter() - t0) * 1000)
    source.close()

    return {"n": n, "gui_p95_ms": _p95(gui), "gui_median_ms": round(statistics.median(gui), 1),
            "engine_p95_ms": _p95(engine), "source": source_name}


def _edge_drag(n: int) -> dict:
    """Drags beats' right edges of the 60 s story with real mouse events, one step of 4 px at a
    time, each timed to the preview's frame of the retimed story (the text is never written:
    each drag ends with Escape)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from studio.session.frame_source import make_frame_source

    app, w, story, wait = _window_on(LONG)
    w.open_story(story, ask=False)
    wait(lambda: w.analysis is not None and w.analysis.plan is not None and w.preview.shown_project is not None)
    strip, base = w.strip, w.analysis.plan.project
    beats = len(strip.beats())
    gui, asked = [], []
    b = 0
    while len(gui) < n:
        b = (b + 1) % beats
        edge = strip.edge_point(b).toPoint()
        QTest.mousePress(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
        for step in range(1, 6):
            before = strip._drag.frames
            t0 = time.perf_counter()
            QTest.mouseMove(strip, QPoint(edge.x() + 4 * step, edge.y()))
            frames = strip._drag.frames
            if frames == before:
                continue
            seconds = float(frames / w.analysis.plan.timeline.fps)
            wait(lambda: w.preview.shown_project is not None
                 and w.preview.shown_project.story.beats[b].duration_s == seconds)
            app.processEvents()  # the frame's paint
            gui.append((time.perf_counter() - t0) * 1000)
            asked.append((w.preview.shown_project, w.preview.playhead))
        QTest.keyClick(strip, Qt.Key.Key_Escape)
        QTest.mouseRelease(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
        wait(lambda: w.preview.shown_project is base)
        time.sleep(0.05)
    w.document.undo_stack.setClean()
    w.shutdown()
    source = make_frame_source(base)  # reference: the engine alone, same projects and times
    source.frame(0.0)
    engine = []
    for project, t in asked:
        t0 = time.perf_counter()
        source.update(project)
        source.frame(t)
        engine.append((time.perf_counter() - t0) * 1000)
    source.close()

    return {"n": len(gui), "gui_p95_ms": _p95(gui), "gui_median_ms": round(statistics.median(gui), 1),
            "engine_p95_ms": _p95(engine), "engine_median_ms": round(statistics.median(engine), 1)}


def _rss_mb() -> float:
    import psutil
    me = psutil.Process()
    return round(sum(p.memory_info().rss for p in [me, *me.children(recursive=True)]) / 2**20, 1)


def _memory() -> dict:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([])
    bare = QMainWindow()
    bare.setCentralWidget(QLabel("x"))
    bare.show()
    app.processEvents()
    bare_mb = _rss_mb()
    bare.close()
    from studio.gui.main_window import MainWindow
    w = MainWindow()
    w.show()
    for story in sorted(EXAMPLES.glob("*.md")):
        w.open_story(story, ask=False)
        frames = w.preview.frames_drawn
        end = time.perf_counter() + 120
        while w.preview.frames_drawn == frames and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)
    ours = _rss_mb()
    w.shutdown()
    return {"ours_mb": ours, "bare_mb": bare_mb}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--child-keystrokes", type=int)
    p.add_argument("--child-memory", action="store_true")
    p.add_argument("--child-edge-drag", type=int)
    p.add_argument("--edge-drag", type=int, metavar="N", help="only the edge-drag figure, over N moves")
    args = p.parse_args()
    if args.child_keystrokes:
        print(json.dumps(_keystrokes(args.child_keystrokes)))
        return
    if args.child_edge_drag:
        print(json.dumps(_edge_drag(args.child_edge_drag)))
        return
    if args.edge_drag:
        with tempfile.TemporaryDirectory(prefix="bench-gui-") as user:
            print(json.dumps(_child(["--child-edge-drag", str(args.edge_drag)], _env(user))))
        return
    if args.child_memory:
        print(json.dumps(_memory()))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for f in measure(args.quick):
        ratio = f"{f['ratio']}x" if f["ratio"] is not None else "-"
        print(f"{f['figure']}: {f['ours']} {f['unit']} (reference {f['reference']} {f['unit']}, ratio {ratio}; "
              f"target {f['target']}) — {f['note']}")


if __name__ == "__main__":
    main()
