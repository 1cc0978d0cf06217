"""The render entry point every shell calls: `render(job, on_progress=None, cancel=None)`.

Everything is validated before a process starts; outputs are written to hidden `.part` files
beside their targets and renamed only when all of them succeeded, so a failed or cancelled render
never leaves or overwrites a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING


from .. import __version__
from ..core.i18n import _
from ..core.errors import os_reason
from ..core.errors import OutputError, StudioError, write_failed
from ..core.files import stem_problem
from ..core.post import post_text
from ..core.leftovers import remove_dead_parts, remove_dead_work_dirs, work_dir
from ..core.project import Project
from ..media.ffmpeg_binary import ffmpeg_exe
from .graph import Outputs, build_argv
from .loudness import loudness_for
from .plan import Plan, caption_problems, make_plan, plan_warnings
from .prepare import Assets, prepare, write_cover_image
from .runner import ProgressCallback, run_ffmpeg
from .sidecars import locale, vtt_settings, write_sidecars

if TYPE_CHECKING:
    from ..qa import Report


@dataclass(frozen=True)
class RenderJob:
    project: Project
    out_dir: Path
    name: str | None = None  # file stem; default "<story>.<preset>"
    threads: int | None = None  # ffmpeg threads (encoder and filters); None: ffmpeg's choice (the batch sets it)
    verify_file: bool = False  # the QA decodes the finished file again (else it reads the graph's own frames)

    @property
    def stem(self) -> str:
        return self.name or f"{self.project.name}.{self.project.preset.name}"


@dataclass(frozen=True)
class RenderResult:
    story: Path
    preset: str
    video: Path
    srt: Path
    vtt: Path
    cover: Path
    report: Path
    duration_s: float
    elapsed_s: float
    warnings: tuple[str, ...] = field(default=())
    qa: str = ""                       # the QA verdict: publishable / … with warnings / not publishable
    qa_report: tuple[Path, ...] = ()   # the QA report, JSON and HTML
    qa_s: float = 0.0                  # time the QA took
    qa_findings: tuple[dict, ...] = ()  # every rule that warns or fails: rule, status, message, times
    post: Path | None = None           # the text to publish with the video (<story>.<preset>.post.txt)

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else [x if isinstance(x, dict) else str(x) for x in v]
                    if isinstance(v, tuple) else v) for k, v in asdict(self).items()}


def render(job: RenderJob, on_progress: ProgressCallback | None = None,
           cancel: threading.Event | None = None) -> RenderResult:
    started = time.monotonic()
    if problem := stem_problem(job.stem):
        raise OutputError(_("the output name {name!r} {problem}", name=job.stem, problem=problem),
                          file=job.project.story.path,
                          hint=_("rename the story file (its name names the outputs)") if job.name is None
                          else _("choose another output name"))
    plan = make_plan(job.project)
    out_dir = ready_out_dir(job.out_dir)
    # what a killed run left (its process is gone): hidden parts here, work folders in the temp folder
    remove_dead_parts(out_dir)
    remove_dead_work_dirs()
    targets = {ext: out_dir / f"{job.stem}.{ext}" for ext in ("mp4", "srt", "vtt", "jpg", "report.json",
                                                                "qa.json", "qa.html", "post.txt")}
    # SRT named with its locale (name.fr_FR.srt), as Facebook and YouTube read it
    targets["srt"] = out_dir / f"{job.stem}.{locale(job.project.story.meta.lang)}.srt"
    token = f"{os.getpid()}-{threading.get_ident()}"
    parts = {ext: t.with_name(f".{t.name}.{token}.part") for ext, t in targets.items()}
    try:
        # the caption files first: the self-check reads the captions from them, as `studio check` does
        try:
            write_sidecars(plan.timeline, parts["srt"], parts["vtt"], vtt_settings(job.project))
        except OSError as e:
            raise write_failed(e, targets["srt"], _("the caption files")) from None
        # every render checks itself before anything is renamed into place: on the frames and the
        # mix its graph encodes (and the file's boxes), or with --verify-file on a decode of the file
        from ..qa import check_project, write_report  # loaded by a render, not at CLI start-up
        from ..qa.inline import SelfCheck
        from .taps import drawn, open_taps

        own = None if job.verify_file else SelfCheck(plan.project, parts["srt"], plan.timeline)
        try:
            with work_dir() as work:
                assets = prepare(plan, Path(work))
                loudness = loudness_for(plan, cancel)  # first pass (cached per inputs); None when silent
                # the cover is a frame of the same graph (front matter `cover: 4.5`, by default the
                # first): ffmpeg 9 drops the frames before it without holding them (measured: same peak
                # memory for frame 0 and frame 500 at 1080x1920); `cover: picture.jpg` is written here
                in_graph = plan.cover_image is None
                outputs, taps = open_taps(own, Outputs(video=parts["mp4"], cover=parts["jpg"] if in_graph else None,
                                                       cover_frame=plan.cover_frame))
                try:
                    argv = build_argv(plan, assets, outputs, ffmpeg_exe(), loudness=loudness, threads=job.threads)
                    if not in_graph:
                        write_cover_image(plan, parts["jpg"])
                except BaseException:
                    taps.close()
                    raise
                encode_s = run_ffmpeg(argv, total_frames=plan.timeline.total_frames,
                                      on_progress=on_progress, cancel=cancel, side_pipes=taps.pipes,
                                      meanwhile=(lambda: own.expect(drawn(assets))) if own else None)
            qa = own.report(parts["mp4"], name=str(targets["mp4"])) if own else \
                check_project(parts["mp4"], plan.project, parts["srt"], name=str(targets["mp4"]), cancel=cancel,
                              timeline=plan.timeline)
        finally:
            if own is not None:
                own.close()
        write_report(qa, parts["qa.json"], parts["qa.html"])
        try:  # the text to publish with the video, within the platform's limits
            parts["post.txt"].write_text(post_text(job.project), "utf-8")
        except OSError as e:
            raise write_failed(e, targets["post.txt"], _("the post")) from None
        warnings = plan_warnings(plan) + _warnings(assets) + _caption_warnings(plan)
        elapsed = time.monotonic() - started
        try:
            parts["report.json"].write_text(json.dumps(
                _report(plan, targets, argv, elapsed, encode_s, warnings, qa), ensure_ascii=False, indent=2), "utf-8")
            for ext, part in parts.items():
                os.replace(part, targets[ext])
        except OSError as e:
            raise write_failed(e, targets["report.json"], _("the render's report")) from None
    except StudioError as e:
        _name_targets(e, parts, targets)
        raise
    finally:
        for part in parts.values():
            part.unlink(missing_ok=True)
    return RenderResult(story=job.project.story.path, preset=job.project.preset.name, video=targets["mp4"],
                        srt=targets["srt"], vtt=targets["vtt"], cover=targets["jpg"],
                        report=targets["report.json"], duration_s=plan.timeline.duration_s,
                        elapsed_s=round(elapsed, 3), warnings=tuple(str(w) for w in warnings), qa=qa.verdict,
                        qa_report=(targets["qa.json"], targets["qa.html"]), qa_s=round(qa.elapsed_s, 3),
                        post=targets["post.txt"],
                        qa_findings=tuple({"rule": r.rule, "status": r.status, "message": str(r.message),
                                           "times": [round(t, 3) for t in r.times]}
                                          for r in qa.results if r.status != "pass"))


def _name_targets(e: StudioError, parts: dict[str, Path], targets: dict[str, Path]) -> None:
    """An error about a hidden `.part` file names the file the user gets instead (the part is
    removed on the way out; its name means nothing to them)."""
    def named(text):
        if not isinstance(text, str):
            return text
        for ext, part in parts.items():
            text = text.replace(str(part), str(targets[ext])).replace(part.name, targets[ext].name)
        return text
    for attr in ("message", "file", "hint", "stderr_tail"):
        if hasattr(e, attr):
            setattr(e, attr, named(getattr(e, attr)))
    e.args = tuple(named(a) for a in e.args)


def ready_out_dir(path: Path) -> Path:
    """Creates the output folder and proves it writable, or raises OutputError."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(_("this is a file, not a folder: the output goes into a folder"), file=path,
                          hint=_("give a folder with --out, e.g. --out {path}", path=path.parent / "out"))
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".studio-write-test-"):
            pass
    except OSError as e:
        raise OutputError(_("cannot write to the output folder ({reason})", reason=os_reason(e)), file=path,
                          hint=_("choose a folder you can write to with --out")) from None
    return path.resolve()


