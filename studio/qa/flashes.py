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
from .frames import Scan, per_window
from ..core.i18n import _, n_
from .model import RuleResult


def _transitions(series: np.ndarray, delta: float, allowed, state: np.ndarray | None = None) -> np.ndarray:
    """(n, cells) values -> (n, cells) bool: a transition ends at this frame in this cell.
    `state` (n, cells), optional: a property of each value carried along with the reference (a red
    flash remembers whether its reference was saturated red); `allowed(value, ref, value_state,
    ref_state)` says whether a change between the two may count."""
    n, cells = series.shape
    out = np.zeros((n, cells), dtype=bool)
    if n == 0:
        return out
    state = np.zeros((n, cells), dtype=bool) if state is None else state
    ref, ref_state = series[0].copy(), state[0].copy()
    trend = np.zeros(cells, dtype=np.int8)
    for i in range(1, n):
        v, vs = series[i], state[i]
        ok = allowed(v, ref, vs, ref_state)
        up = (v - ref >= delta) & (trend != 1) & ok
        down = (ref - v >= delta) & (trend != -1) & ok
        hit = up | down
        out[i] = hit
        trend = np.where(up, 1, np.where(down, -1, trend)).astype(np.int8)
        # the reference follows the last extreme: a new state after a transition, further along its trend
        take = hit | ((trend == 1) & (v > ref)) | ((trend == -1) & (v < ref))
        ref = np.where(take, v, ref)
        ref_state = np.where(take, vs, ref_state)
    return out


def flash_rules(s: Scan, qa: QaLimits) -> tuple[list[RuleResult], dict]:
    if not s.n:
        return [], {}
    lum, rgb = s.lum, s.rgb
    total = rgb.sum(axis=-1)
    red_sat = np.divide(rgb[..., 0], total, out=np.zeros_like(total), where=total > 1e-6) >= qa.red_ratio
    red_q = np.maximum(0.0, rgb[..., 0] - rgb[..., 1] - rgb[..., 2]) * 320
    general = _transitions(lum, qa.flash_delta, lambda v, ref, _vs, _rs: np.minimum(v, ref) < qa.flash_dark)
    red = _transitions(red_q, qa.red_delta, lambda _v, _ref, vs, rs: vs | rs, red_sat)
    out, data = [], {}
    for rule_id, trans, what in (("flashes.general", general, "general"), ("flashes.red", red, "red")):
        area = trans.mean(axis=1) >= qa.flash_area
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
