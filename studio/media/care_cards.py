"""The images of the care features: the content-warning card shown before the first beat and
the draft watermark laid over every frame of a story without consent. Drawn with Pillow (story
text never reaches the filter graph), sized from the canvas and safe zone like the other cards."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ..core.captions import typeset
from ..core.care import CareTexts
from ..core.project import Project
from .colors import rgba
from .endcard import endcard_layout
from .layers import Placed, brand_font, canvas_unit, card_background, centred_span, draw_centered, safe_box
from .text import TextStyle


def warning_card(project: Project, care: CareTexts, out: Path) -> Path:
    """Full-frame card: the title in the brand's accent colour, the story's warning below it,
    white on the brand's deep colour (the end card's palette, >= 4.5:1)."""
    u = canvas_unit(project)
    b = project.brand
    _, y0, _, y1 = safe_box(project)
    x0, x1 = centred_span(project)
    lang = project.story.meta.lang
    heading = typeset(care.warning_title, lang)
    warning = typeset(project.story.meta.content_warning or "", lang)
    image = card_background(project).convert("RGBA")
    emoji = brand_font(project, b.fonts.emoji, "fonts.emoji")
    size = 1.0
    while True:
        title = TextStyle(brand_font(project, b.fonts.title, "fonts.title"), max(8, round(72 * u * size)), emoji,
                          rgba(b.colors.secondary))
        body = TextStyle(brand_font(project, b.fonts.body, "fonts.body"), max(6, round(50 * u * size)), emoji,
                         rgba(b.colors.text))
        blocks = [(title, title.wrap(heading, x1 - x0, lang), round(40 * u * size)),
                  (body, body.wrap(warning, x1 - x0, lang), 0)]
        height = sum(len(lines) * sum(s.metrics()) + gap for s, lines, gap in blocks)
        if height <= y1 - y0 or body.size <= 6:
            break
        size *= 0.9
    y = y0 + (y1 - y0 - height) // 2
    draw_centered(image, blocks, x0, x1, y)
    image.convert("RGB").save(out)
    return out


def draft_watermark(project: Project, care: CareTexts, out: Path,
                    region: tuple[int, int] | None = None) -> Placed:
    """A translucent red band across the frame with the draft text: big enough to spoil any
    copy, light enough to still review the video; across the middle, or centred in the rows
    `region`. Only the band is an image (a smaller overlay costs less on every frame)."""
    c = project.preset.canvas
    u = canvas_unit(project)
    b = project.brand
    style = TextStyle(brand_font(project, b.fonts.title, "fonts.title"), max(8, round(64 * u)),
                      brand_font(project, b.fonts.emoji, "fonts.emoji"), (255, 255, 255, 240),
                      stroke_width=max(1, round(4 * u)), stroke_fill=(0, 0, 0, 240))
    lines = style.wrap(typeset(care.draft_watermark, project.story.meta.lang), round(c.width * 0.9),
                       project.story.meta.lang)
    ascent, descent = style.metrics()
    line_h = ascent + descent
    pad = round(24 * u)
    h = line_h * len(lines) + 2 * pad
    h += h % 2  # even sizes for yuv420p
    image = Image.new("RGBA", (c.width, h), (200, 20, 40, 150))
    for i, line in enumerate(lines):
        style.draw(image, (c.width - style.width(line)) // 2, pad + i * line_h + ascent, line)
    image.save(out, compress_level=1)
    top, bottom = region or (0, c.height)
    y = max(0, min(c.height - h, top + (bottom - top - h) // 2))
    return Placed(out, 0, y - y % 2, c.width, h)


def endcard_watermark(project: Project, care: CareTexts, out: Path) -> Placed:
    """The draft band on the end card: below its text (EndcardLayout.free), never over the
    helpline's number, hours or body."""
    return draft_watermark(project, care, out, region=endcard_layout(project).free)
