"""Format rules (STANDARDS.md §1), read from the file itself: PyAV for the streams and packets
(no decoding), a plain MP4 box walk for faststart and edit lists."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from ..core.preset import Preset
from .frames import per_window
from .model import RuleResult


@dataclass(frozen=True)
class Streams:
    """What the container says, plus what its packets show."""

    container: str
    n_video: int
    n_audio: int
    codec: str
    profile: str
    level: int
    pix_fmt: str
    width: int
    height: int
    colors: dict[str, str]
    fps: Fraction
    frame_durations: tuple[int, ...]  # distinct packet durations, in time-base units
    keyframes_s: tuple[float, ...]
    duration_s: float
    size_bytes: int
    peak_mbps: float
    peak_at_s: float
    audio_codec: str | None
    audio_profile: str | None
    sample_rate: int | None
    channels: int | None
    top_boxes: tuple[str, ...]
    has_edit_list: bool


class Unreadable(Exception):
    """The file is not a video PyAV can open (run.py turns it into a MediaError)."""


def read_streams(path: Path) -> Streams:
    try:
        c = av.open(str(path))
    except (av.error.FFmpegError, OSError) as e:
        raise Unreadable(str(e)) from None
    with c:
        if not c.streams.video:
            raise Unreadable("no video stream")
        v = c.streams.video[0]
        cc = v.codec_context
        pts, sizes, keys = [], [], []
        for p in c.demux(v):
            if p.pts is None or not p.size:
                continue
            pts.append(p.pts)
            sizes.append(p.size)
            if p.is_keyframe:
                keys.append(p.pts)
        tb = v.time_base
        order = np.argsort(pts)
        pts_sorted = np.asarray(pts, dtype=np.int64)[order]
        durations = tuple(sorted(set(np.diff(pts_sorted).tolist()))) if len(pts) > 1 else ()
        t = pts_sorted.astype(np.float64) * float(tb)
        sz = np.asarray(sizes, dtype=np.float64)[order]
        peak, peak_at = _peak_rate(t, sz)
        a = c.streams.audio[0] if c.streams.audio else None
        duration = float(c.duration / av.time_base) if c.duration else (float(t[-1]) if len(t) else 0.0)
        boxes, elst = _boxes(path)
        return Streams(
            container=c.format.name, n_video=len(c.streams.video), n_audio=len(c.streams.audio),
            codec=cc.name, profile=cc.profile or "", level=cc.level or 0, pix_fmt=cc.pix_fmt or "",
            width=cc.width, height=cc.height,
            colors={"primaries": str(cc.color_primaries), "transfer": str(cc.color_trc),
                    "matrix": str(cc.colorspace), "range": str(cc.color_range)},
            fps=Fraction(v.average_rate) if v.average_rate else Fraction(0), frame_durations=durations,
            keyframes_s=tuple(sorted(float(k * tb) for k in keys)), duration_s=duration,
            size_bytes=path.stat().st_size, peak_mbps=peak, peak_at_s=peak_at,
            audio_codec=a.codec_context.name if a else None, audio_profile=a.codec_context.profile if a else None,
            sample_rate=a.codec_context.sample_rate if a else None, channels=a.codec_context.channels if a else None,
            top_boxes=tuple(boxes), has_edit_list=elst)


def _peak_rate(t: np.ndarray, sizes: np.ndarray) -> tuple[float, float]:
    """Highest video bitrate over any 1 s window starting at a frame, in Mbit/s, and its start."""
    if not len(t):
        return 0.0, 0.0
    bits = per_window(t, sizes) * 8
    i = int(np.argmax(bits))
    return float(bits[i] / 1e6), float(t[i])


def _boxes(path: Path) -> tuple[list[str], bool]:
    """Top-level MP4 boxes in file order (reading headers only), and whether moov holds an elst."""
    boxes, elst = [], False
    size_total = path.stat().st_size
    with path.open("rb") as f:
        pos = 0
        while pos + 8 <= size_total:
            f.seek(pos)
            head = f.read(16)
            size, kind = struct.unpack(">I4s", head[:8])
            if size == 1:
                size = struct.unpack(">Q", head[8:16])[0]
            elif size == 0:
                size = size_total - pos
            name = kind.decode("latin-1")
            boxes.append(name)
            if name == "moov":
                f.seek(pos)
                elst = b"elst" in f.read(size)
            if size < 8:
                break
            pos += size
    return boxes, elst


# what a decoder of each profile also plays; anything else (High 10, 4:2:2, 4:4:4) ranks above all
_PROFILES = {"constrained baseline": 0, "baseline": 1, "main": 2, "high": 3}


def _level(text: str) -> int:
    return round(float(text) * 10)


def format_rules(s: Streams, preset: Preset) -> list[RuleResult]:
    v, a, c, lim, qa = preset.video, preset.audio, preset.canvas, preset.limits, preset.qa
    r: list[RuleResult] = []

    def rule(rule_id: str, ok: bool, measured, limit, message: str, warn: bool = False, times=()):
        status = "pass" if ok else ("warn" if warn else "fail")
        r.append(RuleResult(rule_id, status, message, measured, limit, tuple(times)))

    mp4 = "mp4" in s.container.split(",") and "ftyp" in s.top_boxes
    rule("format.container", mp4 and s.n_video == 1 and s.n_audio == 1,
         f"{s.container.split(',')[0]}, {s.n_video} video + {s.n_audio} audio", "MP4, 1 video + 1 audio",
         "MP4 with one video and one audio stream" if mp4 and s.n_video == 1 and s.n_audio == 1
         else "the platforms expect an MP4 holding exactly one video and one audio stream")
    rule("format.codec", s.codec == "h264", s.codec, "h264",
         "H.264 video" if s.codec == "h264" else f"{s.codec} video: encode as H.264")
    prof_ok = _PROFILES.get(s.profile.lower(), 99) <= _PROFILES.get(v.profile.lower(), 0)
    rule("format.profile", prof_ok, s.profile, f"{v.profile.capitalize()} or below",
         f"H.264 {s.profile} profile" if prof_ok else f"profile {s.profile or '?'}: the preset allows up to {v.profile} "
         "(8-bit 4:2:0); phones may refuse it")
    lvl_ok = 0 < s.level <= _level(v.level)
    rule("format.level", lvl_ok, f"{s.level / 10:g}", f"<= {v.level}",
         f"level {s.level / 10:g}" if lvl_ok else f"level {s.level / 10:g} is above {v.level}: some phones refuse it")
    rule("format.pix_fmt", s.pix_fmt == v.pix_fmt, s.pix_fmt, v.pix_fmt,
         f"pixel format {s.pix_fmt}" if s.pix_fmt == v.pix_fmt
         else f"pixel format {s.pix_fmt}: platforms want {v.pix_fmt} (4:2:0, 8 bit, limited range)")
    want = {"primaries": v.colorspace, "transfer": v.colorspace, "matrix": v.colorspace, "range": v.color_range}
    got = {k: _colour_name(k, val) for k, val in s.colors.items()}
    bad = [k for k in want if got[k] != want[k]]
    rule("format.colour", not bad, ", ".join(f"{k} {got[k]}" for k in want), ", ".join(f"{k} {x}" for k, x in want.items()),
         "colour tagged BT.709, limited range" if not bad else f"colour tags wrong or missing: {', '.join(bad)}")
    size_ok = (s.width, s.height) == (c.width, c.height)
    rule("format.resolution", size_ok, f"{s.width}x{s.height}", f"{c.width}x{c.height}",
         f"{s.width}x{s.height}" if size_ok else f"{s.width}x{s.height}: the preset is {c.width}x{c.height}")
    constant = len(s.frame_durations) <= 1
    cfr = constant and s.fps == c.fps
    rule("format.frame_rate", cfr, f"{float(s.fps):g} fps" + ("" if constant else ", variable"),
         f"{c.fps} fps constant", f"constant {float(s.fps):g} fps" if cfr else
         f"constant {float(s.fps):g} fps, but preset {preset.name} is {c.fps} fps: check it against the right "
         "preset, or render it again" if constant else
         "a variable frame rate: platforms want a constant one; render it again")
    gaps = np.diff([*s.keyframes_s, s.duration_s]) if s.keyframes_s else np.array([s.duration_s])
    gop = float(gaps.max()) if len(gaps) else 0.0
    first_ok = bool(s.keyframes_s) and s.keyframes_s[0] <= 1e-3
    gop_ok = gop <= qa.max_gop_s + 1e-3 and first_ok
    worst = s.keyframes_s[int(np.argmax(gaps))] if s.keyframes_s and len(gaps) else 0.0
    rule("format.gop", gop_ok, round(gop, 3), f"<= {qa.max_gop_s:g} s",
         f"a keyframe at least every {gop:.2f} s" if gop_ok else
         f"{gop:.2f} s without a keyframe: seeking and platform transcoding suffer", times=() if gop_ok else (worst,))
    moov_first = "moov" in s.top_boxes and ("mdat" not in s.top_boxes or s.top_boxes.index("moov") < s.top_boxes.index("mdat"))
    rule("format.faststart", moov_first, " ".join(s.top_boxes), "moov before mdat",
         "moov atom first (+faststart): playback starts before the download ends" if moov_first
         else "the moov atom is after the media data: remux with -movflags +faststart")
    rule("format.edit_list", not s.has_edit_list, "edit list" if s.has_edit_list else "none", "none",
         "no edit list" if not s.has_edit_list else "the file has an edit list: some platforms cut or shift the start")
    dur_ok = lim.min_duration_s <= s.duration_s <= lim.max_duration_s
    rule("format.duration", dur_ok, round(s.duration_s, 3), f"{lim.min_duration_s:g}-{lim.max_duration_s:g} s",
         f"{s.duration_s:.1f} s long" if dur_ok else f"{s.duration_s:.1f} s is outside {lim.min_duration_s:g}-{lim.max_duration_s:g} s")
    mb = s.size_bytes / 1e6
    rule("format.size", mb <= lim.max_size_mb, round(mb, 3), f"<= {lim.max_size_mb:g} MB",
         f"{mb:.1f} MB" if mb <= lim.max_size_mb else f"{mb:.0f} MB is above {lim.max_size_mb:g} MB")
    peak_ok = s.peak_mbps <= qa.max_peak_mbps
    rule("format.bitrate", peak_ok, round(s.peak_mbps, 3), f"<= {qa.max_peak_mbps:g} Mbit/s over any 1 s",
         f"peak {s.peak_mbps:.1f} Mbit/s over 1 s" if peak_ok else
         f"peak {s.peak_mbps:.1f} Mbit/s: platforms re-encode harder above {qa.max_peak_mbps:g}",
         times=() if peak_ok else (s.peak_at_s,))
    aud_ok = (s.audio_codec == "aac" and (s.audio_profile or "LC") == "LC" and s.sample_rate == a.sample_rate
              and s.channels == a.channels)
    rule("format.audio", aud_ok,
         f"{s.audio_codec} {s.audio_profile or ''} {s.sample_rate or 0} Hz {s.channels or 0} ch" if s.audio_codec else "no audio",
         f"aac LC {a.sample_rate} Hz {a.channels} ch",
         "AAC-LC audio" if aud_ok else "audio must be AAC-LC at the preset's rate and channels")
    return r


_RANGES = {"1": "tv", "mpeg": "tv", "tv": "tv", "limited": "tv", "2": "pc", "jpeg": "pc", "pc": "pc", "full": "pc"}
_BT709 = {"1": "bt709", "bt709": "bt709"}  # ffmpeg's enum value 1 is BT.709 for primaries, transfer and matrix


def _colour_name(key: str, value: str) -> str:
    """PyAV spells these as enum numbers or names depending on its version ('1', 'MPEG', 'bt709')."""
    v = value.split(".")[-1].lower()
    return (_RANGES if key == "range" else _BT709).get(v, "unspecified" if v in ("0", "2") else v)
