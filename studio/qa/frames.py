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
from ..media.decode import FrameTimes, RawFrames, input_args, read_exactly
from ..media.streams import Stream, read_streams

SMALL_W = 48     # flashes: cells of CELL x CELL steps of ~1/48 of the width (each cell ~1/8 of it)
CELL = 6
CARD_W = 180     # cards and contact-sheet thumbnails
DETAIL_SHORT = 540  # captions: the short side at half of 1080 (960x540 on landscape), strokes stay pixels wide


def _even(x: float) -> int:
    return max(2, int(round(x / 2)) * 2)


@dataclass(frozen=True)
class Patch:
    """A caption frame at the detail size, or the part of it a rule searches (a caption's region):
    `pixels` (h, w, 3) uint8 sit at `x`, `y` of a frame `width` x `height`."""

    pixels: np.ndarray
    x: int
    y: int
    width: int
    height: int

    def region(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """Pixels [y0:y1, x0:x1] of the frame; the patch must hold them."""
        if x0 < self.x or y0 < self.y or x1 > self.x + self.pixels.shape[1] or y1 > self.y + self.pixels.shape[0]:
            raise ValueError(f"region {(x0, y0, x1, y1)} outside the patch kept at {self.x},{self.y} "
                             f"{self.pixels.shape[1]}x{self.pixels.shape[0]}")
        return self.pixels[y0 - self.y:y1 - self.y, x0 - self.x:x1 - self.x]

    @property
    def whole(self) -> bool:
        return self.pixels.shape[:2] == (self.height, self.width)


@dataclass
class Scan:
    width: int                   # the video's own size
    height: int
    times: np.ndarray            # seconds of each frame
    lum: np.ndarray              # (n, cells) mean relative luminance of each cell
    rgb: np.ndarray              # (n, cells, 3) mean sRGB (0..1) of each cell
    card: dict[int, np.ndarray] = field(default_factory=dict)
    detail: dict[int, Patch] = field(default_factory=dict)
    grid: tuple[int, int] = (1, 0)  # (rows, cols) of the cells, row by row in `lum` and `rgb`
    cell_px: float = 0.0            # a cell's side in video pixels (the cells start at the top-left corner)

    @property
    def n(self) -> int:
        return len(self.times)

    def scale(self, p: Patch) -> float:
        """Video pixels per pixel of a detail frame."""
        return self.width / p.width


@dataclass(frozen=True)
class Wanted:
    """What the picture rules look at, decided before a frame is read: the first `head_s` and last
    `tail_s` seconds and the `thumbs` for the cards; the caption frames (`detail`), each kept whole
    or only its `crops` region (x0, y0, x1, y1 in detail pixels)."""

    head_s: float
    tail_s: float
    detail: frozenset[int]
    thumbs: frozenset[int]
    crops: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)


def card_size(w: int, h: int) -> tuple[int, int]:
    return min(w, CARD_W), _even(min(w, CARD_W) * h / w)


def detail_size(w: int, h: int) -> tuple[int, int]:
    k = min(1.0, DETAIL_SHORT / min(w, h))
    return _even(w * k), _even(h * k)


def grid_filters(v: Stream) -> tuple[int, list[tuple[str, dict]]]:
    """(cells, filters) of the flash grid, as (name, options) for either graph."""
    cells, text, _, _ = _grid(v)
    return cells, _filters(text)


def picture_filters(size: tuple[int, int]) -> list[tuple[str, dict]]:
    """A frame scaled to `size` as 8-bit RGB: the cards' and the captions' pictures."""
    return [("scale", {"w": size[0], "h": size[1], "flags": "bilinear"}), ("format", {"pix_fmts": "rgb24"})]


def _filters(text: str) -> list[tuple[str, dict]]:
    """'crop=a:b,scale=w:h:flags=area' -> [(name, options)] (no quoted commas in it)."""
    out = []
    for part in text.split(","):
        name, _, args = part.partition("=")
        opts: dict = {}
        for k, a in enumerate(args.split(":") if args else []):
            key, eq, value = a.partition("=")
            opts[key if eq else f"_{k}"] = value if eq else key
        out.append((name, opts))
    return out


