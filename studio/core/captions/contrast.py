"""WCAG relative luminance and contrast (1.4.3), written once for the whole engine: the look's
caption colours here, the brand's cards in studio.media, the pixels of a finished file in the QA
(which applies `linear` to whole frames through a lookup table). Pure: colours as tuples or
#RRGGBB strings."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WEIGHTS = (0.2126, 0.7152, 0.0722)  # R, G, B shares of relative luminance (sRGB primaries)


def parse(color: str) -> tuple[int, int, int] | None:
    m = _HEX.match(color.strip())
    if not m:
        return None
    h = m.group(1)
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def linear(s: float) -> float:
    """An sRGB channel (0..1) in linear light."""
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(c: tuple[int, ...]) -> float:
    """Relative luminance (0..1) of an 8-bit sRGB colour (an alpha channel is ignored)."""
    return sum(w * linear(v / 255) for w, v in zip(WEIGHTS, c[:3]))


def luminance_ratio(a: float, b: float) -> float:
    """Contrast ratio (1..21) of two relative luminances, in either order."""
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def ratio(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return luminance_ratio(luminance(a), luminance(b))


def blend(top: tuple[int, ...], alpha: float, under: tuple[int, ...]) -> tuple[int, int, int]:
    """`top` at opacity `alpha` over `under`."""
    return tuple(round(t * alpha + u * (1 - alpha)) for t, u in zip(top[:3], under[:3]))  # type: ignore[return-value]


def band_ratio(text: tuple[int, int, int], band: tuple[int, int, int], opacity: float) -> float:
    """Worst contrast of text on a translucent band, over a black and over a white picture."""
    return min(ratio(text, blend(band, opacity, (0, 0, 0))), ratio(text, blend(band, opacity, (255, 255, 255))))
