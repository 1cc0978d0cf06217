"""`check(video, preset, story=None)`: every rule on one finished file, as a Report."""

from __future__ import annotations

import glob
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from ..core import frame_rate
from ..core.care import project_care
from ..core.catalog import Catalog
from ..core.errors import MediaError, os_reason
from ..core.i18n import _
from ..core.leftovers import work_dir
from ..core.project import DEFAULT_PRESET, Project, load_project
from ..core.story import Story, load_story, parse_story
from ..core.captions import Cue
from ..core.captions.srt_import import read_cues
from ..core.timeline import Timeline, cues, project_timeline
from ..media.care_cards import draft_watermark, endcard_watermark, warning_card
from ..media.decode import DecodeError
from ..media.endcard import endcard_image
from ..media.layers import caption_fit, card_background
from ..media.probe import probe
from ..media.streams import Unreadable, read_streams as read_header
from .burned_in import burned_rules
from .caption_difference import probe_frames
from .caption_match import Template, caption_templates, look_frames, search_region
from .caption_timing import rules_for, timing_rules
from .cards import CardReference, leading_run, longest_run
from .cadence import cadence_rule
from .care import consent_rule, endcard_fields_rule, self_harm_rule
from .flashes import flash_rules
from .format import Streams, format_rules, read_streams
from .frames import Scan, Wanted, card_size, detail_size, scan
from .loudness import Loudness, loudness_rules, measure
from .model import Report, RuleResult

THUMBS = 8


