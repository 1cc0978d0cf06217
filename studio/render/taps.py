"""The self-check's outputs of the render's graph (studio.qa.inline says what it needs): a pipe per
view of the final picture, read on a thread while ffmpeg encodes, and the loudness meter on the
final mix."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..media.decode import read_into
from ..qa.inline import SelfCheck
from ..qa.loudness import meter_filters
from ..qa.run import Drawn, placed_image, rgb_image
from .graph import Outputs, Tap
from .prepare import Assets
from .runner import SidePipe


@dataclass
class Taps:
    pipes: list[SidePipe]

    def close(self) -> None:
        """Closes the pipes not yet handed to the runner (it closes those it was given)."""
        for p in self.pipes:
            p.close()


def open_taps(own: SelfCheck | None, outputs: Outputs) -> tuple[Outputs, Taps]:
    """`outputs` with the self-check's views added, and their pipes (none without a self-check)."""
    if own is None:
        return outputs, Taps([])
    views = own.outputs()
    pipes = [SidePipe.open(_frames_of(v.frame_bytes, v.take)) for v in views]
    taps = tuple(Tap(p.write_fd, v.select, v.filters) for p, v in zip(pipes, views))
    return replace(outputs, taps=taps, meter=meter_filters(own.loudness_log)), Taps(pipes)


def _frames_of(frame_bytes: int, take):
    def read(pipe) -> None:
        view = memoryview(bytearray(frame_bytes))  # one buffer for every frame: `take` copies what it keeps
        while read_into(pipe, view):
            take(view)
    return read


def drawn(assets: Assets) -> Drawn:
    """The cards the render drew, for the self-check to compare with (not drawn twice)."""
    return Drawn(rgb_image(assets.endcard), rgb_image(assets.intro) if assets.intro else None,
                 *(placed_image(p) if p else None for p in (assets.watermark, assets.endcard_watermark)))
