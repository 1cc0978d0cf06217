"""SRT and WebVTT files from the same caption events as the burned-in text.

Written by hand on purpose: subtitle libraries read "{...}" as style tags and "\\n" as a break,
and story text must come out literally.

Typed text is data, in both files:
- WebVTT has escapes: '&', '<' and '>' are written `&amp;` `&lt;` `&gt;` (so an arrow `-->`, which
  WebVTT forbids in a cue, is `--&gt;`, and every reader shows `-->`).
- SRT has none (an SRT reader shows `&lt;` as it is), yet readers take `<...>` for tags (pysubs2,
  ffmpeg and players drop `<b & c>` from `a<b & c>d`, and make `<b>` bold) and a line with `-->` or
  two time stamps for a timing line. The least surprising escape that keeps every visible
  character is a WORD JOINER (U+2060: invisible, no line break, ignored by text shapers) right
  after the '<' of a tag-shaped run, inside each `-->` and after the first ':' of a time stamp on
  a line that has two: `<\u2060b>` no longer reads as a tag, and the words on screen are the
  typed ones. The same joiner goes after a backslash before `n`, `N` or `h` (SubStation breaks and
  hard spaces, which readers apply to SRT text too).
- Braces have no escape at all: readers take any `{...}` for a SubStation override block and drop
  it (pysubs2 shows `a {b} c` as `a  c`; `{\an8}` moves a cue in players). The opening brace of
  such a pair is written as its full-width form U+FF5B `｛`, the one character whose look is kept;
  a brace with no closing one after it is written untouched.
Text with no such run is written untouched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

from ..core.project import Project
from ..core.timeline import Timeline
from ..media.layers import caption_line_height


def _ms(frame: int, timeline: Timeline) -> int:
    return int(frame * 1000 / timeline.fps + 0.5)


def _stamp(ms: int, sep: str) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


WORD_JOINER = "\u2060"
_TAG_SHAPED = re.compile(r"<(?=[\s/]*[A-Za-z][^>]*>)")  # pysubs2 strips < */? *[a-zA-Z][^>]*>
_STAMP_SHAPED = re.compile(r"(?<=\d:)(?=\d{1,2}:\d{1,2}[.,]\d)")  # pysubs2: two on a line = timing line
_OVERRIDE_SHAPED = re.compile(r"\{(?=[^}]*\})")  # pysubs2 and libass: {[^}]*} is an override block
_ESCAPE_SHAPED = re.compile(r"(?<=\\)(?=[nNh])")  # \n, \N: a line break, \h: a hard space
FULLWIDTH_LEFT_BRACE = "\uff5b"


def srt_cue_lines(lines: tuple[str, ...] | list[str]) -> list[str]:
    """A caption's lines as SRT text that every reader shows as typed (see the module's note)."""
    text = _TAG_SHAPED.sub("<" + WORD_JOINER, "\n".join(lines))  # a tag may span the cue's lines
    text = _OVERRIDE_SHAPED.sub(FULLWIDTH_LEFT_BRACE, _ESCAPE_SHAPED.sub(WORD_JOINER, text))
    out = []
    for line in text.split("\n"):
        line = line.replace("-->", "--" + WORD_JOINER + ">")
        if len(re.findall(r"\d{1,2}:\d{1,2}:\d{1,2}[.,]\d", line)) >= 2:
            line = _STAMP_SHAPED.sub(WORD_JOINER, line)
        out.append(line)
    return out


def srt_text(timeline: Timeline) -> str:
    cues = []
    for i, e in enumerate(timeline.events, 1):
        span = f"{_stamp(_ms(e.start, timeline), ',')} --> {_stamp(_ms(e.end, timeline), ',')}"
        cues.append(f"{i}\n{span}\n" + "\n".join(srt_cue_lines(e.lines)) + "\n")
    return "\n".join(cues)


Settings = str | Callable[[int], str]  # cue settings, or cue settings for a cue of N lines


def vtt_text(timeline: Timeline, settings: Settings = "") -> str:
    cues = ["WEBVTT\n"]
    for i, e in enumerate(timeline.events, 1):
        span = f"{_stamp(_ms(e.start, timeline), '.')} --> {_stamp(_ms(e.end, timeline), '.')}"
        cue_settings = settings(len(e.lines)) if callable(settings) else settings
        span += f" {cue_settings}" if cue_settings else ""
        text = "\n".join(l.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for l in e.lines)
        cues.append(f"{i}\n{span}\n{text}\n")
    return "\n".join(cues)


PLAYER_LINE = 0.06  # a player's cue line: Chromium draws cue text at 5 % of the video's height


def vtt_settings(project: Project) -> Callable[[int], str]:
    """WebVTT cue settings for a cue of N lines, placing it where the burned-in caption is: inside
    the safe zone, at its bottom, middle or top, centred on the safe zone.

    `line:N%` is the cue's top, with the default (start) line alignment: Chromium ignores `line
    align` (it drew `line:65%,end` with the cue's top at 65 %, in the band kept clear for the
    platform's buttons), so no alignment is written and the place is the same in every player.
    The top is computed from the cue's height: its lines at the burned-in caption's line height,
    or at a player's (PLAYER_LINE) when that is taller, so that the cue ends inside the safe zone
    even in larger player text. No position alignment either: `align:center` centres it."""
    c = project.preset.canvas
    x0, y0, x1, y1 = project.preset.safe_zone.box(c.width, c.height)
    pos = project.look.caption.position
    line_h = max(caption_line_height(project), PLAYER_LINE * c.height)

    def settings(n_lines: int) -> str:
        h = n_lines * line_h
        top = max(y0, {"bottom": y1 - h, "middle": (y0 + y1 - h) / 2, "top": y0}[pos])
        # rounded to 0.01 % towards the inside of the safe zone
        pct = math.ceil(10_000 * top / c.height) / 100 if top == y0 else math.floor(10_000 * top / c.height) / 100
        return (f"line:{pct:.2f}% position:{50 * (x0 + x1) / c.width:.2f}% "
                f"size:{100 * (x1 - x0) / c.width:.2f}% align:center")
    return settings


def locale(lang: str) -> str:
    """File-name locale of a story language, as Facebook wants it: fr -> fr_FR, fr-BE -> fr_BE."""
    base, _, region = lang.partition("-")
    return f"{base}_{region or _DEFAULT_REGION.get(base, base.upper())}"


_DEFAULT_REGION = {"en": "US", "ar": "AR", "zh": "CN", "ja": "JP", "ko": "KR", "pt": "PT"}


def write_sidecars(timeline: Timeline, srt: Path, vtt: Path, settings: Settings = "") -> None:
    srt.write_text(srt_text(timeline), encoding="utf-8")
    vtt.write_text(vtt_text(timeline, settings), encoding="utf-8")
