"""The render's check of its own file, without decoding it again: the render's graph hands the QA
the frames it encodes (studio.render.taps adds the outputs this module asks for) and the mix it
encodes, and the rules of `studio check` judge them, with the file's own boxes and packets.

What each output carries is what the file's decode would give (studio.qa.frames): the flash grid
of every frame, the card frames, the caption frames cropped to where each caption is searched;
the frames are the encoder's input, so they differ from the decoded file only by the encoding
(tests/integration/test_inline_qa.py holds the two within stated tolerances)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..core.leftovers import work_dir
from ..core.project import Project
from ..core.timeline import Timeline
from ..media.streams import Stream
from .frames import (Collector, _any_of, grid_filters, picture_filters, render_card_frames, selected)
from .loudness import parse_log
from .model import Report
from .run import Drawn, Looks, _streams, judge, plan_frames, read_captions, with_expected


@dataclass(frozen=True)
class PictureOutput:
    """One raw output of the render's final picture: `select` (an expression of the frame number
    `n`, or None for every frame), then `filters`; each frame of `frame_bytes` goes to `take`."""

    name: str
    select: str | None
    filters: list[tuple[str, dict]]
    frame_bytes: int
    take: object  # Callable[[bytes], None]


class SelfCheck:
    """Made before the render (it says which outputs to add), fed while ffmpeg runs, asked for its
    Report once the file is written. `expect()` draws what the rules compare with (the render
    calls it while ffmpeg encodes; else `report()` does). `close()` removes its work folder."""

    def __init__(self, project: Project, captions: Path, timeline: Timeline):
        preset, c = project.preset, project.preset.canvas
        self.project, self.timeline = project, timeline
        self.fps, self.n = c.fps, timeline.total_frames
        self.video = Stream(0, "video", preset.video.encoder, pix_fmt=preset.video.pix_fmt,
                            color_range=preset.video.color_range, colorspace=preset.video.colorspace,
                            width=c.width, height=c.height, fps=Fraction(c.fps))
        self._work = work_dir("qa")
        self.loudness_log = Path(self._work.name) / "r128.txt"
        self.looks = plan_frames(project, read_captions(captions), c.fps, self.n, story_given=True)
        w = self.looks.wanted
        self._cards = set(render_card_frames(self.n, self.fps, w))
        self.collector = Collector(self.video, w, selected(self._cards, self.n), selected(w.detail, self.n))
        self._expected: Looks | None = None

    def expect(self, drawn: Drawn | None = None) -> None:
        """Draws the expected captions and cards (`drawn`: the cards the render drew) and tells the
        collector where the captions are searched. On the render's own thread, not a helper one:
        a thread's drawings would stay in a malloc arena of its own (measured: 195 MB peak, not 151)."""
        c = self.project.preset.canvas
        self._expected = with_expected(self.looks, self.project, c.width, c.height, story_given=True,
                                       timeline=self.timeline, work=Path(self._work.name), drawn=drawn)
        self.collector.crop_to(self._expected.wanted.crops)

    def outputs(self) -> list[PictureOutput]:
        col, w = self.collector, self.looks.wanted
        _, grid = grid_filters(self.video)
        return [PictureOutput("grid", None, grid, col.grid_bytes, col.grid),
                PictureOutput("card", _any_of(self._cards, "not(n)"), picture_filters(col.card_size),
                              col.card_bytes, col.card),
                PictureOutput("detail", _any_of(set(w.detail), "not(n)"), picture_filters(col.detail_size),
                              col.detail_bytes, col.detail_frame)]

    def report(self, video: Path, *, name: str | None = None) -> Report:
        """The rules on the written file's boxes and packets and on what the graph handed over."""
        started = time.monotonic()
        streams = _streams(video)
        loud = None
        if streams.n_audio and self.loudness_log.is_file() and self.loudness_log.stat().st_size:
            loud = parse_log(self.loudness_log.read_text())
        if self._expected is None:
            self.expect()
        sc = self.collector.scan(np.arange(self.n) / self.fps, lambda i: i in self._cards)
        return judge(video, self.project, streams, self._expected, sc, loud, story_given=True, name=name,
                     started=started, frames_from="the render's own frames and mix")

    def close(self) -> None:
        self._work.cleanup()
