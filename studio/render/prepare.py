"""Draws every image a render needs, once, into a work folder: background stills decoded and
scaled once (never `-loop 1` on an image input), caption boxes, the brand layer, the end card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.care import care_texts
from ..media.care_cards import draft_watermark, warning_card
from ..media.layers import Placed, brand_layer, caption_image, endcard_image, gradient
from ..media.probe import load_still
from .plan import Plan


@dataclass(frozen=True)
class Assets:
    stills: dict[int, Path]   # segment index -> prepared still (images and the brand background)
    captions: list[Placed]    # one per caption event, in timeline order
    brand: Placed
    endcard: Path
    dropped_chars: frozenset[str]
    intro: Path | None = None        # the content-warning card (story's `content_warning:`)
    watermark: Placed | None = None  # the draft watermark (no `consent.given: true`)


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
    captions = [caption_image(project, e.lines, work / f"caption-{k:03d}.png", dropped)
                for k, e in enumerate(plan.timeline.events)]
    meta = project.story.meta
    care = care_texts(meta.lang) if meta.content_warning or not meta.consent.given else None
    return Assets(stills=stills, captions=captions, brand=brand_layer(project, work / "brand.png"),
                  endcard=endcard_image(project, work / "endcard.bmp"), dropped_chars=frozenset(dropped),
                  intro=warning_card(project, care, work / "intro.bmp") if meta.content_warning else None,
                  watermark=None if meta.consent.given else draft_watermark(project, care, work / "draft.png"))
