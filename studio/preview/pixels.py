"""The few pixel operations the render's graph applies to its prepared images (overlay, pan crop,
zoom, dissolve), done in numpy the way its filters do them so a preview frame and the exported
frame agree, and the overlay layer they blend."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..media.layers import Placed


@dataclass(frozen=True)
class Layer:
    """An RGBA overlay at (x, y): colour times alpha (0..65025) and 255 - alpha, ready to blend."""

    x: int
    y: int
    ink: np.ndarray    # uint16, h x w x 3: colour * alpha
    clear: np.ndarray  # uint16, h x w x 1: 255 - alpha

    @classmethod
    def from_image(cls, im: Image.Image, x: int, y: int) -> Layer:
        a = np.asarray(im.convert("RGBA"), dtype=np.uint16)
        alpha = a[:, :, 3:4]
        return cls(x, y, a[:, :, :3] * alpha, 255 - alpha)

    @classmethod
    def from_placed(cls, placed: Placed) -> Layer:
        with Image.open(placed.path) as im:
            return cls.from_image(im, placed.x, placed.y)


def overlay(frame: np.ndarray, layer: Layer) -> None:
    """Blends `layer` over `frame` (uint8 RGB, in place), clipped to the frame. Like the render's
    `overlay` on 4:2:0 pictures, the position is rounded down to even coordinates."""
    h, w = frame.shape[:2]
    lh, lw = layer.clear.shape[:2]
    lx, ly = layer.x & ~1, layer.y & ~1
    x0, y0 = max(0, lx), max(0, ly)
    x1, y1 = min(w, lx + lw), min(h, ly + lh)
    if x1 <= x0 or y1 <= y0:
        return
    sy, sx = slice(y0 - ly, y1 - ly), slice(x0 - lx, x1 - lx)
    region = frame[y0:y1, x0:x1].astype(np.uint16)
    region *= layer.clear[sy, sx]
    region += layer.ink[sy, sx]
    region += 127
    frame[y0:y1, x0:x1] = region // 255


def pan_view(still: np.ndarray, k: int, frames: int, motion: str, w: int, h: int) -> np.ndarray:
    """Frame k of a panned still: the render's moving `crop` (x, y rounded, then made even as
    ffmpeg's crop does on 4:2:0 pictures)."""
    ih, iw = still.shape[:2]
    last = max(1, frames - 1)
    cx, cy = (iw - w) / 2, (ih - h) / 2
    x, y = {"none": (0, 0), "pan-right": ((iw - w) * k / last, cy), "pan-left": ((iw - w) * (1 - k / last), cy),
            "pan-down": (cx, (ih - h) * k / last), "pan-up": (cx, (ih - h) * (1 - k / last))}[motion]
    x = min(max(0, round(x)), iw - w) & ~1
    y = min(max(0, round(y)), ih - h) & ~1
    return still[y:y + h, x:x + w]


def zoom_view(still: Image.Image, k: int, frames: int, motion: str, amount: float, w: int, h: int) -> np.ndarray:
    """Frame k of a zoomed still, as the render's `zoompan` frames it: a window of whole pixels
    (size truncated, corner truncated and made even) scaled bicubically to the canvas."""
    last = max(1, frames - 1)
    z = 1 + amount * k / last if motion == "zoom-in" else 1 + amount * (1 - k / last)
    z = min(max(z, 1.0), 10.0)
    iw, ih = still.size
    cw, ch = int(iw * (1.0 / z)), int(ih * (1.0 / z))
    x = int(min(max(iw / 2 - iw / z / 2, 0), max(iw - cw, 0))) & ~1
    y = int(min(max(ih / 2 - ih / z / 2, 0), max(ih - ch, 0))) & ~1
    return np.asarray(still.resize((w, h), Image.Resampling.BICUBIC, box=(x, y, x + cw, y + ch)))


def dissolve(a: np.ndarray, b: np.ndarray, progress: float) -> np.ndarray:
    """The render's `xfade=fade`: `a` fading into `b` as progress goes 0 -> 1."""
    out = a.astype(np.float32) * (1 - progress) + b.astype(np.float32) * progress
    return (out + 0.5).astype(np.uint8)