def _warnings(assets: Assets) -> list[str]:
    if not assets.dropped_chars:
        return []
    chars = " ".join(f"{c} (U+{ord(c):04X})" for c in sorted(assets.dropped_chars))
    return [_("characters no shipped font can draw were left out of the burned-in captions: {chars}", chars=chars)]


def _caption_warnings(plan: Plan) -> list[str]:
    """Readability problems left in the captions (e.g. a voice too fast to follow at 17 cps)."""
    return [_("caption {n} at {seconds:.2f} s breaks '{rule}': {problem}", n=p.event, seconds=p.time_s, rule=p.rule,
              problem=p.message) for p in caption_problems(plan)]


def _report(plan: Plan, targets: dict[str, Path], argv: list[str], elapsed: float, encode_s: float,
            warnings: list[str], qa: Report) -> dict:
    p = plan.project
    tl = plan.timeline
    return {
        "studio_version": __version__,
        "story": {"path": str(p.story.path), "title": p.story.title, "lang": p.story.meta.lang,
                  "beats": len(p.story.beats),
                  "consent": p.story.meta.consent.model_dump(mode="json")},
        "preset": {"name": p.preset.name, "source": str(p.preset.source),
                   "canvas": p.preset.canvas.model_dump(), "video": p.preset.video.model_dump(),
                   "audio": p.preset.audio.model_dump()},
        "brand": {"name": p.brand.name, "source": str(p.brand.source), "hashtag": p.look.hashtag,
                  "endcard": p.endcard.model_dump()},
        "inputs": [{"path": str(m.path), "kind": m.kind, "width": m.width, "height": m.height,
                    "duration_s": round(m.duration_s, 3), "rotation": m.rotation}
                   for m in [*plan.media.values(), *(x for x in (plan.music, plan.voice) if x)]],
        "timeline": {"fps": _json_rate(p.preset.canvas.rate), "frames": tl.total_frames, "duration_s": tl.duration_s,
                     "endcard": {"start_s": tl.seconds(tl.endcard.start), "duration_s": tl.seconds(tl.endcard.frames)},
                     "captions": [{"start_s": tl.seconds(e.start), "end_s": tl.seconds(e.end), "lines": list(e.lines),
                                   "words_s": [round(tl.seconds(f), 3) for f in e.words]}
                                  for e in tl.events]},
        "outputs": {k: str(v) for k, v in targets.items()},
        "duration_s": tl.duration_s,
        "elapsed_s": round(elapsed, 3),
        "ffmpeg_s": round(encode_s, 3),
        "argv": argv,
        "warnings": [str(w) for w in warnings],
        "qa": {"verdict": qa.verdict, "status": qa.status, "report": str(targets["qa.json"]),
               "failures": [r.rule for r in qa.failures], "elapsed_s": round(qa.elapsed_s, 3)},
    }


def _json_rate(rate) -> int | str:
    """30 as 30, 30000/1001 as "30000/1001": exact, as ffprobe writes rates."""
    return int(rate) if rate.denominator == 1 else str(rate)
