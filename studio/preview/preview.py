"""The instant preview: any frame of a story in a fraction of a second, and playback from any time.

A `Preview` keeps what the render prepares (studio.render.prepare and studio.media.layers draw
it: decoded stills, caption and word images, the brand layer, the cards, face and subject
analysis), each under a key made of its inputs, so an edit redraws only what it changed. A
frame is composed from those pieces by the timeline's own rules (the segment, pan, dissolve and
overlays shown at frame n, as studio.render.video_graph lays them); footage is seeked, not decoded
from the start, through the render's own fitting chain. tests/integration/test_preview.py keeps
the preview and the exported file within PSNR 35 dB of each other.

Anonymity: a clip whose faces the story hides is shown wholly blurred until its face analysis
(run in the background) is ready; a photo's faces are found when the photo is drawn."""

from __future__ import annotations

import bisect
import shutil
import threading
import weakref
from collections import Counter, OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from ..core.care import project_care
from ..core.leftovers import make_work_dir
from ..core.preset import PREVIEW_HEIGHT
from ..core.project import Project
from ..core.timeline import Timeline
from ..media.care_cards import draft_watermark, endcard_watermark, warning_card
from ..media.endcard import endcard_image
from ..media.layers import brand_layer, caption_image, gradient, title_image
from ..render.plan import Plan, make_plan
from ..render.prepare import analyse_footage, anonymized, effective_motion, part_frames, photo, still_size
from ..render.preview_graphs import footage_argv, shift
from .layers import Layer, LayerCache, dissolve, fingerprint, overlay, pan_view, zoom_view
from .media import FrameReader
from .playback import Playback

FRAME_CACHE_BYTES = 96 * 1024 * 1024  # decoded footage frames kept for scrubbing back and forth
SEEK_BEHIND, SEEK_AHEAD = 4, 10          # frames decoded around a seeked one (kept for the next edits)


@dataclass(frozen=True)
class State:
    """One version of the story: its plan at the preview size. A playback keeps the state it
    started with; `Preview.update` swaps in a new one."""

    plan: Plan

    @property
    def project(self) -> Project:
        return self.plan.project


