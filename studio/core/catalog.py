"""Finds presets and brand kits: shipped ones in presets/, the user's own in their folder.

A user file with the same name as a shipped one replaces it; `studio presets` shows which won.
A preset may `extends = "other"` to change only what differs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .i18n import _
from .errors import PresetError, did_you_mean, os_reason
from .validation import explain
from .look import deep_merge
from .paths import data_root, fonts_dir, user_root
from .preset import BrandKit, Preset

DEFAULTS_FILE = "defaults.toml"


@dataclass(frozen=True)
class Entry:
    name: str
    path: Path
    origin: str  # "built-in" or "user"


USER_FOLDERS = ("presets", "brands", "care")  # what the user folder may override


class Catalog:
    def __init__(self, data: Path | None = None, user: Path | None = None):
        self.data = data or data_root()
        self.user = user or user_root()

    # discovery -----------------------------------------------------------------------------
    def preset_entries(self) -> dict[str, Entry]:
        return self._entries(self.data / "presets", self.user / "presets", skip={DEFAULTS_FILE})

    def brand_entries(self) -> dict[str, Entry]:
        return self._entries(self.data / "presets" / "brands", self.user / "brands")

    @staticmethod
    def _entries(builtin: Path, user: Path, skip: set[str] = frozenset()) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for folder, origin in ((builtin, "built-in"), (user, "user")):
            if folder.is_dir():
                for f in sorted(folder.glob("*.toml")):
                    if f.name not in skip:
                        found[f.stem] = Entry(f.stem, f, origin)
        return found

    def care_file(self, lang: str, fallback: str = "fr") -> Path | None:
        """The care texts of `lang` in effect: the user's care/<lang>.toml wins over the shipped
        one; `fr-BE` falls back to `fr`, then to `fallback`."""
        for code in dict.fromkeys((lang, lang.split("-")[0], fallback)):
            for folder in (self.user / "care", self.data / "presets" / "care"):
                if (path := folder / f"{code}.toml").is_file():
                    return path
        return None

    def user_files(self) -> dict[str, Path]:
        """The user's own data a render may read (presets, brand kits and their files, care texts),
        by path relative to the user folder: what a cluster worker needs besides the shipped data."""
        return {str(p.relative_to(self.user)): p for sub in USER_FOLDERS if (self.user / sub).is_dir()
                for p in sorted((self.user / sub).rglob("*")) if p.is_file()}

    # loading -------------------------------------------------------------------------------
    def defaults(self) -> dict[str, Any]:
        return _read_toml(self.data / "presets" / DEFAULTS_FILE)

    def preset(self, name: str) -> Preset:
        raw = self._resolve_extends(name, self.preset_entries(), chain=())
        entry = self.preset_entries()[name]
        return _validate(Preset, {**raw, "name": name, "source": entry.path}, entry.path)

    def brand(self, name: str) -> BrandKit:
        entries = self.brand_entries()
        entry = _lookup(name, entries, "brand kit")
        raw = _read_toml(entry.path)
        raw["name"] = name
        if raw.get("logo"):
            raw["logo"] = _asset_path(raw["logo"], entry.path, "logo")
        raw["source"] = entry.path
        kit = _validate(BrandKit, raw, entry.path)
        for role, font in kit.fonts.model_dump().items():
            font_path(font, entry.path, f"fonts.{role}")
        return kit

    def _resolve_extends(self, name: str, entries: dict[str, Entry], chain: tuple[str, ...]) -> dict:
        entry = _lookup(name, entries, "preset")
        if name in chain:
            raise PresetError(_("presets extend each other in a loop: {chain}", chain=" -> ".join(chain + (name,))),
                              file=entry.path, field="extends")
        raw = _read_toml(entry.path)
        parent = raw.pop("extends", None)
        if parent is None:
            return raw
        if parent == name and entry.origin == "user":  # a user file tweaking the shipped preset
            builtin = self._entries(self.data / "presets", self.data / "-", skip={DEFAULTS_FILE})
            return deep_merge(self._resolve_extends(name, builtin, chain), raw)
        if parent not in entries:
            raise PresetError(_("extends unknown preset '{name}'", name=parent), file=entry.path, field="extends",
                              hint=did_you_mean(parent, entries))
        return deep_merge(self._resolve_extends(parent, entries, chain + (name,)), raw)


def _lookup(name: str, entries: dict[str, Entry], kind: str) -> Entry:
    if name not in entries:
        hint = did_you_mean(name, entries) or _("available: {names}", names=", ".join(sorted(entries)) or "-")
        message = (_("unknown preset '{name}'", name=name) if kind == "preset"
                   else _("unknown brand kit '{name}'", name=name))
        raise PresetError(message, field=kind, hint=hint)
    return entries[name]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise PresetError(_("not valid TOML: {problem}", problem=e), file=path,
                          hint=_("check quotes and [sections] near the line named")) from None
    except OSError as e:
        raise PresetError(_("cannot read ({reason})", reason=os_reason(e)), file=path) from None


def _validate(model: type[BaseModel], raw: dict, path: Path):
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        dotted, message, hint = explain(e.errors()[0], model)
        raise PresetError(message, file=path, field=dotted, hint=hint) from None


def _asset_path(value: str, toml: Path, field: str) -> Path:
    p = (toml.parent / value).resolve()
    if not p.is_file():
        raise PresetError(_("file not found: {path}", path=p), file=toml, field=field,
                          hint=_("paths in a brand kit are relative to its .toml file"))
    return p


def font_path(name: str, toml: Path | None = None, field: str = "font") -> Path:
    """A font named in a brand kit or style: next to the kit's file, else in assets/fonts."""
    candidates = ([toml.parent / name] if toml else []) + [fonts_dir() / name]
    for c in candidates:
        if c.is_file():
            return c.resolve()
    shipped = sorted(p.name for p in fonts_dir().glob("*.[ot]tf"))
    raise PresetError(_("font '{name}' not found", name=name), file=toml, field=field,
                      hint=did_you_mean(name, shipped) or _("shipped fonts: {names}", names=", ".join(shipped)))
