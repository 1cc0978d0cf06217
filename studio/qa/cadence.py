"""Repeated frames in moving footage: a clip at another rate than the video's, brought to it by
repeating frames (25 fps shown at 30 repeats every fifth frame), judders on every pan. On the
same per-frame cell means as the flash rule: a frame that equals the one before while the
frames around it move, recurring at a regular interval, is such a cadence (a still, a pause or a
freeze-frame repeats too, but not amid motion, nor regularly)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..core.i18n import _
from .frames import Scan
from .model import RuleResult

SAME = 0.01      # largest change of a cell's mean relative luminance between two equal frames (coding
                 # noise: up to 0.004 measured on a repeat, 0.16 and more on a pan's next frame)
MOVING = 0.004   # mean change of the cells between two frames of moving footage
MIN_REPEATS = 3  # fewer repeats amid motion are chance (a cut, a held frame)
REGULAR = 0.6    # the share of intervals between repeats that must be the same for a cadence


def repeats_amid_motion(lum: np.ndarray) -> np.ndarray:
    """(n, cells) -> the indices of frames equal to the one before, with moving frames on both sides."""
    if len(lum) < 3:
        return np.zeros(0, dtype=np.int64)
    step = np.abs(np.diff(lum, axis=0))
    mean = step.mean(axis=1)
    same, moving = (step.max(axis=1) < SAME) & (mean < MOVING / 4), mean > MOVING
    # step[k] is frame k+1 against frame k
    k = np.flatnonzero(same[1:-1] & moving[:-2] & moving[2:]) + 1
    return k + 1


def cadence_rule(s: Scan) -> RuleResult:
    frames = repeats_amid_motion(s.lum)
    gaps = Counter(np.diff(frames).tolist())
    period, count = gaps.most_common(1)[0] if gaps else (0, 0)
    regular = len(frames) >= MIN_REPEATS and count >= REGULAR * (len(frames) - 1)
    limit = _("fewer than {n} in a regular cadence", n=MIN_REPEATS)
    if not regular:
        return RuleResult("motion.cadence", "pass", _("no regular repeated frames in moving footage"),
                          int(len(frames)), limit)
    times = tuple(float(s.times[i]) for i in frames)
    return RuleResult("motion.cadence", "warn",
                      _("{n} frames repeat the one before in moving footage, one every {period} frames from "
                        "{t:.2f} s: a clip at another frame rate than the video judders; render at the clip's "
                        "rate or use a clip filmed at the video's", n=len(frames), period=period, t=times[0]),
                      int(len(frames)), limit, times)
