"""The background part of the graph: photos, the brand gradient and footage, each exactly its
segment long at the canvas size and fps, joined by cuts or crossfades.

Costs (ARCHITECTURE.md) shape it: a still is decoded and converted once, then looped; a pan is a
moving `crop` (almost free), a zoom a `zoompan` (~35 % more, so only when asked); footage is
brought to the canvas fps and trimmed before any scaling; a face blur is a blurred copy shown
through a small mask video that the analysis wrote (one pipeline, no intermediate file)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import ffmpeg

from ..core.frame_rate import TOLERANCE, exact
from ..core.story import Background
from .plan import Plan
from .prepare import Assets, Subject, anonymized, effective_motion, part_frames, segment_input_opts

BT709 = dict(out_color_matrix="bt709", out_range="tv")


def backgrounds(plan: Plan, assets: Assets):
    """The content-warning card (if any), the beats' backgrounds, then the end card, as one stream."""
    c = plan.project.preset.canvas
    parts = []
    for i, seg in enumerate(plan.timeline.segments):
        frames = part_frames(plan, i)
        if i in assets.stills:
            parts.append(still(assets.stills[i], frames, c.fps, c.width, c.height,
                               effective_motion(plan, i, seg.background), plan.project.look.background.pan_amount))
        else:
            parts.append(footage(plan, assets, i, seg.background, frames))
    v = _crossfade(plan, parts) if plan.project.look.background.crossfade_s > 0 and len(parts) > 1 else None
    if v is not None:
        parts = [v]
    parts.append(still(assets.endcard, plan.timeline.endcard.frames, c.fps, c.width, c.height, "none", 0))
    if assets.intro is not None:
        parts.insert(0, still(assets.intro, plan.timeline.intro.frames, c.fps, c.width, c.height, "none", 0))
    return ffmpeg.concat(*parts, n=len(parts), v=1, a=0) if len(parts) > 1 else parts[0]


def _crossfade(plan: Plan, parts: list):
    """Each background but the last is `crossfade_s` longer; the next one dissolves in over that
    time, starting at its own segment start, so every segment keeps its frames."""
    fps = plan.project.preset.canvas.fps
    d = round(plan.project.look.background.crossfade_s * fps)
    tb = str(1 / Fraction(fps))
    v = parts[0].filter("settb", tb)
    origin = plan.timeline.segments[0].start  # after the content-warning card, if any
    for seg, nxt in zip(plan.timeline.segments[1:], parts[1:]):
        v = ffmpeg.filter([v, nxt.filter("settb", tb)], "xfade", transition="fade",
                          duration=f"{d / fps:.6f}", offset=f"{(seg.start - origin) / fps:.6f}")
    return v


def still(path: Path, frames: int, fps: int, w: int, h: int, motion: str, amount: float):
    """A still decoded once, converted to YUV once, looped to `frames`; panned or zoomed."""
    s = (ffmpeg.input(str(path), framerate=fps).video
         .filter("scale", **BT709).filter("format", "yuv420p")
         .filter("loop", loop=frames - 1, size=1, start=0))
    last = max(1, frames - 1)
    if motion in ("zoom-in", "zoom-out"):
        z = f"1+{amount}*on/{last}" if motion == "zoom-in" else f"1+{amount}*(1-on/{last})"
        return (s.filter("zoompan", z=z, x="iw/2-iw/zoom/2", y="ih/2-ih/zoom/2", d=1, s=f"{w}x{h}", fps=fps)
                .filter("setsar", 1))
    x, y = {"none": (0, 0),  # a canvas-sized still
            "pan-right": (f"(iw-ow)*n/{last}", "(ih-oh)/2"), "pan-left": (f"(iw-ow)*(1-n/{last})", "(ih-oh)/2"),
            "pan-down": ("(iw-ow)/2", f"(ih-oh)*n/{last}"), "pan-up": ("(iw-ow)/2", f"(ih-oh)*(1-n/{last})")}[motion]
    return s.filter("crop", w, h, x, y).filter("setsar", 1)


def footage(plan: Plan, assets: Assets, index: int, bg: Background, frames: int):
    """A video background: trimmed (#t=), looped when short, at the canvas fps, exactly `frames`
    long; faces blurred when asked; then cover-cropped, on a blurred fill, or following its subject."""
    c = plan.project.preset.canvas
    src = (to_rate(ffmpeg.input(str(bg.path), **segment_input_opts(plan, index)).video,
                   plan.media[bg.path].fps, c.fps)
           .filter("trim", end_frame=frames).filter("setpts", "PTS-STARTPTS"))
    mask = assets.masks.get(index) if anonymized(plan, bg, "faces") else None
    return fit_footage(plan, bg, src, mask, assets.subjects.get(index))


