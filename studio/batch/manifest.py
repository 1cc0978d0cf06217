"""A batch manifest (TOML): which stories, which presets, which overrides, where to.

    stories = ["stories/*.md"]        # paths or globs, relative to the manifest
    presets = ["tiktok", "reels"]
    out = "out/campaign"              # relative to the manifest
    endcard = "3020"                  # optional overrides for every job...
    [[rows]]                          # ...and rows, each adding its own jobs
    stories = ["stories/lea.md"]
    endcard = "3018"
    name = "{story}.{preset}.3018"

Everything is checked before anything renders: an unknown key (with a "did you mean"), a glob
that matches nothing, an unknown preset, brand kit, end card or caption style, two jobs writing
the same file. Errors name the manifest, the line and what to do (tomllib gives no line numbers,
so the key's line is found in the text)."""

from __future__ import annotations

import glob
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.catalog import Catalog
from ..core.i18n import N_, _, gettext
from ..core.errors import PresetError, StudioError, did_you_mean
from ..core.files import NAME_MAX_BYTES, read_regular, stem_problem
from ..core.project import DEFAULT_BRAND
from .jobs import Job

ROW_KEYS = {
    "stories": N_("story files or globs, relative to the manifest"),
    "presets": N_("export preset names (`studio presets` lists them)"),
    "out": N_("output folder, relative to the manifest (default: out)"),
    "brand": N_("brand kit (default: each story's own, else createkindness-fr)"),
    "endcard": N_("end card variant of the brand kit, e.g. \"3018\""),
    "caption_style": N_("caption style of the brand kit (band, outline, karaoke)"),
    "name": N_("output file stem pattern: {story} {preset} {brand} {endcard} {caption_style}"),
}
TOP_KEYS = {**ROW_KEYS, "workers": N_("jobs at once on this machine"), "media": N_("cluster: shared | bytes | auto"),
            "rows": N_("[[rows]] tables, each adding jobs")}
NAME_FIELDS = ("story", "preset", "brand", "endcard", "caption_style")
MEDIA_MODES = ("auto", "shared", "bytes")
DEFAULT_NAME = "{story}.{preset}"
STORY_SUFFIXES = (".md", ".markdown")


class ManifestError(StudioError):
    """The batch manifest is invalid; nothing was rendered."""


@dataclass(frozen=True)
class Manifest:
    path: Path
    jobs: tuple[Job, ...]
    out: Path                              # the top-level output folder (the batch report goes there)
    workers: int | None = None
    media: str = "auto"
    lines: tuple[int, ...] = field(default=())  # the manifest line each job comes from (its [[rows]] or 1)

    @property
    def report_path(self) -> Path:
        return self.out / f"{self.path.stem}.batch.json"


