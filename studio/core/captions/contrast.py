"""WCAG 1.4.3 contrast of caption colours (pure: colours as #RRGGBB strings)."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse(color: str) -> tuple[int, int, int] | None:
    m = _HEX.match(color.strip())
    if not m:
        return None
    h = m.group(1)
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(c: tuple[int, int, int]) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def band_ratio(text: tuple[int, int, int], band: tuple[int, int, int], opacity: float) -> float:
    """Worst contrast of text on a translucent band, over a black and over a white picture."""
    def over(under: tuple[int, int, int]) -> tuple[int, int, int]:
        return tuple(round(t * opacity + u * (1 - opacity)) for t, u in zip(band, under))  # type: ignore[return-value]
    return min(ratio(text, over((0, 0, 0))), ratio(text, over((255, 255, 255))))