def infer_preset(video: str | Path, catalog: Catalog | None = None) -> tuple[str, str]:
    """(preset, why) for a file checked without a preset: the one the render's report beside it
    names; else the first shipped or user preset with the file's canvas and frame rate (tiktok
    first); else tiktok."""
    catalog = catalog or Catalog()
    video = Path(video)
    if not video.is_file():
        return DEFAULT_PRESET, ""  # check() says the file is missing
    names = list(catalog.preset_entries())
    stem = video.name.removesuffix(video.suffix)
    for side in (video.with_name(f"{stem}.report.json"), video.with_name(f"{stem}.qa.json")):
        try:
            named = json.loads(side.read_text(encoding="utf-8"))["preset"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        named = named.get("name") if isinstance(named, dict) else named
        if named in names:
            return named, _("named by {name} beside the file", name=side.name)
    try:
        v = read_header(video).video[0]
    except (Unreadable, IndexError):
        return DEFAULT_PRESET, _("the default (the file's format could not be read)")
    width, height, fps = v.width, v.height, v.fps
    ordered = [DEFAULT_PRESET, *(n for n in names if n != DEFAULT_PRESET)]
    for name in ordered:
        c = catalog.preset(name).canvas
        if (c.width, c.height) == (width, height) and fps and (
                abs(float(fps) - c.fps) < 0.01 or frame_rate.accepted(catalog.preset(name), fps)):
            return name, _("the file is {size} at {fps:g} fps", size=f"{width}x{height}", fps=float(fps))
    return DEFAULT_PRESET, _("the default: no preset is {size} at {fps:g} fps", size=f"{width}x{height}",
                             fps=float(fps or 0))


def story_beside(video: str | Path) -> Path | None:
    """The story the render's report beside the video names, when that file still exists."""
    video = Path(video)
    report = video.with_name(f"{video.name.removesuffix(video.suffix)}.report.json")
    try:
        story = Path(json.loads(report.read_text(encoding="utf-8"))["story"]["path"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return story if story.is_file() else None


def check(video: str | Path, preset: str, story: str | Path | Story | None = None,
          captions: str | Path | None = None, *, brand: str | None = None, endcard: str | None = None,
          catalog: Catalog | None = None, cancel: threading.Event | None = None) -> Report:
    """Checks any MP4 against a preset. With a story: its captions, consent, care and cards; without
    one, the brand's default end card and the captions of `captions` (SRT/VTT), or of the SRT
    beside the video when there is one."""
    catalog = catalog or Catalog()
    given = story is not None
    if story is None:
        story = parse_story("…", Path(video).with_suffix(".md"))  # only to draw the brand's cards
    project = load_project(story if isinstance(story, Story) else load_story(story), preset, brand=brand,
                           overrides={"endcard": {"variant": endcard}} if endcard else {}, catalog=catalog)
    video = Path(video)
    if captions is None:  # the sidecar beside the video: name.srt, or name.fr_FR.srt as we write it
        beside = [video.with_suffix(".srt"), *sorted(video.parent.glob(f"{glob.escape(video.stem)}.*_*.srt"))]
        captions = next((c for c in beside if c.is_file()), None)
    return check_project(video, project, Path(captions) if captions else None, story_given=given, cancel=cancel)


@dataclass
class Looks:
    """What the rules will look at, decided from the story and the captions before any frame is
    read (the file's decode and the render's own graph take the same frames), and what they
    compare it with (`with_expected`: drawn after the frames are chosen, beside the render)."""

    events: list[Cue]
    pairs: list[list[tuple[int, int]]]   # caption-free/captioned frame pairs (a file made elsewhere)
    looks: list[list[int]]               # frames each caption is searched on
    wanted: Wanted
    warning: bool                        # a content-warning card comes first
    templates: list[Template | None] = field(default_factory=list)  # each caption's expected image
    endcard: CardReference | None = None  # the cards as the brand kit draws them, at the card frames' size
    warning_card: CardReference | None = None


@dataclass(frozen=True)
class Drawn:
    """The cards a render has drawn already (RGB pictures at the canvas size; watermarks as
    (RGBA picture, x, y)): the self-check compares with them instead of drawing them again."""

    endcard: Image.Image
    intro: Image.Image | None = None
    watermark: tuple[Image.Image, int, int] | None = None
    endcard_watermark: tuple[Image.Image, int, int] | None = None


def plan_looks(project: Project, events: list[Cue], width: int, height: int, fps: float, n_frames: int, *,
               story_given: bool, timeline: Timeline | None, work: Path) -> Looks:
    looks = plan_frames(project, events, fps, n_frames, story_given=story_given)
    return with_expected(looks, project, width, height, story_given=story_given, timeline=timeline, work=work)


def plan_frames(project: Project, events: list[Cue], fps: float, n_frames: int, *, story_given: bool) -> Looks:
    """The frames each rule looks at (no drawing: a render decides its graph's outputs from it)."""
    qa, meta = project.preset.qa, project.story.meta
    pairs = probe_frames(events, fps, n_frames)
    looks = [look_frames(e, fps, n_frames) for e in events]
    warning = story_given and bool(meta.content_warning)
    head_s = project.look.content_warning.duration_s + 1 if warning else 0.0
    tail_s = max(project.look.endcard.duration_s, qa.min_endcard_s) + 2
    thumbs = {round(n_frames * (k + 0.5) / THUMBS) for k in range(THUMBS)}
    detail = {i for f in looks for i in f}
    if not story_given:  # the pairs serve only the search by difference
        detail |= {i for p in pairs for pair in p for i in pair}
    return Looks(events, pairs, looks, Wanted(head_s, tail_s, frozenset(detail), frozenset(thumbs)), warning)


def with_expected(looks: Looks, project: Project, width: int, height: int, *, story_given: bool,
                  timeline: Timeline | None, work: Path, drawn: Drawn | None = None) -> Looks:
    """`looks` with the pictures the rules compare against: each caption's expected image and the
    region it is searched in, the cards (`drawn`: the render's own, else drawn here)."""
    events = looks.events
    dw, dh = detail_size(width, height)
    templates = []
    if events:
        lines = _drawn_lines(timeline, events) if timeline else None
        templates = caption_templates(project, events, dw, work, lines)
    crops: dict[int, tuple[int, int, int, int]] = {}
    if story_given:  # located by their expected image only: each caption frame's search region is enough
        for t, frames in zip(templates, looks.looks):
            for i in frames:
                if t is None:
                    continue
                box = search_region(t, dw, dh)
                crops[i] = _union(crops[i], box) if i in crops else box
    endcard, warning_card = _cards(project, card_size(width, height), story_given, looks.warning, work, drawn)
    return replace(looks, templates=templates, wanted=replace(looks.wanted, crops=crops), endcard=endcard,
                   warning_card=warning_card)


def _cards(project: Project, size: tuple[int, int], story_given: bool, warning: bool,
           work: Path, drawn: Drawn | None) -> tuple[CardReference, CardReference | None]:
    """The end card and content-warning card references, drawn full size and scaled down here,
    before any frame is held (the drawings are the largest pictures the QA makes)."""
    care = project_care(project)
    plain = card_background(project)
    overlay = end_overlay = None
    if story_given and project.story.meta.is_draft:
        if drawn is not None and drawn.watermark and drawn.endcard_watermark:
            overlay, end_overlay = drawn.watermark, drawn.endcard_watermark
        else:
            overlay = placed_image(draft_watermark(project, care, work / "draft.png"))
            end_overlay = placed_image(endcard_watermark(project, care, work / "draft-end.png"))  # off the helpline
    end = drawn.endcard if drawn is not None else _draw(endcard_image, project, work / "end.png")
    ref = CardReference(end, plain, size, end_overlay)
    wref = None
    if warning:
        intro = drawn.intro if drawn is not None and drawn.intro is not None else \
            _draw(lambda p, out: warning_card(p, care, out), project, work / "intro.png")
        wref = CardReference(intro, plain, size, overlay)
    return ref, wref


def placed_image(placed) -> tuple[Image.Image, int, int]:
    """A drawn layer (media.layers.Placed) as (picture, x, y)."""
    with Image.open(placed.path) as im:
        return im.copy(), placed.x, placed.y


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def check_project(video: Path, project: Project, captions: Path | None = None, *, story_given: bool = True,
                  name: str | None = None, cancel: threading.Event | None = None,
                  timeline: Timeline | None = None) -> Report:
    """`cancel` set: stops between frames with RenderCancelled. `timeline`: the story's, when the
    caller (a render) has it; else it is cut again here. Decodes the whole file."""
    started = time.monotonic()
    streams = _streams(video)
    # footage keeps its own rate: a file at another rate its platforms accept is judged at that rate
    project = at_file_rate(project, streams)
    fps = float(streams.fps) or project.preset.canvas.fps
    n_est = max(1, round(streams.duration_s * fps))
    if timeline is None and story_given:
        timeline = _story_timeline(project)
    events = read_captions(captions) if captions else (cues(timeline) if timeline else [])
    with work_dir("qa") as work:
        looks = plan_looks(project, events, streams.width, streams.height, fps, n_est, story_given=story_given,
                           timeline=timeline, work=Path(work))
    w = looks.wanted
    with ThreadPoolExecutor(1) as pool:  # the loudness pass (an ffmpeg child) runs beside the frame scan
        loud_job = pool.submit(measure, video) if streams.n_audio else None
        try:
            sc = scan(video, fps, streams.duration_s, w.head_s, w.tail_s, set(w.detail), set(w.thumbs), cancel,
                      video=streams.video, crops=w.crops)
        except DecodeError as e:
            raise MediaError(_("the video cannot be decoded to its end ({problem})", problem=e), file=video,
                             hint=_("the file is damaged or incomplete: render it again")) from None
        loud = loud_job.result() if loud_job else None
    return judge(video, project, streams, looks, sc, loud, story_given=story_given, name=name, started=started,
                 frames_from="the file, decoded")


def _streams(video: Path) -> Streams:
    if not video.is_file():
        raise MediaError(_("video file not found") if not video.exists() else _("this is a folder, not a video file"),
                         file=video, hint=_("check the path; a render writes NAME.PRESET.mp4 into its --out folder"))
    try:
        return read_streams(video)
    except Unreadable as e:
        raise MediaError(_("not a readable video ({problem})", problem=e), file=video, hint=_("give an MP4 file")) from None
    except FileNotFoundError:
        raise MediaError(_("video file not found"), file=video) from None


def at_file_rate(project: Project, streams: Streams) -> Project:
    """The project at the file's frame rate when its preset accepts that rate (footage keeps its
    own rate: studio.core.frame_rate), else as it is."""
    rate = frame_rate.accepted(project.preset, streams.fps)
    return frame_rate.project_at_rate(project, rate) if rate is not None and rate != project.preset.canvas.rate \
        else project


def judge(video: Path, project: Project, streams: Streams, looks: Looks, sc: Scan, loud: Loudness | None, *,
          story_given: bool, name: str | None, started: float, frames_from: str) -> Report:
    """Every rule on what was read of the file: its boxes and packets (`streams`), its frames
    (`sc`) and its sound (`loud`), whichever way they were taken (`frames_from` says, in the report)."""
    preset, qa = project.preset, project.preset.qa
    results: list[RuleResult] = format_rules(streams, preset)
    data: dict = {"duration_s": streams.duration_s, "width": streams.width, "height": streams.height,
                  "safe_zone": list(preset.safe_zone.box(streams.width, streams.height)), "frames_from": frames_from}
    fps = float(streams.fps) or preset.canvas.fps
    events, meta = looks.events, project.story.meta
    warning, tail_s, thumbs = looks.warning, looks.wanted.tail_s, looks.wanted.thumbs
    results += loudness_rules(loud, preset, story_given and _silent_by_design(project))
    if loud:
        data["loudness"] = {"integrated": loud.integrated_lufs, "true_peak": loud.true_peak_dbtp, "lra": loud.lra_lu,
                            "target": preset.loudness.integrated_lufs,
                            "curve": [[round(t, 2), round(v, 2)] for t, v in loud.curve[::2]]}

    rules, data["flashes"] = flash_rules(sc, qa)
    results += [*rules, cadence_rule(sc)]
    care = project_care(project)
    if events:
        results += timing_rules(events, rules_for(project, fps))
        rules, boxes = burned_rules(events, looks.templates, looks.looks, looks.pairs, sc, project,
                                    by_difference=not story_given)
        results += rules
        data["captions"] = [{"start_s": e.start_s, "end_s": e.end_s, "text": " ".join(e.lines)} for e in events]
        data["caption_boxes"] = boxes
    else:
        results.append(RuleResult("captions.present", "warn", _("no captions to check (give --story or --captions)")))
    results.append(_endcard_rule(sc, looks.endcard, project, fps, tail_s))
    if warning:
        results.append(_warning_rule(sc, looks.warning_card, fps, qa.min_warning_s))
    results.append(consent_rule(project if story_given else None))
    results.append(endcard_fields_rule(project))
    if story_given:
        results.append(self_harm_rule(project, care))
    frames = tuple((float(sc.times[i]), sc.card[i]) for i in sorted(thumbs) if i in sc.card and i < sc.n)
    consent = meta.consent.model_dump(mode="json") if story_given else None
    return Report(video=name or str(video), preset=preset.name, results=tuple(results),
                  story=str(project.story.path) if story_given else None, consent=consent, data=data,
                  elapsed_s=time.monotonic() - started, lang=meta.lang if story_given else "en", thumbs=frames)


def _silent_by_design(project: Project) -> bool:
    """The story asks for no sound: no music, no voice-over, no beat's voice, no clip whose sound is kept."""
    story, meta = project.story, project.story.meta
    def sounds(bg) -> bool:
        if (bg.sound or project.look.footage.sound) == "mute":
            return False
        try:
            return probe(bg.path, expect=("image", "video")).has_audio
        except MediaError:
            return False  # a missing clip is the render's error, not a sound
    clip_sound = any(sounds(bg) for bg in {bg.path: bg for bg in story.backgrounds}.values())
    return not (meta.music or meta.voiceover or any(b.voice for b in story.beats) or clip_sound)


def _draw(fn, project: Project, out: Path) -> Image.Image:
    fn(project, out)
    return rgb_image(out)


def rgb_image(path: Path) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("RGB")


def _endcard_rule(sc, ref: CardReference, project: Project, fps: float, tail_s: float) -> RuleResult:
    need = project.preset.qa.min_endcard_s
    number = project.endcard.number
    frames = sorted(i for i in sc.card if sc.times[i] >= sc.times[-1] - tail_s) if sc.n else []
    start, run = longest_run(sc, ref, frames)
    shown = run / fps
    at = (float(sc.times[start]),) if run else ()
    if run and shown >= need - 0.5 / fps:
        return RuleResult("helpline.endcard", "pass", _("end card with the {number} helpline shown {seconds:.1f} s",
                                                        number=number, seconds=shown),
                          round(shown, 2), _("≥ {seconds:g} s", seconds=need), at)
    if run:
        return RuleResult("helpline.endcard", "fail", _("the end card with {number} is shown only {seconds:.1f} s",
                                                        number=number, seconds=shown),
                          round(shown, 2), _("≥ {seconds:g} s", seconds=need), at)
    return RuleResult("helpline.endcard", "fail",
                      _("no end card with the {number} helpline in the last {seconds:g} s", number=number, seconds=tail_s),
                      0.0, _("≥ {seconds:g} s", seconds=need), (max(0.0, float(sc.times[-1]) - tail_s) if sc.n else 0.0,))


def _warning_rule(sc, ref: CardReference, fps: float, need: float) -> RuleResult:
    shown = leading_run(sc, ref) / fps
    ok = shown >= need - 0.5 / fps
    return RuleResult("care.content_warning", "pass" if ok else "fail",
                      _("content-warning card shown {seconds:.1f} s before the story", seconds=shown) if ok else
                      _("the content-warning card is shown {seconds:.1f} s: at least {need:g} s before the first beat",
                        seconds=shown, need=need),
                      round(shown, 2), _("≥ {seconds:g} s", seconds=need), (0.0,))


def read_captions(path: Path) -> list[Cue]:
    """The events of an SRT or WebVTT file, read by the same reader as a story's `timing_srt`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise MediaError(_("cannot read the caption file ({reason})", reason=os_reason(e)), file=path,
                         hint=_("give an SRT or WebVTT file in UTF-8")) from None
    return sorted(read_cues(text, str(path)), key=lambda c: c.start_s)


def _drawn_lines(timeline: Timeline, events: list[Cue]) -> list[tuple[str, ...]]:
    """The lines as the render drew them: a caption with `**emphasis**` is drawn from its marked
    lines (bold, in the emphasis colour), while its caption file holds the plain text."""
    rich = {e.lines: e.rich for e in timeline.events if e.rich}
    return [rich.get(tuple(e.lines), tuple(e.lines)) for e in events]


def _story_timeline(project: Project) -> Timeline:
    """The story's timeline as the render cuts it: reading speed and explicit durations; a voice
    only stretches the beats (the render's speech alignment is not redone here, so a voiced story
    is best checked with its SRT)."""
    story = project.story
    voice = probe(story.media_path(story.meta.voiceover), expect=("audio", "video")).duration_s if story.meta.voiceover else 0.0
    return project_timeline(project, min_story_s=voice, fit=caption_fit(project))
