"""One decoding pass over the video for every picture rule: the bundled ffmpeg decodes each frame
once (threaded) and splits it into scalers (swscale) for what each rule needs; Python only sees
the small results:
- `lum`, `rgb`: every frame, as the mean relative luminance and colour of a grid of cells, for
  flash counting (each cell averaged over all its pixels by an area scaler, in 16-bit Y'CbCr);
- `card`: the first and last seconds, for the content-warning and end cards, and the contact sheet;
- `detail`: a few frames of each caption event, for locating caption boxes and their contrast."""

from __future__ import annotations

import threading
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core.captions.contrast import WEIGHTS, linear
from ..core.errors import RenderCancelled
from ..media.decode import FrameTimes, RawFrames, input_args
from ..media.streams import Stream, read_streams

SMALL_W = 48     # flashes: cells of CELL x CELL steps of ~1/48 of the width (each cell ~1/8 of it)
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
    grid: tuple[int, int] = (1, 0)  # (rows, cols) of the cells, row by row in `lum` and `rgb`
    cell_px: float = 0.0            # a cell's side in video pixels (the cells start at the top-left corner)

    @property
    def n(self) -> int:
        return len(self.times)

    def scale(self, arr: np.ndarray) -> float:
        """Video pixels per pixel of `arr`."""
        return self.width / arr.shape[1]


def scan(path: Path, fps: float, duration_s: float, head_s: float, tail_s: float,
         detail_frames: set[int], thumb_frames: set[int], cancel: threading.Event | None = None,
         video: Stream | None = None) -> Scan:
    """`video`: the file's video stream when the caller has read its header already."""
    v = video or read_streams(path).video[0]
    w, h = v.width, v.height
    card_size = (min(w, CARD_W), _even(min(w, CARD_W) * h / w))
    k = min(1.0, DETAIL_SHORT / min(w, h))
    detail_size = (_even(w * k), _even(h * k))
    cells, grid, shape, cell_px = _grid(v)
    tail_from = duration_s - tail_s
    raw = ["-f", "rawvideo", "-fps_mode", "passthrough"]
    # each side output also takes frame 0: an output that receives no frame fails the whole command
    graph = (f"[0:v]showinfo=checksum=0,split=3[g][c][d];[g]{grid}[grid];"
             f"[c]select='{_any_of(thumb_frames, 'not(n)', f'lt(t,{head_s!r})', f'gte(t,{tail_from!r})')}',"
             f"scale={card_size[0]}:{card_size[1]}:flags=bilinear,format=rgb24[card];"
             f"[d]select='{_any_of(detail_frames, 'not(n)')}',"
             f"scale={detail_size[0]}:{detail_size[1]}:flags=bilinear,format=rgb24[detail]")
    info = FrameTimes()
    frames = RawFrames(["-noautorotate", *input_args(path)],  # the coded picture, `width` x `height`
                       ["-filter_complex", graph, "-map", "[grid]", *raw], cells * 3 * 2,
                       side_outputs=[(["-map", "[card]", *raw], card_size[0] * card_size[1] * 3),
                                     (["-map", "[detail]", *raw], detail_size[0] * detail_size[1] * 3)],
                       on_stderr=info)
    yuv = []
    with closing(iter(frames)) as grids:
        for buf in grids:
            if cancel is not None and cancel.is_set():
                raise RenderCancelled("cancelled during the QA check")
            yuv.append(np.frombuffer(buf, "<u2").reshape(3, cells).T)
    n = len(yuv)
    times, t = _seconds(info, n, fps)
    rgb = _grid_rgb(np.asarray(yuv, np.float32).reshape(n, cells, 3), v)

    def taken(side: list[bytes], wanted, size: tuple[int, int]) -> dict[int, np.ndarray]:
        selected = [i for i in range(n) if i == 0 or wanted(i)]  # what ffmpeg's select let through
        return {i: np.frombuffer(buf, np.uint8).reshape(size[1], size[0], 3)
                for i, buf in zip(selected, side, strict=True) if wanted(i)}

    card = taken(frames.side[0], lambda i: t[i] < head_s or t[i] >= tail_from or i in thumb_frames,
                 card_size)
    detail = taken(frames.side[1], lambda i: i in detail_frames, detail_size)
    return Scan(w, h, times, grid_luminance(rgb), rgb, card, detail, shape, cell_px)


