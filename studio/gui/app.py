"""`kindness-studio` / `studio gui [STORY_OR_FOLDER]`: the desktop studio's entry point.

`--smoke-test STORY` opens the window with STORY, waits for the story's analysis and its first
preview frame, prints `ready` and quits with 0 (non-zero and a message on stderr otherwise): the
bundle's smoke test runs it with QT_QPA_PLATFORM=offscreen."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

SMOKE_TIMEOUT_MS = 120_000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kindness-studio", description="Kindness Studio, the desktop studio.")
    p.add_argument("target", nargs="?", type=Path, metavar="STORY_OR_FOLDER",
                   help="a story to open, or a folder of stories (default: the last folder)")
    p.add_argument("--smoke-test", type=Path, metavar="STORY",
                   help="open STORY, wait for its first preview frame, print 'ready' and quit")
    p.add_argument("--play", type=int, default=0, metavar="N",
                   help="with --smoke-test: then play the story from start to end N times")
    p.add_argument("--lang", choices=("fr", "en"), help="the UI language for this run")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    steady_memory()
    from PySide6.QtWidgets import QApplication

    from . import crash_log, i18n
    from .settings import Settings, apply_ffmpeg_override

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kindness Studio")
    app.setOrganizationName("CreateKindness")
    app.setApplicationDisplayName("Kindness Studio")
    settings = Settings()
    apply_ffmpeg_override(settings.ffmpeg_path)
    i18n.install(args.lang or settings.language)

    abnormal_ends = crash_log.collect_abnormal_ends()  # before this session's own log exists
    session = _open_session_log()

    from .main_window import MainWindow
    window = MainWindow(settings)
    window.abnormal_end = abnormal_ends[0] if abnormal_ends else None
    install_excepthook(window)
    _quit_on_signals(app, window)

    try:
        if args.smoke_test is not None:
            return _smoke_test(app, window, args.smoke_test, args.play)
        window.show()
        window.open_start(args.target.resolve() if args.target else None)
        code = app.exec()
        window.shutdown()
        return code
    finally:
        if session is not None:
            session.close()


def _open_session_log():
    """This session's crash log (None when the user data folder cannot be written: the studio
    still runs, it only cannot leave a trace)."""
    from .crash_log import SessionLog
    try:
        return SessionLog()
    except OSError as e:
        print(f"kindness-studio: no crash log: {e}", file=sys.stderr)
        return None


def _smoke_test(app, window, story: Path, plays: int = 0) -> int:
    """Opens STORY and waits for its first frame; then plays it from start to end `plays` times,
    printing `played K frames=F sound=yes|no rss_mb=M` after each pass (the soak tests read these lines)."""
    from PySide6.QtCore import Qt, QTimer
    outcome: dict[str, object] = {}
    passes: list[int] = []
    sound: list[bool] = []

    def play() -> None:
        passes.append(window.preview.frames_drawn)
        window.preview.toggle_play()
        sound.append(window.preview.player.is_playing() and not window.preview.player.silent)

    def fail(message: str) -> None:
        outcome.setdefault("error", message)
        app.quit()

    def on_analysis(a) -> None:
        if a.error is not None:
            fail(str(a.error))

    def on_frame(_t: float) -> None:
        if "ready" in outcome:
            return
        outcome["ready"] = True
        if plays:
            play()
        else:
            app.quit()

    def on_played() -> None:
        if "error" in outcome or not passes:
            return
        frames = window.preview.frames_drawn - passes[-1]
        print(f"played {len(passes)} frames={frames} sound={'yes' if sound[-1] else 'no'} "
              f"rss_mb={resident_mb():.0f}", flush=True)
        if frames == 0:
            fail("playing drew no frame")
        elif len(passes) == plays:
            app.quit()
        else:
            play()

    window.analysed.connect(on_analysis)
    window.preview.frame_shown.connect(on_frame)
    window.preview.player.stopped.connect(on_played, Qt.ConnectionType.QueuedConnection)
    window.preview.player.failed.connect(lambda e: fail(f"playing failed: {e}"))
    window.preview.lane.finished.connect(lambda _r, e: e is not None and fail(str(getattr(e, "message", e))))
    if not story.is_file():
        print(f"kindness-studio: {story}: story file not found", file=sys.stderr)
        return 2
    window.show()
    if not window.open_story(story.resolve(), ask=False):
        print(f"kindness-studio: {story}: cannot open the story", file=sys.stderr)
        return 2
    app.processEvents()
    if t0 := os.environ.get("STUDIO_BENCH_T0"):  # bench/gui.py: the window shows the story's text
        print(f"shown_s={time.time() - float(t0):.3f}", file=sys.stderr, flush=True)
    QTimer.singleShot(SMOKE_TIMEOUT_MS * (1 + plays),  # the first frame, then each pass
                      lambda: fail("timed out waiting for the first preview frame" if not passes
                                   else f"timed out playing (pass {len(passes)} of {plays})"))
    app.exec()
    window.shutdown()
    window.document.discard_recovery()
    if outcome.get("ready") and "error" not in outcome:
        print("ready", flush=True)
        return 0
    print(f"kindness-studio: smoke test failed: {outcome.get('error', 'no frame')}", file=sys.stderr)
    return 1


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
FRAME_SIZED = 1 << 20  # a 540x960 preview frame is 1.5 MB


def steady_memory() -> None:
    """Frame-sized buffers (every preview and played frame, as numpy arrays and QImages) mapped
    on their own and returned to the system when freed. glibc's default raises its mmap threshold
    after the first such buffer is freed, so the next ones come from the heap, which fragments:
    the studio then held ~5 MB more after each play of a 42 s story and ~90 MB more after an
    editor's session (tests/gui/test_soak.py). Linux/glibc only; elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, FRAME_SIZED)
    except (OSError, AttributeError):  # not glibc (e.g. musl)
        pass


def resident_mb() -> float:
    """This process's resident memory in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def install_excepthook(window) -> None:
    """An unexpected exception: the text goes to the recovery file first, then a dialog with the
    details to copy; the window stays open."""
    from .workers import UnexpectedError

    def hook(etype, value, tb) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
            return
        error = UnexpectedError(value)
        try:
            window.show_unexpected(error)
        except Exception:  # noqa: BLE001 - the dialog itself failed: at least keep the text
            window.emergency_save()
            sys.stderr.write(error.details)
    sys.excepthook = hook


def _quit_on_signals(app, window) -> None:
    """Ctrl+C or a polite kill closes the window as the Quit menu does (unsaved work asked for)."""
    from PySide6.QtCore import QTimer

    def handler(signum, frame) -> None:
        QTimer.singleShot(0, window.close)
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    beat = QTimer(app)  # lets Python run its signal handlers while Qt's loop waits
    beat.timeout.connect(lambda: None)
    beat.start(250)


if __name__ == "__main__":
    sys.exit(main())
