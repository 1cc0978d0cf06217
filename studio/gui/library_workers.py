"""Background work of the story library: reading a story's facts and drawing a thumbnail of its
first frame when no render has left a cover. QRunnables whose results travel back as signals of
a separate QObject (queued to the GUI thread); nothing here touches a widget."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ..core.errors import StudioError
from ..core.project import load_project
from .story_info import StoryInfo, Verdict, read_info

THUMB_PRESET = "preview"  # the quick first frame is drawn at preview size, then scaled down
THUMB_HEIGHT = 192

# (story path, story mtime) -> thumbnail; shared by every panel of the process
_thumbs: dict[tuple[str, float], QImage] = {}
_thumbs_lock = threading.Lock()


class LibrarySignals(QObject):
    info = Signal(object)               # StoryInfo
    thumbnail = Signal(object, QImage)  # (story path, image)


class InfoTask(QRunnable):
    """Reads one story's facts, then its thumbnail: the last render's cover, a cached first
    frame, or a first frame drawn now."""

    def __init__(self, story: Path, verdicts: dict[str, Verdict], signals: LibrarySignals,
                 stop: threading.Event, draw: bool = True):
        super().__init__()
        self.story, self.verdicts, self.signals, self.stop, self.draw = story, verdicts, signals, stop, draw

    def run(self) -> None:
        if self.stop.is_set():
            return
        info = read_info(self.story, self.verdicts)
        self.signals.info.emit(info)
        if self.stop.is_set():
            return
        image = thumbnail(info, self.draw)
        if image is not None and not self.stop.is_set():
            self.signals.thumbnail.emit(info.path, image)


def thumbnail(info: StoryInfo, draw: bool = True) -> QImage | None:
    if info.cover is not None:
        image = QImage(str(info.cover))
        return None if image.isNull() else image.scaledToHeight(THUMB_HEIGHT)
    if info.error is not None or not draw:
        return None
    try:
        key = (str(info.path), info.path.stat().st_mtime)
    except OSError:
        return None
    with _thumbs_lock:
        if key in _thumbs:
            return _thumbs[key]
    from ..render import render_frame  # loaded when a thumbnail is first drawn

    try:
        frame = render_frame(load_project(info.path, THUMB_PRESET), 0.0)
    except StudioError:
        return None  # e.g. missing media: the story's error line says why
    data = frame.convert("RGB").tobytes()
    image = QImage(data, frame.width, frame.height, frame.width * 3, QImage.Format.Format_RGB888)
    image = image.scaledToHeight(THUMB_HEIGHT).copy()  # owns its pixels (data is freed here)
    with _thumbs_lock:
        _thumbs[key] = image
    return image