def _any_of(frames: set[int], *terms: str) -> str:
    """A `select` expression true on `terms` or on `frames`: a term per run of consecutive frame
    numbers ('not(n-12)', 'between(n,83,86)'), summed as a balanced tree: ffmpeg's expression
    parser refuses a chain of about 100 sums (a 2-minute story has more caption frames)."""
    runs: list[list[int]] = []
    for i in sorted(frames):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    every = [*terms, *(f"not(n-{r[0]})" if len(r) == 1 else f"between(n,{r[0]},{r[-1]})" for r in runs)]

    def summed(part: list[str]) -> str:
        if len(part) == 1:
            return part[0]
        half = len(part) // 2
        return f"({summed(part[:half])}+{summed(part[half:])})"
    return summed(every) if every else "0"


def _seconds(info: FrameTimes, n: int, fps: float) -> tuple[np.ndarray, np.ndarray]:
    """(times, t) of the first n frames: their time (pts x time base, or i / fps without a
    timestamp), and that time as `select` computes `t` (to the last bit; NaN without one)."""
    num, den = info.time_base.numerator, info.time_base.denominator
    times, t = np.arange(n) / fps, np.full(n, np.nan)
    for i, p in enumerate(info.pts[:n]):
        if num and p is not None:
            times[i], t[i] = float(p) * num / den, float(p) * (num / den)
    return times, t


def _grid(v: Stream) -> tuple[int, str, tuple[int, int], float]:
    """(cells, filter, (rows, cols), cell side in pixels): the frame cut into cells of CELL x CELL
    steps of ~1/SMALL_W of its width from its top-left corner (what is left at the right and
    bottom is less than a cell), each averaged over all its pixels, as 16-bit Y'CbCr (the input's matrix and range named on both
    sides: no colour conversion in ffmpeg, `_grid_rgb` converts the means)."""
    step = max(2, (v.width // SMALL_W) // 2 * 2)
    cols, rows = (max(1, -(-d // step) // CELL) for d in (v.width, v.height))
    matrix, full = _matrix(v)
    r = "pc" if full else "tv"
    used_w = min(v.width, cols * CELL * step)
    return cols * rows, (f"crop={used_w}:{min(v.height, rows * CELL * step)}:0:0,"
                         f"scale={cols}:{rows}:flags=area:in_color_matrix={matrix}:out_color_matrix={matrix}"
                         f":in_range={r}:out_range={r},format=yuv444p16le"), (rows, cols), used_w / cols


def _matrix(v: Stream) -> tuple[str, bool]:
    """(matrix, full range): BT.709 when tagged so or untagged at 720 lines and more, else BT.601."""
    bt709 = "709" in v.colorspace or (not v.colorspace and v.height >= 720)
    return ("bt709" if bt709 else "bt601"), (v.pix_fmt.startswith("yuvj") or v.color_range == "pc")


# Y'CbCr -> R'G'B' (R, G, B rows) for BT.709 and BT.601
_MATRIX = {"bt709": np.array([[1, 0, 1.5748], [1, -0.1873, -0.4681], [1, 1.8556, 0]], np.float32),
           "bt601": np.array([[1, 0, 1.402], [1, -0.3441, -0.7141], [1, 1.772, 0]], np.float32)}


def _grid_rgb(yuv16: np.ndarray, v: Stream) -> np.ndarray:
    """(…, 3) 16-bit Y'CbCr cell means (ffmpeg widens 8-bit samples by 8 bits) -> sRGB 0..1."""
    matrix, full = _matrix(v)
    yuv = yuv16 / 256
    yuv = (yuv - (0, 128, 128)) / (255, 255, 255) if full else (yuv - (16, 128, 128)) / (219, 224, 224)
    return np.clip(yuv.astype(np.float32) @ _MATRIX[matrix].T, 0.0, 1.0)


def per_window(times: np.ndarray, values: np.ndarray, span_s: float = 1.0) -> np.ndarray:
    """For each frame, the sum of `values` over the `span_s` seconds starting at it (flashes per
    second, bits per second)."""
    if not len(times):
        return np.zeros(0)
    cum = np.concatenate(([0], np.cumsum(values)))
    ends = np.searchsorted(times, times + span_s - 1e-9)
    return cum[ends] - cum[np.arange(len(times))]


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