def to_rate(src, clip_fps: float, fps):
    """A clip brought to the canvas rate: frame for frame at its own rate, or dropping frames
    for a lower one; for a higher one, each new frame blended from its two neighbours
    (`framerate`), where the `fps` filter would repeat frames in a regular cadence (25 -> 30 fps:
    every fifth frame shown twice, a judder on every pan). Blending down would ghost every frame."""
    if not clip_fps or exact(clip_fps) > Fraction(fps) - TOLERANCE:
        return src.filter("fps", str(fps))
    return src.filter("framerate", fps=str(fps))


def fit_footage(plan: Plan, bg: Background, src, mask, subject: Subject | None):
    """A clip's frames (`src`, at the canvas fps) brought to the canvas: faces blurred through
    `mask` (a mask file or stream, None: no blur), then cover-cropped, on a blurred fill, or
    following `subject`. Shared by the render and the instant preview (studio.preview)."""
    c = plan.project.preset.canvas
    look = plan.project.look.background
    info = plan.media[bg.path]
    if mask is not None:
        src = blur_through_mask(src, mask, info.width, info.height, plan.project.look.anonymize)
    if bg.fit == "blur":
        n = look.blur_fill_scale
        split = src.filter_multi_output("split", 2)
        fill, front = split[0], split[1]
        w, h = c.width // n, c.height // n
        fill = (fill.filter("scale", w, h, force_original_aspect_ratio="increase").filter("crop", w, h)
                .filter("boxblur", *_box_radii(look.blur_fill_radius, w, h)).filter("scale", c.width, c.height))
        front = front.filter("scale", c.width, c.height, force_original_aspect_ratio="decrease",
                             force_divisible_by=2)
        v = ffmpeg.overlay(fill, front, x="(W-w)/2", y="(H-h)/2")
    elif bg.fit == "subject" and subject is not None:
        v = _follow(src, subject, info.width, info.height, c.width, c.height)
    else:
        v = (src.filter("scale", c.width, c.height, force_original_aspect_ratio="increase")
             .filter("crop", c.width, c.height))
    return v.filter("scale", **BT709).filter("format", "yuv420p").filter("setsar", 1)


def _follow(src, subject: Subject, sw: int, sh: int, cw: int, ch: int):
    """Scaled to cover the canvas, then a crop window that glides along the subject's path."""
    scale = max(cw / sw, ch / sh)
    w, h = max(cw, 2 * round(sw * scale / 2)), max(ch, 2 * round(sh * scale / 2))
    x = piecewise_expr([(f, min(max(0.0, v * w - cw / 2), w - cw)) for f, v in subject.x])
    y = piecewise_expr([(f, min(max(0.0, v * h - ch / 2), h - ch)) for f, v in subject.y])
    return src.filter("scale", w, h).filter("crop", cw, ch, x, y)


def blur_through_mask(src, mask, w: int, h: int, a):
    """A copy blurred at 1/`blur_scale` size shows through the white of the mask (scaled up from
    the analysis size), the sharp picture elsewhere. `mask`: a file, or an input stream."""
    split = src.filter_multi_output("split", 2)
    sharp, soft = split[0], split[1]
    n = a.blur_scale
    soft = (soft.filter("scale", max(2, w // n), max(2, h // n)).filter("gblur", sigma=a.blur_radius)
            .filter("scale", w, h))
    mask = ffmpeg.input(str(mask)).video if isinstance(mask, Path) else mask
    alpha = mask.filter("scale", w, h).filter("format", "gray")
    return ffmpeg.overlay(sharp, ffmpeg.filter([soft, alpha], "alphamerge"), format="yuv420")


def piecewise_expr(points: list[tuple[int, float]]) -> str:
    """An ffmpeg expression of the frame number `n` through `points` (frame, pixels), linear in
    between, held outside. Only our numbers go into it."""
    if len(points) == 1:
        return f"{points[0][1]:.1f}"
    expr = f"{points[-1][1]:.1f}"
    for (f0, v0), (f1, v1) in reversed(list(zip(points, points[1:]))):
        slope = (v1 - v0) / (f1 - f0)
        expr = f"if(lt(n,{f1}),{v0:.1f}+{slope:.4f}*(n-{f0}),{expr})"
    return f"max(0,{expr})"


def _box_radii(radius: int, w: int, h: int) -> tuple[int, ...]:
    """boxblur's arguments: a radius must stay under half the plane's smaller side (the chroma
    planes are half size), so a small canvas (a 108x192 preview fill is 13x24) blurs less."""
    luma, chroma = min(radius, min(w, h) // 2 - 1), min(radius, min(w, h) // 4 - 1)
    if (luma, chroma) == (radius, radius):
        return radius, 2
    return max(0, luma), 2, max(0, chroma), 2
