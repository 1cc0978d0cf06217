"""Finding a burned-in caption by its expected image, when the file's layout is known (the QA
of a render, or of a file checked with its story).

The event's times say which frames hold it, and the render's own layout
(studio.media.layers.caption_image) says what it looks like and where it should be. Each event is
searched for on two of its frames, around that place, by normalised correlation with its expected
image: a panning photo, moving footage or a gradient behind it does not move the match, and a
caption that is not on the frames scores low. The contrast of its text against its box is then
measured on the file's pixels where the layout draws each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ..core.captions import Cue
from ..core.captions.contrast import luminance_ratio, parse
from ..core.project import Project
from ..media.layers import caption_image
from .caption_frames import frame_span, luma8, otsu
from .frames import Patch, Scan, luminance

MATCH_SCORE = 0.7       # correlation with the expected caption: ~0.9-0.99 when shown, < 0.55 when not
SEARCH = 0.03           # the caption is searched for this fraction of the width around its place


@dataclass(frozen=True)
class Template:
    """One event's caption as the render's layout draws it, at the scale of the QA's detail frames."""

    x: int                  # where the layout puts its top-left corner, in detail pixels
    y: int
    luma: np.ndarray        # (h, w) float32: the caption over black
    mask: np.ndarray        # (h, w) uint8: drawn pixels
    text: np.ndarray        # (h, w) bool: glyph cores
    box: np.ndarray         # (h, w) bool: the band or outline around them, away from the glyphs


def caption_templates(project: Project, cues: list[Cue], detail_w: int, work: Path,
                      drawn_lines: list[tuple[str, ...]] | None = None) -> list[Template | None]:
    """Each event's expected caption (None for an empty one), for a detail frame `detail_w` wide;
    `drawn_lines`: the lines as drawn (with emphasis marks) when they differ from the cues' plain text."""
    k = detail_w / project.preset.canvas.width
    text_lum = luminance(np.array(parse(project.look.caption.text_color) or (255, 255, 255), np.uint8))
    out: list[Template | None] = []
    for n, cue in enumerate(cues):
        if not any(line.strip() for line in cue.lines):
            out.append(None)
            continue
        placed = caption_image(project, drawn_lines[n] if drawn_lines else cue.lines, work / f"caption-{n:03d}.png")
        with Image.open(placed.path) as im:
            size = (max(1, round(im.width * k)), max(1, round(im.height * k)))
            rgba = np.asarray(im.convert("RGBA").resize(size, Image.Resampling.BOX), dtype=np.float32)
        alpha = rgba[..., 3] / 255
        over_black = rgba[..., :3] * alpha[..., None]
        drawn = rgba[..., 3] > 8
        lum = luminance(np.clip(np.rint(over_black), 0, 255).astype(np.uint8))
        if not drawn.any():
            out.append(None)
            continue
        # the drawn pixels in two classes (text, band or outline): the text's is nearer its colour
        cut = otsu(lum[drawn])
        light = drawn & (lum > cut)
        dark = drawn & ~light
        lit = float(np.median(lum[light])) if light.any() else None
        unlit = float(np.median(lum[dark])) if dark.any() else None
        text_light = unlit is None or (lit is not None and abs(lit - text_lum) <= abs(unlit - text_lum))
        text = (light if text_light else dark) & (rgba[..., 3] > 128)
        # the box: the band or outline where it has its own opacity (not its soft edges, not the glyphs' rims)
        rest = drawn & ~text
        a8 = rgba[..., 3].astype(np.int32)
        usual = int(np.bincount(a8[rest]).argmax()) if rest.any() else 0  # the band's or outline's opacity
        solid = rest & (np.abs(a8 - usual) <= 16)
        out.append(Template(round(placed.x * k), round(placed.y * k), luma8(over_black).astype(np.float32),
                            drawn.astype(np.uint8), *_text_and_box(text, solid)))
    return out


def _morph(op, mask: np.ndarray, size: int) -> np.ndarray:
    return op(mask.astype(np.uint8), np.ones((size, size), np.uint8)).astype(bool)


def _text_and_box(text: np.ndarray, drawn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Glyph cores and the box away from them, without anti-aliased edges (as drawn where that
    leaves fewer than 8 pixels: a tiny test canvas)."""
    core = _morph(cv2.erode, text, 3)
    box = drawn & ~_morph(cv2.dilate, text, 3)
    return (core if core.sum() >= 8 else text), (box if box.sum() >= 8 else drawn & ~text)


def look_frames(cue: Cue, fps: float, n_frames: int) -> list[int]:
    """Two frames inside the event (a third and two thirds in) where its caption is searched for."""
    a, b = frame_span(cue, fps)
    b = min(b, n_frames)
    if b <= a:
        return []
    return sorted({a + (b - a) // 3, a + 2 * (b - a) // 3})


def search_region(t: Template, width: int, height: int) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): where the template is searched for on a detail frame `width` x `height`
    (all of a caption frame the rule reads: the scan may keep only this)."""
    h, w = t.luma.shape
    r = max(3, round(SEARCH * width))
    return max(0, t.x - r), max(0, t.y - r), min(width, t.x + w + r), min(height, t.y + h + r)


def match(frame: Patch, t: Template) -> tuple[float, int, int]:
    """(score, x, y): the best correlation of the template around its place, and where (detail px)."""
    h, w = t.luma.shape
    x0, y0, x1, y1 = search_region(t, frame.width, frame.height)
    if x1 - x0 < w or y1 - y0 < h:
        return 0.0, t.x, t.y
    region = luma8(frame.region(x0, y0, x1, y1).astype(np.float32))
    with np.errstate(all="ignore"):
        res = cv2.matchTemplate(region, t.luma, cv2.TM_CCOEFF_NORMED, mask=t.mask)
    res = np.nan_to_num(res, nan=-1.0, posinf=-1.0, neginf=-1.0)
    _, best, _, (bx, by) = cv2.minMaxLoc(res)
    return float(best), x0 + bx, y0 + by


def template_contrast(frame: Patch, t: Template, x: int, y: int) -> float:
    """Contrast of the text against its box on the file's pixels where the layout draws each: the
    median of the glyph cores against the box's 90th percentile on the text's side (its worst 10%)."""
    h, w = t.luma.shape
    lum = luminance(frame.region(x, y, x + w, y + h))
    if not t.text.any() or not t.box.any():
        return 0.0
    text = float(np.median(lum[t.text]))
    box = lum[t.box]
    worst = float(np.percentile(box, 90 if text > float(np.median(box)) else 10))
    return luminance_ratio(text, worst)


def find_by_template(t: Template | None, frames: list[int], s: Scan) -> tuple[list[int], float, float] | None:
    """(box in the file's pixels, contrast, score) where the event's caption matches best on its
    look frames; None: no expected image, or no frame matches it."""
    if t is None:
        return None
    best = None
    for i in frames:
        if i in s.detail:
            score, x, y = match(s.detail[i], t)
            if score >= MATCH_SCORE and (best is None or score > best[0]):
                best = (score, i, x, y)
    if best is None:
        return None
    score, i, x, y = best
    k = s.scale(s.detail[i])
    h, w = t.luma.shape
    return ([round(x * k), round(y * k), round((x + w) * k), round((y + h) * k)],
            template_contrast(s.detail[i], t, x, y), score)
