"""The instant preview's prepared pieces: the render's own images (studio.render.prepare and
studio.media.layers draw them: decoded stills, caption and karaoke word images, the brand layer,
the cards, the draft watermark, beat titles) held in memory as numpy arrays, each under a key made
of its inputs, so an edit redraws only what it changed."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
from PIL import Image
from pydantic import BaseModel

from ..core.care import project_care
from ..media.care_cards import draft_watermark, endcard_watermark, warning_card
from ..media.endcard import endcard_image
from ..media.layers import brand_layer, caption_image, gradient, title_image
from ..media.probe import file_identity
from ..render.prepare import anonymized, effective_motion, photo, still_size
from .pixels import Layer
from .state import State


def fingerprint(*parts: Any) -> str:
    """A short stable digest of a cache key's inputs (settings, texts, file identities)."""
    return hashlib.sha1(repr(tuple(_plain(p) for p in parts)).encode("utf-8")).hexdigest()[:20]


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, Path):
        return file_identity(value)
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if is_dataclass(value):
        return repr(value)
    return value


class LayerCache:
    """Images keyed by a fingerprint of their inputs, drawn at most once per key. `redraws`
    counts the drawings by kind ("still", "caption", "brand", ...): the tests read it to check
    what an edit invalidates and what it keeps."""

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}
        self._lock = threading.RLock()
        self.redraws: Counter[str] = Counter()

    def get(self, kind: str, key: str, draw: Callable[[], Any]) -> Any:
        with self._lock:
            if (kind, key) not in self._items:
                self._items[(kind, key)] = draw()
                self.redraws[kind] += 1
            return self._items[(kind, key)]

    def keep_only(self, wanted: set[tuple[str, str]]) -> None:
        """Forgets every entry the current story no longer uses (memory stays bounded by it)."""
        with self._lock:
            for k in [k for k in self._items if k not in wanted]:
                del self._items[k]

    def __len__(self) -> int:
        return len(self._items)


class Layers:
    """Draws each piece of a story at most once per set of inputs, into the preview's work folder.
    `redraws` counts the drawings by kind (shared with the footage and the face analyses)."""

    def __init__(self, work: Path) -> None:
        self._work = work
        self._cache = LayerCache()

    @property
    def redraws(self) -> Counter[str]:
        return self._cache.redraws

    def keep_only(self, keys: set[tuple[str, str]]) -> None:
        self._cache.keep_only(keys)

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

    def still(self, state: State, i: int) -> tuple[np.ndarray, Image.Image]:
        """Segment i's photo (or the look's gradient) at the size its motion needs."""
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

    def caption(self, state: State, lines: tuple[str, ...]) -> tuple[Layer, list[Layer | None]]:
        """A caption's layer and its karaoke words' (None for a word that is not highlighted)."""
        key = self._caption_key(state, lines)

        def draw():
            words: list = []
            placed = caption_image(state.project, lines, self._work / f"caption-{key}.png", set(), words)
            return Layer.from_placed(placed), [Layer.from_placed(w) if w else None for w in words]
        return self._cache.get("caption", key, draw)

    def _brand_key(self, state: State) -> str:
        return fingerprint(state.project.look.hashtag, self._layout(state))

    def brand(self, state: State) -> Layer:
        key = self._brand_key(state)
        return self._cache.get("brand", key, lambda: Layer.from_placed(
            brand_layer(state.project, self._work / f"brand-{key}.png")))

    def _card_key(self, state: State, kind: str) -> str:
        p = state.project
        if kind == "intro":
            return fingerprint(p.story.meta.content_warning, p.story.meta.lang, self._layout(state))
        return fingerprint(p.endcard, p.look.hashtag, self._layout(state))

    def card(self, state: State, kind: str) -> np.ndarray:
        """The warning card ("intro") or the end card ("endcard"), a whole picture."""
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

    def draft(self, state: State, on_endcard: bool = False) -> Layer:
        key = self._draft_key(state, on_endcard)
        p = state.project
        draw = endcard_watermark if on_endcard else draft_watermark
        return self._cache.get("draft", key, lambda: Layer.from_placed(
            draw(p, project_care(p), self._work / f"draft-{key}.png")))

    def _title_key(self, state: State, text: str) -> str:
        return fingerprint(text, state.project.look.title, self._layout(state))

    def title(self, state: State, text: str) -> Layer:
        key = self._title_key(state, text)
        return self._cache.get("title", key, lambda: Layer.from_placed(
            title_image(state.project, text, self._work / f"title-{key}.png")))

    def keys(self, state: State) -> set[tuple[str, str]]:
        """Every layer key the story uses now (the rest may be forgotten)."""
        tl = state.plan.timeline
        keys = {("still", self._still_key(state, i)) for i in range(len(tl.segments))}
        keys |= {("caption", self._caption_key(state, e.rich or e.lines)) for e in tl.events}
        keys |= {("title", self._title_key(state, b.title)) for b in state.project.story.beats if b.title}
        keys |= {("brand", self._brand_key(state)), ("endcard", self._card_key(state, "endcard")),
                 ("intro", self._card_key(state, "intro")), ("draft", self._draft_key(state)),
                 ("draft", self._draft_key(state, on_endcard=True))}
        return keys
