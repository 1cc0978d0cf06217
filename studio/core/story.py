"""The story file: UTF-8 Markdown with optional YAML front matter.

    ---
    title: Léa, 14 ans
    music: media/calme.mp3
    ---
    ![Le couloir](media/couloir.jpg)

    Au collège, tout a commencé par un surnom.

Each paragraph is one beat; a line holding only an image sets the background of the beats after
it; a line holding only an image or link to a sound file (`![voix](media/voix-2.m4a)`) is the
voice-over of the next beat; a line holding only `[duration: 4.5 s]` (or `[durée : 4,5 s]`) gives
its paragraph's beat (or, alone, the next beat) an explicit duration; lines starting with "- "
are turns of dialogue; HTML comments are editor notes; `**bold**`, `*italic*` and `[links](url)`
are read as Markdown (studio.core.markdown) and a line `# Title` is an on-screen title over the
beat after it. Parsing is pure: media files are checked by studio.media.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import markdown
from .errors import StoryError, did_you_mean
from .i18n import N_, Msg, _
from .files import KINDS, read_regular
from .validation import explain

FitMode = Literal["cover", "blur", "subject"]
Anonymized = Literal["faces", "voice"]
FIT_MODES: tuple[str, ...] = get_args(FitMode)
ANONYMIZE: tuple[str, ...] = get_args(Anonymized)
MOTIONS = ("auto", "none", "pan-left", "pan-right", "pan-up", "pan-down", "zoom-in", "zoom-out")
SOUNDS = ("keep", "low", "mute")
FRONT_MATTER_OPEN = "---"
FRONT_MATTER_CLOSE = ("---", "...")


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing the front matter that opens `lines`; None when the text has
    no front matter, -1 when it is opened and never closed."""
    if not lines or lines[0].strip() != FRONT_MATTER_OPEN:
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() in FRONT_MATTER_CLOSE), -1)


class Consent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    given: bool = False
    by: str | None = None
    date: _dt.date | str | None = None


class FrontMatter(BaseModel):
    """Keys a story may set. Anything else is an error with a 'did you mean'."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str | None = None
    lang: str = Field("fr", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    music: str | None = None
    voiceover: str | None = None
    presets: tuple[str, ...] = ()
    brand: str | None = None
    endcard: dict[str, Any] = Field(default_factory=dict)
    hashtag: str | None = None
    caption_style: str | None = None   # a style name of the brand kit ([caption_styles.NAME])
    timing_srt: str | None = None      # an existing SRT whose cue times time the story
    consent: Consent = Field(default_factory=Consent)
    anonymize: tuple[Anonymized, ...] = ()
    content_warning: str | None = None  # shown on an intro card before the first beat
    cover: str | float | None = None    # the cover: a time in seconds ("4.5 s") or an image file
    post: str | None = None             # the text of the post beside each export (else the first beat)

    @property
    def is_draft(self) -> bool:
        """Without recorded consent a story is a draft: watermarked, never publishable."""
        return not self.consent.given

    @field_validator("presets", "anonymize", mode="before")
    @classmethod
    def _one_or_many(cls, v):
        return (v,) if isinstance(v, str) else v

    @field_validator("endcard", mode="before")
    @classmethod
    def _variant_shortcut(cls, v):
        # `endcard: 3018` is short for `endcard: {variant: "3018"}`
        return {"variant": str(v)} if isinstance(v, (str, int)) else v


@dataclass(frozen=True, slots=True)
class Background:
    """A background set by an image line. `path` is absolute; times are in seconds."""

    path: Path
    alt: str
    line: int
    trim_start: float | None = None
    trim_end: float | None = None
    fit: FitMode = "cover"
    motion: str = "auto"              # photos: one of MOTIONS ("auto": the look's, alternating)
    sound: str | None = None          # footage: one of SOUNDS (None: the look's default)
    anonymize: tuple[str, ...] | None = None  # None: the story's `anonymize`; () for none here


@dataclass(frozen=True, slots=True)
class Beat:
    text: str
    line: int
    background: Background | None  # None: the brand's own background
    duration_s: float | None = None  # an explicit duration, which wins over reading speed and voice
    voice: Path | None = None        # this beat's own voice-over recording (absolute path)
    title: str | None = None         # a `# heading` line before it: an on-screen title over this beat


@dataclass(frozen=True, slots=True)
class Story:
    path: Path
    meta: FrontMatter
    beats: tuple[Beat, ...]
    meta_lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line, for errors
    notes: tuple[tuple[int, str], ...] = ()  # (line, message): markup that would show as raw text

    @property
    def title(self) -> str:
        return self.meta.title or self.path.stem

    @property
    def folder(self) -> Path:
        return self.path.parent

    def media_path(self, value: str) -> Path:
        return (self.folder / value).resolve()

    def cover(self) -> tuple[str, float | Path] | None:
        """The front matter's `cover:` read: ("time", seconds) or ("image", absolute path)."""
        value = self.meta.cover
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return "time", float(value)
        m = _COVER_TIME.match(str(value))
        if m:
            return "time", float(m.group("n").replace(",", "."))
        return "image", self.media_path(str(value))

    @property
    def backgrounds(self) -> tuple[Background, ...]:
        seen: dict[Background, None] = {}
        for b in self.beats:
            if b.background is not None:
                seen.setdefault(b.background)
        return tuple(seen)


