"""Where someone speaks in a voice recording: ffmpeg's `silencedetect`, read from its log.

Captions are aligned to these regions (studio.core.captions.timing). The thresholds are data in
presets/defaults.toml [look.speech]."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..core.i18n import _
from ..core.errors import os_reason
from ..core.errors import MediaError
from ..core.look import SpeechLook
from .ffmpeg_binary import ffmpeg_exe
from .launch import run

_START = re.compile(r"silence_start: (-?[\d.]+)")
_END = re.compile(r"silence_end: (-?[\d.]+)")
_DURATION = re.compile(r"time=(\d+):(\d+):([\d.]+)")


def speech_regions(path: Path, look: SpeechLook) -> tuple[tuple[float, float], ...]:
    """(start, end) seconds of speech, silences of at least `min_silence_s` under `silence_db`
    removed. A recording with no silence is one region."""
    stat = path.stat()
    return _regions(str(path), stat.st_mtime_ns, stat.st_size, look.silence_db, look.min_silence_s)


@lru_cache(maxsize=64)
def _regions(path: str, _mtime: int, _size: int, silence_db: float, min_silence_s: float):
    argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", "-i", path, "-vn",
            "-af", f"silencedetect=noise={silence_db}dB:duration={min_silence_s}", "-f", "null", "-"]
    try:
        done = run(argv, text=True, errors="replace")
    except OSError as e:
        raise MediaError(_("cannot start ffmpeg ({reason})", reason=os_reason(e)), file=path,
                         hint=_("set STUDIO_FFMPEG to an ffmpeg binary, or reinstall imageio-ffmpeg")) from None
    if done.returncode != 0:
        raise MediaError(_("the voice recording cannot be decoded"), file=path,
                         hint=done.stderr.strip().splitlines()[-1] if done.stderr.strip() else None)
    log = done.stderr
    times = [(3600 * int(h) + 60 * int(m) + float(s)) for h, m, s in _DURATION.findall(log)]
    duration = times[-1] if times else 0.0
    silences, opened = [], None
    for line in log.splitlines():
        if (m := _START.search(line)):
            opened = max(0.0, float(m.group(1)))
        elif (m := _END.search(line)) and opened is not None:
            silences.append((opened, float(m.group(1))))
            opened = None
    if opened is not None:
        silences.append((opened, duration))
    regions, cursor = [], 0.0
    for a, b in silences:
        if a > cursor:
            regions.append((round(cursor, 3), round(a, 3)))
        cursor = max(cursor, b)
    if duration > cursor:
        regions.append((round(cursor, 3), round(duration, 3)))
    return tuple(r for r in regions if r[1] - r[0] > 0.02)
