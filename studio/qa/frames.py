"""One decoding pass over the video for every picture rule: each frame is decoded once (threaded)
and scaled down by swscale to what each rule needs, never kept at full size:
- `lum`, `rgb`: every frame, as the mean relative luminance and colour of a grid of cells, for
  flash counting (reduced frame by frame: large fresh arrays are slow to allocate on these VMs);
- `card`: the first and last seconds, for the content-warning and end cards, and the contact sheet;
- `detail`: a few frames of each caption event, for locating caption boxes and their contrast."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import VideoReformatter

from ..core.captions.contrast import WEIGHTS, linear
from ..core.errors import RenderCancelled

SMALL_W = 48     # flashes: each frame is sampled on a grid ~48 points wide, averaged over CELL x CELL blocks
CELL = 6
CARD_W = 180     # cards and contact-sheet thumbnails
DETAIL_SHORT = 540  # captions: the short side at half of 1080 (960x540 on landscape), strokes stay pixels wide


def _even(x: float) -> int:
    return max(2, int(round(x / 2)) * 2)


@dataclass
class Scan:
    width: int                   # the video's own size
    height: int
    times: np.ndarray            # seconds of each frame
    lum: np.ndarray              # (n, cells) mean relative luminance of each cell
    rgb: np.ndarray              # (n, cells, 3) mean sRGB (0..1) of each cell
    card: dict[int, np.ndarray] = field(default_factory=dict)
    detail: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.times)

    def scale(self, arr: np.ndarray) -> float:
        """Video pixels per pixel of `arr`."""
        return self.width / arr.shape[1]


def scan(path: Path, fps: float, duration_s: float, head_s: float, tail_s: float,
         detail_frames: set[int], thumb_frames: set[int], cancel: threading.Event | None = None) -> Scan:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        v.thread_type = "AUTO"
        w, h = v.codec_context.width, v.codec_context.height
        sizes = {"card": (min(w, CARD_W), _even(min(w, CARD_W) * h / w)),
                 "detail": (_even(w * min(1.0, DETAIL_SHORT / min(w, h))), _even(h * min(1.0, DETAIL_SHORT / min(w, h))))}
        tail_from = duration_s - tail_s
        sws = VideoReformatter()  # one scaler for the whole pass (a new one per frame costs ms)
        times, lum, rgb = [], [], []
        card: dict[int, np.ndarray] = {}
        detail: dict[int, np.ndarray] = {}
        for i, frame in enumerate(c.decode(v)):
            if cancel is not None and cancel.is_set():
                raise RenderCancelled("cancelled during the QA check")
            t = float(frame.time) if frame.time is not None else i / fps
            times.append(t)
            grid = frame_grid(frame, sws)
            rgb.append(grid)
            lum.append(grid_luminance(grid))
            if t < head_s or t >= tail_from or i in thumb_frames:
                card[i] = _rgb(sws, frame, sizes["card"])
            if i in detail_frames:
                detail[i] = _rgb(sws, frame, sizes["detail"])
    return Scan(w, h, np.asarray(times), np.asarray(lum, dtype=np.float32),
                np.asarray(rgb, dtype=np.float32), card, detail)


def per_window(times: np.ndarray, values: np.ndarray, span_s: float = 1.0) -> np.ndarray:
    """For each frame, the sum of `values` over the `span_s` seconds starting at it (flashes per
    second, bits per second)."""
    if not len(times):
        return np.zeros(0)
    cum = np.concatenate(([0], np.cumsum(values)))
    ends = np.searchsorted(times, times + span_s - 1e-9)
    return cum[ends] - cum[np.arange(len(times))]


def _rgb(sws: VideoReformatter, frame: av.VideoFrame, size: tuple[int, int]) -> np.ndarray:
    # threads=1: swscale's default thread pool is rebuilt per call and costs more than it saves here
    return sws.reformat(frame, width=size[0], height=size[1], format="rgb24", threads=1).to_ndarray()


def _plane(frame: av.VideoFrame, index: int, h: int, w: int) -> np.ndarray:
    p = frame.planes[index]
    return np.frombuffer(p, np.uint8).reshape(-1, p.line_size)[:h, :w]


# Y'CbCr -> R'G'B' (R, G, B rows) for BT.709 and BT.601
_MATRIX = {"709": np.array([[1, 0, 1.5748], [1, -0.1873, -0.4681], [1, 1.8556, 0]], np.float32),
           "601": np.array([[1, 0, 1.402], [1, -0.3441, -0.7141], [1, 1.772, 0]], np.float32)}


def frame_grid(frame: av.VideoFrame, sws: VideoReformatter) -> np.ndarray:
    """(cells, 3) mean sRGB (0..1) of each cell, from samples of the Y, U and V planes read in
    place (no scaling, no conversion of the whole frame: a few microseconds per frame)."""
    if frame.format.name not in ("yuv420p", "yuvj420p"):
        frame = sws.reformat(frame, format="yuv420p", threads=1)
    w, h = frame.width, frame.height
    step = max(2, (w // SMALL_W) // 2 * 2)  # even: the chroma planes are sampled at the same points
    y = _plane(frame, 0, h, w)[::step, ::step].astype(np.float32)
    u = _plane(frame, 1, (h + 1) // 2, (w + 1) // 2)[:: step // 2, :: step // 2].astype(np.float32)
    v = _plane(frame, 2, (h + 1) // 2, (w + 1) // 2)[:: step // 2, :: step // 2].astype(np.float32)
    rows, cols = (min(a.shape[k] for a in (y, u, v)) // CELL * CELL for k in (0, 1))
    yuv = np.stack([a[:rows, :cols] for a in (y, u, v)], axis=-1)
    yuv = yuv.reshape(rows // CELL, CELL, cols // CELL, CELL, 3).mean(axis=(1, 3)).reshape(-1, 3)
    full = frame.format.name == "yuvj420p" or str(frame.color_range).split(".")[-1].lower() in ("2", "jpeg", "pc")
    if full:
        yuv = (yuv - (0, 128, 128)) / (255, 255, 255)
    else:
        yuv = (yuv - (16, 128, 128)) / (219, 224, 224)
    matrix = _MATRIX["709" if "709" in str(frame.colorspace).upper() or str(frame.colorspace) in ("1",)
                     or (str(frame.colorspace) in ("2", "UNSPECIFIED") and h >= 720) else "601"]
    return np.clip(yuv.astype(np.float32) @ matrix.T, 0.0, 1.0)


# WCAG relative luminance through lookup tables of core's sRGB-to-linear curve (no power per pixel)
_LINEAR8 = np.array([linear(v / 255) for v in range(256)], dtype=np.float32)
_FINE = 4096
_LINEAR_FINE = np.array([linear(v / (_FINE - 1)) for v in range(_FINE)], dtype=np.float32)
_WEIGHTS = np.array(WEIGHTS, dtype=np.float32)


def grid_luminance(rgb: np.ndarray) -> np.ndarray:
    """Relative luminance of (…, 3) sRGB colours in 0..1 (cell means: not whole 8-bit values)."""
    index = np.clip(np.rint(rgb * (_FINE - 1)), 0, _FINE - 1).astype(np.int32)
    return _LINEAR_FINE[index] @ _WEIGHTS


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Relative luminance (0..1) of 8-bit sRGB pixels."""
    return _LINEAR8[rgb] @ _WEIGHTS
