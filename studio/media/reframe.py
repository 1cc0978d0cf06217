"""Subject-aware reframing: where a moving crop window should sit on each output frame.

The raw subject positions (face centres, or None when nothing was found) become a smooth path:
gaps filled from their neighbours, a Gaussian smoothing over `smooth_s`, then a speed limit, so
the crop glides after the subject instead of jittering with every detection."""

from __future__ import annotations

import numpy as np


def smooth_path(raw: list[float | None], fps: float, smooth_s: float, max_speed: float,
                default: float = 0.5) -> np.ndarray:
    """`raw`: subject position per frame as a fraction of the frame (0..1) or None. Returns one
    position per frame; `max_speed` is in frame fractions per second."""
    n = len(raw)
    if n == 0:
        return np.zeros(0)
    known = np.array([i for i, v in enumerate(raw) if v is not None])
    if known.size == 0:
        return np.full(n, default)
    values = np.array([raw[i] for i in known], dtype=float)
    path = np.interp(np.arange(n), known, values)  # holds the first/last value at the ends
    sigma = max(1e-6, smooth_s * fps / 2)
    radius = int(3 * sigma)
    if radius:
        k = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
        padded = np.pad(path, radius, mode="edge")
        path = np.convolve(padded, k / k.sum(), mode="valid")
    step = max_speed / fps
    for i in range(1, n):  # the speed limit: a sudden jump becomes a glide
        path[i] = np.clip(path[i], path[i - 1] - step, path[i - 1] + step)
    return np.clip(path, 0.0, 1.0)


def keyframes(values: np.ndarray, every: int) -> list[tuple[int, float]]:
    """A piecewise-linear summary of a per-frame path: (frame, value) every `every` frames and at
    the last frame. The crop expression interpolates between them."""
    n = len(values)
    idx = sorted(set(range(0, n, max(1, every))) | {n - 1})
    return [(i, float(values[i])) for i in idx]
