"""`studio render`, `studio validate` and `studio captions`: commands over STORY... and the
presets each story asks for. A broken story is reported and skipped; the others go on."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterator

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..core.catalog import Catalog
from ..core.captions import chars
from ..core.errors import RenderCancelled, StudioError
from ..core.i18n import _, colon, gettext
from ..core.project import DEFAULT_PRESET, Project, load_project
from ..core.story import load_story
from ..qa.model import verdict_text
from ..render import RenderJob, make_plan, render
from ..render.plan import Plan, caption_problems, plan_warnings
from .console import EXIT_FAILED, EXIT_OK, lang_option, print_rule, render_with_bar, report_error


def story_command(sub, name: str, help: str, json_help: str, run) -> argparse.ArgumentParser:
    """A command over STORY... with the options that pick each story's project (render, validate, captions)."""
    c = sub.add_parser(name, help=help)
    c.add_argument("stories", nargs="+", type=Path, metavar="STORY")
    c.add_argument("--preset", "-p", action="append", dest="presets", metavar="NAME",
                   help=gettext("export preset (repeatable); default: the story's `presets`, else tiktok"))
    c.add_argument("--brand", metavar="NAME", help=gettext("brand kit (default: the story's `brand`, else createkindness-fr)"))
    c.add_argument("--endcard", metavar="VARIANT", help=gettext("end card variant, e.g. 3018 (wins over the story)"))
    c.add_argument("--caption-style", metavar="NAME",
                   help=gettext("a caption style of the brand kit (band, outline, karaoke)"))
    c.add_argument("--json", action="store_true", help=json_help)
    lang_option(c)
    c.set_defaults(run=run)
    return c


def add_story_commands(sub) -> None:
    r = story_command(sub, "render", gettext("render stories to upload-ready videos"),
                      gettext("one JSON object per output on stdout, no progress bar"), _cmd_render)
    r.add_argument("--out", "-o", type=Path, default=Path("out"), metavar="DIR",
                   help=gettext("output folder (default: ./out)"))
    r.add_argument("--strict", action="store_true", help=gettext("exit 1 when a video is not publishable (for pipelines)"))
    r.add_argument("--verify-file", action="store_true", help=gettext(
        "the self-check decodes the finished file again (slower; by default it reads the frames and sound the "
        "render encodes)"))
    v = story_command(sub, "validate", gettext("check stories, media and presets without rendering, and predict the "
                                               "QA verdict"), gettext("one JSON object per story and preset"), _cmd_validate)
    v.add_argument("--strict", action="store_true", help=gettext("exit 1 when the predicted verdict is not publishable"))
    story_command(sub, "captions", gettext("print the caption events and flag every readability problem"),
                  gettext("one JSON object per story and preset"), _cmd_captions)


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
            report_error(args, err, e, path, None)
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
                report_error(args, err, e, path, name)


def _plans(args, err: Console, failures: list[int]) -> Iterator[Plan]:
    """The plan of every (story, preset) pair; one that cannot be planned is reported and skipped."""
    for project in _projects(args, err, failures):
        try:
            yield make_plan(project)
        except StudioError as e:
            failures.append(e.exit_code)
            report_error(args, err, e, project.story.path, project.preset.name)


def _cmd_render(args, out: Console, err: Console) -> int:
    failures: list[int] = []
    show_bar = not args.json and err.is_terminal
    for project in _projects(args, err, failures):
        label = f"{project.name} · {project.preset.name}"
        job = RenderJob(project, args.out, verify_file=args.verify_file)
        try:
            result = render_with_bar(job, label, err) if show_bar else render(job)
        except RenderCancelled:
            raise KeyboardInterrupt from None
        except StudioError as e:
            failures.append(e.exit_code)
            report_error(args, err, e, project.story.path, project.preset.name)
            continue
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        else:
            out.print(f"[green]✓[/] {escape(label)}: {escape(str(result.video))}  " + escape(str(
                _("({seconds:.1f} s video, rendered in {elapsed:.1f} s)", seconds=result.duration_s,
                  elapsed=result.elapsed_s))))
            for w in result.warnings:
                err.print(f"  [yellow]{escape(gettext('warning'))}[/]{colon()}{escape(str(w))}")
            colour = {"publishable": "green", "not publishable": "red"}.get(result.qa, "yellow")
            out.print(f"  {escape(gettext('QA'))}{colon()}[{colour}]{escape(verdict_text(result.qa))}[/]  "
                      f"({escape(str(result.qa_report[1]))})")
            for f in result.qa_findings:
                print_rule(out, f["status"], f["rule"], f["message"], f["times"], indent="    ")
        if args.strict and result.qa == "not publishable":
            failures.append(EXIT_FAILED)
    return max(failures, default=EXIT_OK)


def _cmd_validate(args, out: Console, err: Console) -> int:
    from ..qa.preflight import preflight  # the QA pulls in numpy: load it only when judging

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
                   "warnings": [str(w) for w in plan_warnings(plan)],
                   "results": verdict.to_dict(with_data=False)["results"]}
        if args.strict and verdict.status == "fail":
            failures.append(EXIT_FAILED)
        if args.json:
            print(json.dumps(summary, ensure_ascii=False), flush=True)
            continue
        out.print(f"[green]✓[/] {escape(project.story.path.name)} · {project.preset.name}: " + escape(str(
            _("{beats} beats, {captions} captions, {seconds:.1f} s, end card {number}", beats=summary["beats"],
              captions=summary["captions"], seconds=tl.duration_s, number=project.endcard.number))))
        colour = {"pass": "green", "warn": "yellow", "fail": "red"}[verdict.status]
        out.print(f"  {escape(gettext('predicted QA'))}{colon()}[{colour}]{escape(verdict.verdict_text)}[/] "
                  + escape(gettext("(the file's format, sound and frames are checked after rendering)")))
        for r in verdict.results:
            if r.status != "pass":
                print_rule(out, r.status, r.rule, r.message, r.times, r.limit, indent="    ")
        for w in summary["warnings"]:  # what `render` would warn about, known before it runs
            err.print(f"  [yellow]{escape(gettext('warning'))}[/]{colon()}{escape(w)}")
    return max(failures, default=EXIT_OK)


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
        table = Table(title=f"{project.story.path.name} · {project.preset.name}: " + str(
            _("{n} captions, {seconds:.1f} s", n=len(events), seconds=tl.duration_s)), title_justify="left")
        for col, just in (("#", "right"), (gettext("start"), "right"), (gettext("end"), "right"),
                          (gettext("cps"), "right"), (gettext("text"), "left")):
            table.add_column(col, justify=just)  # type: ignore[arg-type]
        for ev in events:
            mark = "[red]" if ev["n"] in flagged else ""
            table.add_row(f"{mark}{ev['n']}", f"{ev['start_s']:.2f}", f"{ev['end_s']:.2f}", f"{ev['cps']:.1f}",
                          escape("\n".join(ev["lines"])))
        out.print(table)
        for p in problems:
            out.print(f"  [red]✗[/] " + escape(str(_("event {n} at {seconds:.2f} s", n=p.event, seconds=p.time_s)))
                      + f" [bold]{p.rule}[/]: {escape(str(p.message))}")
        if not problems:
            out.print("  [green]✓[/] " + escape(str(_("every caption meets the readability rules of preset {name}",
                                                      name=project.preset.name))))
    return max(failures, default=EXIT_OK)
