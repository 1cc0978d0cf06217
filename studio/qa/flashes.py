"""Flash rules (WCAG 2.3.1, docs/standards.md §6), on the downscaled luminance of every frame.

The frame is cut into a grid of cells; each cell's mean is followed through time. A transition is
a change of relative luminance >= `flash_delta` against the last extreme, in the direction
opposite to the cell's previous transition, with the darker state below `flash_dark`; a red
transition is a change of (R-G-B)*320 >= `red_delta` where one state is saturated red
(R/(R+G+B) >= `red_ratio`). A frame counts once when its transitions cover together, inside any
10° visual field at the preset's viewing distance, 0.006 sr (`flash_sr`) of it; without a viewing
distance (the screen rule), when they cover `flash_area` of the screen. Two opposing transitions
make a flash; more than `max_flashes_per_s` flashes in any 1 s window fail, with the start of every
failing stretch reported.

A cell partly covered by a flashing shape changes by less than one covered whole: the area a
transition covers in a cell is its change (of the cell's mean gamma-encoded luma, which grows with
the covered area) against the strongest change nearby (the same shape covering whole cells), so a
shape is measured to a fraction of a cell, not rounded up to whole cells.

The rule reads only `Scan.times`, `lum`, `rgb` (per frame, per cell), the grid's shape and a cell's
size: any source of small per-frame arrays can feed it."""

from __future__ import annotations

import math

import numpy as np

from ..core.captions.contrast import WEIGHTS
from ..core.preset import QaLimits
from .frames import Scan, per_window
from ..core.i18n import _, n_
from .model import RuleResult


def _transitions(series: np.ndarray, delta: float, allowed, state: np.ndarray | None = None,
                 measure: np.ndarray | None = None) -> np.ndarray:
    """(n, cells) values -> (n, cells) float: the size of the transition that ends at this frame in
    this cell (0 where none does), as the change of `measure` (default: the values themselves)
    between the transition's two states. `state` (n, cells), optional: a property of each value
    carried along with the reference (a red flash remembers whether its reference was saturated
    red); `allowed(value, ref, value_state, ref_state)` says whether a change between the two may count."""
    n, cells = series.shape
    out = np.zeros((n, cells), dtype=np.float32)
    if n == 0:
        return out
    state = np.zeros((n, cells), dtype=bool) if state is None else state
    measure = series if measure is None else measure
    ref, ref_state, ref_measure = series[0].copy(), state[0].copy(), measure[0].copy()
    trend = np.zeros(cells, dtype=np.int8)
    for i in range(1, n):
        v, vs = series[i], state[i]
        ok = allowed(v, ref, vs, ref_state)
        up = (v - ref >= delta) & (trend != 1) & ok
        down = (ref - v >= delta) & (trend != -1) & ok
        hit = up | down
        out[i] = np.where(hit, np.abs(measure[i] - ref_measure), 0.0)
        trend = np.where(up, 1, np.where(down, -1, trend)).astype(np.int8)
        # the reference follows the last extreme: a new state after a transition, further along its trend
        take = hit | ((trend == 1) & (v > ref)) | ((trend == -1) & (v < ref))
        ref = np.where(take, v, ref)
        ref_state = np.where(take, vs, ref_state)
        ref_measure = np.where(take, measure[i], ref_measure)
    return out


def field_cells(s: Scan, qa: QaLimits) -> tuple[int, int, float] | None:
    """(rows, cols, cells) of the phone rule: the square window standing for a 10° field (the
    circle's area; clipped to the picture) and the area 0.006 sr covers there, in cells. None for
    the screen rule (no viewing distance)."""
    rows, cols = s.grid
    if qa.viewing_distance_cm <= 0 or qa.picture_width_cm <= 0 or not s.cell_px:
        return None
    d, cell_cm = qa.viewing_distance_cm, qa.picture_width_cm * s.cell_px / s.width
    diameter = 2 * d * math.tan(math.radians(qa.flash_field_deg) / 2)
    side = diameter * math.sqrt(math.pi) / 2 / cell_cm  # a square of the circle's area
    # the area seen under a small solid angle at distance d: omega * d^2
    return min(rows, max(1, round(side))), min(cols, max(1, round(side))), qa.flash_sr * d * d / cell_cm ** 2


