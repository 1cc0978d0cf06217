"""`studio`: the headless shell. Parses arguments, calls the render core, maps typed errors to
exit codes (0 done, 1 render failed, 2 invalid input, 130 interrupted). Never a traceback for a
user's mistake; set STUDIO_DEBUG=1 to see one for an unexpected error."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .core.catalog import Catalog
from .core.errors import RenderCancelled, StudioError
from .core.project import DEFAULT_PRESET, Project, load_project
from .core.story import load_story
from .core.captions import chars
from .cli_batch import add_batch_command
from .render import RenderJob, make_plan, render
from .render.api import ready_out_dir
from .render.plan import Plan, caption_problems

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    # a polite kill (a GUI, a CI timeout, `kill`) cleans up like Ctrl-C: ffmpeg stopped, no .part left
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.run(args, out, err)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: nothing was left half-written")
        return EXIT_INTERRUPTED
    except StudioError as e:
        _print_error(err, e)
        return e.exit_code
    except Exception as e:  # a bug, not a user error
        if os.environ.get("STUDIO_DEBUG"):
            raise
        err.print(f"[red]unexpected error[/]: {type(e).__name__}: {escape(str(e))}\n"
                  "  nothing was left half-written; please report it to the Kindness Studio team with the\n"
                  "  details that STUDIO_DEBUG=1 prints when you run the same command again")
        return EXIT_FAILED


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _story_command(sub, name: str, help: str, json_help: str, run) -> argparse.ArgumentParser:
    """A command over STORY... with the options that pick each story's project (render, validate, captions)."""
    c = sub.add_parser(name, help=help)
    c.add_argument("stories", nargs="+", type=Path, metavar="STORY")
    c.add_argument("--preset", "-p", action="append", dest="presets", metavar="NAME",
                   help="export preset (repeatable); default: the story's `presets`, else tiktok")
    c.add_argument("--brand", metavar="NAME", help="brand kit (default: the story's `brand`, else createkindness-fr)")
    c.add_argument("--endcard", metavar="VARIANT", help="end card variant, e.g. 3018 (wins over the story)")
    c.add_argument("--caption-style", metavar="NAME", help="a caption style of the brand kit (band, outline, karaoke)")
    c.add_argument("--json", action="store_true", help=json_help)
    c.set_defaults(run=run)
    return c


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="studio", description="Kindness Studio: stories become vertical videos.")
    p.add_argument("--version", action="version", version=f"studio {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = _story_command(sub, "render", "render stories to upload-ready videos",
                       "one JSON object per output on stdout, no progress bar", _cmd_render)
    r.add_argument("--out", "-o", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: ./out)")
    r.add_argument("--strict", action="store_true", help="exit 1 when a video is not publishable (for pipelines)")
    r.add_argument("--verify-file", action="store_true", help="the self-check decodes the finished file again "
                   "(slower; by default it reads the frames and sound the render encodes)")
    v = _story_command(sub, "validate", "check stories, media and presets without rendering, and predict the "
                       "QA verdict", "one JSON object per story and preset", _cmd_validate)
    v.add_argument("--strict", action="store_true", help="exit 1 when the predicted verdict is not publishable")

    c = sub.add_parser("check", help="verify a finished MP4 against a preset (format, loudness, captions, "
                                     "flashes, helpline, consent); exit 0 nothing fails, 1 something fails")
    c.add_argument("video", type=Path, metavar="VIDEO")
    c.add_argument("--preset", "-p", metavar="NAME", help="preset to check against (default: the one the render's "
                   "report beside VIDEO names, else the preset with VIDEO's size and frame rate, else tiktok)")
    c.add_argument("--story", type=Path, metavar="STORY", help="the story: captions, consent, content warning, care "
                   "(default: the one the render's report beside VIDEO names)")
    c.add_argument("--captions", type=Path, metavar="SRT", help="SRT or WebVTT captions (default: the .srt beside VIDEO)")
    c.add_argument("--brand", metavar="NAME")
    c.add_argument("--endcard", metavar="VARIANT")
    c.add_argument("--report", type=Path, metavar="DIR", help="also write VIDEO.qa.json and .qa.html into DIR")
    c.add_argument("--json", action="store_true", help="the whole report as one JSON object")
    c.set_defaults(run=_cmd_check)

    _story_command(sub, "captions", "print the caption events and flag every readability problem",
                   "one JSON object per story and preset", _cmd_captions)

    add_batch_command(sub)

    g = sub.add_parser("gui", help="open the desktop studio (a story, a folder of stories, or the last folder)")
    g.add_argument("target", nargs="?", type=Path, metavar="STORY_OR_FOLDER")
    g.add_argument("--lang", choices=("fr", "en"), help="the UI language for this run (default: the settings')")
    g.set_defaults(run=lambda args, out, err: _gui([*(["--lang", args.lang] if args.lang else []),
                                                    *([str(args.target)] if args.target else [])]))

    s = sub.add_parser("presets", help="list export presets and brand kits, and where each comes from")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=_cmd_presets)
    return p


