"""The frame rate a render runs at: footage keeps its own.

A story whose clips share one rate the platform accepts (the preset's `[canvas] rates`) is
rendered at that rate: a 25 fps clip at 30 fps would repeat every fifth frame (visible judder
on a pan). Photo-only stories, and clips at a rate no platform takes, keep the preset's rate.
With clips at several rates, the one shown longest wins (the preset's on a tie, else the
higher) and the others are converted (studio.render.video_graph: frames blended going up, never
repeated; dropped going down); the choice is said in a warning."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from .i18n import Msg, _
from .preset import Preset

TOLERANCE = 0.01  # fps: a probed 29.970029 is 30000/1001


def exact(rate: float | Fraction) -> Fraction:
    """A rate as its exact fraction: 29.97 -> 30000/1001, 25.0 -> 25."""
    r = Fraction(rate)
    if abs(r - round(r)) < TOLERANCE:
        return Fraction(round(r))
    ntsc = round(r * Fraction(1001, 1000))
    if abs(r - Fraction(ntsc * 1000, 1001)) < TOLERANCE:
        return Fraction(ntsc * 1000, 1001)
    return r.limit_denominator(1001)


def accepted(preset: Preset, rate: float | Fraction) -> Fraction | None:
    """`rate` as one of the rates the preset's platforms accept, or None."""
    r = exact(rate) if rate else Fraction(0)
    return next((exact(a) for a in preset.canvas.rates if abs(exact(a) - r) < TOLERANCE), None)


def label(rate: Fraction) -> str:
    """30, 25, 29.97: a rate as editors read it."""
    return f"{float(rate):.2f}".rstrip("0").rstrip(".")


def choose(preset: Preset, footage: list[tuple[str, float | Fraction, float]]) -> tuple[Fraction, Msg | None]:
    """(rate, warning) for clips given as (name, rate, seconds shown). The warning, when the clips'
    rates differ, names the chosen rate and the clips that are converted."""
    own = Fraction(preset.canvas.fps)
    shown: dict[Fraction, float] = {}
    for _name, rate, seconds in footage:
        r = accepted(preset, rate)
        if r is not None:
            shown[r] = shown.get(r, 0.0) + seconds
    if not shown:
        return own, None
    best = max(shown, key=lambda r: (round(shown[r], 3), r == own, r))
    others = [(name, exact(rate)) for name, rate, _s in footage if exact(rate) != best]
    if not others:
        return best, None
    names = ", ".join(f"{name} ({label(r)} fps)" for name, r in others)
    return best, _("the clips have different frame rates: rendered at {rate} fps (the rate shown longest); "
                   "{names} converted to it (frames blended or dropped), which softens or jolts fast motion; "
                   "use clips filmed at one rate for the smoothest picture", rate=label(best), names=names)


def at_rate(preset: Preset, rate: Fraction) -> Preset:
    """The preset rendering at `rate` (an int when whole)."""
    fps = int(rate) if rate.denominator == 1 else rate
    return preset if fps == preset.canvas.fps else preset.model_copy(
        update={"canvas": preset.canvas.model_copy(update={"fps": fps})})


def project_at_rate(project, rate: Fraction):
    """The project with its preset at `rate`."""
    preset = at_rate(project.preset, rate)
    return project if preset is project.preset else replace(project, preset=preset)
