"""Typed errors. The core raises them and never prints or exits; shells map them to exit codes
(CLI) or dialogs (GUI). Every error says where (file, line, field), what is wrong, and what to do."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable

from .i18n import Msg, _, gettext


class StudioError(Exception):
    """Base of every error a user can act on."""

    exit_code = 2  # invalid input, unless a subclass says otherwise

    def __init__(self, message: str | Msg, *, file: str | Path | None = None, line: int | None = None,
                 field: str | None = None, hint: str | Msg | None = None):
        super().__init__(message)
        self._message = message  # a Msg is translated each time it is read: in the reader's language
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self._hint = hint

    @property
    def message(self) -> str:
        return str(self._message)

    @message.setter
    def message(self, value: str | Msg) -> None:
        self._message = value

    @property
    def hint(self) -> str | None:
        return None if self._hint is None else str(self._hint)

    @hint.setter
    def hint(self, value: str | Msg | None) -> None:
        self._hint = value

    @property
    def where(self) -> str:
        parts = [p for p in (self.file, str(self.line) if self.line else None) if p]
        where = ":".join(parts)
        if self.field:
            where = f"{where} [{self.field}]" if where else f"[{self.field}]"
        return where

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text}\n  {gettext('hint')}: {self.hint}" if self.hint else text

    def to_dict(self) -> dict:
        return {"error": type(self).__name__, "message": self.message, "file": self.file,
                "line": self.line, "field": self.field, "hint": self.hint}


class StoryError(StudioError):
    """The story file cannot be read or does not follow the story format."""


class PresetError(StudioError):
    """An export preset or brand kit is unknown or invalid."""


class MediaError(StudioError):
    """A media file named by a story or brand kit is missing, unreadable or of the wrong kind."""


class OutputError(StudioError):
    """The output folder cannot be created or written."""


class RenderError(StudioError):
    """ffmpeg failed. Carries the tail of its stderr and the argv for the report."""

    exit_code = 1

    def __init__(self, message: str, *, stderr_tail: str = "", argv: list[str] | None = None, **kw):
        super().__init__(message, **kw)
        self.stderr_tail = stderr_tail
        self.argv = argv or []

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}\n--- {gettext('ffmpeg said')} ---\n{self.stderr_tail}" if self.stderr_tail else text


class RenderCancelled(StudioError):
    """The render was cancelled; nothing was written."""

    exit_code = 130


def did_you_mean(word: str, choices: Iterable[str]) -> Msg | None:
    """A 'did you mean' hint for an unknown name, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _("did you mean '{name}'?", name=close[0]) if close else None


def write_failed(e: OSError, path: str | Path, what: str) -> OutputError:
    """An OutputError for a file that could not be written: the disk full, a quota, a read-only
    folder, each with what to do."""
    import errno

    hint = {errno.ENOSPC: _("the disk is full: free some space, or write elsewhere (--out), and run again"),
            errno.EDQUOT: _("your disk quota is used up: free some space, or write elsewhere (--out)"),
            errno.EROFS: _("this folder is read-only: write elsewhere (--out)"),
            errno.EACCES: _("you may not write in this folder: write elsewhere (--out)")}.get(
        e.errno, _("check the folder and the disk, and run again"))
    return OutputError(_("cannot write {what} ({reason})", what=what, reason=os_reason(e)), file=path, hint=hint)


def os_reason(e: BaseException) -> str | Msg:
    """Why a file operation failed, in words ("no such file or directory"), without Python's
    "[Errno 2]" and without repeating the path the error names anyway."""
    import errno

    known = {errno.ENOENT: _("no such file or directory"), errno.EACCES: _("permission denied"),
             errno.EPERM: _("operation not permitted"), errno.ENOSPC: _("no space left on the disk"),
             errno.EISDIR: _("it is a folder"), errno.ENOTDIR: _("not a folder"),
             errno.EROFS: _("read-only file system"), errno.EEXIST: _("it already exists"),
             errno.EDQUOT: _("disk quota exceeded"), errno.ELOOP: _("too many symbolic links"),
             errno.ENAMETOOLONG: _("file name too long")}
    if getattr(e, "errno", None) in known:
        return known[e.errno]
    reason = getattr(e, "strerror", None) or str(e)
    return reason[:1].lower() + reason[1:]
