"""Text drawn with Pillow, with per-character fallback to a colour emoji font.

Story text never reaches an ffmpeg filter string: it becomes pixels here. Characters that neither
font covers are dropped and reported (never drawn as empty boxes)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

EMOJI_STRIKE = 109  # Noto Color Emoji is a bitmap font with a single 109 px strike
# joiners, variation selectors, skin tones and tags belong to the emoji next to them
_EMOJI_GLUE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))


@lru_cache(maxsize=16)
def _coverage(path: Path) -> frozenset[int]:
    with TTFont(str(path), lazy=True) as f:
        return frozenset(f.getBestCmap() or {})


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@dataclass
class Run:
    text: str
    emoji: bool


@dataclass
class TextStyle:
    font: Path
    size: int
    emoji_font: Path
    fill: tuple[int, int, int, int] = (255, 255, 255, 255)
    stroke_width: int = 0
    stroke_fill: tuple[int, int, int, int] = (0, 0, 0, 255)
    dropped: set[str] = field(default_factory=set)  # characters no font could draw

    @property
    def pil_font(self) -> ImageFont.FreeTypeFont:
        return _font(self.font, self.size)

    def runs(self, text: str) -> list[Run]:
        main, emoji = _coverage(self.font), _coverage(self.emoji_font)
        runs: list[Run] = []
        for ch in text:
            cp = ord(ch)
            if cp in main and not (cp in emoji and _is_pictographic(ch)):
                is_emoji = False
            elif cp in emoji or (cp in _EMOJI_GLUE and runs and runs[-1].emoji):
                is_emoji = True
            elif unicodedata.category(ch) in ("Zs",):
                is_emoji = False  # spaces the font lacks (e.g. U+202F) are drawn as spaces
                ch = " " if cp not in main else ch
            else:
                self.dropped.add(ch)
                continue
            if runs and runs[-1].emoji == is_emoji:
                runs[-1].text += ch
            else:
                runs.append(Run(ch, is_emoji))
        return runs

    @property
    def _emoji_scale(self) -> float:
        return self.size / EMOJI_STRIKE

    def metrics(self) -> tuple[int, int]:
        """(ascent, descent) of a line, measured from the font and its tallest accented capitals."""
        ascent, descent = self.pil_font.getmetrics()
        top = -self.pil_font.getbbox("ÉÂÀÇ|Ŷ", anchor="ls")[1]
        bottom = self.pil_font.getbbox("gjpqyÇ|", anchor="ls")[3]
        pad = self.stroke_width
        return max(ascent, top) + pad, max(descent, bottom) + pad

    def width(self, text: str) -> int:
        w = 0.0
        for run in self.runs(text):
            if run.emoji:
                w += _font(self.emoji_font, EMOJI_STRIKE).getlength(run.text) * self._emoji_scale
            else:
                w += self.pil_font.getlength(run.text)
        return round(w) + 2 * self.stroke_width

    def draw(self, image: Image.Image, x: float, baseline: float, text: str) -> None:
        """Draws one line with its left edge at x and its baseline at `baseline`."""
        draw = ImageDraw.Draw(image)
        x += self.stroke_width
        for run in self.runs(text):
            if not run.emoji:
                draw.text((x, baseline), run.text, font=self.pil_font, fill=self.fill, anchor="ls",
                          stroke_width=self.stroke_width, stroke_fill=self.stroke_fill)
                x += self.pil_font.getlength(run.text)
                continue
            efont = _font(self.emoji_font, EMOJI_STRIKE)
            left, top, right, bottom = efont.getbbox(run.text, anchor="ls")
            glyphs = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)))
            ImageDraw.Draw(glyphs).text((-left, -top), run.text, font=efont, anchor="ls", embedded_color=True)
            s = self._emoji_scale
            glyphs = glyphs.resize((max(1, round(glyphs.width * s)), max(1, round(glyphs.height * s))),
                                   Image.Resampling.LANCZOS)
            image.alpha_composite(glyphs, (round(x + left * s), round(baseline + top * s)))
            x += efont.getlength(run.text) * s

    def wrap(self, text: str, max_width: int) -> list[str]:
        """Greedy wrap by measured width; breaks only at plain spaces (never at no-break ones)."""
        lines: list[str] = []
        for word in text.split(" "):
            if lines and self.width(lines[-1] + " " + word) <= max_width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return lines


def _is_pictographic(ch: str) -> bool:
    return ord(ch) >= 0x2190 and unicodedata.category(ch) == "So"
