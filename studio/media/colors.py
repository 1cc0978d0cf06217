"""Colour parsing and WCAG contrast."""

from __future__ import annotations

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
        raise PresetError(f"'{hex_color}' is not a colour", field=field,
                          hint="write colours as #RRGGBB, e.g. #FF4F7B") from None


def rgba(hex_color: str, alpha: float = 1.0, field: str = "color") -> tuple[int, int, int, int]:
    return (*rgb(hex_color, field), round(alpha * 255))


def relative_luminance(c: tuple[int, int, int]) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(top: tuple[int, int, int], alpha: float, under: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(t * alpha + u * (1 - alpha)) for t, u in zip(top, under))  # type: ignore[return-value]
