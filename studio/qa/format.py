"""Format rules (STANDARDS.md §1), read from the file itself without decoding: one run of the
bundled ffmpeg prints the input header (the streams) and copies the video's packets to its framecrc
muxer (a line per packet: timestamps, size, flags); a plain MP4 box walk adds faststart, edit lists
and the H.264 level (ffmpeg's header does not print it)."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..core.i18n import _
from ..core.preset import Preset
from ..media.ffmpeg_binary import ffmpeg_exe
from ..media.launch import TimeoutExpired, run
from ..media.streams import Stream, Unreadable, parse_header
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
    level: int  # H.264 level_idc: 41 for level 4.1; 0 when none is found
    pix_fmt: str
    width: int
    height: int
    colors: dict[str, str]  # primaries, transfer, matrix, range: ffmpeg's names ("bt709", "tv"), or "unspecified"
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
    video: Stream  # the video stream as ffmpeg's header names it (the frame scan reads with it)


def read_streams(path: Path) -> Streams:
    """Raises Unreadable (studio.media.streams) when ffmpeg cannot open it or it holds no video."""
    # the first video that is footage (not a cover picture), its packets as they are in the file:
    # -copyts keeps the demuxer's timestamps, -copyinkf the packets before the first keyframe
    argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:V:0",
            "-c", "copy", "-copyts", "-copyinkf", "-f", "framecrc", "pipe:1"]
    try:
        done = run(argv, timeout=600)
    except (OSError, TimeoutExpired) as e:
        raise Unreadable(f"ffmpeg could not read it ({e})") from None
    err = done.stderr.decode("utf-8", "replace")
    head = parse_header(err)
    if not head.video:
        raise Unreadable("no video stream")
    if done.returncode:
        raise Unreadable(err.strip().splitlines()[-1])
    v = head.video[0]
    a = head.audio[0] if head.audio else None
    tb, pts, sizes, keys = _packets(done.stdout.decode("ascii", "replace"))
    order = np.argsort(pts)
    pts_sorted = np.asarray(pts, dtype=np.int64)[order]
    durations = tuple(sorted(set(np.diff(pts_sorted).tolist()))) if len(pts) > 1 else ()
    t = pts_sorted.astype(np.float64) * float(tb)
    sz = np.asarray(sizes, dtype=np.float64)[order]
    peak, peak_at = _peak_rate(t, sz)
    duration = head.duration_s or (float(t[-1]) if len(t) else 0.0)
    boxes, elst, level = _boxes(path)
    if not level and v.codec == "h264":
        level = _sps_level(path)
    return Streams(
        container=head.container, n_video=sum(s.kind == "video" for s in head.streams), n_audio=len(head.audio),
        codec=v.codec, profile=v.profile, level=level, pix_fmt=v.pix_fmt, width=v.width, height=v.height,
        colors={"primaries": _named(v.primaries), "transfer": _named(v.transfer), "matrix": _named(v.colorspace),
                "range": _named(v.color_range)},
        fps=v.fps, frame_durations=durations, keyframes_s=tuple(sorted(float(k * tb) for k in keys)),
        duration_s=duration, size_bytes=path.stat().st_size, peak_mbps=peak, peak_at_s=peak_at,
        audio_codec=a.codec if a else None, audio_profile=a.profile if a else None,
        sample_rate=a.sample_rate if a else None, channels=a.channels if a else None,
        top_boxes=tuple(boxes), has_edit_list=elst, video=v)


def _named(value: str) -> str:
    """ffmpeg leaves an untagged colour property out, or calls it "unknown" beside tagged ones."""
    return value if value and value != "unknown" else "unspecified"


_TIME_BASE = re.compile(r"^#tb 0: (\d+)/(\d+)", re.MULTILINE)
# stream, dts, pts, duration, size, crc, then ", F=0x.." when the flags are not just "keyframe"
# (and ", S=n, ..." for side data)
_PACKET = re.compile(r"^0, *(-?\d+), *(-?\d+), *-?\d+, *(\d+), *0x[0-9a-fA-F]+(?:, F=0x([0-9a-fA-F]+))?",
                     re.MULTILINE)
_NOPTS = -(2 ** 63)
_KEY = 0x1  # AV_PKT_FLAG_KEY


def _packets(framecrc: str) -> tuple[Fraction, list[int], list[int], list[int]]:
    """(time base, pts, sizes, keyframe pts) of the packets that have a time and data."""
    pts, sizes, keys = [], [], []
    if not (m := _TIME_BASE.search(framecrc)):  # the muxer's header is missing: it listed nothing
        return Fraction(1), pts, sizes, keys
    tb = Fraction(int(m[1]), int(m[2]))
    for p in _PACKET.finditer(framecrc):
        t, size = int(p[2]), int(p[3])
        if t == _NOPTS or not size:
            continue
        pts.append(t)
        sizes.append(size)
        if int(p[4] or "1", 16) & _KEY:
            keys.append(t)
    return tb, pts, sizes, keys


def _peak_rate(t: np.ndarray, sizes: np.ndarray) -> tuple[float, float]:
    """Highest video bitrate over any 1 s window starting at a frame, in Mbit/s, and its start."""
    if not len(t):
        return 0.0, 0.0
    bits = per_window(t, sizes) * 8
    i = int(np.argmax(bits))
    return float(bits[i] / 1e6), float(t[i])


def _boxes(path: Path) -> tuple[list[str], bool, int]:
    """Top-level MP4 boxes in file order (reading headers only); in moov, whether a track has an
    edit list, and the first H.264 track's level (its avcC's AVCLevelIndication, 0 when none)."""
    boxes, elst, level = [], False, 0
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
                moov = f.read(size)
                for kind, start, end in _walk(moov, 0, len(moov)):
                    elst |= kind == b"elst"
                    if kind == b"avcC" and not level and end - start >= 4:
                        level = moov[start + 3]  # version, profile, compatibility, level
            if size < 8:
                break
            pos += size
    return boxes, elst, level


def _sps_level(path: Path) -> int:
    """level_idc of the first H.264 sequence parameter set, for files without an avcC box (MKV, TS):
    the first keyframe, in Annex B form, always starts with one."""
    argv = [ffmpeg_exe(), "-nostdin", "-v", "error", "-i", str(path), "-map", "0:V:0", "-c", "copy",
            "-bsf:v", "h264_mp4toannexb", "-frames:v", "1", "-f", "h264", "pipe:1"]
    try:
        out = run(argv, timeout=60).stdout
    except (OSError, TimeoutExpired):
        return 0
    sps = re.search(rb"\x00\x00\x01[\x27\x47\x67]", out)  # NAL unit type 7, referenced
    return out[sps.end() + 2] if sps and sps.end() + 2 < len(out) else 0  # after profile and constraint flags


# the boxes on the way to edts/elst and stsd/avc1/avcC, and the bytes before their children
# (stsd: version, flags, entry count; a visual sample entry: 78 bytes of fixed fields)
_INTO = {b"moov": 0, b"trak": 0, b"edts": 0, b"mdia": 0, b"minf": 0, b"stbl": 0, b"stsd": 8,
         b"avc1": 78, b"avc3": 78}


def _walk(data: bytes, start: int, end: int):
    """(type, payload start, payload end) of the boxes in data[start:end], depth first."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        head = 8
        if size == 1 and pos + 16 <= end:
            size, head = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < head:
            return
        stop = min(pos + size, end)
        yield kind, pos + head, stop
        if kind in _INTO:
            yield from _walk(data, pos + head + _INTO[kind], stop)
        pos += size


