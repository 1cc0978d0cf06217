"""Draws every image a render needs, once, into a work folder: background stills decoded and
scaled once (never `-loop 1` on an image input), caption boxes, the brand layer, the end card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..media.layers import Placed, brand_layer, caption_image, endcard_image, gradient
from ..media.probe import load_still
from .plan import Plan


@dataclass(frozen=True)
class Assets:
    stills: dict[int, Path]   # segment index -> prepared still (images and the brand background)
    captions: list[Placed]    # one per caption event, in timeline order
    highlights: list[list[tuple[Placed, int, int]]]  # per event: (word image, first frame, end frame)
    brand: Placed
    endcard: Path
    dropped_chars: frozenset[str]


def still_size(plan: Plan) -> tuple[int, int]:
    """A panned still is larger than the canvas by `pan_amount` (even sizes for yuv420p)."""
    c = plan.project.preset.canvas
    m = plan.project.look.background.pan_amount if plan.project.look.background.motion == "pan" else 0
    return 2 * round(c.width * (1 + m) / 2), 2 * round(c.height * (1 + m) / 2)


def prepare(plan: Plan, work: Path) -> Assets:
    project = plan.project
    c = project.preset.canvas
    stills: dict[int, Path] = {}
    for i, seg in enumerate(plan.timeline.segments):
        bg = seg.background
        if bg is not None and plan.media[bg.path].kind == "video":
            continue
        out = work / f"still-{i:03d}.bmp"  # uncompressed: 50x faster to write than PNG, read once
        if bg is None:
            gradient((c.width, c.height), project.look.background.colors).save(out)
        else:
            load_still(bg.path, still_size(plan)).save(out)
        stills[i] = out
    dropped: set[str] = set()
    captions, highlights = [], []
    for k, e in enumerate(plan.timeline.events):
        words: list[Placed | None] = []
        captions.append(caption_image(project, e.lines, work / f"caption-{k:03d}.png", dropped, words))
        highlights.append([(p, a, b) for p, (_, a, b) in zip(words, e.word_spans()) if p is not None and b > a])
    return Assets(stills=stills, captions=captions, highlights=highlights, brand=brand_layer(project, work / "brand.png"),
                  endcard=endcard_image(project, work / "endcard.bmp"), dropped_chars=frozenset(dropped))
