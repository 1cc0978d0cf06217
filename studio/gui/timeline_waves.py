"""The music's and the voices' waveforms under the timeline, so a beat can be timed to the voice by
eye: each file decoded once by ffmpeg (through the engine's decoder) in a worker, to mono at a low
rate, and kept as one peak per 1/50 s for the process."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..media.decode import DecodeError, RawFrames, input_args

RATE = 50          # peaks per second
_SAMPLES = 40      # decoded samples per peak (2 kHz mono)

_cache: dict[tuple[str, float, int], np.ndarray] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Sound:
    kind: str           # "music" (looped from the start) or "voice"
    path: Path
    start_s: float      # where it starts on the timeline


def _key(path: Path) -> tuple[str, float, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_mtime, st.st_size


def peaks(path: Path) -> np.ndarray | None:
    """The file's peaks (0..1), if decoded already."""
    key = _key(path)
    with _lock:
        return _cache.get(key) if key else None


def make(paths: list[Path], cancel: threading.Event) -> int:
    """Decodes the files not decoded yet; returns how many were."""
    made = 0
    for path in paths:
        key = _key(path)
        if cancel.is_set() or key is None or peaks(path) is not None:
            continue
        try:
            out = [np.abs(np.frombuffer(buf, "<i2")).max()
                   for buf in RawFrames(input_args(path), ["-vn", "-ac", "1", "-ar", str(RATE * _SAMPLES), "-f", "s16le"],
                                        _SAMPLES * 2, cancel=cancel)]
        except (DecodeError, OSError):
            continue
        if cancel.is_set():
            break
        with _lock:
            _cache[key] = np.asarray(out, np.float32) / 32768.0
        made += 1
    return made
