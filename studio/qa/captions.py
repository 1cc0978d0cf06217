"""Caption rules (STANDARDS.md §2, §4): timing from the caption events (a story's timeline or an
SRT/VTT file), then, where captions are burned in, their boxes on the frames.

A box is found by difference: the frame where an event starts (or ends) against its caption-free
neighbour one frame away, so a slow pan barely differs and the caption box stands out. The box must
lie inside the preset's safe zone; the text's contrast against its box is measured on the
changed pixels (text and box) split into two classes by Otsu's threshold."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.errors import MediaError
from ..core.preset import Preset
from .frames import Scan, luminance
from .model import RuleResult

DIFF_LUMA = 24          # 8-bit luma change that marks a pixel as part of the caption
MAX_BOX_HEIGHT = 0.25   # taller than this (2 lines + band are ~10 %): moving footage, not a caption
CUT_FRACTION = 0.5      # more of the frame than this changed: a cut, not a caption
CHROMA_BLEED_PX = 2     # 4:2:0 colour is stored per 2x2 pixels: an edge may bleed this far


@dataclass(frozen=True)
class Event:
    start_s: float
    end_s: float
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})")


def read_sidecar(path: Path) -> list[Event]:
    """Events of an SRT or WebVTT file (formatting tags are kept: they count as characters)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise MediaError(f"cannot read the caption file ({e})", file=path,
                         hint="give an SRT or WebVTT file in UTF-8") from None
    events = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        at = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if at is None:
            continue
        a, _, b = lines[at].partition("-->")
        ta, tb = _TIME.search(a), _TIME.search(b)
        if not ta or not tb:
            raise MediaError(f"bad time line '{lines[at]}'", file=path, hint="write 00:00:01,000 --> 00:00:02,500")
        events.append(Event(_seconds(ta), _seconds(tb), tuple(l for l in lines[at + 1:] if l.strip())))
    if not events:
        raise MediaError("no caption events found", file=path, hint="give an SRT or WebVTT file")
    return sorted(events, key=lambda e: e.start_s)


def _seconds(m: re.Match) -> float:
    h, mnt, s, ms = m.groups()
    return int(h or 0) * 3600 + int(mnt) * 60 + int(s) + int(ms) / 1000


def timing_rules(events: list[Event], preset: Preset, fps: float) -> list[RuleResult]:
    qa, lim = preset.qa, preset.captions
    out = []
    cps = [len(e.text) / max(e.duration_s, 1e-3) for e in events]
    worst = int(np.argmax(cps))
    bad = [e.start_s for e, c in zip(events, cps) if c > qa.max_cps + 0.05]
    out.append(RuleResult("captions.cps", "fail" if bad else "pass",
                          f"{len(bad)} caption(s) faster than {qa.max_cps:g} characters per second: too fast to read"
                          if bad else f"reading speed at most {cps[worst]:.1f} characters per second",
                          round(cps[worst], 2), f"<= {qa.max_cps:g}", tuple(bad)))
    cpl = [max((len(l) for l in e.lines), default=0) for e in events]
    bad = [e.start_s for e, n in zip(events, cpl) if n > lim.max_chars_per_line]
    out.append(RuleResult("captions.cpl", "fail" if bad else "pass",
                          f"{len(bad)} caption(s) with lines over {lim.max_chars_per_line} characters" if bad
                          else f"lines of at most {max(cpl)} characters", max(cpl), f"<= {lim.max_chars_per_line}",
                          tuple(bad)))
    nl = [len(e.lines) for e in events]
    bad = [e.start_s for e, n in zip(events, nl) if n > lim.max_lines]
    out.append(RuleResult("captions.lines", "fail" if bad else "pass",
                          f"{len(bad)} caption(s) with more than {lim.max_lines} lines" if bad
                          else f"at most {max(nl)} lines per caption", max(nl), f"<= {lim.max_lines}", tuple(bad)))
    short = [e.start_s for e in events if e.duration_s < qa.min_event_s - 1e-3]
    long = [e.start_s for e in events if e.duration_s > lim.max_event_s + 1e-3]
    durs = [e.duration_s for e in events]
    # reading speed is the hard rule (a fail); an event's length is style guidance (a warning)
    status = "warn" if short or long else "pass"
    out.append(RuleResult("captions.duration", status,
                          f"{len(short)} caption(s) shorter than {qa.min_event_s:g} s" if short else
                          f"{len(long)} caption(s) longer than {lim.max_event_s:g} s" if long else
                          f"every caption stays {min(durs):.2f}-{max(durs):.2f} s",
                          [round(min(durs), 3), round(max(durs), 3)], f"{qa.min_event_s:g}-{lim.max_event_s:g} s",
                          tuple(short or long)))
    min_gap = qa.min_gap_frames / fps - 0.0015  # SRT times are rounded to the millisecond
    gaps = [(b.start_s - a.end_s, b.start_s) for a, b in zip(events, events[1:])]
    bad = [t for g, t in gaps if g < min_gap]
    smallest = min((g for g, _ in gaps), default=None)
    out.append(RuleResult("captions.gap", "fail" if bad else "pass",
                          f"{len(bad)} caption(s) follow the previous one by less than {qa.min_gap_frames} frames"
                          if bad else "captions are separated by at least "
                          f"{qa.min_gap_frames} frames" if gaps else "a single caption",
                          None if smallest is None else round(smallest, 3),
                          f">= {qa.min_gap_frames} frames", tuple(bad)))
    return out


