"""Caption rules (docs/standards.md §2, §4): timing from the caption events (a story's timeline or an
SRT/VTT file), judged by the readability rules the render follows (studio.core.captions); then,
where captions are burned in, their boxes and contrast measured on the frames.

Where to look comes from the events: their times say which frames hold each caption, and the
render's own layout (studio.media.layers.caption_image) says what it looks like and where it should
be. Each event is searched for on two of its frames, around that place, by normalised correlation
with its expected image: a panning photo, moving footage or a gradient behind it does not move the
match, and a caption that is not on the frames scores low. Where the layout is not known (a file
made elsewhere, checked without its story), a box is found by difference instead: the frame where an
event starts (or ends) against its caption-free neighbour. A caption located neither way is a
warning that names it. The box must lie inside the preset's safe zone; the contrast of the text
against its box is measured on the file's pixels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ..core.captions import Cue, Problem, Rules, check, chars
from ..core.captions.contrast import luminance_ratio, parse
from ..core.project import Project
from ..core.timeline import caption_rules
from ..media.layers import caption_image
from .frames import Patch, Scan, luminance
from ..core.i18n import _
from .model import RuleResult, Status

DIFF_LUMA = 24          # 8-bit luma change that marks a pixel as part of the caption
MAX_BOX_HEIGHT = 0.25   # taller than this (2 lines + band are ~10 %): moving footage, not a caption
CUT_FRACTION = 0.5      # more of the frame than this changed: a cut, not a caption
CHROMA_BLEED_PX = 2     # 4:2:0 colour is stored per 2x2 pixels: an edge may bleed this far
MATCH_SCORE = 0.7       # correlation with the expected caption: ~0.9-0.99 when shown, < 0.55 when not
SEARCH = 0.03           # the caption is searched for this fraction of the width around its place

# the readability checker's rules, as the QA's rule ids; a fail holds a video back, a warn does not
RULE_IDS: dict[str, tuple[str, Status]] = {
    "reading-speed": ("captions.cps", "fail"), "chars-per-line": ("captions.cpl", "fail"),
    "max-lines": ("captions.lines", "fail"), "min-gap": ("captions.gap", "fail"),
    "min-duration": ("captions.duration", "warn"), "max-duration": ("captions.duration", "warn"),
}
STYLE = "captions.style"  # typography, empty lines, unclosed gaps, speech sync: style guidance (warn)


def rules_for(project: Project, fps: float) -> Rules:
    """The rules the render follows for this project, at the file's frame rate."""
    p = project.preset
    return caption_rules(project.look.timing, p.captions, round(fps) if abs(fps - round(fps)) < 1e-3 else fps,
                         project.story.meta.lang)


def _quote(cue: Cue) -> str:
    text = " ".join(cue.lines)
    return _("«{text}» at {seconds:.2f} s", text=text[:28] + ("…" if len(text) > 28 else ""), seconds=cue.start_s)


