"""`studio batch MANIFEST`: the manifest's jobs on the batch engine, with an overall and a
per-job progress display, a summary table, a JSON report beside the outputs, and exit codes
0 (all done or up to date), 1 (a job failed), 2 (invalid manifest), 130 (interrupted).

A thin shell: loading, skipping, rendering and cancelling are the engine's (studio.batch)."""

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..batch import BatchEngine, Job, JobEvent, LocalBackend
from ..batch.engine import examine
from ..batch.manifest import MEDIA_MODES, Manifest, load_manifest
from ..core.errors import StudioError
from ..core.i18n import N_, _, gettext, number
from ..core.leftovers import remove_dead_parts
from ..qa.model import verdict_text
from .console import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, lang_option
INTERRUPT_GRACE_S = 1.2  # for running jobs to stop their ffmpeg and remove their parts (a cancel takes < 1 s)


def add_batch_command(sub) -> None:
    b = sub.add_parser("batch", help=gettext("render every job of a batch manifest (stories x presets x rows); "
                                             "jobs whose inputs are unchanged are skipped"))
    b.add_argument("manifest", type=Path, metavar="MANIFEST",
                   help=gettext("a .toml batch manifest (see examples/campaign.toml)"))
    b.add_argument("--workers", "-j", type=int, metavar="N", help=gettext("jobs at once (default: the manifest's, else "
                                                                          "what bench/batch.py measured fastest)"))
    b.add_argument("--cluster", metavar="ADDRESS", help=gettext("a Dask scheduler (tcp://HOST:PORT or tls://...) "
                                                                "instead of this machine; needs the [cluster] extra"))
    b.add_argument("--media", choices=MEDIA_MODES, help=gettext("cluster: how media reaches the workers (default: the "
                                                                "manifest's, else auto: a shared path if the workers see it)"))
    b.add_argument("--force", action="store_true", help=gettext("render every job, even those up to date"))
    b.add_argument("--dry-run", action="store_true", help=gettext("list the jobs and which would be skipped; render nothing"))
    b.add_argument("--json", action="store_true", help=gettext("one JSON object per job event on stdout, no display"))
    lang_option(b)
    b.set_defaults(run=run_batch)


def run_batch(args, out: Console, err: Console) -> int:
    try:
        manifest = load_manifest(args.manifest)  # ManifestError: exit 2 before anything renders
    except StudioError as e:
        if args.json:
            print(json.dumps({"event": "invalid", **e.to_dict()}, ensure_ascii=False), flush=True)
        raise
    if args.workers is not None and args.workers < 1:
        raise StudioError(_("--workers must be at least 1"), field="--workers")
    if args.dry_run:
        return _dry_run(manifest, args, out)
    backend = _backend(args, manifest)
    engine = BatchEngine(backend, workers=args.workers or manifest.workers, force=args.force)
    ledger = _Ledger(manifest)
    engine.subscribe(ledger)
    display = None
    if args.json:
        lock = threading.Lock()

        def emit(e: JobEvent) -> None:
            with lock:
                print(json.dumps(e.to_dict(), ensure_ascii=False), flush=True)
        engine.subscribe(emit)
    elif err.is_terminal:
        display = _Display(err, len(manifest.jobs))
        engine.subscribe(display)
    else:
        engine.subscribe(lambda e: (e.ended or e.kind == "waiting") and err.print(_line(e)))
    interrupted = False
    try:
        if display:
            display.start()
        engine.submit(manifest.jobs)
        while not engine.wait(0.2):  # short waits: Ctrl-C (and SIGTERM) land here
            pass
    except KeyboardInterrupt:
        interrupted = True
        engine.cancel()  # running ffmpeg stopped, nothing half-written; finished outputs kept
        engine.wait(INTERRUPT_GRACE_S)
    finally:
        # bounded: Ctrl-C or SIGTERM ends the command within 2 s, whatever a job is doing
        engine.shutdown(timeout=0.3 if interrupted else None)
        if display:
            display.stop()
    report = ledger.write(interrupted)
    if not args.json:
        _summary(out, ledger, manifest, report)
    if interrupted:
        err.print(f"[yellow]{escape(gettext('interrupted'))}[/]: " + escape(gettext(
            "running jobs stopped, nothing left half-written; run the same command again to resume")))
        return EXIT_INTERRUPTED
    return EXIT_FAILED if ledger.count("failed") or ledger.count("cancelled") else EXIT_OK


