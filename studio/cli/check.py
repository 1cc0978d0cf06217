"""`studio check VIDEO`: any finished MP4 judged against a preset, with or without its story."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..core.i18n import _, gettext
from ..render.api import ready_out_dir
from .console import EXIT_FAILED, EXIT_OK, lang_option, print_rule


def add_check_command(sub) -> None:
    c = sub.add_parser("check", help=gettext("verify a finished MP4 against a preset (format, loudness, captions, "
                                             "flashes, helpline, consent); exit 0 nothing fails, 1 something fails"))
    c.add_argument("video", type=Path, metavar="VIDEO")
    c.add_argument("--preset", "-p", metavar="NAME", help=gettext("preset to check against (default: the one the "
                   "render's report beside VIDEO names, else the preset with VIDEO's size and frame rate, else tiktok)"))
    c.add_argument("--story", type=Path, metavar="STORY", help=gettext("the story: captions, consent, content warning, "
                   "care (default: the one the render's report beside VIDEO names)"))
    c.add_argument("--captions", type=Path, metavar="SRT",
                   help=gettext("SRT or WebVTT captions (default: the .srt beside VIDEO)"))
    c.add_argument("--brand", metavar="NAME")
    c.add_argument("--endcard", metavar="VARIANT")
    c.add_argument("--report", type=Path, metavar="DIR", help=gettext("also write VIDEO.qa.json and .qa.html into DIR"))
    c.add_argument("--json", action="store_true", help=gettext("the whole report as one JSON object"))
    lang_option(c)
    c.set_defaults(run=_cmd_check)


def _cmd_check(args, out: Console, err: Console) -> int:
    from ..qa import check, write_report  # the QA pulls in numpy: load it only when checking
    from ..qa.run import infer_preset, story_beside

    story = args.story
    if story is None and args.captions is None and (story := story_beside(args.video)) is not None and not args.json:
        out.print(f"{escape(gettext('story'))} [bold]{escape(str(story))}[/] "
                  + escape(gettext("(named by the render's report beside the file; choose another with --story)")))
    preset = args.preset
    if preset is None:
        preset, why = infer_preset(args.video)
        if why and not args.json:
            out.print(f"{escape(gettext('preset'))} [bold]{escape(preset)}[/] "
                      + escape(str(_("({why}; choose another with --preset)", why=why))))
    report = check(args.video, preset, story, args.captions, brand=args.brand, endcard=args.endcard)
    if args.report:
        folder = ready_out_dir(args.report)
        stem = args.video.name.removesuffix(args.video.suffix)
        write_report(report, folder / f"{stem}.qa.json", folder / f"{stem}.qa.html")
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
    else:
        for r in report.results:
            print_rule(out, r.status, r.rule, r.message, r.times, r.limit)
        colour = {"pass": "green", "warn": "yellow", "fail": "red"}[report.status]
        out.print(f"[bold {colour}]{escape(report.verdict_text)}[/] · {escape(str(args.video))} · "
                  + escape(str(_("preset {name} · {seconds:.1f} s", name=report.preset, seconds=report.elapsed_s))))
    return EXIT_FAILED if report.status == "fail" else EXIT_OK
