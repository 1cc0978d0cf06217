"""Colour parsing for presets and brand kits (WCAG contrast lives in studio.core.captions.contrast)."""

from __future__ import annotations

from ..core.i18n import _
from ..core.errors import PresetError


def rgb(hex_color: str, field: str = "color") -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    try:
        if len(h) != 6:
            raise ValueError
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    except ValueError:
        raise PresetError(_("'{value}' is not a colour", value=hex_color), field=field,
                          hint=_("write colours as #RRGGBB, e.g. #FFFFFF")) from None


def rgba(hex_color: str, alpha: float = 1.0, field: str = "color") -> tuple[int, int, int, int]:
    return (*rgb(hex_color, field), round(alpha * 255))
