"""The preview's face and subject analysis of its clips, on one background thread: a clip whose
faces the story hides is shown wholly blurred (an all-white mask) until its analysis is ready, a
clip that follows its subject is centred meanwhile. Each analysis is kept under a key of its
inputs, so an edit that does not touch a clip does not analyse it again."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from ..render.plan import Plan
from ..render.prepare import Subject, analyse_footage, anonymized, part_frames
from .layers import fingerprint
from .state import State


class FaceAnalyses:
    def __init__(self, work: Path, redraws: Counter[str]) -> None:
        self._work, self._redraws = work, redraws
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-preview-analysis")
        self._analyses: dict[str, Future] = {}
        self._lock = threading.Lock()

    def _key(self, state: State, i: int) -> str | None:
        plan = state.plan
        bg = plan.timeline.segments[i].background
        if bg is None or plan.media[bg.path].kind != "video":
            return None
        if not anonymized(plan, bg, "faces") and bg.fit != "subject":
            return None
        p = plan.project
        return fingerprint(bg.path, bg.fit, bg.trim_start, bg.trim_end, anonymized(plan, bg, "faces"),
                           p.look.anonymize, p.look.background, part_frames(plan, i), p.preset.canvas)

    def start(self, state: State) -> None:
        """Starts the analyses the story needs and has not got yet (in the background)."""
        for i in range(len(state.plan.timeline.segments)):
            key = self._key(state, i)
            if key is not None:
                self._future(state.plan, i, key)

    def _future(self, plan: Plan, i: int, key: str) -> Future:
        with self._lock:
            future = self._analyses.get(key)
            if future is None:
                future = self._analyses[key] = self._pool.submit(self._analyse, plan, i, key)
            return future

    def _analyse(self, plan: Plan, i: int, key: str) -> tuple[Path | None, Subject | None]:
        work = self._work / f"analysis-{key}"
        work.mkdir(exist_ok=True)
        masks: dict = {}
        subjects: dict = {}
        analyse_footage(plan, i, plan.timeline.segments[i].background, work, masks, subjects)
        self._redraws["analysis"] += 1
        return masks.get(i), subjects.get(i)

    def inputs(self, state: State, i: int, wait: bool = False) -> tuple[Path | None, Subject | None]:
        """(mask, subject) for clip segment i: the analysis' mask, or an all-white one (the whole
        clip blurred) while it runs; None when its faces are not hidden. Subject None: centred."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        key = self._key(state, i)
        if key is None:
            return None, None
        future = self._future(plan, i, key)
        mask = subject = None
        if wait or future.done():
            mask, subject = future.result()
        if anonymized(plan, bg, "faces") and mask is None:
            mask = self._white_mask()
        return mask, subject

    def ready(self, state: State) -> bool:
        """True when every clip's face and subject analysis of `state` is done."""
        keys = [self._key(state, i) for i in range(len(state.plan.timeline.segments))]
        with self._lock:
            return all(self._analyses[k].done() for k in keys if k is not None and k in self._analyses)

    def _white_mask(self) -> Path:
        path = self._work / "mask-all.png"
        if not path.exists():
            Image.new("L", (64, 64), 255).save(path)
        return path

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