def load_manifest(path: str | Path, catalog: Catalog | None = None) -> Manifest:
    path = Path(path)
    raw = read_regular(path, "manifest", ManifestError, missing=_("manifest not found"),
                       missing_hint=_("give the path of a .toml batch manifest"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ManifestError(_("cannot read the manifest ({problem})", problem=e), file=path,
                            hint=_("save the manifest as UTF-8 text")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+)", str(e))
        raise ManifestError(_("not valid TOML: {problem}", problem=re.sub(r" [(]at line.*", "", str(e))), file=path,
                            line=int(m.group(1)) if m else None,
                            hint=_("check quotes, commas and [[rows]] headers near this line")) from None
    return _Reader(path, text, data, catalog or Catalog()).read()


class _Reader:
    def __init__(self, path: Path, text: str, data: dict[str, Any], catalog: Catalog) -> None:
        self.path, self.data, self.catalog = path, data, catalog
        self.lines = text.splitlines()
        self.folder = path.resolve().parent

    def error(self, message: str, key: str | None = None, row: int | None = None, value: str | None = None,
              hint: str | None = None) -> ManifestError:
        where = f"rows[{row}].{key}" if row is not None and key else key
        return ManifestError(message, file=self.path, line=self.line_of(key, row, value), field=where, hint=hint)

    # finding a key's line ----------------------------------------------------------------------
    def line_of(self, key: str | None, row: int | None = None, value: str | None = None) -> int | None:
        start, end = self._section(row)
        if key is None:
            return start + 1 if row is not None else None
        key_re = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
        for i in range(start, end):
            if key_re.match(self.lines[i]):
                if value is None:
                    return i + 1
                for j in range(i, end):  # the value's own line, within a list spread over lines
                    if j > i and re.match(r"^\s*[A-Za-z0-9_\"'-]+\s*=|^\s*\[", self.lines[j]):
                        break
                    if value in self.lines[j]:
                        return j + 1
                return i + 1
        return start + 1 if row is not None else None

    def _section(self, row: int | None) -> tuple[int, int]:
        headers = [i for i, l in enumerate(self.lines) if re.match(r"^\s*\[", l)]
        if row is None:
            return 0, headers[0] if headers else len(self.lines)
        rows = [i for i in headers if re.match(r"^\s*\[\[\s*rows\s*\]\]", self.lines[i])]
        if row >= len(rows):
            return 0, len(self.lines)
        after = [i for i in headers if i > rows[row]]
        return rows[row], after[0] if after else len(self.lines)

    # reading -----------------------------------------------------------------------------------
    def read(self) -> Manifest:
        top = self.data
        self.check_keys(top, TOP_KEYS, None)
        rows = top.get("rows", [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise self.error(_("'rows' must be [[rows]] tables"), "rows", hint=_("write each row as a [[rows]] table"))
        for i, r in enumerate(rows):
            self.check_keys(r, ROW_KEYS, i)
        workers = top.get("workers")
        if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
            raise self.error(_("'workers' must be a whole number from 1, not {value!r}", value=workers), "workers")
        media = top.get("media", "auto")
        if media not in MEDIA_MODES:
            raise self.error(_("unknown media mode {value!r}", value=media), "media",
                             hint=did_you_mean(str(media), MEDIA_MODES) or _("use one of {names}", names=", ".join(MEDIA_MODES)))
        for key in ("stories", "presets"):
            if key not in top and not all(key in r for r in rows or [{}]):
                raise self.error(_("missing key '{key}'", key=key), None,
                                 hint=_("add `{key} = ...`: {what}", key=key, what=gettext(ROW_KEYS[key])))
        jobs: list[Job] = []
        origins: list[int] = []
        seen: set[Path] = set()
        for i, r in enumerate(rows or [{}]):
            row = i if rows else None
            for job in self.row_jobs({**{k: v for k, v in top.items() if k in ROW_KEYS}, **r}, row, r):
                target = Path(job.out_dir) / job.id
                if target in seen:
                    raise self.error(_("two jobs would write {name}.mp4 in {folder}", name=target.name, folder=job.out_dir),
                                     "name", row, hint=_("give the rows different `name` patterns, e.g. "
                                                         "\"{story}.{preset}.{endcard}\""))
                seen.add(target)
                jobs.append(job)
                origins.append(self.line_of(None, row) or 1)
        out = (self.folder / self.string(top.get("out", "out"), "out", None)).resolve()
        return Manifest(self.path, tuple(jobs), out, workers, media, tuple(origins))

    def check_keys(self, table: dict[str, Any], known: dict[str, str], row: int | None) -> None:
        for key in table:
            if key not in known:
                hint = did_you_mean(key, known) or _("known keys: {keys}", keys=", ".join(known))
                raise self.error(_("unknown key '{key}'", key=key), key, row, hint=hint)

    def row_jobs(self, values: dict[str, Any], row: int | None, own: dict[str, Any]) -> list[Job]:
        def source(key: str) -> int | None:  # report where the value was written: the row or the top
            return row if key in own else None

        stories = self.stories(self.strings(values.get("stories"), "stories", source("stories")), source("stories"))
        presets = self.strings(values.get("presets"), "presets", source("presets"))
        known = self.catalog.preset_entries()
        for p in presets:
            if p not in known:
                raise self.error(_("unknown preset '{name}'", name=p), "presets", source("presets"), p,
                                 hint=did_you_mean(p, known) or _("available: {names}", names=", ".join(sorted(known))))
        out = (self.folder / self.string(values.get("out", "out"), "out", source("out"))).resolve()
        brand = self.optional(values, "brand", source("brand"))
        endcard = self.optional(values, "endcard", source("endcard"))
        style = self.optional(values, "caption_style", source("caption_style"))
        self.check_brand(brand, endcard, style, source)
        pattern = self.string(values.get("name", DEFAULT_NAME), "name", source("name"))
        self.check_pattern(pattern, source("name"))
        jobs = []
        for story in stories:
            for preset in presets:
                fields = {"story": story.stem, "preset": preset, "brand": brand or "", "endcard": endcard or "",
                          "caption_style": style or ""}
                name = pattern.format(**fields)
                # a bad name from the manifest's own values is its error; one from a story's file name
                # (a line break in it) fails that story's job, naming the story
                if problem := stem_problem(own := pattern.format(**{**fields, "story": "s"})):
                    raise self.error(_("the output name {name!r} {problem}", name=own, problem=problem), "name",
                                     source("name"), hint=_("output names are file names: no line breaks or control "
                                                            "characters, at most {cap} bytes", cap=NAME_MAX_BYTES))
                jobs.append(Job(story, preset, out, brand=brand, endcard=endcard, caption_style=style,
                                name=None if name == f"{story.stem}.{preset}" else name))
        return jobs

    def stories(self, patterns: list[str], row: int | None) -> list[Path]:
        found: dict[Path, None] = {}
        for pattern in patterns:
            full = Path(pattern).expanduser()
            full = full if full.is_absolute() else self.folder / full
            if glob.has_magic(pattern):
                # a glob picks story files only (a folder's photos and licences are not stories)
                matches = sorted(Path(p) for p in glob.glob(str(full), recursive=True)
                                 if Path(p).is_file() and Path(p).suffix.lower() in STORY_SUFFIXES)
                if not matches:
                    raise self.error(_("'{pattern}' matches no story file (.md)", pattern=pattern), "stories", row, pattern,
                                     hint=_("globs are relative to the manifest's folder ({folder})", folder=self.folder))
            else:
                if not full.is_file():
                    raise self.error(_("story not found: {path}", path=pattern), "stories", row, pattern,
                                     hint=_("paths are relative to the manifest's folder ({folder})", folder=self.folder))
                matches = [full]
            for m in matches:
                found.setdefault(m.resolve())
        return list(found)

    def check_brand(self, brand: str | None, endcard: str | None, style: str | None, source) -> None:
        entries = self.catalog.brand_entries()
        if brand is not None and brand not in entries:
            raise self.error(_("unknown brand kit '{name}'", name=brand), "brand", source("brand"), brand,
                             hint=did_you_mean(brand, entries) or _("available: {names}", names=", ".join(sorted(entries))))
        if endcard is None and style is None:
            return
        try:  # checked against the kit the manifest names, else the default one
            kit = self.catalog.brand(brand or DEFAULT_BRAND)
        except PresetError:
            return  # a broken kit is reported by each job
        if endcard is not None and endcard not in kit.endcard.variants:
            raise self.error(_("unknown end card variant '{variant}' in brand kit '{brand}'", variant=endcard,
                               brand=kit.name), "endcard", source("endcard"), endcard,
                             hint=did_you_mean(endcard, kit.endcard.variants)
                             or _("variants: {names}", names=", ".join(kit.endcard.variants)))
        if style is not None and style not in kit.caption_styles:
            raise self.error(_("unknown caption style '{name}' in brand kit '{brand}'", name=style, brand=kit.name),
                             "caption_style", source("caption_style"), style, hint=did_you_mean(style, kit.caption_styles)
                             or _("styles: {names}", names=", ".join(kit.caption_styles) or "-"))

    def check_pattern(self, pattern: str, row: int | None) -> None:
        try:
            names = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
        except ValueError as e:
            raise self.error(_("bad name pattern {pattern!r} ({problem})", pattern=pattern, problem=e), "name", row,
                             hint=_("write placeholders as {story}, {preset}; double braces for a literal one")) from None
        for f in names:
            if f not in NAME_FIELDS:
                raise self.error(_("unknown placeholder {{{name}}} in name pattern", name=f), "name", row,
                                 hint=did_you_mean(f, NAME_FIELDS) or _("placeholders: {names}", names=", ".join(NAME_FIELDS)))
        if "/" in pattern or "\\" in pattern or not pattern.strip(". "):
            raise self.error(_("name pattern {pattern!r} must be a file stem, not a path", pattern=pattern), "name", row,
                             hint=_("set the folder with `out`"))

    # typed values ------------------------------------------------------------------------------
    def strings(self, value: Any, key: str, row: int | None) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise self.error(_("'{key}' must be a non-empty list of names", key=key), key, row,
                             hint=_("e.g. {example}", example=f'{key} = ["{"stories/*.md" if key == "stories" else "tiktok"}"]'))
        return value

    def string(self, value: Any, key: str, row: int | None) -> str:
        if not isinstance(value, str) or not value:
            raise self.error(_("'{key}' must be a text value", key=key), key, row,
                             hint=f"{key}: {gettext(ROW_KEYS[key])}")
        return value

    def optional(self, values: dict[str, Any], key: str, row: int | None) -> str | None:
        value = values.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # endcard = 3018
        return self.string(value, key, row)
