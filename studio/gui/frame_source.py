"""The one interface the preview panel draws from: a FrameSource gives the frame at `t` and a
playback from `t`. Today `render_frame` serves it; when the engine has the instant `Preview`
(studio.render.Preview, issue 11) it is used instead, with no change to the panel."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Protocol

from PIL import Image

from ..core.errors import RenderCancelled
from ..core.preset import Canvas
from ..core.project import Project

PREVIEW_HEIGHT = 960


class Playback(Protocol):
    fps: float
    width: int
    height: int
    start_s: float
    sample_rate: int
    channels: int

    def read_frame(self) -> tuple[float, bytes] | None: ...
    def read_audio(self, max_bytes: int) -> bytes: ...
    def cancel(self) -> None: ...


class FrameSource(Protocol):
    def update(self, project: Project) -> None: ...
    @property
    def duration_s(self) -> float: ...
    def frame(self, t: float, cancel: threading.Event | None = None) -> Image.Image: ...
    def play(self, from_t: float = 0.0) -> Playback: ...
    def close(self) -> None: ...


def preview_size(project: Project, height: int = PREVIEW_HEIGHT) -> tuple[int, int]:
    """The project canvas scaled to `height` px tall (even sizes, as the encoder wants)."""
    c = project.preset.canvas
    h = min(height, c.height)
    w = round(c.width * h / c.height / 2) * 2
    return w, h - h % 2


def make_frame_source(project: Project) -> FrameSource:
    try:
        from ..render import Preview  # issue 11's instant preview, when merged
    except ImportError:
        return RenderFrameSource(project)
    return Preview(project, preview_size(project))


class RenderFrameSource:
    """Frames from `render_frame`, the render's own graph stopped at one frame, at the preview
    size (the preset's canvas scaled, as the `preview` preset does). One ffmpeg run per frame."""

    def __init__(self, project: Project):
        self._lock = threading.Lock()
        self.update(project)

    def update(self, project: Project) -> None:
        w, h = preview_size(project)
        c = project.preset.canvas
        small = project.preset.model_copy(update={"canvas": Canvas(width=w, height=h, fps=c.fps)})
        with self._lock:
            self._project = dataclasses.replace(project, preset=small)
            self._duration: float | None = None

    @property
    def duration_s(self) -> float:
        with self._lock:
            project = self._project
            if self._duration is not None:
                return self._duration
        from ..render import make_plan
        duration = make_plan(project).timeline.duration_s
        with self._lock:
            self._duration = duration
        return duration

    @property
    def fps(self) -> float:
        return float(self._project.preset.canvas.fps)

    def frame(self, t: float, cancel: threading.Event | None = None) -> Image.Image:
        from ..render import render_frame
        if cancel is not None and cancel.is_set():
            raise RenderCancelled("preview cancelled")
        with self._lock:
            project = self._project
        return render_frame(project, t)

    def play(self, from_t: float = 0.0) -> "_FramePlayback":
        return _FramePlayback(self, from_t)

    def close(self) -> None:
        pass


class _FramePlayback:
    """Playback without the instant preview: each frame drawn when the previous one is done, at
    the wall-clock time reached (a few frames per second), silent."""

    sample_rate = 48000
    channels = 2

    def __init__(self, source: RenderFrameSource, from_t: float):
        self.source, self.start_s = source, from_t
        self.fps = source.fps
        self.width, self.height = source._project.preset.canvas.width, source._project.preset.canvas.height
        self._t0 = time.monotonic()
        self._cancel = threading.Event()
        self._end = source.duration_s

    def read_frame(self) -> tuple[float, bytes] | None:
        t = self.start_s + time.monotonic() - self._t0
        if self._cancel.is_set() or t >= self._end:
            return None
        try:
            image = self.source.frame(t, self._cancel)
        except RenderCancelled:
            return None
        return t, image.tobytes()

    def read_audio(self, max_bytes: int) -> bytes:
        return b""

    def cancel(self) -> None:
        self._cancel.set()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.cancel()
