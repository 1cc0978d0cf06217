"""What the two ways of finding a burned-in caption share: which frames show an event, the luma
of RGB pixels and the split of luminances into two classes (text, and its band or outline)."""

from __future__ import annotations

import numpy as np

from ..core.captions import Cue


def frame_span(e: Cue, fps: float) -> tuple[int, int]:
    """Frames [first, end) showing the event."""
    return int(np.ceil(e.start_s * fps - 0.01)), int(np.ceil(e.end_s * fps - 0.01))


def luma8(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def otsu(values: np.ndarray) -> float:
    """The threshold that best splits luminances in [0, 1] into two classes (Otsu's method)."""
    hist, edges = np.histogram(values, bins=64, range=(0.0, 1.0))
    p = hist.astype(np.float64) / max(1, hist.sum())
    w0 = np.cumsum(p)
    mids = (edges[:-1] + edges[1:]) / 2
    m0 = np.cumsum(p * mids)
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 - m0) ** 2 / (w0 * (1 - w0))
    between = np.nan_to_num(between)
    return float(edges[int(np.argmax(between)) + 1])