class Preview:
    def __init__(self, project: Project, size: tuple[int, int] | None = None) -> None:
        self._size = size
        self._cache = LayerCache()
        self._frames: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._frames_lock = threading.Lock()
        self._work = make_work_dir("preview")
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._work, True)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-preview-analysis")
        self._analyses: dict[str, Future] = {}
        self._playbacks: weakref.WeakSet[Playback] = weakref.WeakSet()
        self._readers: set[FrameReader] = set()
        self._lock = threading.RLock()
        self._kept: set[tuple[str, str]] = set()
        self._state = self._make_state(project)
        self._kept = self._keys(self._state)
        self._start_analyses(self._state)

    # --- the public API -------------------------------------------------------------------

    def update(self, project: Project) -> None:
        """After an edit: a new plan; what did not change stays drawn, the rest is drawn when shown."""
        state = self._make_state(project)
        with self._lock:
            self._state = state
        self._start_analyses(state)
        keys = self._keys(state)
        self._cache.keep_only(keys | self._kept)  # this version's pieces and the previous one's
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
        return self._cache.redraws

    def frame(self, t: float, cancel: threading.Event | None = None, *, wait: bool = False) -> Image.Image:
        """The picture at `t` seconds (RGB, preview size). `wait`: wait for face and subject
        analyses instead of showing the clip wholly blurred (or centred) meanwhile."""
        state = self._state
        n = self.frame_index(state, t)
        return Image.fromarray(self.compose(state, n, lambda i, k: self._footage_frame(state, i, k, cancel, wait)))

    def play(self, from_t: float = 0.0) -> Playback:
        state = self._state
        pb = Playback(self, state, self.frame_index(state, from_t))
        self._playbacks.add(pb)
        return pb

    def close(self) -> None:
        for pb in list(self._playbacks):
            pb.cancel()
        for reader in list(self._readers):
            reader.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._cleanup()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- composing a frame (shared with Playback) ----------------------------------------

    @staticmethod
    def frame_index(state: State, t: float) -> int:
        tl = state.plan.timeline
        return min(max(0, round(t * tl.fps)), tl.total_frames - 1)

    def compose(self, state: State, n: int, footage: Callable[[int, int], np.ndarray]) -> np.ndarray:
        """Frame n as the render's graph draws it: the backdrop (warning card, backgrounds with
        their motion and dissolves, end card), then brand, captions and karaoke words, then the
        draft watermark. `footage(segment, k)` gives frame k of a clip segment."""
        tl = state.plan.timeline
        if n < tl.intro.end:
            frame = self._card(state, "intro").copy()
        elif n >= tl.endcard.start:
            frame = self._card(state, "endcard").copy()
        else:
            frame = self._backdrop(state, n, footage)
        if tl.intro.end <= n < tl.endcard.start:
            overlay(frame, self._brand(state))
        for beat, span in zip(state.project.story.beats, tl.beats):  # a beat's `# heading`, over its beat
            if beat.title and span.start <= n < span.end:
                overlay(frame, self._title(state, beat.title))
        for e in tl.events:
            if e.start <= n < e.end:
                caption, words = self._caption(state, e.rich or e.lines)
                overlay(frame, caption)
                for word, (_, a, b) in zip(words, e.word_spans()):
                    if word is not None and a <= n < b:
                        overlay(frame, word)
        if state.project.story.meta.is_draft:  # on the end card, off the helpline's text
            overlay(frame, self._draft(state, on_endcard=n >= tl.endcard.start))
        return frame

    def _backdrop(self, state: State, n: int, footage) -> np.ndarray:
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

    def _part(self, state: State, i: int, k: int, footage) -> np.ndarray:
        plan = state.plan
        bg = plan.timeline.segments[i].background
        if bg is not None and plan.media[bg.path].kind == "video":
            return footage(i, k)
        array, image = self._still(state, i)
        c = plan.project.preset.canvas
        motion = effective_motion(plan, i, bg)
        if motion in ("zoom-in", "zoom-out"):
            return zoom_view(image, k, part_frames(plan, i), motion, plan.project.look.background.pan_amount,
                             c.width, c.height)
        return pan_view(array, k, part_frames(plan, i), motion, c.width, c.height)

    # --- the prepared pieces, each keyed by its inputs -----------------------------------

    def _still_key(self, state: State, i: int) -> str:
        plan = state.plan
        bg = plan.timeline.segments[i].background
        if bg is None:
            c = plan.project.preset.canvas
            return fingerprint("gradient", plan.project.look.background.colors, c.width, c.height)
        size = still_size(plan, effective_motion(plan, i, bg))
        faces = anonymized(plan, bg, "faces") or bg.fit == "subject"
        return fingerprint(bg.path, bg.fit, anonymized(plan, bg, "faces"),
                           plan.project.look.anonymize if faces else None, size)

    def _still(self, state: State, i: int) -> tuple[np.ndarray, Image.Image]:
        plan = state.plan
        bg = plan.timeline.segments[i].background

        def draw():
            if bg is None:
                c = plan.project.preset.canvas
                im = gradient((c.width, c.height), plan.project.look.background.colors)
            else:
                im = photo(plan, bg, still_size(plan, effective_motion(plan, i, bg)))
            return np.asarray(im.convert("RGB")), im
        return self._cache.get("still", self._still_key(state, i), draw)

    def _layout(self, state: State) -> tuple:
        """What every drawn layer depends on besides its own text: canvas, safe zone, brand kit."""
        p = state.project
        return p.preset.canvas.width, p.preset.canvas.height, p.preset.safe_zone, p.brand, p.brand.source

    def _caption_key(self, state: State, lines: tuple[str, ...]) -> str:
        return fingerprint(lines, state.project.look.caption, self._layout(state))

    def _caption(self, state: State, lines: tuple[str, ...]) -> tuple[Layer, list[Layer | None]]:
        key = self._caption_key(state, lines)

        def draw():
            words: list = []
            placed = caption_image(state.project, lines, self._work / f"caption-{key}.png", set(), words)
            return Layer.from_placed(placed), [Layer.from_placed(w) if w else None for w in words]
        return self._cache.get("caption", key, draw)

    def _brand_key(self, state: State) -> str:
        return fingerprint(state.project.look.hashtag, self._layout(state))

    def _brand(self, state: State) -> Layer:
        key = self._brand_key(state)
        return self._cache.get("brand", key, lambda: Layer.from_placed(
            brand_layer(state.project, self._work / f"brand-{key}.png")))

    def _card_key(self, state: State, kind: str) -> str:
        p = state.project
        if kind == "intro":
            return fingerprint(p.story.meta.content_warning, p.story.meta.lang, self._layout(state))
        return fingerprint(p.endcard, p.look.hashtag, self._layout(state))

    def _card(self, state: State, kind: str) -> np.ndarray:
        key = self._card_key(state, kind)
        p = state.project

        def draw():
            out = self._work / f"{kind}-{key}.bmp"
            if kind == "intro":
                warning_card(p, project_care(p), out)
            else:
                endcard_image(p, out)
            with Image.open(out) as im:
                return np.asarray(im.convert("RGB"))
        return self._cache.get(kind, key, draw)

    def _draft_key(self, state: State, on_endcard: bool = False) -> str:
        p = state.project
        return fingerprint(p.story.meta.lang, self._layout(state), *((p.endcard, p.look.hashtag) if on_endcard else ()))

    def _draft(self, state: State, on_endcard: bool = False) -> Layer:
        key = self._draft_key(state, on_endcard)
        p = state.project
        draw = endcard_watermark if on_endcard else draft_watermark
        return self._cache.get("draft", key, lambda: Layer.from_placed(
            draw(p, project_care(p), self._work / f"draft-{key}.png")))

    def _title_key(self, state: State, text: str) -> str:
        return fingerprint(text, state.project.look.title, self._layout(state))

    def _title(self, state: State, text: str) -> Layer:
        key = self._title_key(state, text)
        return self._cache.get("title", key, lambda: Layer.from_placed(
            title_image(state.project, text, self._work / f"title-{key}.png")))

    def _keys(self, state: State) -> set[tuple[str, str]]:
        """Every layer key the story uses now (the rest may be forgotten)."""
        tl = state.plan.timeline
        keys = {("still", self._still_key(state, i)) for i in range(len(tl.segments))}
        keys |= {("caption", self._caption_key(state, e.rich or e.lines)) for e in tl.events}
        keys |= {("title", self._title_key(state, b.title)) for b in state.project.story.beats if b.title}
        keys |= {("brand", self._brand_key(state)), ("endcard", self._card_key(state, "endcard")),
                 ("intro", self._card_key(state, "intro")), ("draft", self._draft_key(state)),
                 ("draft", self._draft_key(state, on_endcard=True))}
        return keys

    # --- footage: seeked frames, face and subject analysis -------------------------------

    def _make_state(self, project: Project) -> State:
        return State(make_plan(at_size(project, self._size)))

    def _analysis_key(self, state: State, i: int) -> str | None:
        plan = state.plan
        bg = plan.timeline.segments[i].background
        if bg is None or plan.media[bg.path].kind != "video":
            return None
        if not anonymized(plan, bg, "faces") and bg.fit != "subject":
            return None
        p = plan.project
        return fingerprint(bg.path, bg.fit, bg.trim_start, bg.trim_end, anonymized(plan, bg, "faces"),
                           p.look.anonymize, p.look.background, part_frames(plan, i), p.preset.canvas)

    def _start_analyses(self, state: State) -> None:
        for i, seg in enumerate(state.plan.timeline.segments):
            key = self._analysis_key(state, i)
            if key is not None:
                with self._lock:
                    if key not in self._analyses:
                        self._analyses[key] = self._pool.submit(self._analyse, state.plan, i, key)

    def _analyse(self, plan: Plan, i: int, key: str) -> tuple[Path | None, object]:
        work = self._work / f"analysis-{key}"
        work.mkdir(exist_ok=True)
        masks: dict = {}
        subjects: dict = {}
        analyse_footage(plan, i, plan.timeline.segments[i].background, work, masks, subjects)
        self._cache.redraws["analysis"] += 1
        return masks.get(i), subjects.get(i)

    def footage_inputs(self, state: State, i: int, wait: bool = False) -> tuple[Path | None, object]:
        """(mask, subject) for clip segment i: the analysis' mask, or an all-white one (the whole
        clip blurred) while it runs; None when its faces are not hidden. Subject None: centred."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        key = self._analysis_key(state, i)
        if key is None:
            return None, None
        with self._lock:
            future = self._analyses.get(key)
            if future is None:
                future = self._analyses[key] = self._pool.submit(self._analyse, plan, i, key)
        mask = subject = None
        if wait or future.done():
            mask, subject = future.result()
        if anonymized(plan, bg, "faces") and mask is None:
            mask = self._white_mask()
        return mask, subject

    def analysis_ready(self) -> bool:
        """True when every clip's face and subject analysis of the current story is done."""
        state = self._state
        keys = [self._analysis_key(state, i) for i in range(len(state.plan.timeline.segments))]
        with self._lock:
            return all(self._analyses[k].done() for k in keys if k is not None and k in self._analyses)

    def _white_mask(self) -> Path:
        path = self._work / "mask-all.png"
        if not path.exists():
            Image.new("L", (64, 64), 255).save(path)
        return path

    def _frame_key(self, state: State, i: int, k: int, mask: Path | None, subject) -> tuple:
        """A clip frame's inputs: the clip, its fit, the source time shown (or the mask frame),
        the crop where it follows a subject: an edit that moves a segment keeps its frames."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        c, p = plan.project.preset.canvas, plan.project
        shown = shift(subject, k) if subject is not None else None
        return (fingerprint(bg.path, bg.fit, bg.trim_start, bg.trim_end, mask, repr(shown), c.width, c.height,
                            p.look.background, p.look.anonymize if mask else None),
                k if mask and mask.suffix != ".png" else round(_source_time(plan, i, k), 4))

    def cached_footage(self, state: State, i: int, k: int) -> np.ndarray | None:
        """Frame k of clip segment i if a frame() call decoded it already (a playback starting at
        the playhead shows it at once)."""
        mask, subject = self.footage_inputs(state, i)
        with self._frames_lock:
            return self._frames.get(self._frame_key(state, i, k, mask, subject))

    def _keep_frame(self, key: tuple, frame: np.ndarray) -> None:
        with self._frames_lock:
            self._frames[key] = frame
            self._frames.move_to_end(key)
            while len(self._frames) * frame.nbytes > FRAME_CACHE_BYTES:
                self._frames.popitem(last=False)

    def _footage_frame(self, state: State, i: int, k: int, cancel, wait: bool) -> np.ndarray:
        """Frame k of clip segment i: from the cache, else one seek that decodes a few frames
        around k (the one asked for returned as soon as it is ready, the next ones cached on a
        thread): typing shifts the story by a frame or two, and those stay hits."""
        plan = state.plan
        bg = plan.timeline.segments[i].background
        mask, subject = self.footage_inputs(state, i, wait)
        key = self._frame_key(state, i, k, mask, subject)
        with self._frames_lock:
            hit = self._frames.get(key)
            if hit is not None:
                self._frames.move_to_end(key)
                return hit
        first = max(0, k - SEEK_BEHIND)
        last = min(part_frames(plan, i) - 1, k + SEEK_AHEAD)
        keys = [self._frame_key(state, i, j, mask, subject) for j in range(first, last + 1)]
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
            self._keep_frame(key_j, frame_j)
            frame = frame_j
            if j == k - first:
                break
        self._cache.redraws["footage"] += 1
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
                self._keep_frame(key, np.frombuffer(data, np.uint8).reshape(c.height, c.width, 3))
        except Exception:  # noqa: BLE001  (frames ahead are a bonus; the next frame() seeks itself)
            pass
        finally:
            reader.close()
            self._readers.discard(reader)


def _source_time(plan: Plan, i: int, k: int) -> float:
    from ..render.footage import window
    bg = plan.timeline.segments[i].background
    return window(plan, bg, part_frames(plan, i)).source_time(k / plan.timeline.fps)


def at_size(project: Project, size: tuple[int, int] | None) -> Project:
    """The project drawn at the preview's size (default: scaled to PREVIEW_HEIGHT, 960 px tall): the same design,
    since every layer is sized from the canvas and its safe zone. A size of another shape than
    the canvas gets the largest canvas-shaped picture inside it (even sides, as the export's)."""
    c = project.preset.canvas
    box_w, box_h = size if size is not None else (c.width * PREVIEW_HEIGHT / c.height, PREVIEW_HEIGHT)
    scale = min(box_w / c.width, box_h / c.height)
    w, h = (2 * max(1, round(side * scale / 2)) for side in (c.width, c.height))
    if (w, h) == (c.width, c.height):
        return project
    canvas = c.model_copy(update={"width": int(w), "height": int(h)})
    return replace(project, preset=project.preset.model_copy(update={"canvas": canvas}))


# --- render_frame: the engine's one-frame call, served by a shared Preview ------------------

_SHARED: OrderedDict[tuple, Preview] = OrderedDict()
_SHARED_LOCK = threading.Lock()
_SHARED_MAX = 4


def render_frame(project: Project, t: float) -> Image.Image:
    """The frame at `t` seconds at the project's canvas size, as the export shows it. A Preview
    kept per story and preset serves it, so a loop of calls (new Projects from an edited story
    included) redraws only what changed."""
    c = project.preset.canvas
    key = (str(project.story.path), project.preset.name, c.width, c.height)
    with _SHARED_LOCK:
        preview = _SHARED.pop(key, None)
        if preview is None:
            preview = Preview(project, (c.width, c.height))
        else:
            try:
                preview.update(project)
            except BaseException:
                preview.close()
                raise
        _SHARED[key] = preview
        while len(_SHARED) > _SHARED_MAX:
            _SHARED.popitem(last=False)[1].close()
        return preview.frame(t, wait=True)
