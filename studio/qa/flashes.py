"""Flash rules (WCAG 2.3.1, STANDARDS.md §6), on the downscaled luminance of every frame.

The frame is cut into a grid of cells; each cell's mean is followed through time. A transition is
a change of relative luminance >= `flash_delta` against the last extreme, in the direction
opposite to the cell's previous transition, with the darker state below `flash_dark`; a red
transition is a change of (R-G-B)*320 >= `red_delta` where one state is saturated red
(R/(R+G+B) >= `red_ratio`). A frame where at least `flash_area` of the screen transitions counts
once; two opposing transitions make a flash; more than `max_flashes_per_s` flashes in any 1 s
window fail, with the start of every failing stretch reported."""

from __future__ import annotations

import numpy as np

from ..core.preset import QaLimits
from .frames import Scan
from .model import RuleResult

def _transitions(series: np.ndarray, delta: float, allowed) -> np.ndarray:
    """(n, cells) values -> (n, cells) bool: a transition ends at this frame in this cell.
    `allowed(a, b)` says whether a change between states a and b may count."""
    n, cells = series.shape
    out = np.zeros((n, cells), dtype=bool)
    if n == 0:
        return out
    ref = series[0].copy()
    trend = np.zeros(cells, dtype=np.int8)
    for i in range(1, n):
        v = series[i]
        up = (v - ref >= delta) & (trend != 1) & allowed(v, ref)
        down = (ref - v >= delta) & (trend != -1) & allowed(v, ref)
        hit = up | down
        out[i] = hit
        trend = np.where(up, 1, np.where(down, -1, trend)).astype(np.int8)
        ref = np.where(hit, v, np.where(trend == 1, np.maximum(ref, v),
                                        np.where(trend == -1, np.minimum(ref, v), ref)))
    return out


def _windows(times: np.ndarray, events: np.ndarray, max_flashes: int) -> tuple[float, list[float]]:
    """Most flashes in any 1 s window, and the start of each failing stretch."""
    if not len(times):
        return 0.0, []
    cum = np.concatenate(([0], np.cumsum(events)))
    ends = np.searchsorted(times, times + 1.0 - 1e-9)
    flashes = (cum[ends] - cum[np.arange(len(times))]) / 2
    bad = flashes > max_flashes
    starts = [float(times[i]) for i in np.flatnonzero(bad) if i == 0 or not bad[i - 1]]
    return float(flashes.max()), starts


def flash_rules(s: Scan, qa: QaLimits) -> tuple[list[RuleResult], dict]:
    if not s.n:
        return [], {}
    lum, rgb = s.lum, s.rgb
    total = rgb.sum(axis=-1)
    red_sat = np.divide(rgb[..., 0], total, out=np.zeros_like(total), where=total > 1e-6) >= qa.red_ratio
    red_q = np.maximum(0.0, rgb[..., 0] - rgb[..., 1] - rgb[..., 2]) * 320
    general = _transitions(lum, qa.flash_delta, lambda a, b: np.minimum(a, b) < qa.flash_dark)
    red = _transitions_red(red_q, red_sat, qa.red_delta)
    out, data = [], {}
    for rule_id, trans, what in (("flashes.general", general, "general"), ("flashes.red", red, "red")):
        area = trans.mean(axis=1) >= qa.flash_area
        worst, starts = _windows(s.times, area.astype(np.int64), qa.max_flashes_per_s)
        ok = not starts
        msg = (f"at most {worst:g} {what} flashes in any second" if ok else
               f"{worst:g} {what} flashes in one second (seizure risk, WCAG 2.3.1), from "
               + ", ".join(f"{t:.2f} s" for t in starts[:8]) + (" …" if len(starts) > 8 else ""))
        out.append(RuleResult(rule_id, "pass" if ok else "fail", msg, worst,
                              f"<= {qa.max_flashes_per_s} per 1 s", tuple(starts)))
        data[what] = [round(float(t), 3) for t in s.times[area]]
    return out, data


def _transitions_red(q: np.ndarray, sat: np.ndarray, delta: float) -> np.ndarray:
    """Like `_transitions`, with the saturation of the reference state remembered per cell."""
    n, cells = q.shape
    out = np.zeros((n, cells), dtype=bool)
    if n == 0:
        return out
    ref, ref_sat = q[0].copy(), sat[0].copy()
    trend = np.zeros(cells, dtype=np.int8)
    for i in range(1, n):
        v, vs = q[i], sat[i]
        involved = vs | ref_sat
        up = (v - ref >= delta) & (trend != 1) & involved
        down = (ref - v >= delta) & (trend != -1) & involved
        hit = up | down
        out[i] = hit
        trend = np.where(up, 1, np.where(down, -1, trend)).astype(np.int8)
        extend = ((trend == 1) & (v > ref)) | ((trend == -1) & (v < ref))
        take = hit | extend
        ref = np.where(take, v, ref)
        ref_sat = np.where(take, vs, ref_sat)
    return out
