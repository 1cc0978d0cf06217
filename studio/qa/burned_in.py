"""The burned-in caption rules (docs/standards.md §2, §4): captions.safe_zone and
captions.contrast, over every event. Each caption is located by its expected image
(caption_match), else, when the layout may not be the file's, by difference
(caption_difference); a caption located neither way is a warning that names it. The box must lie
inside the preset's safe zone; the contrast of the text against its box is measured on the file's
pixels."""

from __future__ import annotations

from ..core.captions import Cue
from ..core.i18n import _
from ..core.project import Project
from .caption_difference import find_by_difference
from .caption_match import Template, find_by_template
from .frames import Scan
from .model import RuleResult, Status

CHROMA_BLEED_PX = 2     # 4:2:0 colour is stored per 2x2 pixels: an edge may bleed this far


def _quote(cue: Cue) -> str:
    text = " ".join(cue.lines)
    return _("«{text}» at {seconds:.2f} s", text=text[:28] + ("…" if len(text) > 28 else ""), seconds=cue.start_s)


def inside_zone(box: tuple[int, int, int, int], zone: tuple[int, int, int, int], tol: float) -> bool:
    """A caption box (x0, y0, x1, y1) lies in the safe zone, each edge allowed `tol` pixels of bleed."""
    return (box[0] >= zone[0] - tol and box[1] >= zone[1] - tol
            and box[2] <= zone[2] + tol and box[3] <= zone[3] + tol)


def burned_rules(cues: list[Cue], templates: list[Template | None], looks: list[list[int]],
                 pairs: list[list[tuple[int, int]]], s: Scan, project: Project,
                 by_difference: bool) -> tuple[list[RuleResult], list[dict]]:
    """captions.safe_zone and captions.contrast, over every event: located by its expected image,
    else (`by_difference`: the layout may not be the file's) by difference; else not located."""
    preset = project.preset
    lim = preset.captions
    sx0, sy0, sx1, sy1 = preset.safe_zone.box(s.width, s.height)
    tol = max(preset.qa.box_tolerance * s.width, CHROMA_BLEED_PX)
    boxes: list[dict] = []
    outside, low, missing, contrasts = [], [], [], []
    for cue, t, frames, cands in zip(cues, templates, looks, pairs):
        found = find_by_template(t, frames, s)
        how = "layout"
        if found is None and by_difference:
            found, how = find_by_difference(cands, s), "difference"
        if found is None:
            missing.append(cue)
            continue
        box, ratio, score = found
        inside = inside_zone(box, (sx0, sy0, sx1, sy1), tol)
        boxes.append({"start_s": cue.start_s, "box": box, "contrast": round(ratio, 2), "inside": inside, "by": how,
                      "score": None if score is None else round(score, 3)})
        contrasts.append(ratio)
        if not inside:
            outside.append(cue.start_s)
        if ratio < lim.min_contrast:
            low.append(cue.start_s)
    safe = f"x {sx0}..{sx1}, y {sy0}..{sy1}"
    n = len(cues)
    lost = _("; not located: {quotes}", quotes=", ".join(str(_quote(c)) for c in missing[:4])
             + (" …" if len(missing) > 4 else "")) if missing else ""
    lost_times = tuple(c.start_s for c in missing)
    if not boxes:
        why = _("none of the {n} captions could be located on the frames{lost}: check them by eye "
                "(TikTok and Reels need captions burned in)", n=n, lost=lost)
        return [RuleResult("captions.safe_zone", "warn", why, None, safe, lost_times),
                RuleResult("captions.contrast", "warn", _("contrast measured on 0 of {n} captions", n=n), None,
                           _("≥ {ratio:g}:1", ratio=lim.min_contrast), lost_times)], boxes
    located = _("{found} of {n}", found=len(boxes), n=n) if missing else _("all {n}", n=n)
    zone: Status = "fail" if outside else "warn" if missing else "pass"
    contrast: Status = "fail" if low else "warn" if missing else "pass"
    out = [RuleResult("captions.safe_zone", zone,
                      _("{n} caption box(es) outside the safe zone: the platform's buttons or text cover them{lost}",
                        n=len(outside), lost=lost)
                      if outside else _("{located} caption boxes located inside the safe zone{lost}", located=located, lost=lost),
                      next((b["box"] for b in boxes if not b["inside"]), boxes[0]["box"]), safe,
                      tuple(outside) + lost_times),
           RuleResult("captions.contrast", contrast,
                      _("{head}, measured on {located} captions{lost}",
                        head=_("{n} caption(s) below {ratio:g}:1 contrast", n=len(low), ratio=lim.min_contrast) if low
                        else _("text contrast at least {ratio:.1f}:1", ratio=min(contrasts)),
                        located=located, lost=lost if missing and not outside else ""),
                      round(min(contrasts), 2), _("≥ {ratio:g}:1", ratio=lim.min_contrast), tuple(low) + lost_times)]
    return out, boxes
