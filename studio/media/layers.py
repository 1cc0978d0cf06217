"""The images a render overlays or shows: caption boxes, the brand layer (logo + hashtag), the
end card and the brand background. All drawn with Pillow, sized from the preset's canvas and safe
zone, so a landscape or square export gets the same design scaled."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw

from ..core.captions import typeset
from ..core.captions.emphasis import BOLD_ON, ITALIC_ON, styled_runs
from ..core.captions.segment import LineFit
from ..core.catalog import font_path
from ..core.i18n import _
from ..core.errors import MediaError
from ..core.project import Project
from .colors import rgb, rgba
from .text import RichStyle, TextStyle


@dataclass(frozen=True)
class Placed:
    """An RGBA image file and where its top-left corner goes on the canvas."""

    path: Path
    x: int
    y: int
    width: int
    height: int


def canvas_unit(project: Project) -> float:
    """Design sizes are in px on a 1080 px wide vertical canvas; scale by the short side."""
    return project.preset.canvas.short_side / 1080


def safe_box(project: Project) -> tuple[int, int, int, int]:
    c = project.preset.canvas
    return project.preset.safe_zone.box(c.width, c.height)


def brand_font(project: Project, name: str, field: str) -> Path:
    return font_path(name, project.brand.source, field)


def caption_style(project: Project) -> RichStyle:
    """The caption's text style and its emphasis, at the canvas's scale (one size for every event)."""
    cap = project.look.caption
    u = canvas_unit(project)
    emoji = brand_font(project, project.brand.fonts.emoji, "fonts.emoji")
    regular = TextStyle(font=brand_font(project, cap.font, "caption.font"), size=round(cap.size * u),
                        emoji_font=emoji, fill=rgba(cap.text_color, field="caption.text_color"),
                        stroke_width=round(cap.outline_width * u) if cap.style == "outline" else 0,
                        stroke_fill=rgba(cap.outline_color, field="caption.outline_color"))
    bold = replace(regular, font=brand_font(project, cap.emphasis_font, "caption.emphasis_font"),
                   fill=rgba(cap.emphasis_color, field="caption.emphasis_color"), dropped=regular.dropped)
    return RichStyle(regular, bold)


def _caption_pads(project: Project) -> tuple[int, int, int]:
    u = canvas_unit(project)
    return round(22 * u), round(10 * u), round(14 * u)


def caption_fit(project: Project) -> LineFit:
    """How wide a caption line may be: the safe zone's width less the band's padding, measured
    with the caption font (emphasis included). The timeline cuts lines to this, so a caption
    never shrinks."""
    x0, _, x1, _ = safe_box(project)
    pad_x, _, _ = _caption_pads(project)
    style = caption_style(project)
    fonts = tuple((t.font, t.size, t.emoji_font, t.stroke_width) for t in (style.regular, style.bold))
    return LineFit(measure=style.width, max_width=x1 - x0 - 2 * pad_x, key=fonts)


def caption_line_height(project: Project) -> int:
    """The height of one burned-in caption line (its band included), in canvas pixels."""
    _, pad_y, _ = _caption_pads(project)
    ascent, descent = caption_style(project).regular.metrics()
    return ascent + descent + 2 * pad_y


def caption_image(project: Project, lines: tuple[str, ...], out: Path,
                  dropped: set[str] | None = None, highlights: list[Placed | None] | None = None) -> Placed:
    """One caption event: centred lines, each on its own rounded band (or outlined), placed in
    the safe zone, at the style's one size (the timeline cut the lines to fit). `lines` may hold
    emphasis markers (the event's `rich` lines).

    With the word highlight (karaoke) style, `highlights` receives one small image per word: the
    word alone in the highlight colour, exactly over its place in the caption (None for a word
    that draws nothing)."""
    cap = project.look.caption
    x0, y0, x1, y1 = safe_box(project)
    pad_x, pad_y, radius = _caption_pads(project)
    style = caption_style(project)
    ascent, descent = style.regular.metrics()  # measured from the font: accented capitals are never clipped
    line_h = ascent + descent + 2 * pad_y
    widths = [style.width(l) for l in lines]
    w = max(widths) + 2 * pad_x
    h = line_h * len(lines)
    image = Image.new("RGBA", (w, h))
    draw = ImageDraw.Draw(image)
    for i, (line, lw) in enumerate(zip(lines, widths)):
        left = (w - lw) // 2
        if cap.style == "band":
            draw.rounded_rectangle((left - pad_x, i * line_h, left + lw + pad_x, (i + 1) * line_h - 1),
                                   radius=radius, fill=rgba(cap.band_color, cap.band_opacity, "caption.band_color"))
        style.draw(image, left, i * line_h + pad_y + ascent, line)
    x = x0 + (x1 - x0 - w) // 2
    y = {"bottom": y1 - h, "middle": (y0 + y1 - h) // 2, "top": y0}[cap.position]
    image.save(out, compress_level=1)
    if dropped is not None:
        dropped.update(style.dropped)
    if highlights is not None and cap.highlight == "word":
        ink = rgba(cap.highlight_color, field="caption.highlight_color")
        k = 0
        for i, (line, lw) in enumerate(zip(lines, widths)):
            left = (w - lw) // 2
            words = line.split(" ")
            for j, word in enumerate(words):
                prefix = " ".join(words[:j]) + (" " if j else "")
                wx = left + (style.width(prefix) - 2 * style.regular.stroke_width if prefix else 0)
                word_image = Image.new("RGBA", (w, h))
                style.draw(word_image, wx, i * line_h + pad_y + ascent, _reopen(prefix) + word, fill=ink)
                box = word_image.getbbox()
                if box is None:
                    highlights.append(None)
                else:
                    path = out.with_name(f"{out.stem}-w{k:03d}.png")
                    word_image.crop(box).save(path, compress_level=1)
                    highlights.append(Placed(path, x + box[0], y + box[1], box[2] - box[0], box[3] - box[1]))
                k += 1
    return Placed(out, x, y, w, h)


def _reopen(prefix: str) -> str:
    """The emphasis markers still open at the end of `prefix` (so a word keeps its style)."""
    runs = styled_runs(prefix + "x")
    _, bold, italic = runs[-1]
    return (BOLD_ON if bold else "") + (ITALIC_ON if italic else "")


def centred_span(project: Project) -> tuple[int, int]:
    """The widest columns centred on the canvas that stay inside the safe zone: cards and titles
    sit in the middle of the screen (a block centred on the safe zone, which leaves more room on
    the right for the button rail, looks pushed to the left)."""
    c = project.preset.canvas
    x0, _, x1, _ = safe_box(project)
    half = min(c.width / 2 - x0, x1 - c.width / 2)
    return round(c.width / 2 - half), round(c.width / 2 + half)


def title_image(project: Project, text: str, out: Path) -> Placed:
    """An on-screen title (a beat's `# heading`, the story's title on the cover): the brand's
    title style, typeset and wrapped in balanced lines, centred on the canvas below the logo."""
    t = project.look.title
    u = canvas_unit(project)
    _, y0, _, _ = safe_box(project)
    left, right = centred_span(project)
    band = t.band_opacity > 0
    style = TextStyle(brand_font(project, t.font, "title.font"), round(t.size * u),
                      brand_font(project, project.brand.fonts.emoji, "fonts.emoji"),
                      rgba(t.text_color, field="title.text_color"),
                      stroke_width=0 if band else max(1, round(5 * u)), stroke_fill=(0, 0, 0, 200))
    pad = round(24 * u) if band else 0
    lines = style.wrap(typeset(text, project.story.meta.lang), right - left - 2 * pad, project.story.meta.lang)
    ascent, descent = style.metrics()
    w = max(style.width(line) for line in lines) + 2 * pad
    h = (ascent + descent) * len(lines) + 2 * pad
    image = Image.new("RGBA", (w, h))
    if band:
        ImageDraw.Draw(image).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(18 * u),
                                                fill=rgba(t.band_color, t.band_opacity, "title.band_color"))
    y = pad
    for line in lines:
        style.draw(image, (w - style.width(line)) // 2, y + ascent, line)
        y += ascent + descent
    image.save(out, compress_level=1)
    top = y0 + round(92 * u) + round(48 * u)  # below the brand layer (logo 92 px high)
    return Placed(out, (left + right - w) // 2, top, w, h)


def brand_layer(project: Project, out: Path) -> Placed:
    """Logo and hashtag, side by side at the top-left of the safe zone."""
    u = canvas_unit(project)
    x0, y0, _, _ = safe_box(project)
    logo_h = round(92 * u)
    style = TextStyle(font=brand_font(project, project.brand.fonts.title, "fonts.title"), size=round(44 * u),
                      emoji_font=brand_font(project, project.brand.fonts.emoji, "fonts.emoji"),
                      fill=rgba(project.brand.colors.text), stroke_width=max(1, round(3 * u)),
                      stroke_fill=(0, 0, 0, 150))
    tag = project.look.hashtag
    gap = round(18 * u)
    logo = _logo(project, logo_h)
    tag_w = style.width(tag) if tag else 0
    w = (logo.width + gap if logo else 0) + tag_w
    image = Image.new("RGBA", (max(w, 2), logo_h))
    x = 0
    if logo:
        image.alpha_composite(logo, (0, 0))
        x = logo.width + gap
    if tag:
        ascent, descent = style.metrics()
        style.draw(image, x, (logo_h + ascent - descent) // 2, tag)
    image.save(out, compress_level=1)
    return Placed(out, x0, y0, image.width, image.height)


def _logo(project: Project, height: int) -> Image.Image | None:
    if not project.brand.logo:
        return None
    try:
        with Image.open(project.brand.logo) as im:
            im = im.convert("RGBA")
            return im.resize((max(1, round(im.width * height / im.height)), height), Image.Resampling.LANCZOS)
    except OSError as e:
        raise MediaError(_("the brand logo cannot be read ({problem})", problem=e), file=project.brand.source, field="logo",
                         hint=_("use a PNG with transparency, path relative to the brand kit file")) from None


def gradient(size: tuple[int, int], colors: tuple[str, ...]) -> Image.Image:
    """A top-to-bottom gradient through the given colours (one colour: flat)."""
    w, h = size
    stops = [rgb(c, "background.colors") for c in colors]
    if len(stops) == 1:
        return Image.new("RGB", size, stops[0])
    column = Image.new("RGB", (1, h))
    px = column.load()
    for y in range(h):
        pos = y / max(1, h - 1) * (len(stops) - 1)
        i = min(int(pos), len(stops) - 2)
        f = pos - i
        px[0, y] = tuple(round(a + (b - a) * f) for a, b in zip(stops[i], stops[i + 1]))
    return column.resize(size, Image.Resampling.NEAREST)


def card_background(project: Project) -> Image.Image:
    """The brand's deep colour, darkening downwards: the ground of the end card and the warning card."""
    deep = project.brand.colors.deep
    return gradient((project.preset.canvas.width, project.preset.canvas.height), (deep, _darker(deep)))


def draw_centered(image: Image.Image, blocks, x0: int, x1: int, y: int) -> int:
    """Draws blocks of (style, wrapped lines, gap after) centred between x0 and x1 from y down;
    returns the y below the last block."""
    for style, lines, gap in blocks:
        ascent, descent = style.metrics()
        for line in lines:
            style.draw(image, x0 + (x1 - x0 - style.width(line)) // 2, y + ascent, line)
            y += ascent + descent
        y += gap
    return y


def _darker(hex_color: str, f: float = 0.45) -> str:
    r, g, b = rgb(hex_color)
    return "#%02X%02X%02X" % (round(r * f), round(g * f), round(b * f))