def _text(filters: list[tuple[str, dict]]) -> str:
    return ",".join(name + ("=" + ":".join(v if k.startswith("_") else f"{k}={v}" for k, v in opts.items())
                            if opts else "") for name, opts in filters)


class Collector:
    """Builds a Scan from the three raw pictures of each frame as they arrive (the file's decode
    or the render's own graph): the grid of every frame, the selected card frames, the caption
    frames kept whole or cropped to their region at once (a full caption frame is 1.5 MB)."""

    def __init__(self, v: Stream, wanted: Wanted, card_frames: list[int], detail_frames: list[int]):
        self.v, self.wanted = v, wanted
        self.cells, _, self.shape, self.cell_px = _grid(v)
        self.card_size, self.detail_size = card_size(v.width, v.height), detail_size(v.width, v.height)
        self.grid_bytes = self.cells * 3 * 2
        self.card_bytes = self.card_size[0] * self.card_size[1] * 3
        self.detail_bytes = self.detail_size[0] * self.detail_size[1] * 3
        self._card_order, self._detail_order = card_frames, detail_frames  # what each select lets through
        self._crops = wanted.crops  # set by crop_to from another thread than the reader's
        self._detail_lock = threading.Lock()
        self._grid = bytearray()  # every frame's cells, end to end
        self.card_raw: list[tuple[int | None, np.ndarray]] = []
        self.detail: dict[int, Patch] = {}
        self._detail_k = 0

    # each taker copies what it keeps: the reader may hand it the same buffer for every frame
    def grid(self, buf) -> None:
        self._grid += buf

    @property
    def n_grid(self) -> int:
        return len(self._grid) // self.grid_bytes

    def card(self, buf: bytes) -> None:
        k = len(self.card_raw)
        i = self._card_order[k] if k < len(self._card_order) else None
        w, h = self.card_size
        self.card_raw.append((i, np.frombuffer(buf, np.uint8).reshape(h, w, 3).copy()))

    def detail_frame(self, buf: bytes) -> None:
        k, self._detail_k = self._detail_k, self._detail_k + 1
        if k >= len(self._detail_order):
            return
        i = self._detail_order[k]
        if i not in self.wanted.detail:
            return  # frame 0, which every output takes
        w, h = self.detail_size
        frame = np.frombuffer(buf, np.uint8).reshape(h, w, 3)
        with self._detail_lock:
            self.detail[i] = _cropped(frame, self._crops.get(i))

    def crop_to(self, crops: dict[int, tuple[int, int, int, int]]) -> None:
        """The caption regions, known once the expected captions are drawn (a render draws them
        while ffmpeg starts): the frames kept whole until then are cropped now."""
        with self._detail_lock:
            self._crops = crops
            for i, p in self.detail.items():
                if (box := crops.get(i)) and p.pixels.shape[:2] == (p.height, p.width):
                    self.detail[i] = _cropped(p.pixels, box)

    def reader(self, take, frame_bytes: int):
        """A pipe reader for one raw output: each frame to `take` (for RawFrames or the render)."""
        def read(pipe) -> None:
            while (buf := read_exactly(pipe, frame_bytes)) is not None:
                take(buf)
        return read

    def scan(self, times: np.ndarray, card_wanted) -> Scan:
        """`times` of every frame; `card_wanted(i)`: whether frame i is a card frame (frames the
        select let through only to feed its output are dropped)."""
        n = min(self.n_grid, len(times))
        times = times[:n]
        yuv = np.frombuffer(self._grid, "<u2", count=n * self.cells * 3).reshape(n, 3, self.cells)
        rgb, lum = np.empty((n, self.cells, 3), np.float32), np.empty((n, self.cells), np.float32)
        for a in range(0, n, _CHUNK):  # a slice at a time: the conversion's float64 steps stay small
            rgb[a:a + _CHUNK] = _grid_rgb(yuv[a:a + _CHUNK].transpose(0, 2, 1).astype(np.float32), self.v)
            lum[a:a + _CHUNK] = grid_luminance(rgb[a:a + _CHUNK])
        card = {i: a for i, a in self.card_raw if i is not None and i < n and card_wanted(i)}
        detail = {i: p for i, p in self.detail.items() if i < n}
        return Scan(self.v.width, self.v.height, times, lum, rgb, card, detail, self.shape,
                    self.cell_px)


