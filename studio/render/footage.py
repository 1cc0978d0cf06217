"""Which seconds of a clip fill a segment, and how: one definition shared by the video graph,
the clip-sound graph and the face analysis, so a face mask and the picture stay frame-aligned.

ffmpeg reads the clip from `#t=` START; when the clip (from START) is shorter than the segment it
is read with `-stream_loop -1`, which goes on from the file's beginning after its end."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.story import Background
from .plan import Plan


@dataclass(frozen=True)
class Window:
    start: float       # seconds into the file
    need: float        # seconds the segment shows
    loop: bool
    file_s: float      # the file's duration
    avail: float       # seconds available from `start` (to #t=END or the file's end)

    def input_opts(self, copy: int = 0) -> dict:
        """`copy` > 0: the same window used again by a later segment. ffmpeg-python merges inputs
        with equal arguments into one node, which two segments cannot both read without a `split`
        (that would hold every frame in memory until the later segment); the start, written with
        `copy` more decimals, keeps the input apart at the same value."""
        opts: dict = {"ss": f"{self.start:.{3 + copy}f}"} if self.start or copy else {}
        if self.loop:
            opts["stream_loop"] = -1
            opts["t"] = f"{self.need + 1:.3f}"
        else:
            opts["t"] = f"{min(self.avail, self.need + 1):.3f}"
        return opts

    def source_time(self, seconds: float) -> float:
        """The file time shown `seconds` into the segment."""
        if not self.loop or seconds < self.file_s - self.start:
            return self.start + seconds
        return (seconds - (self.file_s - self.start)) % max(self.file_s, 1e-3)

    def scan_range(self) -> tuple[float, float]:
        """File seconds a face analysis must cover."""
        return (0.0, self.file_s) if self.loop else (self.start, self.start + self.need)


def window(plan: Plan, bg: Background, frames: int) -> Window:
    info = plan.media[bg.path]
    start = bg.trim_start or 0.0
    end = bg.trim_end if bg.trim_end is not None else info.duration_s
    need = frames / plan.project.preset.canvas.fps
    return Window(start, need, end - start < need, info.duration_s, end - start)
