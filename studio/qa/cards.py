"""Card rules: the end card with the helpline (>= `min_endcard_s`, the configured number) and the
content-warning card (>= `min_warning_s` before the first beat). Each is found by comparing the
frames with the card the brand kit draws (studio.media), over the card's "ink" (its text and logo,
where it differs from its plain background), so a card with another number does not match."""

from __future__ import annotations

import numpy as np
from PIL import Image

from .frames import Scan

MATCH = 30.0  # mean absolute difference (0-255) over the ink: encoding noise stays well under it
INK = 60      # per-pixel sum of channel differences that makes a pixel ink


class CardReference:
    def __init__(self, card: Image.Image, plain: Image.Image, size: tuple[int, int],
                 overlay: tuple[Image.Image, int, int] | None = None):
        card, plain = card.convert("RGBA"), plain.convert("RGBA")
        if overlay is not None:  # a draft's watermark covers its cards too
            im, x, y = overlay
            card.alpha_composite(im.convert("RGBA"), (x, y))
            plain.alpha_composite(im.convert("RGBA"), (x, y))
        self.card = np.asarray(card.convert("RGB").resize(size, Image.Resampling.BILINEAR), dtype=np.int16)
        flat = np.asarray(plain.convert("RGB").resize(size, Image.Resampling.BILINEAR), dtype=np.int16)
        self.ink = np.abs(self.card - flat).sum(axis=-1) > INK
        self._at = np.flatnonzero(self.ink)  # the ink's pixels: a frame is read only there
        self._ink_rgb = self.card.reshape(-1, 3)[self._at]

    def score(self, frame: np.ndarray) -> float:
        if not self._at.size:
            return 0.0
        return float(np.abs(frame.reshape(-1, 3)[self._at].astype(np.int16) - self._ink_rgb).mean())

    def matches(self, frame: np.ndarray) -> bool:
        return self.score(frame) < MATCH


def longest_run(s: Scan, ref: CardReference, frames: list[int]) -> tuple[int, int]:
    """(first frame, length) of the longest run of consecutive matching frames among `frames`."""
    best, start, run, prev = (0, 0), None, 0, None
    for i in frames:
        ok = ref.matches(s.card[i])
        if ok and prev is not None and i == prev + 1 and run:
            run += 1
        elif ok:
            start, run = i, 1
        else:
            run = 0
        prev = i
        if run > best[1]:
            best = (start, run)
    return best


def leading_run(s: Scan, ref: CardReference) -> int:
    n = 0
    for i in range(s.n):
        if i not in s.card or not ref.matches(s.card[i]):
            break
        n += 1
    return n
