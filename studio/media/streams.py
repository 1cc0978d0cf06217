"""What a media file holds, as the bundled ffmpeg reads it: container, duration, tags and streams.

The engine reads media through the one ffmpeg binary it renders with (no second FFmpeg copy in the
process, none in the bundle). ffmpeg has no machine-readable probe output (ffprobe is not shipped),
so this parses the input header `ffmpeg -i` prints. Only lines at the header's own indentation are
read as structure: a tag's value (a story's title, say) can hold any text, "Stream #0:0" included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .ffmpeg_binary import ffmpeg_exe
from .launch import TimeoutExpired, run


class Unreadable(Exception):
    """ffmpeg cannot open the file as media; the message is ffmpeg's last line about it."""


@dataclass(frozen=True, slots=True)
class Stream:
    index: int                 # within the file: `-map 0:{index}`
    kind: str                  # "video", "audio", "subtitle", "data", "attachment"
    codec: str                 # "h264", "aac", "mjpeg"...
    profile: str = ""          # "High", "LC" (empty when ffmpeg names none)
    pix_fmt: str = ""
    color_range: str = ""      # "tv" (limited), "pc" (full), or "" when unspecified
    colorspace: str = ""       # the matrix: "bt709", "bt470bg", "smpte170m"... or ""
    primaries: str = ""
    transfer: str = ""
    width: int = 0             # coded size; `rotation` says how it is shown
    height: int = 0
    fps: Fraction = Fraction(0)  # average frame rate
    sample_rate: int = 0
    channels: int = 0
    rotation: int = 0          # degrees a player turns the picture counter-clockwise (0, 90, 180, 270)
    attached_pic: bool = False  # a cover picture inside a sound file, not footage
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def display_size(self) -> tuple[int, int]:
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)


@dataclass(frozen=True, slots=True)
class FileStreams:
    container: str             # ffmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    duration_s: float | None   # None when the container does not say
    tags: dict[str, str]
    streams: tuple[Stream, ...]

    @property
    def video(self) -> list[Stream]:
        """Footage streams (cover pictures of sound files are not footage)."""
        return [s for s in self.streams if s.kind == "video" and not s.attached_pic]

    @property
    def audio(self) -> list[Stream]:
        return [s for s in self.streams if s.kind == "audio"]


def read_streams(path: Path | str) -> FileStreams:
    """Parses `ffmpeg -i path`. Raises Unreadable when ffmpeg cannot open it as media."""
    argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(path)]
    try:
        done = run(argv, timeout=60)
    except (OSError, TimeoutExpired) as e:
        raise Unreadable(f"ffmpeg could not read it ({e})") from None
    return parse_header(done.stderr.decode("utf-8", "replace"))


_INPUT = re.compile(r"^Input #0, (?P<fmt>[^ ]+), from ")
_DURATION = re.compile(r"^  Duration: (?P<d>N/A|(?P<h>\d+):(?P<m>\d\d):(?P<s>\d\d(?:\.\d+)?))")
_STREAM = re.compile(r"^  Stream #0:(?P<i>\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: (?P<kind>\w+): (?P<rest>.*)$")
_TAG = re.compile(r"^(?P<indent> +)(?P<key>[^ :][^:]*?) *: (?P<value>.*)$")
_CONTINUED = re.compile(r"^ +: (?P<value>.*)$")
_ROTATION = re.compile(r"display ?matrix: rotation of (?P<deg>-?[\d.]+) degrees", re.IGNORECASE)
_SIZE = re.compile(r"(?<![\w.])(?P<w>\d{1,5})x(?P<h>\d{1,5})(?![\w])")
_FPS = re.compile(r"(?P<v>[\d.]+)(?P<k>k?) (?P<unit>fps|tbr)")  # the average rate; tbr if none
_RATE = re.compile(r"(?P<v>\d+) Hz")
_CHANNELS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "5.0": 5, "5.1": 6,
             "6.1": 7, "7.1": 8}
_FRACTION_FPS = {"23.98": Fraction(24000, 1001), "29.97": Fraction(30000, 1001),
                 "59.94": Fraction(60000, 1001), "47.95": Fraction(48000, 1001)}


