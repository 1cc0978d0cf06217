"""The instant preview: any frame of a story in a fraction of a second, and playback from any time.

A `Preview` is a thin facade over the package's parts: `layers` keeps what the render prepares
(decoded stills, caption and word images, the brand layer, the cards), each under a key made of
its inputs, so an edit redraws only what it changed; `compositor` composes frame n from them by
the timeline's own rules (the segment, pan, dissolve and overlays shown at frame n, as
studio.render.video_graph lays them); `footage` seeks clip frames through the render's own
fitting chain and caches them; `faces` runs the clips' face and subject analysis in the
background; `playback` plays from a time. tests/integration/test_preview.py keeps the preview and
the exported file within PSNR 35 dB of each other.

Anonymity: a clip whose faces the story hides is shown wholly blurred until its face analysis
(run in the background) is ready; a photo's faces are found when the photo is drawn."""

from __future__ import annotations

import shutil
import threading
import weakref
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from ..core.leftovers import make_work_dir
from ..core.project import Project
from ..core.timeline import Timeline
from ..render.prepare import Subject
from .compositor import Compositor, FootageFrame
from .faces import FaceAnalyses
from .footage import Footage
from .layers import Layers
from .playback import Playback
from .state import State, frame_index, make_state


class Preview:
    def __init__(self, project: Project, size: tuple[int, int] | None = None) -> None:
        self._size = size
        self._work = make_work_dir("preview")
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._work, True)
        self._layers = Layers(self._work)
        self._faces = FaceAnalyses(self._work, self._layers.redraws)
        self._footage = Footage(self._faces, self._layers.redraws)
        self._compositor = Compositor(self._layers)
        self._playbacks: weakref.WeakSet[Playback] = weakref.WeakSet()
        self._state = make_state(project, size)
        self._kept = self._layers.keys(self._state)
        self._faces.start(self._state)

    # --- the public API -------------------------------------------------------------------

    def update(self, project: Project) -> None:
        """After an edit: a new plan; what did not change stays drawn, the rest is drawn when shown."""
        state = make_state(project, self._size)
        self._state = state
        self._faces.start(state)
        keys = self._layers.keys(state)
        self._layers.keep_only(keys | self._kept)  # this version's pieces and the previous one's
        self._kept = keys

    @property
    def duration_s(self) -> float:
        return self._state.plan.timeline.duration_s

    @property
    def fps(self) -> float:
        return float(self._state.plan.timeline.fps)

    @property
    def timeline(self) -> Timeline:
        """The current story's timeline (beats, segments, caption events, in frames)."""
        return self._state.plan.timeline

    @property
    def size(self) -> tuple[int, int]:
        c = self._state.project.preset.canvas
        return c.width, c.height

    @property
    def redraws(self) -> Counter[str]:
        """How many images of each kind were drawn so far ("still", "caption", "brand", "endcard",
        "intro", "draft", "analysis", "footage" frames decoded)."""
        return self._layers.redraws

    def frame(self, t: float, cancel: threading.Event | None = None, *, wait: bool = False) -> Image.Image:
        """The picture at `t` seconds (RGB, preview size). `wait`: wait for face and subject
        analyses instead of showing the clip wholly blurred (or centred) meanwhile."""
        state = self._state
        n = frame_index(state, t)
        return Image.fromarray(self.compose(state, n, lambda i, k: self._footage.frame(state, i, k, cancel, wait)))

    def play(self, from_t: float = 0.0) -> Playback:
        state = self._state
        pb = Playback(self, state, frame_index(state, from_t))
        self._playbacks.add(pb)
        return pb

    def analysis_ready(self) -> bool:
        """True when every clip's face and subject analysis of the current story is done."""
        return self._faces.ready(self._state)

    def close(self) -> None:
        for pb in list(self._playbacks):
            pb.cancel()
        self._footage.close()
        self._faces.close()
        self._cleanup()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- what a Playback needs (playback.Frames) -------------------------------------------

    def compose(self, state: State, n: int, footage: FootageFrame) -> np.ndarray:
        return self._compositor.compose(state, n, footage)

    def footage_inputs(self, state: State, i: int) -> tuple[Path | None, Subject | None]:
        return self._faces.inputs(state, i)

    def cached_footage(self, state: State, i: int, k: int) -> np.ndarray | None:
        return self._footage.cached(state, i, k)