def timing_rules(cues: list[Cue], rules: Rules) -> list[RuleResult]:
    """captions.cps, .cpl, .lines, .duration, .gap and .style from the readability checker."""
    found: dict[str, list[Problem]] = {}
    for p in check(cues, rules):
        found.setdefault(RULE_IDS.get(p.rule, (STYLE, "warn"))[0], []).append(p)
    durs = [c.end_s - c.start_s for c in cues]
    cps = max(chars(c.lines) / max(d, 1e-3) for c, d in zip(cues, durs))
    cpl = max((len(line) for c in cues for line in c.lines), default=0)
    nl = max(len(c.lines) for c in cues)
    gaps = [b.start_s - a.end_s for a, b in zip(cues, cues[1:])]
    passing = {
        "captions.cps": (_("reading speed at most {cps:.1f} characters per second", cps=cps), round(cps, 2),
                         _("≤ {cps:g} characters per second", cps=rules.cps_max)),
        "captions.cpl": (_("lines of at most {n} characters", n=cpl), cpl, _("≤ {n} characters", n=rules.max_chars)),
        "captions.lines": (_("at most {n} lines per caption", n=nl), nl, _("≤ {n} lines", n=rules.max_lines)),
        "captions.duration": (_("every caption stays {low:.2f}-{high:.2f} s", low=min(durs), high=max(durs)),
                              [round(min(durs), 3), round(max(durs), 3)],
                              _("{low:g}-{high:g} s", low=rules.min_event_s, high=rules.max_event_s)),
        "captions.gap": (_("captions are separated by at least the minimum gap") if gaps else _("a single caption"),
                         round(min(gaps), 3) if gaps else None, _("≥ {ms:.0f} ms", ms=rules.min_gap_s * 1000)),
        STYLE: (_("typography and gaps as the style guide asks"), None, None),
    }
    headline = {"captions.cps": _("too fast to read"), "captions.cpl": _("lines too long"),
                "captions.lines": _("too many lines"), "captions.duration": _("on screen too briefly or too long"),
                "captions.gap": _("too close to the previous caption"), STYLE: _("against the style guide")}
    out = []
    for rule_id, (message, measured, limit) in passing.items():
        problems = found.get(rule_id)
        if not problems:
            out.append(RuleResult(rule_id, "pass", message, measured, limit))
            continue
        status: Status = "fail" if any(RULE_IDS.get(p.rule, (STYLE, "warn"))[1] == "fail" for p in problems) else "warn"
        first = problems[0]
        events = sorted({p.event for p in problems})
        out.append(RuleResult(rule_id, status, _("{n} caption(s) {what}: caption {event} at {seconds:.2f} s, {problem}",
                                                 n=len(events), what=headline[rule_id], event=first.event,
                                                 seconds=first.time_s, problem=first.message), measured, limit,
                              tuple(sorted({p.time_s for p in problems}))))
    return out



# --- where the captions are: by their expected image -------------------------------------------


@dataclass(frozen=True)
class Template:
    """One event's caption as the render's layout draws it, at the scale of the QA's detail frames."""

    x: int                  # where the layout puts its top-left corner, in detail pixels
    y: int
    luma: np.ndarray        # (h, w) float32: the caption over black
    mask: np.ndarray        # (h, w) uint8: drawn pixels
    text: np.ndarray        # (h, w) bool: glyph cores
    box: np.ndarray         # (h, w) bool: the band or outline around them, away from the glyphs