def _window_max(a: np.ndarray, wr: int, wc: int) -> np.ndarray:
    """(n, rows, cols) -> the same shape: the largest value of each window of wr x wc cells
    (centred, clipped at the picture's edges)."""
    n, rows, cols = a.shape
    padded = np.pad(a, ((0, 0), (wr // 2, (wr - 1) // 2), (wc // 2, (wc - 1) // 2)))
    view = np.lib.stride_tricks.sliding_window_view(padded, (wr, wc), axis=(1, 2))
    return view.max(axis=(-2, -1))[:, :rows, :cols]


def _window_sums(a: np.ndarray, wr: int, wc: int) -> np.ndarray:
    """(n, rows, cols) -> (n,): the largest sum over any window of wr x wc cells inside the grid."""
    n = a.shape[0]
    integral = np.zeros((n, a.shape[1] + 1, a.shape[2] + 1))
    integral[:, 1:, 1:] = a.cumsum(1).cumsum(2)
    sums = (integral[:, wr:, wc:] - integral[:, :-wr, wc:] - integral[:, wr:, :-wc] + integral[:, :-wr, :-wc])
    return sums.reshape(n, -1).max(axis=1)


def flashing_frames(trans: np.ndarray, measure: np.ndarray, s: Scan, qa: QaLimits) -> np.ndarray:
    """(n, cells) transition sizes and the measure they are sizes of -> (n,) bool: the frame's
    transitions cover enough together."""
    n = len(trans)
    rows, cols = s.grid if s.grid[0] * s.grid[1] == trans.shape[1] else (1, trans.shape[1])
    field = field_cells(s, qa)
    out = np.zeros(n, dtype=bool)
    # only frames with a transition can count; in blocks, so a long strobe stays small in memory
    busy = np.flatnonzero(trans.any(axis=1))
    for block in np.array_split(busy, max(1, -(-len(busy) // _BLOCK))):
        if len(block):
            sizes = trans[block].reshape(len(block), rows, cols)
            step = np.abs(measure[block] - measure[np.maximum(block - 1, 0)]).reshape(len(block), rows, cols)
            out[block] = _covers(sizes, step, field, qa)
    return out


_BLOCK = 256


def _covers(sizes: np.ndarray, step: np.ndarray, field: tuple[int, int, float] | None, qa: QaLimits) -> np.ndarray:
    """(k, rows, cols) transition sizes and changes from the frame before -> (k,) bool."""
    # a shape's edge covering a sliver of a cell changes it by less than a transition: the cells
    # around a transition count by their change from the frame before
    edges = np.where((_window_max(sizes, 3, 3) > 0) & (sizes == 0), step, 0.0)
    if field is None:  # the screen rule
        strongest = sizes.max(axis=(1, 2), keepdims=True)
    else:
        strongest = _window_max(sizes, field[0], field[1])
    # the area each transition covers in its cell: its size against the strongest change nearby
    covered = np.minimum(1.0, np.divide(sizes + edges, strongest, out=np.zeros_like(sizes), where=strongest > 0))
    if field is None:
        return covered.reshape(len(covered), -1).mean(axis=1) >= qa.flash_area
    return _window_sums(covered, field[0], field[1]) >= field[2] - 1e-9


def flash_rules(s: Scan, qa: QaLimits) -> tuple[list[RuleResult], dict]:
    if not s.n:
        return [], {}
    lum, rgb = s.lum, s.rgb
    total = rgb.sum(axis=-1)
    red_sat = np.divide(rgb[..., 0], total, out=np.zeros_like(total), where=total > 1e-6) >= qa.red_ratio
    red_q = np.maximum(0.0, rgb[..., 0] - rgb[..., 1] - rgb[..., 2]) * 320
    # a cell's mean of gamma-encoded values grows with the area a shape covers in it, its linear
    # luminance does not (half a cell white reads 0.21): the covered area is measured on the former
    luma = rgb @ np.asarray(WEIGHTS, np.float32)
    general = _transitions(lum, qa.flash_delta, lambda v, ref, _vs, _rs: np.minimum(v, ref) < qa.flash_dark,
                           measure=luma)
    red = _transitions(red_q, qa.red_delta, lambda _v, _ref, vs, rs: vs | rs, red_sat)
    out, data = [], {}
    for rule_id, trans, measure, what in (("flashes.general", general, luma, "general"),
                                          ("flashes.red", red, red_q, "red")):
        area = flashing_frames(trans, measure, s, qa)
        # a flash is a pair of opposing transitions: more than 3 flashes is 7 transitions or more
        per_s = per_window(s.times, area.astype(np.int64))
        bad = per_s > 2 * qa.max_flashes_per_s
        starts = [float(s.times[i]) for i in np.flatnonzero(bad) if i == 0 or not bad[i - 1]]
        ok = not starts
        most = int(per_s.max()) if len(per_s) else 0
        worst = most // 2 if ok else -(-most // 2)  # whole flashes: a 4th begun counts when failing
        kind = _("general") if what == "general" else _("red")
        msg = (n_("at most {n} {kind} flash in any second", "at most {n} {kind} flashes in any second", worst, kind=kind)
               if ok else
               _("{n} {kind} flashes in one second (seizure risk, WCAG 2.3.1), from {times}", n=worst, kind=kind,
                 times=", ".join(str(_("{seconds:.2f} s", seconds=t)) for t in starts[:8]) + (" …" if len(starts) > 8 else "")))
        out.append(RuleResult(rule_id, "pass" if ok else "fail", msg, worst,
                              _("≤ {n} per second", n=qa.max_flashes_per_s), tuple(starts)))
        data[what] = [round(float(t), 3) for t in s.times[area]]
    return out, data
