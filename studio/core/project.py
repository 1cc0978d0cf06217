"""A Project: one story, resolved against one preset and one brand kit. Immutable, pure data.

The look is merged in a fixed order, later layers winning key by key:
    defaults.toml < preset [look] < brand kit [look] < story front matter < job overrides (CLI, batch)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from pydantic import ValidationError

from .captions import contrast
from .catalog import Catalog
from .i18n import _
from .errors import PresetError, StoryError, StudioError, did_you_mean
from .validation import explain
from .look import Look, deep_merge
from .preset import BrandKit, EndcardText, Preset
from .story import Story, load_story

DEFAULT_PRESET = "tiktok"
DEFAULT_BRAND = "createkindness-fr"


@dataclass(frozen=True)
class Project:
    story: Story
    preset: Preset
    brand: BrandKit
    look: Look
    endcard: EndcardText
    care_file: Path | None = None  # the care texts in effect (Catalog.care_file), None: resolve at use

    @property
    def name(self) -> str:
        return self.story.path.stem


@dataclass(frozen=True)
class _Layer:
    name: str
    values: Mapping[str, Any]
    error: type[StudioError]
    file: Path | None
    lines: Mapping[str, int]


def load_project(story: Story | str | Path, preset: str = DEFAULT_PRESET, *, brand: str | None = None,
                 overrides: Mapping[str, Any] | None = None, catalog: Catalog | None = None) -> Project:
    catalog = catalog or Catalog()
    story = story if isinstance(story, Story) else load_story(story)
    try:
        p = catalog.preset(preset)
    except PresetError as e:
        if e.field == "preset" and story.meta.presets and preset in story.meta.presets:
            e.file, e.line = str(story.path), story.meta_lines.get("presets")
        raise
    b = catalog.brand(brand or story.meta.brand or DEFAULT_BRAND)
    project = build_project(story, p, b, catalog.defaults().get("look", {}), overrides or {},
                            catalog.data / "presets" / "defaults.toml")
    return replace(project, care_file=catalog.care_file(story.meta.lang))


def build_project(story: Story, preset: Preset, brand: BrandKit, defaults: Mapping[str, Any],
                  overrides: Mapping[str, Any], defaults_file: Path | None = None) -> Project:
    story_values: dict[str, Any] = {}
    if story.meta.hashtag is not None:
        story_values["hashtag"] = story.meta.hashtag
    if story.meta.endcard:
        story_values["endcard"] = dict(story.meta.endcard)
    overrides = dict(overrides)
    style_name = overrides.pop("caption_style", None) or story.meta.caption_style
    layers = [
        _Layer("defaults", defaults, PresetError, defaults_file, {}),
        _Layer("preset", preset.look, PresetError, preset.source, {}),
        _Layer("brand", brand.look, PresetError, brand.source, {}),
        _caption_style_layer(style_name, brand, story, from_story=style_name == story.meta.caption_style),
        _Layer("story", story_values, StoryError, story.path, story.meta_lines),
        _Layer("job", overrides, PresetError, None, {}),
    ]
    look = _merge(layers)
    check_caption_contrast(look, layers, preset.captions.min_contrast)
    endcard = _resolve_endcard(look, brand, layers)
    return Project(story=story, preset=preset, brand=brand, look=look, endcard=endcard)


def _caption_style_layer(name: str | None, brand: BrandKit, story: Story, from_story: bool) -> _Layer:
    """The brand kit's named caption style, between the brand's [look] and the story."""
    if name is None:
        return _Layer("caption style", {}, PresetError, brand.source, {})
    if name not in brand.caption_styles:
        where = dict(file=story.path, line=story.meta_lines.get("caption_style")) if from_story else {}
        error = StoryError if from_story else PresetError
        raise error(_("unknown caption style '{name}' in brand kit '{brand}'", name=name, brand=brand.name),
                    field="caption_style", hint=did_you_mean(name, brand.caption_styles)
                    or (_("styles: {names}", names=", ".join(brand.caption_styles)) if brand.caption_styles
                        else _("the brand kit defines no caption style")), **where)
    return _Layer(f"caption style {name}", {"caption": brand.caption_styles[name]}, PresetError,
                  brand.source, {})


def check_caption_contrast(look: Look, layers: list[_Layer], minimum: float) -> None:
    """Caption text against its band (over any picture) or its outline must reach the WCAG
    minimum (docs/standards.md §4); the error names the file and field that set the colour."""
    cap = look.caption
    colors = {}
    for field in ("text_color", "band_color", "outline_color", "highlight_color", "emphasis_color"):
        value = contrast.parse(getattr(cap, field))
        if value is None:
            layer = _who_set(("caption", field), layers)
            raise PresetError(_("'{value}' is not a colour", value=getattr(cap, field)), file=layer.file,
                              field=f"caption.{field}", hint=_("write colours as #RRGGBB, e.g. #FFFFFF"))
        colors[field] = value
    inks = ["text_color", "emphasis_color"] + (["highlight_color"] if cap.highlight == "word" else [])
    for ink in inks:
        if cap.style == "band":
            r, against = contrast.band_ratio(colors[ink], colors["band_color"], cap.band_opacity), "band_color"
        else:
            r, against = contrast.ratio(colors[ink], colors["outline_color"]), "outline_color"
        if r < minimum:
            layer = _who_set(("caption", against), layers)
            ink_layer = _who_set(("caption", ink), layers)
            if layer.name in ("defaults",) and ink_layer.name not in ("defaults",):
                layer, against, ink = ink_layer, ink, against
            raise PresetError(_("caption contrast {ratio:.2f}:1 between {ink} and {against} is under "
                                "{minimum}:1 (WCAG 1.4.3)", ratio=r, ink=ink, against=against, minimum=minimum),
                              file=layer.file, field=f"caption.{against}",
                              hint=_("choose a darker band or outline, or a lighter text colour (or a more opaque band)")
                              if cap.style == "band" else _("choose a darker band or outline, or a lighter text colour"))


def _merge(layers: list[_Layer]) -> Look:
    try:
        return Look.model_validate(deep_merge(*(l.values for l in layers)))
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(str(p) for p in err["loc"])
        layer = _who_set(loc, layers)
        dotted, message, hint = explain(err, Look)
        raise layer.error(message, file=layer.file, line=layer.lines.get(loc[0]), field=dotted, hint=hint) from None


def _who_set(loc: tuple[str, ...], layers: list[_Layer]) -> _Layer:
    for layer in reversed(layers):
        node: Any = layer.values
        for part in loc:
            if not isinstance(node, Mapping) or part not in node:
                break
            node = node[part]
        else:
            return layer
    # a required value nobody set: blame the defaults
    return layers[0]


def _resolve_endcard(look: Look, brand: BrandKit, layers: list[_Layer]) -> EndcardText:
    variant = look.endcard.variant or brand.endcard.default
    if variant not in brand.endcard.variants:
        layer = _who_set(("endcard", "variant"), layers)
        raise layer.error(_("unknown end card variant '{variant}' in brand kit '{brand}'", variant=variant,
                            brand=brand.name), file=layer.file, line=layer.lines.get("endcard"), field="endcard.variant",
                          hint=did_you_mean(variant, brand.endcard.variants)
                          or _("variants: {names}", names=", ".join(brand.endcard.variants)))
    text = brand.endcard.variants[variant]
    changes = {k: v for k in ("headline", "number", "body", "hours", "website", "footer", "post")
               if (v := getattr(look.endcard, k)) is not None}
    return text.model_copy(update=changes)
