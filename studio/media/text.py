"""Text drawn with Pillow, with per-character fallback to a colour emoji font.

Story text never reaches an ffmpeg filter string: it becomes pixels here. Characters that neither
font covers are dropped and reported (never drawn as empty boxes)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from ..core.captions.emphasis import styled_runs
from ..core.captions.linebreak import gap_cost, words_for

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

    def advance(self, text: str) -> float:
        """How far the pen moves over `text` (no outline)."""
        w = 0.0
        for run in self.runs(text):
            if run.emoji:
                w += _font(self.emoji_font, EMOJI_STRIKE).getlength(run.text) * self._emoji_scale
            else:
                w += self.pil_font.getlength(run.text)
        return w

    def width(self, text: str) -> int:
        return round(self.advance(text)) + 2 * self.stroke_width

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

    def wrap(self, text: str, max_width: int, lang: str = "fr") -> list[str]:
        """Balanced wrap by measured width (`balanced_wrap`), breaking where a subtitler would
        (the caption line-break rules of `lang`). Breaks only at plain spaces."""
        return balanced_wrap(text.split(" "), self.width, max_width, lang)


def balanced_wrap(words: list[str], width, max_width: float, lang: str = "fr") -> list[str]:
    """Words cut into the fewest lines no wider than `max_width` (a word alone may be wider);
    among those, no one-word last line when the text has more than two words (no widow like
    "seul·e." alone), then the most even lines, each break costing what the caption rules say
    (after punctuation: free; between an article and its noun: a lot)."""
    n = len(words)
    if n == 0:
        return []
    rules = words_for(lang)
    line = lambda i, j: " ".join(words[i:j])  # noqa: E731
    unit = 3 * max_width / 100  # a break cost of 1 weighs like 3 % of the line's width
    # start -> ((lines, widows, widest, break costs), cuts)
    best: dict[int, tuple[tuple[int, int, float, float], list[int]]] = {n: ((0, 0, 0.0, 0.0), [])}
    key = lambda c: (c[0], c[1], c[2] + c[3])  # noqa: E731
    for i in range(n - 1, -1, -1):
        choice = None
        for j in range(i + 1, n + 1):
            w = width(line(i, j))
            if w > max_width and j > i + 1:
                break
            (count, widows, widest, breaks), cuts = best[j]
            widow = int(j == n and j - i == 1 and n > 2)
            brk = gap_cost(words[j - 1], words[j], rules) * unit if j < n else 0.0
            cost = (count + 1, widows + widow, max(widest, w), breaks + brk)
            if choice is None or key(cost) < key(choice[0]):
                choice = (cost, [j, *cuts])
        assert choice is not None
        best[i] = choice
    cuts = [0, *best[0][1]]
    return [line(a, b) for a, b in zip(cuts, cuts[1:])]


def _is_pictographic(ch: str) -> bool:
    return ord(ch) >= 0x2190 and unicodedata.category(ch) == "So"


ITALIC_SLANT = 0.2  # *italic* with no italic font shipped: the run is slanted by ~11 degrees


@dataclass
class RichStyle:
    """A caption's regular style and its emphasis (`**bold**`: another weight and colour;
    `*italic*`: slanted) for lines holding emphasis markers (studio.core.captions.emphasis)."""

    regular: TextStyle
    bold: TextStyle

    def _style(self, bold: bool) -> TextStyle:
        return self.bold if bold else self.regular

    def width(self, line: str) -> int:
        w = sum(self._style(b).advance(t) for t, b, _ in styled_runs(line))
        return round(w) + 2 * self.regular.stroke_width

    def draw(self, image: Image.Image, x: float, baseline: float, line: str,
             fill: tuple[int, int, int, int] | None = None) -> None:
        """Like TextStyle.draw; `fill` paints every run in one colour (the karaoke highlight)."""
        for text, bold, italic in styled_runs(line):
            style = self._style(bold)
            if fill is not None:
                style = replace(style, fill=fill, dropped=style.dropped)
            if not italic:
                style.draw(image, x, baseline, text)
            else:
                _draw_slanted(style, image, x, baseline, text)
            x += style.advance(text)

    @property
    def dropped(self) -> set[str]:
        return self.regular.dropped | self.bold.dropped


def _draw_slanted(style: TextStyle, image: Image.Image, x: float, baseline: float, text: str) -> None:
    ascent, descent = style.metrics()
    w = style.width(text) + round(ITALIC_SLANT * (ascent + descent)) + 2
    layer = Image.new("RGBA", (w, ascent + descent))
    style.draw(layer, 0, ascent, text)
    # x' = x + slant * (y - baseline): the top leans right, the baseline stays in place
    sheared = layer.transform(layer.size, Image.Transform.AFFINE, (1, ITALIC_SLANT, -ITALIC_SLANT * ascent, 0, 1, 0),
                              resample=Image.Resampling.BICUBIC)
    image.alpha_composite(sheared, (round(x), round(baseline - ascent)))