def _gui(argv: list[str]) -> int:
    from .gui.app import main as gui_main  # Qt is loaded only for this command
    return gui_main(argv)


def _print_error(console: Console, e: StudioError) -> None:
    console.print(f"[bold red]error[/]: {escape(e.where + ': ' if e.where else '')}{escape(e.message)}")
    if e.hint:
        console.print(f"  [cyan]hint[/]: {escape(e.hint)}")
    tail = getattr(e, "stderr_tail", "")
    if tail:
        console.print("  ffmpeg said:\n    " + escape(tail.replace("\n", "\n    ")))
    if os.environ.get("STUDIO_DEBUG") and getattr(e, "argv", None):
        console.print("  command: " + escape(" ".join(e.argv)))


def _overrides(args) -> dict:
    out: dict = {"endcard": {"variant": args.endcard}} if args.endcard else {}
    if getattr(args, "caption_style", None):
        out["caption_style"] = args.caption_style
    return out


def _projects(args, err: Console, failures: list[int]) -> Iterator[Project]:
    """Every (story, preset) pair; a broken story is reported and skipped, the others go on."""
    catalog = Catalog()
    for path in args.stories:
        try:
            story = load_story(path)
            names = args.presets or list(story.meta.presets) or [DEFAULT_PRESET]
        except StudioError as e:
            failures.append(e.exit_code)
            yield_error(args, err, e, path, None)
            continue
        for name in names:
            try:
                yield load_project(story, name, brand=args.brand, overrides=_overrides(args), catalog=catalog)
            except StudioError as e:
                if e.file is None:  # a command-line value: name the option and the story
                    e.field = {"preset": "--preset", "endcard.variant": "--endcard",
                               "caption_style": "--caption-style"}.get(e.field or "", e.field)
                    e.file = str(path)
                failures.append(e.exit_code)
                yield_error(args, err, e, path, name)


def _plans(args, err: Console, failures: list[int]) -> Iterator[Plan]:
    """The plan of every (story, preset) pair; one that cannot be planned is reported and skipped."""
    for project in _projects(args, err, failures):
        try:
            yield make_plan(project)
        except StudioError as e:
            failures.append(e.exit_code)
            yield_error(args, err, e, project.story.path, project.preset.name)


def yield_error(args, err: Console, e: StudioError, story: Path, preset: str | None) -> None:
    if args.json:
        print(json.dumps({"story": str(story), "preset": preset, **e.to_dict()}, ensure_ascii=False), flush=True)
    else:
        _print_error(err, e)