def _luma8(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def caption_templates(project: Project, cues: list[Cue], detail_w: int, work: Path,
                      drawn_lines: list[tuple[str, ...]] | None = None) -> list[Template | None]:
    """Each event's expected caption (None for an empty one), for a detail frame `detail_w` wide;
    `drawn_lines`: the lines as drawn (with emphasis marks) when they differ from the cues' plain text."""
    k = detail_w / project.preset.canvas.width
    text_lum = luminance(np.array(parse(project.look.caption.text_color) or (255, 255, 255), np.uint8))
    out: list[Template | None] = []
    for n, cue in enumerate(cues):
        if not any(line.strip() for line in cue.lines):
            out.append(None)
            continue
        placed = caption_image(project, drawn_lines[n] if drawn_lines else cue.lines, work / f"caption-{n:03d}.png")
        with Image.open(placed.path) as im:
            size = (max(1, round(im.width * k)), max(1, round(im.height * k)))
            rgba = np.asarray(im.convert("RGBA").resize(size, Image.Resampling.BOX), dtype=np.float32)
        alpha = rgba[..., 3] / 255
        over_black = rgba[..., :3] * alpha[..., None]
        drawn = rgba[..., 3] > 8
        lum = luminance(np.clip(np.rint(over_black), 0, 255).astype(np.uint8))
        if not drawn.any():
            out.append(None)
            continue
        # the drawn pixels in two classes (text, band or outline): the text's is nearer its colour
        cut = _otsu(lum[drawn])
        light = drawn & (lum > cut)
        dark = drawn & ~light
        lit = float(np.median(lum[light])) if light.any() else None
        unlit = float(np.median(lum[dark])) if dark.any() else None
        text_light = unlit is None or (lit is not None and abs(lit - text_lum) <= abs(unlit - text_lum))
        text = (light if text_light else dark) & (rgba[..., 3] > 128)
        # the box: the band or outline where it has its own opacity (not its soft edges, not the glyphs' rims)
        rest = drawn & ~text
        a8 = rgba[..., 3].astype(np.int32)
        usual = int(np.bincount(a8[rest]).argmax()) if rest.any() else 0  # the band's or outline's opacity
        solid = rest & (np.abs(a8 - usual) <= 16)
        out.append(Template(round(placed.x * k), round(placed.y * k), _luma8(over_black).astype(np.float32),
                            drawn.astype(np.uint8), *_text_and_box(text, solid)))
    return out


def _morph(op, mask: np.ndarray, size: int) -> np.ndarray:
    return op(mask.astype(np.uint8), np.ones((size, size), np.uint8)).astype(bool)


def _text_and_box(text: np.ndarray, drawn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Glyph cores and the box away from them, without anti-aliased edges (as drawn where that
    leaves fewer than 8 pixels: a tiny test canvas)."""
    core = _morph(cv2.erode, text, 3)
    box = drawn & ~_morph(cv2.dilate, text, 3)
    return (core if core.sum() >= 8 else text), (box if box.sum() >= 8 else drawn & ~text)


def look_frames(cue: Cue, fps: float, n_frames: int) -> list[int]:
    """Two frames inside the event (a third and two thirds in) where its caption is searched for."""
    a, b = frame_span(cue, fps)
    b = min(b, n_frames)
    if b <= a:
        return []
    return sorted({a + (b - a) // 3, a + 2 * (b - a) // 3})


def search_region(t: Template, width: int, height: int) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): where the template is searched for on a detail frame `width` x `height`
    (all of a caption frame the rule reads: the scan may keep only this)."""
    h, w = t.luma.shape
    r = max(3, round(SEARCH * width))
    return max(0, t.x - r), max(0, t.y - r), min(width, t.x + w + r), min(height, t.y + h + r)


def match(frame: Patch, t: Template) -> tuple[float, int, int]:
    """(score, x, y): the best correlation of the template around its place, and where (detail px)."""
    h, w = t.luma.shape
    x0, y0, x1, y1 = search_region(t, frame.width, frame.height)
    if x1 - x0 < w or y1 - y0 < h:
        return 0.0, t.x, t.y
    region = _luma8(frame.region(x0, y0, x1, y1).astype(np.float32))
    with np.errstate(all="ignore"):
        res = cv2.matchTemplate(region, t.luma, cv2.TM_CCOEFF_NORMED, mask=t.mask)
    res = np.nan_to_num(res, nan=-1.0, posinf=-1.0, neginf=-1.0)
    _, best, _, (bx, by) = cv2.minMaxLoc(res)
    return float(best), x0 + bx, y0 + by


def template_contrast(frame: Patch, t: Template, x: int, y: int) -> float:
    """Contrast of the text against its box on the file's pixels where the layout draws each: the
    median of the glyph cores against the box's 90th percentile on the text's side (its worst 10%)."""
    h, w = t.luma.shape
    lum = luminance(frame.region(x, y, x + w, y + h))
    if not t.text.any() or not t.box.any():
        return 0.0
    text = float(np.median(lum[t.text]))
    box = lum[t.box]
    worst = float(np.percentile(box, 90 if text > float(np.median(box)) else 10))
    return luminance_ratio(text, worst)


# --- where the captions are: by difference (a file made elsewhere) -----------------------------


def frame_span(e: Cue, fps: float) -> tuple[int, int]:
    """Frames [first, end) showing the event."""
    return int(np.ceil(e.start_s * fps - 0.01)), int(np.ceil(e.end_s * fps - 0.01))


def probe_frames(events: list[Cue], fps: float, n_frames: int) -> list[list[tuple[int, int]]]:
    """For each event, candidate (caption-free, captioned) frame pairs one frame apart."""
    spans = [frame_span(e, fps) for e in events]
    shown = np.zeros(n_frames + 2, dtype=bool)
    for a, b in spans:
        shown[max(0, a):min(b, n_frames)] = True
    pairs = []
    for a, b in spans:
        cands = []
        if 0 <= a - 1 < n_frames and a < n_frames and not shown[a - 1]:
            cands.append((a - 1, a))
        if 0 < b < n_frames and not shown[b]:
            cands.append((b, b - 1))
        pairs.append(cands)
    return pairs


def locate(clean: np.ndarray, captioned: np.ndarray) -> tuple[tuple[int, int, int, int], np.ndarray] | None:
    """(x0, y0, x1, y1) of what appeared, in the arrays' pixels, and its mask; None: nothing, or a cut."""
    changed = np.abs(_luma8(captioned.astype(np.float32)) - _luma8(clean.astype(np.float32))) > DIFF_LUMA
    if changed.mean() > CUT_FRACTION or changed.sum() < 4:
        return None
    h, w = changed.shape
    rows = np.flatnonzero(changed.sum(axis=1) >= max(1, 0.005 * w))
    cols = np.flatnonzero(changed.sum(axis=0) >= max(1, 0.005 * h))
    if not len(rows) or not len(cols):
        return None
    return (int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1), changed


def text_contrast(captioned: np.ndarray, mask: np.ndarray) -> float:
    """WCAG contrast of text against its box, over the pixels that changed (text, band, outline):
    Otsu splits them in two; the smaller class is the text. Text: the 90th percentile of its class
    (glyph cores, not their anti-aliased edges); box: the median of its class."""
    lum = luminance(captioned)[mask]
    if lum.size < 8:
        return 0.0
    t = _otsu(lum)
    hi, lo = lum[lum > t], lum[lum <= t]
    if not hi.size or not lo.size:
        return 1.0
    if hi.size <= lo.size:  # light text on a dark box
        return luminance_ratio(float(np.percentile(hi, 90)), float(np.median(lo)))
    return luminance_ratio(float(np.median(hi)), float(np.percentile(lo, 10)))


def _otsu(values: np.ndarray) -> float:
    hist, edges = np.histogram(values, bins=64, range=(0.0, 1.0))
    p = hist.astype(np.float64) / max(1, hist.sum())
    w0 = np.cumsum(p)
    mids = (edges[:-1] + edges[1:]) / 2
    m0 = np.cumsum(p * mids)
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 - m0) ** 2 / (w0 * (1 - w0))
    between = np.nan_to_num(between)
    return float(edges[int(np.argmax(between)) + 1])


def _by_difference(cands: list[tuple[int, int]], s: Scan) -> tuple[list[int], float, None] | None:
    """The box of what appeared at the event's start and disappeared at its end: with both pairs,
    only the pixels that changed at both (a pan or moving footage changes other pixels each time)."""
    found = []
    for clean_i, cap_i in cands:
        if clean_i in s.detail and cap_i in s.detail and s.detail[clean_i].whole and s.detail[cap_i].whole:
            hit = locate(s.detail[clean_i].pixels, s.detail[cap_i].pixels)
            if hit is not None and hit[0][3] - hit[0][1] <= MAX_BOX_HEIGHT * hit[1].shape[0]:  # else footage
                found.append((cap_i, hit[1]))
    if not found:
        return None
    cap_i, mask = found[0]
    if len(found) == 2 and (found[0][1] & found[1][1]).sum() >= 8:
        mask = found[0][1] & found[1][1]
    h, w = mask.shape
    rows = np.flatnonzero(mask.sum(axis=1) >= max(1, 0.005 * w))
    cols = np.flatnonzero(mask.sum(axis=0) >= max(1, 0.005 * h))
    if not len(rows) or not len(cols):
        return None
    x0, y0, x1, y1 = int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1
    k = s.scale(s.detail[cap_i])
    box = [round(x0 * k), round(y0 * k), round(x1 * k), round(y1 * k)]
    return box, text_contrast(s.detail[cap_i].pixels[y0:y1, x0:x1], mask[y0:y1, x0:x1]), None


def _by_template(t: Template | None, frames: list[int], s: Scan) -> tuple[list[int], float, float] | None:
    if t is None:
        return None
    best = None
    for i in frames:
        if i in s.detail:
            score, x, y = match(s.detail[i], t)
            if score >= MATCH_SCORE and (best is None or score > best[0]):
                best = (score, i, x, y)
    if best is None:
        return None
    score, i, x, y = best
    k = s.scale(s.detail[i])
    h, w = t.luma.shape
    return ([round(x * k), round(y * k), round((x + w) * k), round((y + h) * k)],
            template_contrast(s.detail[i], t, x, y), score)


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
        found = _by_template(t, frames, s)
        how = "layout"
        if found is None and by_difference:
            found, how = _by_difference(cands, s), "difference"
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
