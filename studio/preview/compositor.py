"""A frame composed as the render's graph draws it (studio.render.video_graph and graph.py lay it
out): the backdrop (warning card, backgrounds with their pan, zoom and dissolves, end card), then
brand, beat titles, captions and karaoke words, then the draft watermark, each switched on by
frame number. The same code serves a still frame and playback; only where clip frames come from
differs (`footage(segment, k)`)."""

from __future__ import annotations

import bisect
from typing import Callable

import numpy as np

from ..render.prepare import effective_motion, part_frames
from .layers import Layers
from .pixels import dissolve, overlay, pan_view, zoom_view
from .state import State

FootageFrame = Callable[[int, int], np.ndarray]  # (segment, k) -> frame k of that clip segment


class Compositor:
    def __init__(self, layers: Layers) -> None:
        self._layers = layers

    def compose(self, state: State, n: int, footage: FootageFrame) -> np.ndarray:
        """Frame n (uint8 RGB at the canvas size)."""
        layers, tl = self._layers, state.plan.timeline
        if n < tl.intro.end:
            frame = layers.card(state, "intro").copy()
        elif n >= tl.endcard.start:
            frame = layers.card(state, "endcard").copy()
        else:
            frame = self._backdrop(state, n, footage)
        if tl.intro.end <= n < tl.endcard.start:
            overlay(frame, layers.brand(state))
        for beat, span in zip(state.project.story.beats, tl.beats):  # a beat's `# heading`, over its beat
            if beat.title and span.start <= n < span.end:
                overlay(frame, layers.title(state, beat.title))
        for e in tl.events:
            if e.start <= n < e.end:
                caption, words = layers.caption(state, e.rich or e.lines)
                overlay(frame, caption)
                for word, (_, a, b) in zip(words, e.word_spans()):
                    if word is not None and a <= n < b:
                        overlay(frame, word)
        if state.project.story.meta.is_draft:  # on the end card, off the helpline's text
            overlay(frame, layers.draft(state, on_endcard=n >= tl.endcard.start))
        return frame

    def _backdrop(self, state: State, n: int, footage: FootageFrame) -> np.ndarray:
        plan = state.plan
        segs = plan.timeline.segments
        i = bisect.bisect_right([s.start for s in segs], n) - 1
        k = n - segs[i].start
        look = plan.project.look.background
        d = round(look.crossfade_s * plan.timeline.fps) if look.crossfade_s > 0 and len(segs) > 1 else 0
        current = self._part(state, i, k, footage)
        if d and i > 0 and k < d:  # the previous background (longer by d) dissolves into this one
            return dissolve(self._part(state, i - 1, n - segs[i - 1].start, footage), current, k / d)
        return np.array(current)

    def _part(self, state: State, i: int, k: int, footage: FootageFrame) -> np.ndarray:
        plan = state.plan
        bg = plan.timeline.segments[i].background
        if bg is not None and plan.media[bg.path].kind == "video":
            return footage(i, k)
        array, image = self._layers.still(state, i)
        c = plan.project.preset.canvas
        motion = effective_motion(plan, i, bg)
        if motion in ("zoom-in", "zoom-out"):
            return zoom_view(image, k, part_frames(plan, i), motion, plan.project.look.background.pan_amount,
                             c.width, c.height)
        return pan_view(array, k, part_frames(plan, i), motion, c.width, c.height)
