"""Care texts and the editable word list of each language (presets/care/<lang>.toml, or the same
file in the user folder): the draft watermark, the content-warning title, and the words that make
a story about suicide or self-harm, which should then show the 3114 line on its end card."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .catalog import Catalog
from .i18n import _
from .errors import PresetError
from .project import Project
from .story import Story

FALLBACK_LANG = "fr"


class CareTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    draft_watermark: str
    warning_title: str
    self_harm_message: str
    self_harm_hint: str
    helpline: str
    self_harm_words: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    word: str   # the list entry that matched
    line: int   # line of the beat in the story file


def care_texts(lang: str, catalog: Catalog | None = None) -> CareTexts:
    """The user's file wins over the shipped one (`Catalog.care_file`); `fr-BE` falls back to `fr`,
    unknown languages to fr."""
    catalog = catalog or Catalog()
    if path := catalog.care_file(lang, FALLBACK_LANG):
        return _load(path)
    raise PresetError(_("no care word list for '{lang}' nor '{fallback}'", lang=lang, fallback=FALLBACK_LANG),
                      file=catalog.data / "presets" / "care", hint=_("reinstall, or add care/fr.toml to your user folder"))


def project_care(project: Project) -> CareTexts:
    """The care texts the project was resolved with (its catalog's, so a cluster worker uses the
    user's texts it was sent)."""
    return _load(project.care_file) if project.care_file else care_texts(project.story.meta.lang)


def _load(path: Path) -> CareTexts:
    try:
        with path.open("rb") as f:
            return CareTexts.model_validate(tomllib.load(f))
    except tomllib.TOMLDecodeError as e:
        raise PresetError(_("not valid TOML: {problem}", problem=e), file=path) from None
    except ValidationError as e:
        err = e.errors()[0]
        raise PresetError(_("invalid care list: {problem}", problem=err["msg"]), file=path,
                          field=".".join(str(p) for p in err["loc"])) from None


def _fold(text: str) -> str:
    """Lower case without accents, apostrophes unified: "J’ai" and "j'ai" match alike."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    return "".join(c for c in text if not unicodedata.combining(c))


def _pattern(word: str) -> re.Pattern[str]:
    stem = word.endswith("*")
    body = r"\s+".join(re.escape(_fold(w)) for w in word.rstrip("*").split())
    end = r"\w*" if stem else r"(?!\w)"
    return re.compile(r"(?<!\w)" + body + end)


def self_harm_mentions(story: Story, care: CareTexts) -> list[Mention]:
    """Every beat that mentions a listed word (the first match per beat)."""
    patterns = [(w, _pattern(w)) for w in care.self_harm_words]
    found = []
    for beat in story.beats:
        text = _fold(beat.text)
        hit = next((w for w, p in patterns if p.search(text)), None)
        if hit:
            found.append(Mention(hit, beat.line))
    return found