def parse_header(text: str) -> FileStreams:
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if _INPUT.match(ln)), None)
    if start is None:
        last = next((ln for ln in reversed(lines) if ln.strip()), "not a media file")
        raise Unreadable(last.split(": ", 1)[-1] if ": " in last else last)
    container = _INPUT.match(lines[start])["fmt"].rstrip(",")
    duration: float | None = None
    file_tags: dict[str, str] = {}
    streams: list[Stream] = []
    current: dict | None = None  # the stream being read, or None for the file's own metadata
    side_data = False            # in a stream's "Side data:" block (not tags)
    for ln in lines[start + 1:]:
        if not ln.startswith(" "):
            break  # the header ends where ffmpeg's own messages start
        if m := _DURATION.match(ln):
            if m["h"] is not None:
                duration = int(m["h"]) * 3600 + int(m["m"]) * 60 + float(m["s"])
            current = None
            continue
        if m := _STREAM.match(ln):
            if current is not None:
                streams.append(_stream(current))
            side_data = False
            current = {"index": int(m["i"]), "kind": m["kind"].lower(), "rest": m["rest"], "tags": {}, "rot": 0}
            continue
        if ln.strip() in ("Metadata:", "Side data:"):
            side_data = ln.strip() == "Side data:"
            continue
        if current is not None and (r := _ROTATION.search(ln)):
            current["rot"] = round(float(r["deg"])) % 360
            continue
        if side_data:
            continue
        target = current["tags"] if current is not None else file_tags
        if (c := _CONTINUED.match(ln)) and target:
            key = next(reversed(target))
            target[key] += "\n" + c["value"]
        elif (t := _TAG.match(ln)) and len(t["indent"]) >= (6 if current is not None else 4):
            target[t["key"].strip()] = t["value"]
    if current is not None:
        streams.append(_stream(current))
    return FileStreams(container, duration, file_tags, tuple(streams))


def _split_top(rest: str) -> list[str]:
    """Splits a stream line at the commas outside parentheses and brackets."""
    parts, depth, cur = [], 0, []
    for ch in rest:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


def _stream(s: dict) -> Stream:
    parts = _split_top(s["rest"])
    head = parts[0]
    codec = head.split(" ", 1)[0]
    prof = re.match(r"^\S+ \((?P<p>[^)]*)\)(?: \(|$)", head)
    profile = prof["p"] if prof and " / 0x" not in prof["p"] else ""
    kw: dict = {"index": s["index"], "kind": s["kind"], "codec": codec, "profile": profile,
                "tags": s["tags"], "rotation": s["rot"], "attached_pic": "(attached pic)" in s["rest"]}
    if s["kind"] == "video":
        if len(parts) > 1:
            pm = re.match(r"^(?P<fmt>[\w]+)(?:\((?P<props>[^)]*)\))?", parts[1])
            if pm:
                kw["pix_fmt"] = pm["fmt"]
                _colors(pm["props"] or "", kw)
        for p in parts[1:]:
            if (m := _SIZE.match(p)) and not kw.get("width"):
                kw["width"], kw["height"] = int(m["w"]), int(m["h"])
            if (m := _FPS.fullmatch(p)) and (m["unit"] == "fps" or not kw.get("fps")):
                v = m["v"]
                kw["fps"] = _FRACTION_FPS.get(v) or Fraction(v) * (1000 if m["k"] else 1)
    elif s["kind"] == "audio":
        for p in parts[1:]:
            if m := _RATE.fullmatch(p):
                kw["sample_rate"] = int(m["v"])
            elif p in _CHANNELS:
                kw["channels"] = _CHANNELS[p]
            elif m := re.fullmatch(r"(\d+) channels(?: \(.*\))?", p):
                kw["channels"] = int(m[1])
            elif re.fullmatch(r"\d+(?:\.\d+)?\(\w+\)|\d+\.\d+\(.*\)", p):  # "5.1(side)", "7.1(wide)"
                kw["channels"] = _CHANNELS.get(p.split("(")[0], 0)
    return Stream(**kw)


_RANGES = {"tv", "pc"}
_FIELDS = {"progressive", "top first", "bottom first", "top coded first (swapped)",
           "bottom coded first (swapped)"}


def _colors(props: str, kw: dict) -> None:
    """'tv, bt709, progressive' or 'pc, bt470bg/bt709/iec61966-2-1': range, then one name when
    matrix, primaries and transfer agree, else matrix/primaries/transfer."""
    for item in (p.strip() for p in props.split(",")):
        if item in _RANGES:
            kw["color_range"] = item
        elif item in _FIELDS or not item:
            continue
        elif "/" in item:
            names = item.split("/")
            if len(names) == 3:
                kw["colorspace"], kw["primaries"], kw["transfer"] = names
        elif not kw.get("colorspace"):
            kw["colorspace"] = kw["primaries"] = kw["transfer"] = item
