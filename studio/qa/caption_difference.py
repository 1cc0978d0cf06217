"""Finding a burned-in caption by difference, when the layout is not known (a file made
elsewhere, checked without its story): the frame where an event starts (or ends) against its
caption-free neighbour, what appeared being the caption's box.

Kept apart from caption_match on purpose: that search needs the render's layout and holds up
under a pan or moving footage; this one needs nothing but the frames and the events' times, so
it is the only way to check a file from another tool, and the QA's fallback when a rendered
caption does not match its expected image."""

from __future__ import annotations

import numpy as np

from ..core.captions import Cue
from ..core.captions.contrast import luminance_ratio
from .caption_frames import frame_span, luma8, otsu
from .frames import Scan, luminance

DIFF_LUMA = 24          # 8-bit luma change that marks a pixel as part of the caption
MAX_BOX_HEIGHT = 0.25   # taller than this (2 lines + band are ~10 %): moving footage, not a caption
CUT_FRACTION = 0.5      # more of the frame than this changed: a cut, not a caption


def probe_frames(events: list[Cue], fps: float, n_frames: int) -> list[list[tuple[int, int]]]:
    """For each event, candidate (caption-free, captioned) frame pairs one frame apart."""
    spans = [frame_span(e, fps) for e in events]
    shown = np.zeros(n_frames + 2, dtype=bool)
    for a, b in spans:
        shown[max(0, a):min(b, n_frames)] = True
    pairs = []
    for a, b in spans:
        cands = []
        if 0 <= a - 1 < n_frames and a < n_frames and not shown[a - 1]:
            cands.append((a - 1, a))
        if 0 < b < n_frames and not shown[b]:
            cands.append((b, b - 1))
        pairs.append(cands)
    return pairs


def locate(clean: np.ndarray, captioned: np.ndarray) -> tuple[tuple[int, int, int, int], np.ndarray] | None:
    """(x0, y0, x1, y1) of what appeared, in the arrays' pixels, and its mask; None: nothing, or a cut."""
    changed = np.abs(luma8(captioned.astype(np.float32)) - luma8(clean.astype(np.float32))) > DIFF_LUMA
    if changed.mean() > CUT_FRACTION or changed.sum() < 4:
        return None
    h, w = changed.shape
    rows = np.flatnonzero(changed.sum(axis=1) >= max(1, 0.005 * w))
    cols = np.flatnonzero(changed.sum(axis=0) >= max(1, 0.005 * h))
    if not len(rows) or not len(cols):
        return None
    return (int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1), changed


def text_contrast(captioned: np.ndarray, mask: np.ndarray) -> float:
    """WCAG contrast of text against its box, over the pixels that changed (text, band, outline):
    Otsu splits them in two; the smaller class is the text. Text: the 90th percentile of its class
    (glyph cores, not their anti-aliased edges); box: the median of its class."""
    lum = luminance(captioned)[mask]
    if lum.size < 8:
        return 0.0
    t = otsu(lum)
    hi, lo = lum[lum > t], lum[lum <= t]
    if not hi.size or not lo.size:
        return 1.0
    if hi.size <= lo.size:  # light text on a dark box
        return luminance_ratio(float(np.percentile(hi, 90)), float(np.median(lo)))
    return luminance_ratio(float(np.median(hi)), float(np.percentile(lo, 10)))


def find_by_difference(cands: list[tuple[int, int]], s: Scan) -> tuple[list[int], float, None] | None:
    """The box of what appeared at the event's start and disappeared at its end: with both pairs,
    only the pixels that changed at both (a pan or moving footage changes other pixels each time)."""
    found = []
    for clean_i, cap_i in cands:
        if clean_i in s.detail and cap_i in s.detail and s.detail[clean_i].whole and s.detail[cap_i].whole:
            hit = locate(s.detail[clean_i].pixels, s.detail[cap_i].pixels)
            if hit is not None and hit[0][3] - hit[0][1] <= MAX_BOX_HEIGHT * hit[1].shape[0]:  # else footage
                found.append((cap_i, hit[1]))
    if not found:
        return None
    cap_i, mask = found[0]
    if len(found) == 2 and (found[0][1] & found[1][1]).sum() >= 8:
        mask = found[0][1] & found[1][1]
    h, w = mask.shape
    rows = np.flatnonzero(mask.sum(axis=1) >= max(1, 0.005 * w))
    cols = np.flatnonzero(mask.sum(axis=0) >= max(1, 0.005 * h))
    if not len(rows) or not len(cols):
        return None
    x0, y0, x1, y1 = int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1
    k = s.scale(s.detail[cap_i])
    box = [round(x0 * k), round(y0 * k), round(x1 * k), round(y1 * k)]
    return box, text_contrast(s.detail[cap_i].pixels[y0:y1, x0:x1], mask[y0:y1, x0:x1]), None
