"""The command line's console: exit codes, how an error, a QA rule and a render's progress are
shown, and the --lang option every command takes. Every command module prints through these."""

from __future__ import annotations

import argparse
import json
import os
import threading
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from ..core.errors import StudioError
from ..core.i18n import _, colon, gettext, number
from ..render import RenderJob, render

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


def lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
                        help=gettext("the language of the messages (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG)"))


def print_error(console: Console, e: StudioError) -> None:
    console.print(f"[bold red]{escape(gettext('error'))}[/]{colon()}{escape(e.where + colon() if e.where else '')}"
                  f"{escape(e.message)}")
    if e.hint:
        console.print(f"  [cyan]{escape(gettext('hint'))}[/]{colon()}{escape(e.hint)}")
    tail = getattr(e, "stderr_tail", "")
    if tail:
        console.print(f"  {escape(gettext('ffmpeg said'))}:\n    " + escape(tail.replace("\n", "\n    ")))
    if os.environ.get("STUDIO_DEBUG") and getattr(e, "argv", None):
        console.print(f"  {escape(gettext('command'))}: " + escape(" ".join(e.argv)))


def report_error(args, err: Console, e: StudioError, story: Path, preset: str | None) -> None:
    """A story's or a job's error: one JSON line with --json, else the error and its hint on stderr."""
    if args.json:
        print(json.dumps({"story": str(story), "preset": preset, **e.to_dict()}, ensure_ascii=False), flush=True)
    else:
        print_error(err, e)


MARKS = {"pass": ("green", _("pass")), "warn": ("yellow", _("warn")), "fail": ("red", _("FAIL"))}


def print_rule(console: Console, status: str, rule: str, message, times, limit=None, indent: str = "") -> None:
    """One QA rule on one line: status, rule id (a code, as in the JSON and the report), its message,
    the limit and where (when not passing)."""
    where = str(_("  at {times}", times=", ".join(f"{number(t, 2)} s" for t in list(times)[:4]))) \
        if status != "pass" and times else ""
    limit = str(_("  (limit {limit})", limit=limit)) if limit is not None and status != "pass" else ""
    colour, word = MARKS[status]
    console.print(f"{indent}[{colour}]{escape(str(word))}[/]  {rule:<22} "
                  f"{escape(str(message))}{escape(limit)}{escape(where)}")


def render_with_bar(job: RenderJob, label: str, err: Console):
    cancel = threading.Event()
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=1.0)
        try:
            return render(job, on_progress=lambda p: bar.update(task, completed=p.fraction), cancel=cancel)
        except KeyboardInterrupt:
            cancel.set()
            raise
