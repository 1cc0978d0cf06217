"""The helpline end card: logo, headline, the number as large as the width allows, then the
details the variant has (body, hours, website, footer) and the hashtag.

Laid out so it reads as designed on every canvas: centred on the canvas (not on the safe zone,
whose right margin is wider for the button rail) while staying inside the safe zone; every text
wrapped in balanced lines with the French typography of the captions (no widow like "seul·e."
alone); the block spread over the safe zone's height; the logo on a light plate when its outline
would not reach 3:1 against the card. Below the safe zone (where the platforms' buttons and
descriptions sit) stays free: a draft's watermark goes there, off the helpline's text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from ..core.captions import typeset
from ..core.project import Project
from ..core.captions.contrast import ratio as contrast
from .colors import rgba
from .layers import _logo, brand_font, canvas_unit, card_background, centred_span, draw_centered, safe_box
from .text import TextStyle

MIN_LOGO_CONTRAST = 3.0   # WCAG 1.4.11: a graphic needed to understand the content
MIN_GAP = 0.5             # the gaps may close to half their size before any text shrinks...
MAX_GAP_GROWTH = 4.0      # ...and spare height is shared between them, up to 2x their size
NUMBER_MAX = 340          # px on a 1080 px wide canvas: the helpline number, if the width allows


@dataclass
class EndcardLayout:
    blocks: list[tuple[TextStyle, list[str], int]]   # style, balanced lines, space after
    logo: Image.Image | None                          # the logo, on its plate when it needs one
    logo_gap: int
    top: int                                          # y of the block's first pixel
    span: tuple[int, int]                             # columns the text is centred in
    free: tuple[int, int]                             # rows below the text: the draft band's place
    logo_contrast: float                              # the logo's outline against what is under it

    @property
    def height(self) -> int:
        return _height(self.blocks, self.logo, self.logo_gap)


def _height(blocks, logo, logo_gap) -> int:
    text = sum(len(lines) * sum(s.metrics()) + gap for s, lines, gap in blocks)
    return text + (logo.height + logo_gap if logo is not None else 0)


def endcard_layout(project: Project) -> EndcardLayout:
    u = canvas_unit(project)
    b = project.brand
    lang = project.story.meta.lang
    c = project.preset.canvas
    _, y0, _, y1 = safe_box(project)
    left, right = centred_span(project)
    width = right - left
    emoji = brand_font(project, b.fonts.emoji, "fonts.emoji")
    title = brand_font(project, b.fonts.title, "fonts.title")
    body = brand_font(project, b.fonts.body, "fonts.body")
    card = project.endcard
    number = TextStyle(title, 100, emoji, rgba(b.colors.secondary))
    number_size = min(round(NUMBER_MAX * u), int(100 * width / max(1, number.width(card.number))))
    wanted = [  # style, text, space after (px on a 1080 canvas, scaled)
        (TextStyle(title, round(68 * u), emoji, rgba(b.colors.text)), card.headline, 36),
        (TextStyle(title, number_size, emoji, rgba(b.colors.secondary)), card.number, 24),
        (TextStyle(body, round(46 * u), emoji, rgba(b.colors.text)), card.body, 22),
        (TextStyle(body, round(42 * u), emoji, rgba(b.colors.text)), card.hours, 22),
        (TextStyle(title, round(50 * u), emoji, rgba(b.colors.secondary)), card.website, 30),
        (TextStyle(body, round(40 * u), emoji, rgba(b.colors.secondary)), card.footer, 30),
        (TextStyle(title, round(44 * u), emoji, rgba(b.colors.text)), project.look.hashtag, 0),
    ]
    wanted = [(s, typeset(t, lang), gap) for s, t, gap in wanted if t]
    logo, logo_contrast = _logo_on_plate(project, round(150 * u))
    scale = 1.0
    while True:  # tight gaps first; shrink everything together only if the card still does not fit
        blocks = [(TextStyle(s.font, max(8, round(s.size * scale)), s.emoji_font, s.fill),
                   t, round(gap * u * scale * MIN_GAP)) for s, t, gap in wanted]
        blocks = [(s, s.wrap(t, width, lang), gap) for s, t, gap in blocks]
        logo_gap = round(40 * u * scale * MIN_GAP)
        if _height(blocks, logo, logo_gap) <= y1 - y0 or scale < 0.3:
            break
        scale *= 0.95
    # the space left is shared between the gaps (the card breathes, the block stays centred)
    spare = y1 - y0 - _height(blocks, logo, logo_gap)
    gaps = sum(g for _, _, g in blocks) + (logo_gap if logo else 0)
    grow = min(MAX_GAP_GROWTH, 1 + spare / max(1, gaps))  # relative to the half-size gaps
    blocks = [(s, lines, round(g * grow)) for s, lines, g in blocks]
    logo_gap = round(logo_gap * grow)
    height = _height(blocks, logo, logo_gap)
    top = y0 + (y1 - y0 - height) // 2
    band_top = min(c.height, top + height + round(24 * u))
    return EndcardLayout(blocks, logo, logo_gap, top, (left, right), (max(band_top, y1), c.height), logo_contrast)


def endcard_image(project: Project, out: Path) -> Path:
    layout = endcard_layout(project)
    image = card_background(project).convert("RGBA")
    left, right = layout.span
    y = layout.top
    if layout.logo is not None:
        image.alpha_composite(layout.logo, ((left + right - layout.logo.width) // 2, y))
        y += layout.logo.height + layout.logo_gap
    draw_centered(image, layout.blocks, left, right, y)
    image.convert("RGB").save(out)
    return out


def logo_contrast(logo: Image.Image, ground: tuple[int, int, int]) -> float:
    """Contrast of the logo's outline (its opaque pixels next to transparent ones: what draws
    its shape) against the colour under it; the median colour of the outline is taken."""
    import numpy as np  # here: the CLI starts without numpy

    a = np.asarray(logo.convert("RGBA"))
    opaque = a[..., 3] > 200
    clear = a[..., 3] < 50
    near_clear = np.zeros_like(clear)
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1), (2, 0), (-2, 0), (0, 2), (0, -2)):
        near_clear |= np.roll(np.roll(clear, dy, 0), dx, 1)
    edge = opaque & near_clear
    if not edge.any():  # a logo with no transparency: its border is its outline
        edge = np.zeros_like(opaque)
        edge[[0, -1], :] = edge[:, [0, -1]] = True
    colour = tuple(int(v) for v in np.median(a[edge][:, :3], axis=0))
    return contrast(colour, ground)


def _logo_on_plate(project: Project, height: int) -> tuple[Image.Image | None, float]:
    """The logo as it goes on the card and its outline's contrast there: on the card itself when
    it reaches 3:1, else on a rounded plate of the brand colour that contrasts most with it."""
    logo = _logo(project, height)
    if logo is None:
        return None, 0.0
    ground = card_background(project).getpixel((project.preset.canvas.width // 2, safe_box(project)[1]))[:3]
    measured = logo_contrast(logo, ground)
    if measured >= MIN_LOGO_CONTRAST:
        return logo, measured
    b = project.brand.colors
    plates = [rgba(col)[:3] for col in (b.text, b.secondary, b.primary, "#FFFFFF", "#000000")]
    best = max(plates, key=lambda p: logo_contrast(logo, p))
    pad = round(height * 0.1)
    plate = Image.new("RGBA", (logo.width + 2 * pad, logo.height + 2 * pad))
    ImageDraw.Draw(plate).rounded_rectangle((0, 0, plate.width - 1, plate.height - 1), radius=round(height * 0.28),
                                            fill=(*best, 255))
    plate.alpha_composite(logo, (pad, pad))
    return plate, logo_contrast(logo, best)
