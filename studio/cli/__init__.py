"""`studio`: the headless shell. Parses arguments, calls the engine, maps typed errors to exit
codes (0 done, 1 render failed, 2 invalid input, 130 interrupted; `console.py` owns them). Never a
traceback for a user's mistake; set STUDIO_DEBUG=1 to see one for an unexpected error.

One module per command family: `stories.py` (render, validate, captions), `check.py`,
`presets.py`, `batch.py`; `studio gui` loads the desktop studio, and Qt, only when run."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..core import i18n
from ..core.errors import StudioError
from ..core.i18n import colon, gettext
from .batch import add_batch_command
from .check import add_check_command
from .console import EXIT_FAILED, EXIT_INTERRUPTED, lang_option, print_error
from .presets import add_presets_command
from .stories import add_story_commands


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(_lang_in(argv))  # before the parser: its help speaks the language too
    argparse._ = i18n.gettext  # argparse's own words ("usage:", a missing argument) from our catalogue
    args = _parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    # a polite kill (a GUI, a CI timeout, `kill`) cleans up like Ctrl-C: ffmpeg stopped, no .part left
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.run(args, out, err)
    except KeyboardInterrupt:
        err.print(f"[yellow]{escape(gettext('interrupted'))}[/]{colon()}{escape(gettext('nothing was left half-written'))}")
        return EXIT_INTERRUPTED
    except StudioError as e:
        print_error(err, e)
        return e.exit_code
    except Exception as e:  # a bug, not a user error
        if os.environ.get("STUDIO_DEBUG"):
            raise
        err.print(f"[red]{escape(gettext('unexpected error'))}[/]{colon()}{type(e).__name__}: {escape(str(e))}\n  "
                  + escape(gettext("nothing was left half-written; please report it to the Kindness Studio team with "
                                   "the details that STUDIO_DEBUG=1 prints when you run the same command again")))
        return EXIT_FAILED


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _lang_in(argv: list[str]) -> str | None:
    """The `--lang` of the command line, wherever it stands (None: the environment's)."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="studio", description=gettext("Kindness Studio: stories become vertical videos."))
    p.add_argument("--version", action="version", version=f"studio {__version__}")
    lang_option(p)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_story_commands(sub)
    add_check_command(sub)
    add_batch_command(sub)
    g = sub.add_parser("gui", help=gettext("open the desktop studio (a story, a folder of stories, or the last folder)"))
    g.add_argument("target", nargs="?", type=Path, metavar="STORY_OR_FOLDER")
    g.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
                   help=gettext("the UI language for this run (default: the settings')"))
    g.set_defaults(run=lambda args, out, err: _gui([*(["--lang", args.lang] if getattr(args, "lang", None) else []),
                                                    *([str(args.target)] if args.target else [])]))
    add_presets_command(sub)
    return p


def _gui(argv: list[str]) -> int:
    from ..gui.app import main as gui_main  # Qt is loaded only for this command
    return gui_main(argv)