# what a decoder of each profile also plays; anything else (High 10, 4:2:2, 4:4:4) ranks above all
_PROFILES = {"constrained baseline": 0, "baseline": 1, "main": 2, "high": 3}


def _level(text: str) -> int:
    return round(float(text) * 10)


def format_rules(s: Streams, preset: Preset) -> list[RuleResult]:
    v, a, c, lim, qa = preset.video, preset.audio, preset.canvas, preset.limits, preset.qa
    r: list[RuleResult] = []

    def rule(rule_id: str, ok: bool, measured, limit, message, warn: bool = False, times=()):
        status = "pass" if ok else ("warn" if warn else "fail")
        r.append(RuleResult(rule_id, status, message, measured, limit, tuple(times)))

    mp4 = "mp4" in s.container.split(",") and "ftyp" in s.top_boxes
    one_each = mp4 and s.n_video == 1 and s.n_audio == 1
    rule("format.container", one_each,
         _("{container}, {video} video + {audio} audio", container=s.container.split(",")[0], video=s.n_video, audio=s.n_audio),
         _("MP4, 1 video + 1 audio"),
         _("MP4 with one video and one audio stream") if one_each
         else _("the platforms expect an MP4 holding exactly one video and one audio stream"))
    rule("format.codec", s.codec == "h264", s.codec, "h264",
         _("H.264 video") if s.codec == "h264" else _("{codec} video: encode as H.264", codec=s.codec))
    prof_ok = _PROFILES.get(s.profile.lower(), 99) <= _PROFILES.get(v.profile.lower(), 0)
    rule("format.profile", prof_ok, s.profile, _("{profile} or below", profile=v.profile.capitalize()),
         _("H.264 {profile} profile", profile=s.profile) if prof_ok else
         _("profile {profile}: the preset allows up to {allowed} (8-bit 4:2:0); phones may refuse it",
           profile=s.profile or "?", allowed=v.profile))
    level = preset.level
    lvl_ok = 0 < s.level <= _level(level)
    rule("format.level", lvl_ok, f"{s.level / 10:g}" if s.level else _("unknown"), f"≤ {level}",
         _("level {level:g}", level=s.level / 10) if lvl_ok else
         _("level {level:g} is above {allowed}: some phones refuse it", level=s.level / 10, allowed=level)
         if s.level else _("no H.264 level found"))
    rule("format.pix_fmt", s.pix_fmt == v.pix_fmt, s.pix_fmt, v.pix_fmt,
         _("pixel format {fmt}", fmt=s.pix_fmt) if s.pix_fmt == v.pix_fmt
         else _("pixel format {fmt}: platforms want {allowed} (4:2:0, 8 bit, limited range)", fmt=s.pix_fmt,
                allowed=v.pix_fmt))
    want = {"primaries": v.colorspace, "transfer": v.colorspace, "matrix": v.colorspace, "range": v.color_range}
    names = {"primaries": _("primaries"), "transfer": _("transfer"), "matrix": _("matrix"), "range": _("range")}
    bad = [k for k in want if s.colors[k] != want[k]]
    rule("format.colour", not bad, ", ".join(f"{names[k]} {s.colors[k]}" for k in want),
         ", ".join(f"{names[k]} {x}" for k, x in want.items()),
         _("colour tagged BT.709, limited range") if not bad else
         _("colour tags wrong or missing: {names}", names=", ".join(str(names[k]) for k in bad)))
    size_ok = (s.width, s.height) == (c.width, c.height)
    rule("format.resolution", size_ok, f"{s.width}x{s.height}", f"{c.width}x{c.height}",
         f"{s.width}x{s.height}" if size_ok else
         _("{size}: the preset is {want}", size=f"{s.width}x{s.height}", want=f"{c.width}x{c.height}"))
    constant = len(s.frame_durations) <= 1
    cfr = constant and s.fps == c.fps
    rule("format.frame_rate", cfr, _("{fps:g} fps", fps=float(s.fps)) if constant else
         _("{fps:g} fps, variable", fps=float(s.fps)),
         _("{fps} fps constant", fps=c.fps), _("constant {fps:g} fps", fps=float(s.fps)) if cfr else
         _("constant {fps:g} fps, but preset {preset} is {want} fps: check it against the right "
           "preset, or render it again", fps=float(s.fps), preset=preset.name, want=c.fps) if constant else
         _("a variable frame rate: platforms want a constant one; render it again"))
    gaps = np.diff([*s.keyframes_s, s.duration_s]) if s.keyframes_s else np.array([s.duration_s])
    gop = float(gaps.max()) if len(gaps) else 0.0
    first_ok = bool(s.keyframes_s) and s.keyframes_s[0] <= 1e-3
    gop_ok = gop <= qa.max_gop_s + 1e-3 and first_ok
    worst = s.keyframes_s[int(np.argmax(gaps))] if s.keyframes_s and len(gaps) else 0.0
    rule("format.gop", gop_ok, round(gop, 3), _("≤ {seconds:g} s", seconds=qa.max_gop_s),
         _("a keyframe at least every {seconds:.2f} s", seconds=gop) if gop_ok else
         _("{seconds:.2f} s without a keyframe: seeking and platform transcoding suffer", seconds=gop),
         times=() if gop_ok else (worst,))
    moov_first = "moov" in s.top_boxes and ("mdat" not in s.top_boxes or s.top_boxes.index("moov") < s.top_boxes.index("mdat"))
    rule("format.faststart", moov_first, " ".join(s.top_boxes), _("index (moov) before the media (mdat)"),
         _("moov atom first (+faststart): playback starts before the download ends") if moov_first
         else _("the moov atom is after the media data: remux with -movflags +faststart"))
    rule("format.edit_list", not s.has_edit_list, _("edit list") if s.has_edit_list else _("none"), _("none"),
         _("no edit list") if not s.has_edit_list else _("the file has an edit list: some platforms cut or shift the start"))
    dur_ok = lim.min_duration_s <= s.duration_s <= lim.max_duration_s
    rule("format.duration", dur_ok, round(s.duration_s, 3),
         _("{low:g}-{high:g} s", low=lim.min_duration_s, high=lim.max_duration_s),
         _("{seconds:.1f} s long", seconds=s.duration_s) if dur_ok else
         _("{seconds:.1f} s is outside {low:g}-{high:g} s", seconds=s.duration_s, low=lim.min_duration_s,
           high=lim.max_duration_s))
    mb = s.size_bytes / 1e6
    rule("format.size", mb <= lim.max_size_mb, round(mb, 3), _("≤ {mb:g} MB", mb=lim.max_size_mb),
         _("{mb:.1f} MB", mb=mb) if mb <= lim.max_size_mb else _("{mb:.0f} MB is above {cap:g} MB", mb=mb, cap=lim.max_size_mb))
    peak_ok = s.peak_mbps <= qa.max_peak_mbps
    rule("format.bitrate", peak_ok, round(s.peak_mbps, 3), _("≤ {rate:g} Mbit/s over any 1 s", rate=qa.max_peak_mbps),
         _("peak {rate:.1f} Mbit/s over 1 s", rate=s.peak_mbps) if peak_ok else
         _("peak {rate:.1f} Mbit/s: platforms re-encode harder above {cap:g}", rate=s.peak_mbps, cap=qa.max_peak_mbps),
         times=() if peak_ok else (s.peak_at_s,))
    aud_ok = (s.audio_codec == "aac" and (s.audio_profile or "LC") == "LC" and s.sample_rate == a.sample_rate
              and s.channels == a.channels)
    rule("format.audio", aud_ok,
         _("{codec} {profile} {rate} Hz {channels} ch", codec=s.audio_codec, profile=s.audio_profile or "",
           rate=s.sample_rate or 0, channels=s.channels or 0) if s.audio_codec else _("no audio"),
         _("{codec} {profile} {rate} Hz {channels} ch", codec="aac", profile="LC", rate=a.sample_rate, channels=a.channels),
         _("AAC-LC audio") if aud_ok else _("audio must be AAC-LC at the preset's rate and channels"))
    return r

