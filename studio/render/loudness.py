"""The first loudnorm pass: the mix alone (audio inputs only, no video decoded) measured by
ffmpeg, the result cached per set of inputs (studio.media.loudness), so a re-render of the
same story goes straight to the second pass."""

from __future__ import annotations

import threading

import ffmpeg

from ..media.ffmpeg_binary import ffmpeg_exe
from ..media.loudness import Measured, cache_key, cached, parse_loudnorm, store
from .audio_graph import audible, mix, sources
from .plan import Plan
from .runner import run_ffmpeg


def measure_argv(plan: Plan, exe: str = "ffmpeg") -> list[str]:
    stream = ffmpeg.output(mix(plan, measure=True), "-", f="null")
    return [exe, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info",
            *stream.compile(cmd=exe, overwrite_output=False)[1:]]


def loudness_for(plan: Plan, cancel: threading.Event | None = None) -> Measured | None:
    """Measured values of this story's mix (None for a silent story)."""
    if not audible(plan):
        return None
    argv = measure_argv(plan)
    key = cache_key(sources(plan), " ".join(argv[1:]))
    hit = cached(key)
    if hit is not None:
        return hit
    tail: list[str] = []
    run_ffmpeg([ffmpeg_exe(), *argv[1:]], total_frames=0, cancel=cancel, tail_lines=60, stderr_tail=tail)
    measured = parse_loudnorm("\n".join(tail))
    if measured is not None:
        store(key, measured)
    return measured
