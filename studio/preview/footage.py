"""The preview's clip frames: seeked, not decoded from the start, through the render's own fitting
chain (studio.render.preview_graphs), and kept in a bounded cache. A seek decodes a few frames
around the one asked for: the one asked for is returned as soon as it is ready and the next ones
are cached by a reader thread, so typing (which shifts the story by a frame or two) stays on hits."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from pathlib import Path

import numpy as np

from ..render.footage import window
from ..render.plan import Plan
from ..render.prepare import Subject, part_frames
from ..render.preview_graphs import footage_argv, shift
from .faces import FaceAnalyses
from .layers import fingerprint
from .media import FrameReader
from .state import State

FRAME_CACHE_BYTES = 96 * 1024 * 1024  # decoded footage frames kept for scrubbing back and forth
SEEK_BEHIND, SEEK_AHEAD = 4, 10          # frames decoded around a seeked one (kept for the next edits)


class Footage:
    def __init__(self, faces: FaceAnalyses, redraws: Counter[str]) -> None:
        self._faces, self._redraws = faces, redraws
        self._frames: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._frames_lock = threading.Lock()
        self._readers: set[FrameReader] = set()

    def _key(self, state: State, i: int, k: int, mask: Path | None, subject: Subject | None) -> tuple:
        """A clip frame's inputs: the clip, its fit, the source time shown (or the mask frame),
        the crop where it follows a subject: an edit that moves a segment keeps its frames."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        c, p = plan.project.preset.canvas, plan.project
        shown = shift(subject, k) if subject is not None else None
        return (fingerprint(bg.path, bg.fit, bg.trim_start, bg.trim_end, mask, repr(shown), c.width, c.height,
                            p.look.background, p.look.anonymize if mask else None),
                k if mask and mask.suffix != ".png" else round(_source_time(plan, i, k), 4))

    def cached(self, state: State, i: int, k: int) -> np.ndarray | None:
        """Frame k of clip segment i if a frame() call decoded it already (a playback starting at
        the playhead shows it at once)."""
        mask, subject = self._faces.inputs(state, i)
        with self._frames_lock:
            return self._frames.get(self._key(state, i, k, mask, subject))

    def _keep(self, key: tuple, frame: np.ndarray) -> None:
        with self._frames_lock:
            self._frames[key] = frame
            self._frames.move_to_end(key)
            while len(self._frames) * frame.nbytes > FRAME_CACHE_BYTES:
                self._frames.popitem(last=False)

    def frame(self, state: State, i: int, k: int, cancel: threading.Event | None, wait: bool) -> np.ndarray:
        """Frame k of clip segment i: from the cache, else one seek that decodes a few frames
        around k. `wait`: wait for the clip's face analysis instead of blurring it whole."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        mask, subject = self._faces.inputs(state, i, wait)
        key = self._key(state, i, k, mask, subject)
        with self._frames_lock:
            hit = self._frames.get(key)
            if hit is not None:
                self._frames.move_to_end(key)
                return hit
        first = max(0, k - SEEK_BEHIND)
        last = min(part_frames(plan, i) - 1, k + SEEK_AHEAD)
        keys = [self._key(state, i, j, mask, subject) for j in range(first, last + 1)]
        c = plan.project.preset.canvas
        reader = FrameReader(footage_argv(plan, i, bg, first, mask, subject, frames=len(keys)),
                             c.width * c.height * 3, cancel)
        self._readers.add(reader)
        frame = None
        for j, key_j in enumerate(keys):
            data = reader.next()
            if data is None:
                break
            frame_j = np.frombuffer(data, np.uint8).reshape(c.height, c.width, 3)
            self._keep(key_j, frame_j)
            frame = frame_j
            if j == k - first:
                break
        self._redraws["footage"] += 1
        if frame is None:
            reader.close()
            reader.fail()
        rest = [(key_j, j) for j, key_j in enumerate(keys) if j > k - first]
        if rest and reader.alive:
            threading.Thread(target=self._read_rest, args=(reader, rest, c), daemon=True).start()
        else:
            reader.close()
        return frame

    def _read_rest(self, reader: FrameReader, rest: list, c) -> None:
        try:
            for key, _ in rest:
                data = reader.next()
                if data is None:
                    break
                self._keep(key, np.frombuffer(data, np.uint8).reshape(c.height, c.width, 3))
        except Exception:  # noqa: BLE001  (frames ahead are a bonus; the next frame() seeks itself)
            pass
        finally:
            reader.close()
            self._readers.discard(reader)

    def close(self) -> None:
        for reader in list(self._readers):
            reader.close()


def _source_time(plan: Plan, i: int, k: int) -> float:
    bg = plan.timeline.segments[i].background
    return window(plan, bg, part_frames(plan, i)).source_time(k / plan.timeline.fps)