def _cmd_render(args, out: Console, err: Console) -> int:
    failures: list[int] = []
    show_bar = not args.json and err.is_terminal
    for project in _projects(args, err, failures):
        label = f"{project.name} · {project.preset.name}"
        job = RenderJob(project, args.out, verify_file=args.verify_file)
        try:
            result = _render_with_bar(job, label, err) if show_bar else render(job)
        except RenderCancelled:
            raise KeyboardInterrupt from None
        except StudioError as e:
            failures.append(e.exit_code)
            yield_error(args, err, e, project.story.path, project.preset.name)
            continue
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        else:
            out.print(f"[green]✓[/] {escape(label)}: {escape(str(result.video))}  "
                      f"({result.duration_s:.1f} s video, rendered in {result.elapsed_s:.1f} s)")
            for w in result.warnings:
                err.print(f"  [yellow]warning[/]: {escape(w)}")
            colour = {"publishable": "green", "not publishable": "red"}.get(result.qa, "yellow")
            out.print(f"  QA: [{colour}]{escape(result.qa)}[/]  ({escape(str(result.qa_report[1]))})")
            for f in result.qa_findings:
                _print_rule(out, f["status"], f["rule"], f["message"], f["times"], indent="    ")
        if args.strict and result.qa == "not publishable":
            failures.append(EXIT_FAILED)
    return max(failures, default=EXIT_OK)


MARKS = {"pass": "[green]pass[/]", "warn": "[yellow]warn[/]", "fail": "[red]FAIL[/]"}


def _print_rule(console: Console, status: str, rule: str, message: str, times, limit=None, indent: str = "") -> None:
    """One QA rule on one line: status, rule id, its message, the limit and where (when not passing)."""
    where = f"  at {', '.join(f'{t:.2f} s' for t in list(times)[:4])}" if status != "pass" and times else ""
    limit = f"  (limit {limit})" if limit is not None and status != "pass" else ""
    console.print(f"{indent}{MARKS[status]}  {rule:<22} {escape(message)}{escape(limit)}{escape(where)}")


def _render_with_bar(job: RenderJob, label: str, err: Console):
    cancel = threading.Event()
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=1.0)
        try:
            return render(job, on_progress=lambda p: bar.update(task, completed=p.fraction), cancel=cancel)
        except KeyboardInterrupt:
            cancel.set()
            raise


def _cmd_validate(args, out: Console, err: Console) -> int:
    from .qa import preflight  # the QA pulls in numpy: load it only when judging

    failures: list[int] = []
    for plan in _plans(args, err, failures):
        project = plan.project
        tl = plan.timeline
        verdict = preflight(project, tl)
        summary = {"story": str(project.story.path), "preset": project.preset.name, "ok": True,
                   "beats": len(project.story.beats), "captions": len(tl.events),
                   "duration_s": round(tl.duration_s, 3), "endcard": project.endcard.number,
                   "media": [str(m.path) for m in plan.media.values()],
                   "verdict": verdict.verdict, "status": verdict.status,
                   "results": verdict.to_dict(with_data=False)["results"]}
        if args.strict and verdict.status == "fail":
            failures.append(EXIT_FAILED)
        if args.json:
            print(json.dumps(summary, ensure_ascii=False), flush=True)
            continue
        out.print(f"[green]✓[/] {escape(project.story.path.name)} · {project.preset.name}: {summary['beats']} beats, "
                  f"{summary['captions']} captions, {tl.duration_s:.1f} s, end card {project.endcard.number}")
        colour = {"pass": "green", "warn": "yellow", "fail": "red"}[verdict.status]
        out.print(f"  predicted QA: [{colour}]{escape(verdict.verdict)}[/] (the file's format, sound and frames "
                  "are checked after rendering)")
        for r in verdict.results:
            if r.status != "pass":
                _print_rule(out, r.status, r.rule, r.message, r.times, r.limit, indent="    ")
    return max(failures, default=EXIT_OK)


def _cmd_check(args, out: Console, err: Console) -> int:
    from .qa import check, write_report  # the QA pulls in numpy: load it only when checking
    from .qa.run import infer_preset, story_beside

    story = args.story
    if story is None and args.captions is None and (story := story_beside(args.video)) is not None and not args.json:
        out.print(f"story [bold]{escape(str(story))}[/] (named by the render's report beside the file; "
                  "choose another with --story)")
    preset = args.preset
    if preset is None:
        preset, why = infer_preset(args.video)
        if why and not args.json:
            out.print(f"preset [bold]{escape(preset)}[/] ({escape(why)}; choose another with --preset)")
    report = check(args.video, preset, story, args.captions, brand=args.brand, endcard=args.endcard)
    if args.report:
        folder = ready_out_dir(args.report)
        stem = args.video.name.removesuffix(args.video.suffix)
        write_report(report, folder / f"{stem}.qa.json", folder / f"{stem}.qa.html")
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
    else:
        for r in report.results:
            _print_rule(out, r.status, r.rule, r.message, r.times, r.limit)
        colour = {"pass": "green", "warn": "yellow", "fail": "red"}[report.status]
        out.print(f"[bold {colour}]{escape(report.verdict)}[/] · {escape(str(args.video))} · preset {report.preset} "
                  f"· {report.elapsed_s:.1f} s")
    return EXIT_FAILED if report.status == "fail" else EXIT_OK


