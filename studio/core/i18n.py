"""The one message catalogue of the engine, the CLI, the studio and the QA report (GNU gettext,
`studio/locale/<lang>/LC_MESSAGES/studio.mo`, made from the .po by `make messages`).

Code writes English and marks it: `_("the story has no text")` is a lazy message (`Msg`) that
becomes text in the reader's language only when it is shown, so an error raised before the CLI or
the studio chose the language still speaks it. Parameters are formatted after translation, numbers
in the language's own way (a decimal comma in French). `gettext()` translates at once (the GUI's
`tr()`). `N_()` only marks a string that is translated later (a table of labels).

The language: the studio's setting or `--lang` (`set_language`), else LANGUAGE/LC_ALL/LC_MESSAGES/
LANG, else English. The video's own text (cards, end card) follows the story's `lang`, not this."""

from __future__ import annotations

import gettext as _gettext
import os
import string
from pathlib import Path
from typing import Any

DOMAIN = "studio"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = ("en", "fr")

_state: dict[str, Any] = {"lang": None, "tr": None}


def env_language(environ: os._Environ | dict | None = None) -> str:
    """The language the environment asks for, as gettext reads it (LANGUAGE first), among ours."""
    environ = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            for part in value.split(":"):
                code = part.split(".")[0].split("_")[0].split("-")[0].lower()
                if code in LANGUAGES:
                    return code
            if var != "LANGUAGE":  # gettext stops at the first of LC_ALL/LC_MESSAGES/LANG that is set
                return "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Chooses the language of every message ("fr", "en"; None or "" for the environment's)."""
    code = (lang or "").split("_")[0].split("-")[0].lower()
    code = code if code in LANGUAGES else env_language()
    _state["lang"] = code
    _state["tr"] = (_gettext.NullTranslations() if code == "en" else
                    _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True))
    return code


def language() -> str:
    if _state["lang"] is None:
        set_language(None)
    return _state["lang"]


def _tr() -> _gettext.NullTranslations:
    language()
    return _state["tr"]


def gettext(message: str) -> str:
    return _tr().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _tr().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it (it is translated where shown)."""
    return message


def number(value: float | int, digits: int | None = None) -> str:
    """A number as the reader writes it: 12.5 -> "12,5" in French."""
    text = f"{value:.{digits}f}" if digits is not None else (str(value) if isinstance(value, int) else f"{value:g}")
    return text.replace(".", ",") if language() == "fr" else text


def colon() -> str:
    """": " after a label, with French typography's no-break space before the colon."""
    return "\u00a0: " if language() == "fr" else ": "


class _Formatter(string.Formatter):
    def format_field(self, value: Any, spec: str) -> str:
        if isinstance(value, Msg):
            value = str(value)
        text = format(value, spec)
        if isinstance(value, float) and language() == "fr":
            text = text.replace(".", ",")
        return text


_FORMATTER = _Formatter()


class Msg:
    """A message waiting for its reader: English text with `{name}` fields, its plural, and its
    parameters. `str()` translates then formats, in the language chosen at that moment."""

    __slots__ = ("text", "plural", "n", "params")

    def __init__(self, text: str, plural: str | None = None, count: int | None = None, /, **params: Any):
        self.text, self.plural, self.n, self.params = text, plural, count, params

    def __str__(self) -> str:
        template = ngettext(self.text, self.plural, self.n) if self.plural is not None else gettext(self.text)
        params = {"n": self.n, **self.params} if self.plural is not None else self.params
        return _FORMATTER.vformat(template, (), params) if params else template

    def english(self) -> str:
        """The same message in English (logs, JSON for tools)."""
        template = self.text if self.plural is None or self.n == 1 else self.plural
        params = {"n": self.n, **self.params} if self.plural is not None else self.params
        return template.format(**{k: v.english() if isinstance(v, Msg) else v for k, v in params.items()})

    def __repr__(self) -> str:
        return f"Msg({self.text!r}, {self.params!r})"

    def __reduce__(self):  # pickled whole (the batch's workers send results across processes)
        return (_rebuild, (self.text, self.plural, self.n, self.params))

    def __copy__(self) -> "Msg":
        return self

    def __deepcopy__(self, memo: dict) -> "Msg":  # immutable: dataclasses.asdict keeps it as it is
        return self

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Msg):
            return (self.text, self.plural, self.n, self.params) == (other.text, other.plural, other.n, other.params)
        return str(self) == other if isinstance(other, str) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __len__(self) -> int:
        return len(str(self))

    def __bool__(self) -> bool:
        return bool(self.text)

    def __getattr__(self, name: str) -> Any:  # str methods (startswith, splitlines…) on the text shown
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(str(self), name)


def _rebuild(text: str, plural: str | None, n: int | None, params: dict) -> Msg:
    return Msg(text, plural, n, **params)


def _(text: str, /, **params: Any) -> Msg:
    """A translatable message with `{name}` parameters, translated when shown."""
    return Msg(text, **params)


def n_(singular: str, plural: str, count: int, /, **params: Any) -> Msg:
    """A translatable message with a plural chosen by `count` (also available as `{n}`)."""
    return Msg(singular, plural, count, **params)


def text(value: Any) -> str | None:
    """A message (or plain text, or None) as the reader's text."""
    return None if value is None else str(value)
