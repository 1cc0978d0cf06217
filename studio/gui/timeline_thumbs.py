"""Thumbnails of the timeline's backgrounds, made in a worker: a photo decoded small by Pillow
(JPEG draft mode), a clip's frame at its trim start read by ffmpeg through the engine's decoder.
Kept for the process by (file, time, height): scrolling and re-analysing draw them from memory."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtGui import QImage

from ..media.decode import DecodeError, RawFrames, input_args

HEIGHT = 44  # twice the row's height: sharp on a 2x screen

_cache: dict[tuple[str, float, int], QImage] = {}
_lock = threading.Lock()


def cached(path: Path, t: float) -> QImage | None:
    with _lock:
        return _cache.get((str(path), round(t, 3), HEIGHT))


def make(wanted: list[tuple[Path, str, float, int, int]], cancel: threading.Event) -> int:
    """Makes the thumbnails not made yet: (file, "image" or "video", time, width, height) each.
    Returns how many were made (the strip repaints when any)."""
    made = 0
    for path, kind, t, width, height in wanted:
        if cancel.is_set():
            break
        if cached(path, t) is not None:
            continue
        image = _photo(path) if kind == "image" else _clip(path, t, width, height, cancel)
        if image is not None:
            with _lock:
                _cache[(str(path), round(t, 3), HEIGHT)] = image
            made += 1
    return made


def _photo(path: Path) -> QImage | None:
    try:
        with Image.open(path) as im:
            im.draft("RGB", (HEIGHT * 4, HEIGHT * 4))
            im = ImageOps.exif_transpose(im).convert("RGB")
            width = max(2, round(im.width * HEIGHT / im.height))
            return _qimage(im.resize((width, HEIGHT), Image.Resampling.BILINEAR))
    except (OSError, ValueError):
        return None


def _clip(path: Path, t: float, width: int, height: int, cancel: threading.Event) -> QImage | None:
    w = max(2, round(width * HEIGHT / max(height, 1) / 2) * 2)
    try:
        frames = RawFrames(input_args(path, start=t), ["-frames:v", "1", "-an", "-vf", f"scale={w}:{HEIGHT}",
                                                       "-f", "rawvideo", "-pix_fmt", "rgb24"],
                           w * HEIGHT * 3, cancel=cancel)
        it = iter(frames)
        try:
            buf = next(it, None)
        finally:
            it.close()  # ffmpeg stopped and reaped now, not when the generator is collected
    except (DecodeError, OSError):
        return None
    return None if buf is None else QImage(buf, w, HEIGHT, w * 3, QImage.Format.Format_RGB888).copy()


def _qimage(rgb: Image.Image) -> QImage:
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()