def frame_span(e: Event, fps: float) -> tuple[int, int]:
    """Frames [first, end) showing the event."""
    return int(np.ceil(e.start_s * fps - 0.01)), int(np.ceil(e.end_s * fps - 0.01))


def probe_frames(events: list[Event], fps: float, n_frames: int) -> list[list[tuple[int, int]]]:
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


def _luma8(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


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
        return (float(np.percentile(hi, 90)) + 0.05) / (float(np.median(lo)) + 0.05)
    return (float(np.median(hi)) + 0.05) / (float(np.percentile(lo, 10)) + 0.05)


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


def burned_rules(events: list[Event], pairs: list[list[tuple[int, int]]], s: Scan,
                 preset: Preset) -> tuple[list[RuleResult], list[dict]]:
    qa, lim = preset.qa, preset.captions
    sx0, sy0, sx1, sy1 = preset.safe_zone.box(s.width, s.height)
    tol = max(qa.box_tolerance * s.width, CHROMA_BLEED_PX)
    boxes: list[dict] = []
    outside, low, contrasts, tried = [], [], [], 0
    for e, cands in zip(events, pairs):
        for clean_i, cap_i in cands:
            if clean_i not in s.detail or cap_i not in s.detail:
                continue
            tried += 1
            found = locate(s.detail[clean_i], s.detail[cap_i])
            if found is None:
                continue
            (x0, y0, x1, y1), mask = found
            if y1 - y0 > MAX_BOX_HEIGHT * mask.shape[0]:  # moving footage, not a caption: try another pair
                continue
            k = s.scale(s.detail[cap_i])
            box = [round(x0 * k), round(y0 * k), round(x1 * k), round(y1 * k)]
            ratio = text_contrast(s.detail[cap_i][y0:y1, x0:x1], mask[y0:y1, x0:x1])
            inside = box[0] >= sx0 - tol and box[1] >= sy0 - tol and box[2] <= sx1 + tol and box[3] <= sy1 + tol
            boxes.append({"start_s": e.start_s, "box": box, "contrast": round(ratio, 2), "inside": inside})
            contrasts.append(ratio)
            if not inside:
                outside.append(e.start_s)
            if ratio < lim.min_contrast:
                low.append(e.start_s)
            break
    safe = f"x {sx0}..{sx1}, y {sy0}..{sy1}"
    if not boxes:
        why = ("no burned-in captions found on the frames: TikTok and Reels need them burned in"
               if tried else "the caption boxes could not be located (no caption-free frame next to them)")
        return [RuleResult("captions.safe_zone", "warn", why, None, safe),
                RuleResult("captions.contrast", "warn", why, None, f">= {lim.min_contrast:g}:1")], boxes
    missing = len(events) - len(boxes)
    out = [RuleResult("captions.safe_zone", "fail" if outside else "pass",
                      f"{len(outside)} caption box(es) outside the safe zone: the platform's buttons or text cover them"
                      if outside else f"{len(boxes)} caption boxes inside the safe zone"
                      + (f" ({missing} not located)" if missing else ""),
                      next((b["box"] for b in boxes if not b["inside"]), boxes[0]["box"]), safe, tuple(outside)),
           RuleResult("captions.contrast", "fail" if low else "pass",
                      f"{len(low)} caption(s) below {lim.min_contrast:g}:1 contrast" if low
                      else f"text contrast at least {min(contrasts):.1f}:1",
                      round(min(contrasts), 2), f">= {lim.min_contrast:g}:1", tuple(low))]
    return out, boxes