_IMAGE_LINE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\((?P<target>.*)\)\s*$")
_LINK_LINE = re.compile(r"^\s*!?\[(?P<alt>[^\]]*)\]\((?P<target>.*)\)\s*$")
AUDIO_EXTENSIONS = (".mp3", ".m4a", ".wav", ".aac", ".ogg", ".opus", ".flac")
# `[duration: 4.5 s]` / `[durée : 4,5 s]`, alone on its line; any other bracketed line is story text
_DURATION_LINE = re.compile(r"^\s*\[\s*(?:duration|durée)\s*:\s*(?P<value>[^\]]*?)\s*\]\s*$", re.I)
_SECONDS = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?)\s*s$")
_COVER_TIME = re.compile(r"^\s*(?P<n>\d+(?:[.,]\d+)?)\s*s?\s*$")
DIALOGUE_DASH = "- "
_TITLE = re.compile(r'^(?P<path>.*?)\s+"(?P<title>[^"]*)"$')
_FRAGMENT = re.compile(r"^(?P<path>.*)#(?P<frag>(?:t|fit|motion|sound|anonymi[sz]e)=[^#]*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def load_story(path: str | Path) -> Story:
    """Reads and parses a story file. Raises StoryError naming the file and line."""
    path = Path(path)
    # a regular file under 1 MB, opened without blocking: a FIFO or a device is refused at once
    raw = read_regular(path, "story", StoryError, missing=_("story file not found"),
                       missing_hint=_("check the path; stories are .md files"))
    return parse_story(raw, path)


def parse_story(raw: bytes | str, path: str | Path = "<story>") -> Story:
    path = Path(path).absolute()
    if len(raw) > KINDS["story"].cap:  # refused from its length, before any parsing (an editor's text too)
        raise StoryError(_("the story is {size} KB of text: too long for a story (at most {cap} KB)",
                           size=len(raw) // 1024, cap=KINDS['story'].cap // 1024), file=path, hint=KINDS["story"].hint)
    text = _decode(raw, path)
    lines = text.splitlines()
    meta, meta_lines, body_start = _front_matter(lines, path)
    notes: list[tuple[int, str]] = []
    beats = _beats(lines, body_start, path, notes)
    if not beats:
        raise StoryError(_("the story has no text: write at least one paragraph (one beat)"),
                         file=path, line=min(body_start + 1, max(len(lines), 1)),
                         hint=_("each paragraph separated by a blank line becomes one caption beat"))
    return Story(path=path, meta=meta, beats=tuple(beats), meta_lines=meta_lines, notes=tuple(notes))


def _decode(raw: bytes | str, path: Path) -> str:
    if isinstance(raw, str):
        text = raw
    else:
        if b"\x00" in raw:
            line = raw[: raw.index(b"\x00")].count(b"\n") + 1
            raise StoryError(_("this is not a text file (it contains binary data)"), file=path,
                             line=line, hint=_("a story is a UTF-8 Markdown text file"))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise StoryError(_("the file is not UTF-8 text (byte 0x{byte:02x} at offset {offset})",
                               byte=raw[e.start], offset=e.start), file=path, line=line,
                             hint=_("save the story as UTF-8 (most editors: 'Save with encoding')")) from None
    bad = next((c for c in text if ord(c) < 32 and c not in "\t\n\r\f"), None)
    if bad is not None:
        line = text[: text.index(bad)].count("\n") + 1
        raise StoryError(_("the file contains a control character (U+{code:04X})", code=ord(bad)), file=path,
                         line=line, hint=_("a story is plain text; remove the character"))
    return text


def _front_matter(lines: list[str], path: Path) -> tuple[FrontMatter, dict[str, int], int]:
    """Returns (front matter, key -> line number, index of the first body line)."""
    end = front_matter_end(lines)
    if end is None:
        return FrontMatter(), {}, 0
    if end < 0:
        raise StoryError(_("the front matter opened on line 1 is never closed"), file=path, line=1,
                         hint=_("end the front matter with a line holding only '---'"))
    source = "\n".join(lines[1:end])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        if "end of stream" in problem and getattr(e, "context_mark", None):
            quoted = "quoted" in (e.context or "")
            mark, problem = e.context_mark, (_("a quoted value opened here is never closed") if quoted
                                             else _("{what}: never closed", what=e.context))
        line = mark.line + 2 if mark else 1  # +1 for 0-based, +1 for the opening '---'
        raise StoryError(_("the front matter is not valid YAML: {problem}", problem=problem), file=path, line=line,
                         hint=_("YAML wants `key: value`; quote values holding ': ' or '#'")) from None
    if data is None:
        return FrontMatter(), {}, end + 1
    if not isinstance(data, dict):
        raise StoryError(_("the front matter must be a list of `key: value` lines"), file=path, line=2)
    key_lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if node else {}
    known = list(FrontMatter.model_fields)
    for key in data:
        if str(key) not in known:
            hint = did_you_mean(str(key), known) or _("known keys: {keys}", keys=", ".join(known))
            raise StoryError(_("unknown front matter key '{key}'", key=key), file=path,
                             line=key_lines.get(str(key)), field=str(key), hint=hint)
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else None
        dotted, message, hint = explain(err, FrontMatter)
        raise StoryError(message, file=path, line=key_lines.get(key or ""), field=dotted,
                         hint=hint if err["type"] == "extra_forbidden" else hint or _field_hint(key)) from None
    date = meta.consent.date
    if isinstance(date, str):  # YAML read 2026-11-03 as a date; anything else ("03/11/2026") is text
        raise StoryError(_("the consent date '{value}' is not a date in the expected form", value=date), file=path,
                         line=key_lines.get("consent"), field="consent.date",
                         hint=_("write it as year-month-day, e.g. date: 2026-11-03"))
    return meta, key_lines, end + 1


_FIELD_HINTS = {
    "lang": N_("a language code such as fr or en"),
    "presets": N_("a list of preset names, e.g. [tiktok, square]"),
    "consent": N_("consent: {given: true, by: \"Name\", date: 2026-05-12}"),
    "endcard": N_("a variant name (endcard: 3018) or fields ({variant: \"3018\", duration_s: 6})"),
    "anonymize": N_("a list of what to hide: [faces], [voice] or [faces, voice]"),
    "cover": N_("a time in seconds (cover: 4.5) or a picture (cover: media/cover.jpg)"),
}


def _field_hint(key: str | None):
    from .i18n import gettext

    hint = _FIELD_HINTS.get(key or "")
    return gettext(hint) if hint else None


def _beats(lines: list[str], start: int, path: Path, notes: list[tuple[int, str]]) -> list[Beat]:
    body = _strip_comments(lines[start:], start, path)
    beats: list[Beat] = []
    background: Background | None = None
    para: list[str] = []
    para_line = 0
    voice: tuple[Path, int] | None = None          # the next beat's voice, and its line
    duration: tuple[float, int] | None = None       # the next (or current) beat's duration
    title: tuple[str, int] | None = None            # a heading: the title of the next beat

    def flush() -> None:
        nonlocal para, voice, duration, title
        if para:
            text = "\n".join(re.sub(r"[^\S\n]+", " ", turn).strip() for turn in _turns(para))
            beats.append(Beat(text=text, line=para_line, background=background,
                              duration_s=duration[0] if duration else None,
                              voice=voice[0] if voice else None, title=title[0] if title else None))
            voice = duration = title = None
        para = []

    for lineno, text, is_blank in body:
        if is_blank:
            flush()
            continue
        if text is None:  # a line that held only an editor note
            continue
        d = _DURATION_LINE.match(text)
        if d:
            if duration is not None:
                raise StoryError(_("two durations for the same beat"), file=path, line=lineno,
                                 field="duration", hint=_("the first one is on line {line}; keep one", line=duration[1]))
            duration = (_seconds(d.group("value"), lineno, path), lineno)
            continue
        m = _LINK_LINE.match(text)
        if m and _is_audio(m.group("target")):
            flush()
            if voice is not None:
                raise StoryError(_("two voice-overs for the same beat"), file=path, line=lineno, field="voice",
                                 hint=_("the first one is on line {line}; a voice line gives the voice "
                                        "of the paragraph after it", line=voice[1]))
            voice = (_media_path(m.group("target"), path), lineno)
            continue
        m = _IMAGE_LINE.match(text)
        if m:
            flush()
            background = _background(m, lineno, path)
            continue
        h = markdown.heading(text)
        if h is not None and not para:
            if title is not None:
                raise StoryError(_("two titles for the same beat"), file=path, line=lineno,
                                 hint=_("the first one is on line {line}; a '# title' line is the "
                                        "on-screen title of the paragraph after it", line=title[1]))
            if h:
                title = (h, lineno)
            continue
        if not para:
            para_line = lineno
        read, problems = markdown.inline(text.strip())
        notes.extend((lineno, _("{markup} would be burned into the caption as it is written", markup=p))
                     for p in problems)
        para.append(read)
    flush()
    for pending, what in ((voice, _("voice-over")), (duration, _("duration")), (title, _("title"))):
        if pending is not None:
            raise StoryError(_("this {what} belongs to no beat: no paragraph follows it", what=what), file=path,
                             line=pending[1], hint=_("put the {what} line just before the paragraph it is for", what=what))
    return beats


def _turns(para: list[str]) -> list[str]:
    """Lines of a paragraph joined with spaces; a line starting with '- ' starts a new turn."""
    turns: list[str] = []
    for line in para:
        if line.startswith(DIALOGUE_DASH) or not turns:
            turns.append(line)
        else:
            turns[-1] += " " + line
    return turns


def _is_audio(target: str) -> bool:
    target = target.strip().strip("<>").split("#")[0].strip()
    return target.lower().endswith(AUDIO_EXTENSIONS)


def _media_path(target: str, path: Path) -> Path:
    target = target.strip()
    if target.startswith("<") and ">" in target:
        target = target[1:target.index(">")]
    else:
        t = _TITLE.match(target)
        target = t.group("path") if t else target
    return (path.parent / target).resolve()


def _seconds(value: str, lineno: int, path: Path) -> float:
    m = _SECONDS.match(value.strip())
    seconds = float(m.group("n").replace(",", ".")) if m else 0.0
    if not m or seconds <= 0:
        raise StoryError(_("bad duration '{value}'", value=value), file=path, line=lineno, field="duration",
                         hint=_("write the seconds followed by s, e.g. [duration: 4.5 s] or [durée : 4,5 s]"))
    return seconds


def _strip_comments(lines: list[str], start: int, path: Path):
    """Yields (line number, text or None for a comment-only line, is_blank)."""
    text = "\n".join(lines)
    opened = text.find("<!--")
    while opened != -1:
        closed = text.find("-->", opened + 4)
        if closed == -1:
            line = start + text[:opened].count("\n") + 1
            raise StoryError(_("an editor note '<!--' is never closed"), file=path, line=line,
                             hint=_("close the note with '-->'"))
        comment = text[opened:closed + 3]
        # keep line numbers: a comment becomes as many "\x00"-marked lines as it spanned
        text = text[:opened] + "\x00" + "\n\x00" * comment.count("\n") + text[closed + 3:]
        opened = text.find("<!--", opened)
    for i, line in enumerate(text.split("\n")):
        lineno = start + i + 1
        if "\x00" in line:
            rest = line.replace("\x00", "")
            yield lineno, (rest if rest.strip() else None), False
        else:
            yield lineno, line, not line.strip()


def _background(m: re.Match, lineno: int, path: Path) -> Background:
    alt, target = m.group("alt").strip(), m.group("target").strip()
    if target.startswith("<") and ">" in target:  # <path with spaces.jpg>#t=1,2
        target = target[1:target.index(">")] + target[target.index(">") + 1:].strip()
    else:
        t = _TITLE.match(target)
        target = t.group("path") if t else target
    start = end = None
    opts: dict = {}
    frag = _FRAGMENT.match(target)
    if frag:
        target = frag.group("path")
        for part in frag.group("frag").split("&"):
            key, _sep, value = part.partition("=")
            if key == "t":
                start, end = _time_range(value, lineno, path)
            elif key in ("fit", "motion", "sound"):
                opts[key] = _choice(key, value, _CHOICES[key], lineno, path)
            elif key in ("anonymize", "anonymise"):
                opts["anonymize"] = () if value == "none" else tuple(
                    _choice(key, v, ANONYMIZE, lineno, path) for v in value.split(",") if v)
            else:
                raise StoryError(_("unknown media option '{key}'", key=key), file=path, line=lineno,
                                 hint=did_you_mean(key, ["t", *_CHOICES, "anonymize"]) or Msg(_OPTIONS_HINT))
    if not target:
        raise StoryError(_("the image line names no file"), file=path, line=lineno,
                         hint=_("write ![description](media/photo.jpg)"))
    return Background(path=(path.parent / target).resolve(), alt=alt, line=lineno,
                      trim_start=start, trim_end=end, **opts)


_CHOICES = {"fit": FIT_MODES, "motion": MOTIONS, "sound": SOUNDS}
_OPTIONS_HINT = N_("options after '#': t=START,END, fit=cover|blur|subject, motion=zoom-in|pan-left|..., "
                   "sound=keep|low|mute, anonymize=faces,voice|none")


def _choice(key: str, value: str, allowed: tuple[str, ...], lineno: int, path: Path) -> str:
    if value not in allowed:
        raise StoryError(_("unknown {key} '{value}'", key=key, value=value), file=path, line=lineno, field=key,
                         hint=did_you_mean(value, allowed) or _("use one of {names}", names=", ".join(allowed)))
    return value


def _time_range(value: str, lineno: int, path: Path) -> tuple[float | None, float | None]:
    a, _sep, b = value.partition(",")
    try:
        start = float(a) if a else None
        end = float(b) if b else None
    except ValueError:
        raise StoryError(_("bad time range '#t={value}'", value=value), file=path, line=lineno,
                         hint=_("write #t=START,END in seconds, e.g. #t=3,8 or #t=2.5")) from None
    if start is not None and end is not None and end <= start:
        raise StoryError(_("the time range '#t={value}' ends before it starts", value=value), file=path, line=lineno,
                         hint=_("write the start first, then the end, in seconds, e.g. #t=3,8"))
    return start, end