_CHUNK = 512  # frames of the flash grid converted at once (a 2-minute story has 3,600)


def _cropped(frame: np.ndarray, box: tuple[int, int, int, int] | None) -> Patch:
    """A whole detail frame kept as a copy of its `box` (else whole)."""
    h, w = frame.shape[:2]
    if box is None:
        return Patch(frame.copy(), 0, 0, w, h)
    x0, y0, x1, y1 = box
    return Patch(frame[y0:y1, x0:x1].copy(), x0, y0, w, h)


def selected(frames, n_max: int | None = None) -> list[int]:
    """The frame numbers a `select` over `frames` (and frame 0) lets through, in order."""
    out = sorted({0, *frames})
    return [i for i in out if n_max is None or i < n_max]


def render_card_frames(n: int, fps: float, wanted: Wanted) -> list[int]:
    """The card frames of a constant-rate render of n frames (frame i at i / fps)."""
    tail_from = n / fps - wanted.tail_s
    return [i for i in range(n) if i / fps < wanted.head_s or i / fps >= tail_from or i in wanted.thumbs]


def scan(path: Path, fps: float, duration_s: float, head_s: float, tail_s: float,
         detail_frames: set[int], thumb_frames: set[int], cancel: threading.Event | None = None,
         video: Stream | None = None, crops: dict[int, tuple[int, int, int, int]] | None = None) -> Scan:
    """`video`: the file's video stream when the caller has read its header already; `crops`:
    the region of a caption frame the rules search (else it is kept whole)."""
    v = video or read_streams(path).video[0]
    wanted = Wanted(head_s, tail_s, frozenset(detail_frames), frozenset(thumb_frames), dict(crops or {}))
    tail_from = duration_s - tail_s
    raw = ["-f", "rawvideo", "-fps_mode", "passthrough"]
    col = Collector(v, wanted, [], selected(detail_frames))
    _, grid = grid_filters(v)
    # each side output also takes frame 0: an output that receives no frame fails the whole command
    graph = (f"[0:v]showinfo=checksum=0,split=3[g][c][d];[g]{_text(grid)}[grid];"
             f"[c]select='{_any_of(thumb_frames, 'not(n)', f'lt(t,{head_s!r})', f'gte(t,{tail_from!r})')}',"
             f"{_text(picture_filters(col.card_size))}[card];"
             f"[d]select='{_any_of(detail_frames, 'not(n)')}',{_text(picture_filters(col.detail_size))}[detail]")
    info = FrameTimes()
    frames = RawFrames(["-noautorotate", *input_args(path)],  # the coded picture, `width` x `height`
                       ["-filter_complex", graph, "-map", "[grid]", *raw], col.grid_bytes,
                       side_outputs=[(["-map", "[card]", *raw], col.card_bytes),
                                     (["-map", "[detail]", *raw], col.detail_bytes, col.detail_frame)],
                       on_stderr=info)
    with closing(iter(frames)) as grids:
        for buf in grids:
            if cancel is not None and cancel.is_set():
                raise RenderCancelled("cancelled during the QA check")
            col.grid(buf)
    n = col.n_grid
    times, t = _seconds(info, n, fps)
    # the card frames: what `select` let through, known from the frames' times
    order = [i for i in range(n) if i == 0 or t[i] < head_s or t[i] >= tail_from or i in thumb_frames]
    for i, buf in zip(order, frames.side[0], strict=True):
        col.card_raw.append((i, np.frombuffer(buf, np.uint8).reshape(col.card_size[1], col.card_size[0], 3)))
    return col.scan(times, lambda i: t[i] < head_s or t[i] >= tail_from or i in thumb_frames)


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
