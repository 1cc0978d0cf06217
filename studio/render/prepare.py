"""Draws every image a render needs, once, into a work folder: background stills decoded and
scaled once (never `-loop 1` on an image input), caption boxes, the brand layer, the end card.
It also analyses footage for faces: a small mask video per anonymised clip, and the smoothed
crop path of each `fit=subject` clip."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.care import project_care
from ..core.story import Background
from ..media.care_cards import draft_watermark, endcard_watermark, warning_card
from ..media.endcard import endcard_image
from ..media.layers import Placed, brand_layer, caption_image, gradient, safe_box, title_image
from ..media.probe import load_still
from .footage import window
from .plan import Plan, moves


@dataclass(frozen=True)
class Subject:
    """A `fit=subject` crop path: (frame, centre as a fraction of the scaled source) keyframes."""

    x: list[tuple[int, float]]
    y: list[tuple[int, float]]


@dataclass(frozen=True)
class Assets:
    stills: dict[int, Path]   # segment index -> prepared still (images and the brand background)
    captions: list[Placed]    # one per caption event, in timeline order
    highlights: list[list[tuple[Placed, int, int]]]  # per event: (word image, first frame, end frame)
    brand: Placed
    endcard: Path
    dropped_chars: frozenset[str]
    masks: dict[int, Path] = field(default_factory=dict)        # segment -> face mask video
    subjects: dict[int, Subject] = field(default_factory=dict)  # segment -> crop path
    intro: Path | None = None        # the content-warning card (story's `content_warning:`)
    watermark: Placed | None = None  # the draft watermark (no `consent.given: true`)...
    endcard_watermark: Placed | None = None  # ...and where it goes on the end card (off the helpline text)
    cover_watermark: Placed | None = None    # ...and on the cover (its own file: one graph input per use)
    titles: list[tuple[Placed, int, int]] = field(default_factory=list)  # `# heading`: image, first, end frame
    cover_title: Placed | None = None  # the story's title, drawn on the cover frame only


def effective_motion(plan: Plan, index: int, bg: Background | None) -> str:
    """A photo's motion: its own `#motion=`, else the look's (a pan alternating its direction)."""
    if bg is None or not moves(plan, bg):
        return "none"
    if bg.motion != "auto":
        return bg.motion
    return ("pan-right", "pan-left", "pan-down", "pan-up")[index % 4]


def anonymized(plan: Plan, bg: Background | None, what: str) -> bool:
    if bg is not None and bg.anonymize is not None:
        return what in bg.anonymize
    return what in plan.project.story.meta.anonymize


def part_frames(plan: Plan, index: int) -> int:
    """Frames of background `index`: its segment, plus the crossfade into the next one."""
    segs = plan.timeline.segments
    xfade = round(plan.project.look.background.crossfade_s * plan.timeline.fps)
    return segs[index].frames + (xfade if index < len(segs) - 1 else 0)


def segment_input_opts(plan: Plan, index: int) -> dict:
    """The input options of footage segment `index`, kept apart from an earlier segment that
    reads the same clip with the same window (see Window.input_opts)."""
    def key(i: int):
        bg = plan.timeline.segments[i].background
        return bg.path, tuple(sorted(window(plan, bg, part_frames(plan, i)).input_opts().items()))

    segs = plan.timeline.segments
    mine = key(index)
    copy = sum(1 for i in range(index) if segs[i].background is not None
               and plan.media[segs[i].background.path].kind == "video" and key(i) == mine)
    return window(plan, segs[index].background, part_frames(plan, index)).input_opts(copy)


def still_size(plan: Plan, motion: str = "pan") -> tuple[int, int]:
    """A moving still is larger than the canvas by `pan_amount` (even sizes for yuv420p)."""
    c = plan.project.preset.canvas
    m = plan.project.look.background.pan_amount if motion != "none" else 0
    return 2 * round(c.width * (1 + m) / 2), 2 * round(c.height * (1 + m) / 2)


def prepare(plan: Plan, work: Path) -> Assets:
    project = plan.project
    c = project.preset.canvas
    stills: dict[int, Path] = {}
    masks: dict[int, Path] = {}
    subjects: dict[int, Subject] = {}
    for i, seg in enumerate(plan.timeline.segments):
        bg = seg.background
        if bg is not None and plan.media[bg.path].kind == "video":
            analyse_footage(plan, i, bg, work, masks, subjects)
            continue
        out = work / f"still-{i:03d}.bmp"  # uncompressed: 50x faster to write than PNG, read once
        if bg is None:
            gradient((c.width, c.height), project.look.background.colors).save(out)
        else:
            photo(plan, bg, still_size(plan, effective_motion(plan, i, bg))).save(out)
        stills[i] = out
    dropped: set[str] = set()
    captions, highlights = [], []
    for k, e in enumerate(plan.timeline.events):
        words: list[Placed | None] = []
        captions.append(caption_image(project, e.rich or e.lines, work / f"caption-{k:03d}.png", dropped, words))
        highlights.append([(p, a, b) for p, (_, a, b) in zip(words, e.word_spans()) if p is not None and b > a])
    meta = project.story.meta
    care = project_care(project) if meta.content_warning or meta.is_draft else None
    titles = [(title_image(project, b.title, work / f"title-{i:03d}.png"), span.start, span.end)
              for i, (b, span) in enumerate(zip(project.story.beats, plan.timeline.beats)) if b.title]
    heading_on_cover = any(a <= plan.cover_frame < b for _, a, b in titles)
    cover_title = None
    if meta.title and not heading_on_cover and plan.cover_image is None:
        shown = [captions[k] for k, e in enumerate(plan.timeline.events) if e.start <= plan.cover_frame < e.end]
        cover_title = clear_of(title_image(project, meta.title, work / "cover-title.png"), shown, project)
    watermark = endcard_mark = cover_mark = None
    if meta.is_draft:
        watermark = draft_watermark(project, care, work / "draft.png")
        endcard_mark = endcard_watermark(project, care, work / "draft-end.png")
        cover_mark = replace(watermark, path=Path(shutil.copy(watermark.path, work / "draft-cover.png")))
    return Assets(stills=stills, captions=captions, highlights=highlights, brand=brand_layer(project, work / "brand.png"),
                  endcard=endcard_image(project, work / "endcard.bmp"), dropped_chars=frozenset(dropped),
                  masks=masks, subjects=subjects,
                  intro=warning_card(project, care, work / "intro.bmp") if meta.content_warning else None,
                  watermark=watermark, endcard_watermark=endcard_mark, cover_watermark=cover_mark,
                  titles=titles, cover_title=cover_title)


def overlaps(a: Placed, b: Placed) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def clear_of(title: Placed, others: list[Placed], project) -> Placed:
    """The cover's title where no other text of the cover frame is: its place below the logo,
    else just above the texts it would cover, else just below them (two texts never overlap)."""
    hit = [o for o in others if overlaps(title, o)]
    if not hit:
        return title
    gap = max(2, round(16 * project.preset.canvas.width / 1080))
    _, top, _, bottom = safe_box(project)
    above = min(o.y for o in hit) - gap - title.height
    below = max(o.y + o.height for o in hit) + gap
    for y in (above, below):
        moved = replace(title, y=y)
        if top <= y and y + title.height <= bottom and not any(overlaps(moved, o) for o in others):
            return moved
    return replace(title, y=max(0, above))


def write_cover_image(plan: Plan, out: Path) -> None:
    """`cover: media/picture.jpg`: the picture, cropped to the canvas, as the cover JPEG."""
    c = plan.project.preset.canvas
    assert plan.cover_image is not None
    load_still(plan.cover_image.path, (c.width, c.height)).save(out, "JPEG", quality=92)


def photo(plan: Plan, bg: Background, size: tuple[int, int]):
    want_faces = bg.fit == "subject" or anonymized(plan, bg, "faces")
    if not want_faces:
        return load_still(bg.path, size)
    from ..media import faces  # OpenCV: loaded only when a story asks for faces, not at start-up

    a = plan.project.look.anonymize
    focus = None
    if bg.fit == "subject":  # centre the crop on the faces, found on a small decode of the photo
        focus = faces.centre_of(faces.find_in_image(load_still(bg.path, _small(plan, bg)), a.analysis_width))
    im = load_still(bg.path, size, focus=focus)
    if anonymized(plan, bg, "faces"):  # found again on the final crop, where the blur goes
        im = faces.blur_faces(im, faces.find_in_image(im, a.analysis_width), a.face_padding, a.photo_cells)
    return im


def _small(plan: Plan, bg: Background) -> tuple[int, int]:
    info = plan.media[bg.path]
    w = plan.project.look.anonymize.analysis_width
    return w, max(2, round(info.height * w / max(1, info.width)))


def _visible_columns(plan: Plan, bg: Background) -> tuple[float, float]:
    """The columns of the source a cover crop can show, widened by a face's width on either side
    so a face cut by the crop's edge is still found whole (a landscape clip on a vertical canvas:
    searching about half the frame instead of all of it). Other fits show the whole width."""
    if bg.fit != "cover":
        return 0.0, 1.0
    info, c = plan.media[bg.path], plan.project.preset.canvas
    shown = min(1.0, (c.width / c.height) * info.height / max(1, info.width))
    margin = 0.3 * info.height / max(1, info.width)
    return max(0.0, 0.5 - shown / 2 - margin), min(1.0, 0.5 + shown / 2 + margin)


def analyse_footage(plan: Plan, i: int, bg: Background, work: Path, masks: dict, subjects: dict) -> None:
    """Fills masks[i] (anonymised faces) and subjects[i] (fit=subject); each face search is kept
    on disk (studio.media.face_cache), for the next render and the instant preview."""
    hide = anonymized(plan, bg, "faces")
    if not hide and bg.fit != "subject":
        return
    from ..media import face_cache, faces, reframe  # OpenCV: loaded only when a story asks for faces
    look = plan.project.look
    fps = plan.project.preset.canvas.fps
    frames = part_frames(plan, i)
    win = window(plan, bg, frames)
    a, span, columns = look.anonymize, win.scan_range(), _visible_columns(plan, bg)

    def search(rate: float, keyframes_only: bool = False):
        return face_cache.scan(bg.path, *span, a.analysis_width, rate, columns, keyframes_only)

    if hide:  # a blur must not miss a face: every frame decoded, searched `detect_rate` times a second
        track = search(a.detect_rate)
    else:  # a subject path is smoothed over ~1 s: the keyframes are enough when they come often
        rate = min(a.detect_rate, look.background.subject_detect_rate)
        track = search(rate, keyframes_only=True)
        if not track.covers(*span, look.background.subject_smooth_s):
            track = search(rate)
    times = [win.source_time(k / fps) for k in range(frames)]
    if hide:
        per_frame = [[faces.pad(b, a.face_padding) for b in track.near(t, a.hold_s)] for t in times]
        w = min(a.analysis_width, track.width or a.analysis_width)
        h = max(2, round((track.height or w) * w / max(1, track.width or w)))
        masks[i] = faces.write_mask(work / f"mask-{i:03d}.mkv", per_frame, (w - w % 2, h - h % 2), fps)
    if bg.fit == "subject":
        centres = [faces.centre_of(track.near(t, 0.5 / fps)) for t in times]
        bl = look.background
        every = max(1, round(fps / 2))
        paths = [reframe.keyframes(reframe.smooth_path([c[k] if c else None for c in centres], fps,
                                                       bl.subject_smooth_s, bl.subject_max_speed), every)
                 for k in (0, 1)]
        subjects[i] = Subject(*paths)
