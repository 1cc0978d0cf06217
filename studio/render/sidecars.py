"""SRT and WebVTT files from the same caption events as the burned-in text.

Written by hand on purpose: subtitle libraries read "{...}" as style tags and "\\n" as a break,
and story text must come out literally. WebVTT escapes '&' and '<' (its only markup)."""

from __future__ import annotations

from pathlib import Path

from ..core.project import Project
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


def vtt_text(timeline: Timeline, settings: str = "") -> str:
    cues = ["WEBVTT\n"]
    for i, e in enumerate(timeline.events, 1):
        span = f"{_stamp(_ms(e.start, timeline), '.')} --> {_stamp(_ms(e.end, timeline), '.')}"
        span += f" {settings}" if settings else ""
        text = "\n".join(l.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for l in e.lines)
        cues.append(f"{i}\n{span}\n{text}\n")
    return "\n".join(cues)


def vtt_settings(project: Project) -> str:
    """WebVTT cue settings placing the cues where the burned-in captions are: inside the safe
    zone, at its bottom, middle or top, centred on the safe zone."""
    c = project.preset.canvas
    x0, y0, x1, y1 = project.preset.safe_zone.box(c.width, c.height)
    pos = project.look.caption.position
    line = {"bottom": f"{100 * y1 / c.height:.1f}%,end", "middle": f"{50 * (y0 + y1) / c.height:.1f}%,center",
            "top": f"{100 * y0 / c.height:.1f}%,start"}[pos]
    return (f"line:{line} position:{50 * (x0 + x1) / c.width:.1f}%,center "
            f"size:{100 * (x1 - x0) / c.width:.1f}% align:center")


def locale(lang: str) -> str:
    """File-name locale of a story language, as Facebook wants it: fr -> fr_FR, fr-BE -> fr_BE."""
    base, _, region = lang.partition("-")
    return f"{base}_{region or _DEFAULT_REGION.get(base, base.upper())}"


_DEFAULT_REGION = {"en": "US", "ar": "AR", "zh": "CN", "ja": "JP", "ko": "KR", "pt": "PT"}


def write_sidecars(timeline: Timeline, srt: Path, vtt: Path, settings: str = "") -> None:
    srt.write_text(srt_text(timeline), encoding="utf-8")
    vtt.write_text(vtt_text(timeline, settings), encoding="utf-8")
