"""Background work of the story library: finding the last QA verdicts, reading each story's facts,
then drawing a thumbnail of the cover its exports will get where no render has left one. A QRunnable whose
results travel back as signals of a separate QObject (queued to the GUI thread); nothing here
touches a widget. Pictures are decoded, scaled and saved with Pillow, which lets go of Python's
lock while it works; QImage's own loading and scaling keep it (PySide6 holds the GIL during Qt
calls), and on a worker thread they stalled the window for tens of milliseconds."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ..core.errors import StudioError
from ..core.paths import open_private, private_dir
from ..core.project import load_project
from ..session.story_info import StoryInfo, read_info, scan_verdicts

THUMB_PRESET = "preview"  # the quick first frame is drawn at preview size, then scaled down
THUMB_HEIGHT = 192

# (story path, size, mtime) -> thumbnail; shared by every panel of the process
_thumbs: dict[tuple[str, int, float], QImage] = {}
_thumbs_lock = threading.Lock()


class LibrarySignals(QObject):
    info = Signal(object)               # StoryInfo
    thumbnail = Signal(object, QImage)  # (story path, image)


class ScanTask(QRunnable):
    """Reads the verdicts found in the output folders and every story's facts (all sent first,
    so titles show at once), then their thumbnails: the last render's cover, a cached first
    frame, or a first frame drawn now (when `cache_dir` is set)."""

    def __init__(self, stories: list[Path], out_dirs: list[Path], signals: LibrarySignals,
                 stop: threading.Event, cache_dir: Path | None):
        super().__init__()
        self.stories, self.out_dirs, self.signals, self.stop = stories, out_dirs, signals, stop
        self.cache_dir = cache_dir

    def run(self) -> None:
        verdicts = scan_verdicts(self.out_dirs)
        infos = []
        for story in self.stories:
            if self.stop.is_set():
                return
            info = read_info(story, verdicts.get(story, {}))
            infos.append(info)
            self.signals.info.emit(info)
        for info in infos:
            if self.stop.is_set():
                return
            image = thumbnail(info, self.cache_dir)
            if image is not None and not self.stop.is_set():
                self.signals.thumbnail.emit(info.path, image)


def thumbnail(info: StoryInfo, cache_dir: Path | None) -> QImage | None:
    """The cover of the story's last render, else its first frame (from the memory or disk
    cache, else drawn at preview size); None when it cannot be drawn or `cache_dir` is None."""
    if info.cover is not None:
        return _load(info.cover)
    if info.error is not None or cache_dir is None:
        return None
    try:
        st = info.path.stat()
    except OSError:
        return None
    key = (str(info.path), st.st_size, st.st_mtime)
    with _thumbs_lock:
        if key in _thumbs:
            return _thumbs[key]
    cached = Path(cache_dir) / f"{story_prefix(info.path)}-{hashlib.sha1(repr(key).encode()).hexdigest()[:20]}.png"
    image = _load(cached) if cached.is_file() else None
    if image is None:
        frame = _first_frame(info.path)
        if frame is None:
            return None
        try:  # private (0600 in 0700): a picture of a testimony
            private_dir(cached.parent)
            with open_private(cached) as f:
                frame.save(f, "PNG")
        except OSError:
            pass  # a cache we cannot write only costs time
        image = _qimage(frame)
    with _thumbs_lock:
        _thumbs[key] = image
    return image


def story_prefix(story: Path) -> str:
    """What the names of a story's thumbnails start with (so deleting the story finds them)."""
    return hashlib.sha1(str(Path(story).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def remove_thumbnails(cache_dir: Path | None, story: Path) -> list[Path]:
    """Removes every cached thumbnail of `story` (from the disk and the memory cache)."""
    story = Path(story).resolve()
    with _thumbs_lock:
        for k in [k for k in _thumbs if k[0] == str(story)]:
            del _thumbs[k]
    if cache_dir is None or not Path(cache_dir).is_dir():
        return []
    removed = list(Path(cache_dir).glob(f"{story_prefix(story)}-*.png"))
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def _first_frame(story: Path) -> Image.Image | None:
    """The cover the story's exports will get: its `cover:` picture, else the frame its render
    takes (`cover: 4.5`, by default the first beat's first frame)."""
    from ..preview import render_frame  # loaded when a thumbnail is first drawn
    from ..render import make_plan

    try:
        plan = make_plan(load_project(story, THUMB_PRESET))
        if plan.cover_image is not None:
            with Image.open(plan.cover_image.path) as im:
                return _scaled(im.convert("RGB"))
        return _scaled(render_frame(plan.project, plan.timeline.seconds(plan.cover_frame)))
    except (StudioError, OSError):
        return None  # e.g. missing media: the story's error line says why


def _load(path: Path) -> QImage | None:
    try:
        with Image.open(path) as im:
            im.draft("RGB", (THUMB_HEIGHT * 2, THUMB_HEIGHT * 2))  # a JPEG decodes at a fraction of its size
            return _qimage(_scaled(im))
    except (OSError, ValueError):
        return None


def _scaled(im: Image.Image) -> Image.Image:
    width = max(1, round(im.width * THUMB_HEIGHT / im.height))
    return im.convert("RGB").resize((width, THUMB_HEIGHT), Image.Resampling.BILINEAR)


def _qimage(rgb: Image.Image) -> QImage:
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()
