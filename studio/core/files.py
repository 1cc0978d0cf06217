"""Every file a story names is a regular file of a sane size before anything reads it.

A FIFO or a device (`/dev/zero`) named as a picture, a sound or a `timing_srt:` would block a read
for good or fill the memory; a folder gives a clear error rather than IsADirectoryError. These
checks only `stat` (a FIFO is never opened), and reading goes through `read_regular`, which opens
without blocking and checks the opened file again (a file swapped for a FIFO in between is refused
too). Pure: no process, no decoding; studio.media probes what the files hold."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .i18n import Msg, _
from .errors import MediaError, StudioError, os_reason

MB = 1 << 20


@dataclass(frozen=True)
class Kind:
    what: str        # in a sentence: "a timing SRT", "a picture or clip"
    cap: int         # bytes: a bigger file is not one of these
    hint: str        # what to do when it is too big


KINDS = {
    "story": Kind(_("a story file"), 256 * 1024, _("a story is a minute or two of text (a few kilobytes); "
                                                   "split it into several stories")),
    "srt": Kind(_("a timing SRT"), 1 * MB, _("an SRT of a few minutes is a few kilobytes; export the story's own cues")),
    "picture": Kind(_("a picture"), 256 * MB, _("re-save it as a JPEG under 256 MB")),
    "background": Kind(_("a picture or clip"), 16 * 1024 * MB, _("cut or re-encode the clip (a few hundred MB is plenty)")),
    "sound": Kind(_("a sound file"), 2 * 1024 * MB, _("re-export it as MP3 or M4A")),
    "manifest": Kind(_("a batch manifest"), 1 * MB, _("split the manifest; globs name many stories in one line")),
}


def _size(n: int) -> Msg:
    return (_("{size:.1f} GB", size=n / (1024 * MB)) if n >= 1024 * MB else _("{size:.1f} MB", size=n / MB) if n >= MB
            else _("{size} bytes", size=n))


def check_file(path: Path, kind: str, error: type[StudioError] = MediaError, *, missing: str | None = None,
               missing_hint: str | None = None, **where) -> os.stat_result:
    """The file's stat when it is a regular file within its kind's cap; else `error` naming the
    file (and the story's line in `where`) and what to do. Never opens the file."""
    where.setdefault("file", path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(missing or _("file not found: {path}", path=path), **where,
                    hint=missing_hint or _("paths are relative to the story file; check the spelling and the folder")) from None
    except OSError as e:
        raise error(_("cannot read {name} ({reason})", name=path.name, reason=os_reason(e)), **where) from None
    refuse(path, st, kind, error, **where)
    return st


def refuse(path: Path, st: os.stat_result, kind: str, error: type[StudioError] = MediaError, **where) -> None:
    """Raises `error` unless `st` is a regular file within the kind's cap."""
    k = KINDS[kind]
    where.setdefault("file", path)
    if stat.S_ISDIR(st.st_mode):
        raise error(_("{path} is a folder, not {what}", path=path, what=k.what), **where,
                    hint=_("name a file inside the folder, e.g. {name}/..., not the folder itself", name=path.name))
    if not stat.S_ISREG(st.st_mode):
        raise error(_("{path} is not a regular file (a pipe, a device or a socket): it cannot be {what}",
                      path=path, what=k.what), **where, hint=_("name a file saved on disk"))
    if st.st_size > k.cap:
        raise error(_("{path} is {size}: too large for {what} (at most {cap})", path=path, size=_size(st.st_size),
                      what=k.what, cap=_size(k.cap)), **where, hint=k.hint)


def read_regular(path: Path, kind: str, error: type[StudioError] = MediaError, *, missing: str | None = None,
                 missing_hint: str | None = None, **where) -> bytes:
    """The bytes of a regular file within its kind's cap (see `check_file`). Opened without
    blocking and checked again once open, read no further than the cap."""
    check_file(path, kind, error, missing=missing, missing_hint=missing_hint, **where)
    where.setdefault("file", path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise error(_("cannot read {name} ({reason})", name=path.name, reason=os_reason(e)), **where) from None
    with os.fdopen(fd, "rb") as f:
        refuse(path, os.fstat(fd), kind, error, **where)
        try:
            data = f.read(KINDS[kind].cap + 1)
        except OSError as e:
            raise error(_("cannot read {name} ({reason})", name=path.name, reason=os_reason(e)), **where) from None
    if len(data) > KINDS[kind].cap:  # it grew since
        refuse(path, os.stat_result((stat.S_IFREG, 0, 0, 0, 0, 0, len(data), 0, 0, 0)), kind, error, **where)
    return data


NAME_MAX_BYTES = 200  # a file name holds 255 bytes; the outputs add ".fr_FR.srt", their hidden parts ~40 more


def stem_problem(stem: str) -> str | None:
    """Why `stem` cannot name output files (a control character, a separator, too long), or None."""
    bad = next((c for c in stem if ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        what = {"\n": _("a line break"), "\r": _("a carriage return"), "\0": _("a NUL character"), "\t": _("a tab")}.get(
            bad, _("the control character U+{code:04X}", code=ord(bad)))
        return _("holds {what}", what=what)
    if "/" in stem or "\\" in stem:
        return _("holds a folder separator")
    if len(stem.encode("utf-8")) > NAME_MAX_BYTES:
        return _("is {size} bytes long (at most {cap}: a file name holds 255)", size=len(stem.encode('utf-8')),
                 cap=NAME_MAX_BYTES)
    if not stem.strip(". "):
        return _("is empty")
    return None


def story_media(story) -> Iterator[tuple[Path, str, int | None, str | None]]:
    """(path, kind, story line, front matter field) of every file a story names, in story order."""
    meta_lines = story.meta_lines
    for key, kind in (("music", "sound"), ("voiceover", "sound"), ("timing_srt", "srt")):
        if value := getattr(story.meta, key):
            yield story.media_path(value), kind, meta_lines.get(key), key
    cover = story.cover()
    if cover is not None and cover[0] == "image":
        yield cover[1], "picture", meta_lines.get("cover"), "cover"
    for beat in story.beats:
        if beat.background is not None:
            yield beat.background.path, "background", beat.background.line, None
        if beat.voice is not None:
            yield beat.voice, "sound", beat.line, "voice"


def check_story_media(story) -> None:
    """Raises MediaError for the first file the story names that is missing, a folder, not a
    regular file, or too large for its kind; the error names the story's line."""
    seen: set[Path] = set()
    for path, kind, line, field in story_media(story):
        if path in seen:
            continue
        seen.add(path)
        missing, hint = ((_("cannot read the SRT file {name} (no such file or directory)", name=path.name),
                          _("a UTF-8 SubRip file, path relative to the story")) if kind == "srt"
                         else (_("media file not found: {path}", path=path), near_name(path)))
        check_file(path, kind, MediaError, missing=missing, missing_hint=hint, file=story.path, line=line,
                   field=field)


def _fold(name: str) -> str:
    """A name without case or accents: "Couloir.JPG" and "couloir.jpg", "École" and "ecole" match."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def near_name(path: Path) -> Msg | None:
    """"did you mean media/couloir.jpg?" for a missing file when a file of its folder has the same
    name but for case or accents (a story written on macOS or Windows, read on Linux)."""
    try:
        folder = path.parent
        same = sorted(p for p in folder.iterdir() if p.name != path.name and _fold(p.name) == _fold(path.name))
    except OSError:
        return None
    if not same:
        return None
    shown = f"{folder.name}/{same[0].name}"
    return _("did you mean {name}?", name=shown)