def _backend(args, manifest: Manifest):
    if not args.cluster:
        return LocalBackend()
    try:
        from ..batch.dask_backend import DaskBackend  # Dask is loaded only when asked for
    except ImportError:
        raise StudioError(_("--cluster needs Dask, which is not installed"), field="--cluster",
                          hint=_("pip install 'kindness-studio[cluster]' (here and on every worker)")) from None
    return DaskBackend(args.cluster, media=args.media or manifest.media)


def _dry_run(manifest: Manifest, args, out: Console) -> int:
    rows = []
    for job in manifest.jobs:
        try:
            *_inputs, kept = examine(job)
            status, error = ("skip (up to date)" if kept and not args.force else "render"), None
        except StudioError as e:
            status, error = "invalid", e
        rows.append((job, status, error))
        if args.json:
            print(json.dumps({"job": job.id, **job.to_dict(), "would": status,
                              "error": error.to_dict() if error else None}, ensure_ascii=False), flush=True)
    if not args.json:
        table = Table(title=f"{manifest.path.name}: " + str(_("{n} jobs (dry run, nothing rendered)", n=len(rows))),
                      title_justify="left")
        for col in (_("job"), _("story"), _("preset"), _("overrides"), _("would")):
            table.add_column(str(col))
        for job, status, error in rows:
            over = ", ".join(f"{k}={v}" for k, v in (("brand", job.brand), ("endcard", job.endcard),
                                                      ("caption_style", job.caption_style)) if v)
            colour = {"render": "cyan", "invalid": "red"}.get(status, "green")
            table.add_row(escape(job.id), escape(Path(job.story).name), job.preset, escape(over),
                          f"[{colour}]{escape(gettext(_WOULD[status]))}[/]" + (f"\n{escape(str(error))}" if error else ""))
        out.print(table)
    return EXIT_FAILED if any(s == "invalid" for _, s, _ in rows) else EXIT_OK