def _cmd_captions(args, out: Console, err: Console) -> int:
    """Caption events with their timings; every readability problem with its event, time and rule.
    Exit 1 when a problem is found, 2 for invalid input."""
    failures: list[int] = []
    for plan in _plans(args, err, failures):
        project = plan.project
        tl = plan.timeline
        problems = caption_problems(plan)
        if problems:
            failures.append(EXIT_FAILED)
        events = [{"n": k, "start_s": round(tl.seconds(e.start), 3), "end_s": round(tl.seconds(e.end), 3),
                   "beat": e.beat + 1, "line": project.story.beats[e.beat].line, "lines": list(e.lines),
                   "cps": round(chars(e.lines) / max(tl.seconds(e.frames), 1e-6), 1)}
                  for k, e in enumerate(tl.events, 1)]
        if args.json:
            print(json.dumps({"story": str(project.story.path), "preset": project.preset.name,
                              "style": project.look.caption.style, "highlight": project.look.caption.highlight,
                              "events": events, "problems": [p.to_dict() for p in problems]},
                             ensure_ascii=False), flush=True)
            continue
        flagged = {p.event for p in problems}
        table = Table(title=f"{project.story.path.name} · {project.preset.name}: {len(events)} captions, "
                            f"{tl.duration_s:.1f} s", title_justify="left")
        for col, just in (("#", "right"), ("start", "right"), ("end", "right"), ("cps", "right"), ("text", "left")):
            table.add_column(col, justify=just)  # type: ignore[arg-type]
        for ev in events:
            mark = "[red]" if ev["n"] in flagged else ""
            table.add_row(f"{mark}{ev['n']}", f"{ev['start_s']:.2f}", f"{ev['end_s']:.2f}", f"{ev['cps']:.1f}",
                          escape("\n".join(ev["lines"])))
        out.print(table)
        for p in problems:
            out.print(f"  [red]✗[/] event {p.event} at {p.time_s:.2f} s [bold]{p.rule}[/]: {escape(p.message)}")
        if not problems:
            out.print(f"  [green]✓[/] every caption meets the readability rules of preset {project.preset.name}")
    return max(failures, default=EXIT_OK)


def _cmd_presets(args, out: Console, err: Console) -> int:
    catalog = Catalog()
    rows = []
    for name, entry in catalog.preset_entries().items():
        p = catalog.preset(name)
        rows.append({"kind": "preset", "name": name, "origin": entry.origin, "path": str(entry.path),
                     "canvas": f"{p.canvas.width}x{p.canvas.height}", "fps": p.canvas.fps,
                     "description": p.description})
    for name, entry in catalog.brand_entries().items():
        b = catalog.brand(name)
        rows.append({"kind": "brand", "name": name, "origin": entry.origin, "path": str(entry.path),
                     "endcards": list(b.endcard.variants), "description": b.description})
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    table = Table(title="Export presets and brand kits")
    for col in ("kind", "name", "format", "origin", "description"):
        table.add_column(col)
    for row in rows:
        fmt = f"{row['canvas']} @ {row['fps']}" if row["kind"] == "preset" else "end cards " + ", ".join(row["endcards"])
        table.add_row(*(escape(str(x)) for x in (row["kind"], row["name"], fmt, row["origin"], row["description"])))
    out.print(table)
    out.print(escape(f"built-in: {catalog.data / 'presets'}\nyours:    {catalog.user / 'presets'} and {catalog.user / 'brands'}"))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
