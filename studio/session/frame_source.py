"""The one interface the preview panel draws from: a FrameSource gives the frame at `t` and a
playback from `t`. The engine's instant preview (`studio.preview.Preview`) is one; the panel needs
nothing else, so another source (a remote renderer, a test double) can stand in."""

from __future__ import annotations

import threading
from typing import Protocol

from PIL import Image

from ..core.preset import PREVIEW_HEIGHT
from ..core.project import Project


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
    from ..preview import Preview  # loaded by the first preview worker, not at start-up
    return Preview(project, preview_size(project))
