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
    p.add_argument("--lang", choices=("fr", "en"), help="the UI language for this run")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    from . import i18n
    from .settings import Settings, apply_ffmpeg_override

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kindness Studio")
    app.setOrganizationName("CreateKindness")
    app.setApplicationDisplayName("Kindness Studio")
    settings = Settings()
    apply_ffmpeg_override(settings.ffmpeg_path)
    i18n.install(args.lang or settings.language)

    from .main_window import MainWindow
    window = MainWindow(settings)
    install_excepthook(window)
    _quit_on_signals(app, window)

    if args.smoke_test is not None:
        return _smoke_test(app, window, args.smoke_test)
    window.show()
    window.open_start(args.target.resolve() if args.target else None)
    code = app.exec()
    window.shutdown()
    return code


def _smoke_test(app, window, story: Path) -> int:
    from PySide6.QtCore import QTimer
    outcome: dict[str, object] = {}

    def fail(message: str) -> None:
        outcome.setdefault("error", message)
        app.quit()

    def on_analysis(a) -> None:
        if a.error is not None:
            fail(str(a.error))

    def on_frame(_t: float) -> None:
        outcome.setdefault("ready", True)
        app.quit()

    window.analysed.connect(on_analysis)
    window.preview.frame_shown.connect(on_frame)
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
    QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: fail("timed out waiting for the first preview frame"))
    app.exec()
    window.shutdown()
    window.document.discard_recovery()
    if outcome.get("ready") and "error" not in outcome:
        print("ready", flush=True)
        return 0
    print(f"kindness-studio: smoke test failed: {outcome.get('error', 'no frame')}", file=sys.stderr)
    return 1


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
