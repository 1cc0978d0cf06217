"""SRT and WebVTT files from the same caption events as the burned-in text.

Written by hand on purpose: subtitle libraries read "{...}" as style tags and "\\n" as a break,
and story text must come out literally. WebVTT escapes '&' and '<' (its only markup)."""

from __future__ import annotations

from pathlib import Path

from ..core.timeline import Timeline


def _ms(frame: int, timeline: Timeline) -> int:
    return int(frame * 1000 / timeline.fps + 0.5)


def _stamp(ms: int, sep: str) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt_text(timeline: Timeline) -> str:
    cues = []
    for i, e in enumerate(timeline.events, 1):
        span = f"{_stamp(_ms(e.start, timeline), ',')} --> {_stamp(_ms(e.end, timeline), ',')}"
        cues.append(f"{i}\n{span}\n" + "\n".join(e.lines) + "\n")
    return "\n".join(cues)


def vtt_text(timeline: Timeline) -> str:
    cues = ["WEBVTT\n"]
    for i, e in enumerate(timeline.events, 1):
        span = f"{_stamp(_ms(e.start, timeline), '.')} --> {_stamp(_ms(e.end, timeline), '.')}"
        text = "\n".join(l.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for l in e.lines)
        cues.append(f"{i}\n{span}\n{text}\n")
    return "\n".join(cues)


def write_sidecars(timeline: Timeline, srt: Path, vtt: Path) -> None:
    srt.write_text(srt_text(timeline), encoding="utf-8")
    vtt.write_text(vtt_text(timeline), encoding="utf-8")