class _Ledger:
    """The last word on each job, for the summary table and the JSON report."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.started = time.time()
        self.final: dict[Job, JobEvent] = {}
        self.lock = threading.Lock()

    def __call__(self, e: JobEvent) -> None:
        if e.ended:
            with self.lock:
                self.final[e.job] = e

    def count(self, kind: str) -> int:
        return sum(1 for e in self.final.values() if e.kind == kind)

    def status(self, job: Job) -> str:
        e = self.final.get(job)
        return e.kind if e else "not run"

    def record(self, job: Job) -> dict:
        e = self.final.get(job)
        r = e.result if e else None
        return {"job": job.id, "inputs": job.to_dict(), "status": self.status(job),
                "qa": r.qa if r else None, "outputs": r.to_dict() if r else None,
                "error": ({**e.error.to_dict(), "stderr_tail": getattr(e.error, "stderr_tail", "") or None}
                          if e and e.error else None),
                "elapsed_s": round(e.elapsed_s, 3) if e else None}

    def write(self, interrupted: bool) -> Path | None:
        path = self.manifest.report_path
        data = {"manifest": str(self.manifest.path.resolve()),
                "started": _dt.datetime.fromtimestamp(self.started, _dt.timezone.utc).isoformat(timespec="seconds"),
                "elapsed_s": round(time.time() - self.started, 3), "interrupted": interrupted,
                "counts": {k: self.count(k) for k in ("finished", "skipped", "failed", "cancelled")},
                "jobs": [self.record(j) for j in self.manifest.jobs]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_dead_parts(path.parent)
            part = path.with_name(f".{path.name}.{os.getpid()}.part")
            part.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
            os.replace(part, path)
        except OSError:
            return None
        return path


class _Display:
    """An overall bar and one bar per running job, on a terminal; each ended job leaves a line."""

    def __init__(self, console: Console, total: int) -> None:
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                                 TimeRemainingColumn(), TextColumn("{task.fields[note]}"), console=console,
                                 transient=True)
        self.total = total
        self.overall = self.progress.add_task(str(_("batch {done}/{total}", done=0, total=total)), total=total, note="")
        self.tasks: dict[Job, TaskID] = {}
        self.done = 0
        self.counts: dict[str, int] = {}

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def __call__(self, e: JobEvent) -> None:
        if e.kind == "waiting":
            self.progress.console.print(_line(e))
        elif e.kind == "started":
            self.tasks[e.job] = self.progress.add_task(f"  {escape(e.job.id)}", total=1.0, note="")
        elif e.kind == "progress" and e.job in self.tasks:
            self.progress.update(self.tasks[e.job], completed=e.fraction)
        elif e.ended:
            if e.job in self.tasks:
                self.progress.remove_task(self.tasks.pop(e.job))
            self.done += 1
            self.counts[e.kind] = self.counts.get(e.kind, 0) + 1
            note = " · ".join(f"{n} {gettext(_KINDS.get(k, k))}" for k, n in sorted(self.counts.items()))
            self.progress.update(self.overall, completed=self.done,
                                 description=str(_("batch {done}/{total}", done=self.done, total=self.total)),
                                 note=note)
            self.progress.console.print(_line(e))


# what a job's state is called on screen (the JSON keeps the English ids)
_KINDS = {"waiting": N_("waiting"), "finished": N_("finished"), "skipped": N_("skipped"), "failed": N_("failed"),
          "cancelled": N_("cancelled"), "not run": N_("not run"), "started": N_("started")}
_WOULD = {"render": N_("render"), "skip (up to date)": N_("skip (up to date)"), "invalid": N_("invalid")}
_MARKS = {"waiting": "[yellow]…[/]", "finished": "[green]✓[/]", "skipped": "[green]=[/]", "failed": "[red]✗[/]", "cancelled": "[yellow]■[/]"}


def _line(e: JobEvent) -> str:
    text = f"{_MARKS.get(e.kind, '·')} {escape(e.job.id)} {escape(gettext(_KINDS.get(e.kind, e.kind)))}"
    if e.result is not None:
        text += f" · {gettext('QA')} {escape(verdict_text(e.result.qa))}" if e.result.qa else ""
        text += f" · {number(e.elapsed_s, 1)} s" if e.kind == "finished" else " " + gettext("(up to date)")
    if e.note:
        text += f": {escape(e.note)}"
    if e.error is not None:
        text += f"\n    {escape(str(e.error).replace(chr(10), chr(10) + '    '))}"
    return text


def _summary(out: Console, ledger: _Ledger, manifest: Manifest, report: Path | None) -> None:
    table = Table(title=f"{manifest.path.name}: " + str(_("{n} jobs", n=len(manifest.jobs))), title_justify="left")
    for col, just in ((_("job"), "left"), (_("status"), "left"), (_("QA"), "left"), (_("time"), "right"),
                      (_("output"), "left")):
        table.add_column(str(col), justify=just)  # type: ignore[arg-type]
    colours = {"finished": "green", "skipped": "green", "failed": "red", "cancelled": "yellow", "not run": "yellow"}
    qa_colours = {"publishable": "green", "not publishable": "red"}
    for job in manifest.jobs:
        e = ledger.final.get(job)
        status = ledger.status(job)
        r = e.result if e else None
        output = str(r.video) if r else (f"{e.error.where}: {e.error.message}" if e and e.error else "")
        qa = f"[{qa_colours.get(r.qa, 'yellow')}]{escape(verdict_text(r.qa))}[/]" if r and r.qa else ""
        time_s = f"{number(e.elapsed_s, 1)} s" if e and status == "finished" else ""
        table.add_row(escape(job.id), f"[{colours[status]}]{escape(gettext(_KINDS[status]))}[/]", qa, time_s, escape(output))
    out.print(table)
    counts = ", ".join(f"{ledger.count(k)} {gettext(_KINDS[k])}" for k in ("finished", "skipped", "failed", "cancelled")
                       if ledger.count(k))
    out.print(escape((counts or gettext("nothing done")) + (str(_(" · report: {path}", path=report)) if report else "")))
