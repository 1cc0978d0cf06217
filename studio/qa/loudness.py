"""Loudness rules (STANDARDS.md §3): ffmpeg's `ebur128=peak=true` on the audio only, read through
`ametadata` into a key=value file (never by parsing ffmpeg's log). Gives integrated loudness,
true peak, loudness range and the short-term curve (every 0.1 s) for the report's plot."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..core.leftovers import work_dir
from ..core.preset import Preset
from ..media.ffmpeg_binary import ffmpeg_exe
from ..media.launch import run
from ..core.i18n import _
from .model import RuleResult


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float
    lra_lu: float
    curve: tuple[tuple[float, float], ...]  # (seconds, short-term LUFS)


def meter_filters(log: Path | str) -> list[tuple[str, dict]]:
    """The measuring filters, as (name, options), writing to `log`: the file's decode here and
    the render's own graph (studio.qa.inline) measure with the same ones."""
    return [("ebur128", {"peak": "true", "metadata": "1"}), ("ametadata", {"mode": "print", "file": str(log)})]


def measure(path: Path) -> Loudness | None:
    """None when the file has no audio stream."""
    with work_dir("qa") as work:
        log = Path(work) / "r128.txt"
        # the file name goes through the filter string: our own temp path, escaped for the graph
        target = str(log).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")
        chain = ",".join(f"{name}=" + ":".join(f"{k}={v}" for k, v in opts.items())
                         for name, opts in meter_filters(f"'{target}'"))
        argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path),
                "-map", "0:a:0", "-vn", "-af", chain, "-f", "null", "-"]
        proc = run(argv, text=True, errors="replace")
        if proc.returncode != 0:
            raise RuntimeError(f"ebur128 failed: {proc.stderr.strip()[-500:]}")
        if not log.exists() or not log.stat().st_size:
            return None
        return parse_log(log.read_text())


def parse_log(text: str) -> Loudness:
    """The lines `ametadata=mode=print` writes after `ebur128=metadata=1` (here, or in a render's graph)."""
    curve: list[tuple[float, float]] = []
    integrated, lra, peak, t = -70.0, 0.0, 0.0, 0.0
    for line in text.splitlines():
        if line.startswith("frame:"):
            t = float(line.rsplit("pts_time:", 1)[1])
            continue
        key, _, value = line.partition("=")
        if key == "lavfi.r128.S":
            curve.append((t, float(value)))
        elif key == "lavfi.r128.I":
            integrated = float(value)
        elif key == "lavfi.r128.LRA":
            lra = float(value)
        elif key == "lavfi.r128.true_peak":
            peak = max(peak, float(value))  # linear amplitude
    tp = 20 * math.log10(peak) if peak > 0 else -math.inf
    return Loudness(integrated, tp, lra, tuple(curve))


def loudness_rules(m: Loudness | None, preset: Preset, silent_by_design: bool = False) -> list[RuleResult]:
    """`silent_by_design`: the story has no sound source at all (no music, voice or clip sound), so
    a silent track is what it asked for."""
    target, qa = preset.loudness, preset.qa
    if m is None:
        return [RuleResult("loudness.integrated", "fail", _("the file has no audio track"), None,
                           _("{lufs:g} LUFS", lufs=target.integrated_lufs))]
    tol = qa.loudness_tolerance_lu
    limit = _("{lufs:g} ± {tol:g} LUFS", lufs=target.integrated_lufs, tol=tol)
    if m.integrated_lufs <= qa.silence_lufs:
        # a text-only story has a silent track on purpose: loudness cannot be -14 LUFS, and
        # failing it would hide real problems; it is worth a warning (muted feeds autoplay anyway)
        if silent_by_design:
            return [RuleResult("loudness.integrated", "pass", _("a silent track, as the story has no music, voice or "
                               "clip sound: nothing to level"), round(m.integrated_lufs, 1), limit)]
        return [RuleResult("loudness.integrated", "warn", _("no sound at all (a silent track): nothing to level; "
                           "if the story has music or a voice, check that the file has it"), round(m.integrated_lufs, 1),
                           limit)]
    out = []
    off = m.integrated_lufs - target.integrated_lufs
    ok = abs(off) <= tol + 1e-6
    out.append(RuleResult("loudness.integrated", "pass" if ok else "fail",
                          _("integrated {lufs:.1f} LUFS", lufs=m.integrated_lufs) if ok else
                          _("integrated {lufs:.1f} LUFS is {off:.1f} LU too loud: platforms will turn it down",
                            lufs=m.integrated_lufs, off=abs(off)) if off > 0 else
                          _("integrated {lufs:.1f} LUFS is {off:.1f} LU too quiet: platforms will turn it up",
                            lufs=m.integrated_lufs, off=abs(off)),
                          round(m.integrated_lufs, 2), limit))
    ok = m.true_peak_dbtp <= target.true_peak_dbtp + 1e-6
    out.append(RuleResult("loudness.true_peak", "pass" if ok else "fail",
                          _("true peak {db:.1f} dBTP", db=m.true_peak_dbtp) if ok else
                          _("true peak {db:.1f} dBTP: AAC encoding will clip", db=m.true_peak_dbtp),
                          round(m.true_peak_dbtp, 2), _("≤ {db:g} dBTP", db=target.true_peak_dbtp)))
    ok = m.lra_lu <= target.lra_lu + 1e-6
    # a wide range is a mixing concern, not a reason to hold a clip back
    out.append(RuleResult("loudness.range", "pass" if ok else "warn",
                          _("loudness range {lu:.1f} LU", lu=m.lra_lu) if ok else
                          _("loudness range {lu:.1f} LU: quiet parts may be lost on a phone speaker", lu=m.lra_lu),
                          round(m.lra_lu, 2), _("≤ {lu:g} LU", lu=target.lra_lu)))
    return out
