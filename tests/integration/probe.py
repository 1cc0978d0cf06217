"""An independent look at a finished file: PyAV for streams and frames, a plain MP4 box walk for
faststart and edit lists. Nothing here uses studio's own code or return values."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


@dataclass
class Probed:
    width: int
    height: int
    codec: str
    profile: str
    level: int
    pix_fmt: str
    fps: Fraction
    frames: int
    duration_s: float
    keyframes: list[int]
    color_primaries: str
    color_trc: str
    colorspace: str
    color_range: str
    audio_codec: str | None
    audio_profile: str | None
    sample_rate: int | None
    channels: int | None
    audio_duration_s: float | None
    tags: dict
    top_boxes: list[str]
    has_edit_list: bool


def probe(path: Path) -> Probed:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        keyframes, n = [], 0
        for i, packet in enumerate(p for p in c.demux(v) if p.size):
            n += 1
            if packet.is_keyframe:
                keyframes.append(i)
        cc = v.codec_context
        a = c.streams.audio[0] if c.streams.audio else None
        boxes, elst = _boxes(path)
        return Probed(
            width=cc.width, height=cc.height, codec=cc.name, profile=cc.profile or "", level=cc.level,
            pix_fmt=cc.pix_fmt, fps=Fraction(v.average_rate), frames=n,
            duration_s=float(c.duration / av.time_base) if c.duration else 0.0, keyframes=keyframes,
            color_primaries=str(cc.color_primaries), color_trc=str(cc.color_trc),
            colorspace=str(cc.colorspace), color_range=str(cc.color_range),
            audio_codec=a.codec_context.name if a else None,
            audio_profile=a.codec_context.profile if a else None,
            sample_rate=a.codec_context.sample_rate if a else None,
            channels=a.codec_context.channels if a else None,
            audio_duration_s=float(a.duration * a.time_base) if a and a.duration else None,
            tags=dict(c.metadata), top_boxes=boxes, has_edit_list=elst)


def _boxes(path: Path) -> tuple[list[str], bool]:
    """Top-level MP4 boxes in file order, and whether the moov holds an edit list (elst)."""
    data = path.read_bytes()
    boxes, pos, elst = [], 0, False
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        kind = kind.decode("latin-1")
        boxes.append(kind)
        if kind == "moov":
            elst = b"elst" in data[pos:pos + size]
        if size < 8:
            break
        pos += size
    return boxes, elst


def frame_at(path: Path, t: float) -> np.ndarray:
    """The decoded RGB frame shown at time t."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        best = None
        for frame in c.decode(v):
            if frame.time is not None and frame.time > t + 1e-6:
                break
            best = frame
        return best.to_ndarray(format="rgb24")


def audio_rms_db(path: Path, start: float = 0.0, end: float | None = None) -> float:
    with av.open(str(path)) as c:
        chunks = []
        for frame in c.decode(audio=0):
            if frame.time < start or (end is not None and frame.time > end):
                continue
            chunks.append(frame.to_ndarray().astype(np.float64).ravel())
    samples = np.concatenate(chunks) if chunks else np.zeros(1)
    rms = float(np.sqrt(np.mean(samples ** 2)))
    return 20 * np.log10(rms) if rms > 0 else -float("inf")


def first_sound_s(path: Path, threshold_db: float = -40.0, window_s: float = 0.02) -> float | None:
    """When the file's sound first rises above `threshold_db` (RMS over `window_s` windows)."""
    with av.open(str(path)) as c:
        rate = c.streams.audio[0].rate
        samples = np.concatenate([f.to_ndarray().astype(np.float64).mean(axis=0) for f in c.decode(audio=0)])
    n = max(1, round(rate * window_s))
    windows = samples[: len(samples) // n * n].reshape(-1, n)
    loud = np.flatnonzero(np.sqrt((windows ** 2).mean(axis=1)) > 10 ** (threshold_db / 20))
    return float(loud[0] * n / rate) if loud.size else None


def frames(path: Path) -> list[tuple[float, np.ndarray]]:
    """Every decoded frame as (time in seconds, RGB array): one decode for many samples."""
    with av.open(str(path)) as c:
        return [(float(f.time), f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]


def shown_at(decoded: list[tuple[float, np.ndarray]], t: float) -> np.ndarray:
    """The frame of `frames()` on screen at time t."""
    best = decoded[0][1]
    for time, image in decoded:
        if time > t + 1e-6:
            break
        best = image
    return best


def peak_video_mbps(path: Path) -> float:
    """The highest video bit rate over any whole second (packet sizes by presentation time)."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        sizes = [(float(p.pts * v.time_base), p.size) for p in c.demux(v) if p.size and p.pts is not None]
    sizes.sort()
    times = np.array([t for t, _ in sizes])
    cum = np.concatenate([[0], np.cumsum([s for _, s in sizes])])
    ends = np.searchsorted(times, times + 1.0, side="left")
    return float(((cum[ends] - cum[np.arange(len(times))]) * 8 / 1e6).max())


def band_db(path: Path, t0: float, t1: float, freq: float) -> float:
    """Level (dB, arbitrary reference) of the sound around `freq` Hz between t0 and t1: the
    strongest FFT bin within 15 Hz, of the channels' mean."""
    with av.open(str(path)) as c:
        rate = c.streams.audio[0].rate
        x = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1).mean(axis=0)
    seg = x[int(t0 * rate):int(t1 * rate)]
    spec = np.abs(np.fft.rfft(seg * np.hanning(len(seg))))
    f = np.fft.rfftfreq(len(seg), 1 / rate)
    return float(20 * np.log10(spec[(f > freq - 15) & (f < freq + 15)].max() + 1e-9))
