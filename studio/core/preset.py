"""Export presets and brand kits: the models of the TOML files in presets/.

Every platform number (canvas, fps, encoder, loudness, safe zone, limits) lives in those files;
docs/standards.md §1-3 is their source."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from .i18n import N_, _
from pydantic import BaseModel, ConfigDict, Field, model_validator

_STRICT = ConfigDict(extra="forbid", frozen=True)
PREVIEW_HEIGHT = 960  # the instant preview draws the canvas this tall (540x960 for 9:16)


class Canvas(BaseModel):
    model_config = _STRICT
    width: int = Field(ge=64, le=4096, multiple_of=2)
    height: int = Field(ge=64, le=4096, multiple_of=2)
    # the preset's rate (photo-only stories); a render over footage may run at one of `rates`
    # (studio.core.frame_rate), an exact fraction for the NTSC rates (30000/1001)
    fps: int | Fraction = Field(ge=1, le=120)
    rates: tuple[float, ...] = Field(default=(), description="frame rates the platforms accept (29.97: 30000/1001)")

    @property
    def rate(self) -> Fraction:
        return Fraction(self.fps)

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)


class VideoSettings(BaseModel):
    model_config = _STRICT
    encoder: Literal["libx264"]
    x264_preset: str
    profile: str
    level: str
    crf: int = Field(ge=0, le=51)
    maxrate: str
    bufsize: str
    level_above_30fps: str = Field(default="", description=N_("the level at 50/60 fps (4.2); empty: `level`"))
    keyframe_s: float = Field(gt=0, description=N_("closed GOP length in seconds"))
    bframes: int = Field(ge=0, le=16)
    pix_fmt: str
    colorspace: Literal["bt709"]
    color_range: Literal["tv"]


class AudioSettings(BaseModel):
    model_config = _STRICT
    encoder: Literal["aac"]
    sample_rate: int
    channels: int = Field(ge=1, le=2)
    bitrate: str


class Loudness(BaseModel):
    model_config = _STRICT
    integrated_lufs: float
    true_peak_dbtp: float
    lra_lu: float


class SafeZone(BaseModel):
    """Margins the platform UI covers, as fractions of the canvas."""

    model_config = _STRICT
    top: float = Field(ge=0, lt=0.5)
    bottom: float = Field(ge=0, lt=0.6)
    left: float = Field(ge=0, lt=0.5)
    right: float = Field(ge=0, lt=0.5)

    def box(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) in pixels of the area every platform leaves visible."""
        return (round(self.left * width), round(self.top * height),
                round(width - self.right * width), round(height - self.bottom * height))


class Limits(BaseModel):
    model_config = _STRICT
    min_duration_s: float = Field(ge=0)
    max_duration_s: float = Field(gt=0)
    max_size_mb: float = Field(gt=0)


class PostLimits(BaseModel):
    """What the platform takes in the text published with the video (STANDARDS.md §1)."""
    model_config = _STRICT
    max_chars: int = Field(2200, ge=100, description=N_("characters of the whole post (title, text, helpline, hashtags)"))
    max_title_chars: int = Field(100, ge=10, description=N_("characters of the title (YouTube: 100)"))
    max_hashtags: int = Field(5, ge=1, description=N_("hashtags the platform shows or allows"))


class CaptionLimits(BaseModel):
    model_config = _STRICT
    max_chars_per_line: int = Field(ge=10, le=60)
    max_lines: int = Field(ge=1, le=3)
    max_event_s: float = Field(gt=1)
    close_gap_s: float = Field(ge=0)
    max_offset_s: float = Field(gt=0)
    min_contrast: float = Field(ge=1)


class QaLimits(BaseModel):
    """What `studio check` verifies beyond the encoder settings (docs/standards.md §1-6). The caption
    rules are not here: the QA judges captions by [captions] and the look's timing, as the render."""

    model_config = _STRICT
    max_gop_s: float = Field(gt=0, description=N_("longest keyframe interval"))
    max_peak_mbps: float = Field(gt=0, description=N_("peak video bitrate over any 1 s window"))
    loudness_tolerance_lu: float = Field(ge=0)
    silence_lufs: float = Field(description=N_("integrated loudness at or below this: no sound at all"))
    box_tolerance: float = Field(ge=0, lt=0.1, description=N_("fraction of the canvas a box may bleed (encoding)"))
    max_flashes_per_s: int = Field(ge=0, description=N_("WCAG 2.3.1: no more than 3 flashes in any 1 s"))
    flash_delta: float = Field(gt=0, description=N_("relative luminance change of one transition"))
    flash_dark: float = Field(gt=0, le=1, description=N_("the darker state must be below this"))
    red_ratio: float = Field(gt=0, le=1, description=N_("saturated red: R/(R+G+B) at least this"))
    red_delta: float = Field(gt=0, description=N_("change of (R-G-B)*320 of one red transition"))
    flash_area: float = Field(gt=0, le=1, description=N_("screen rule: fraction of the screen that must flash together"))
    # The phone rule (WCAG 2.3.1's general form): flashes count together inside any 10 degree visual
    # field when they cover 0.006 sr of it, at the distance the picture is watched from
    viewing_distance_cm: float = Field(ge=0, description=N_("eye to screen; 0: no viewing model, the screen rule"))
    picture_width_cm: float = Field(ge=0, description=N_("physical width of the picture on that screen"))
    flash_field_deg: float = Field(gt=0, lt=90, description=N_("the visual field flashes are judged in"))
    flash_sr: float = Field(gt=0, description=N_("solid angle flashes may not cover together in one field"))
    min_endcard_s: float = Field(gt=0)
    min_warning_s: float = Field(gt=0)


class Preset(BaseModel):
    model_config = _STRICT
    name: str
    description: str
    platforms: tuple[str, ...] = ()
    canvas: Canvas
    video: VideoSettings
    audio: AudioSettings
    loudness: Loudness
    safe_zone: SafeZone
    limits: Limits
    captions: CaptionLimits
    qa: QaLimits
    post: PostLimits = Field(default_factory=PostLimits)
    look: dict[str, Any] = Field(default_factory=dict)  # a merge layer, validated with the others
    source: Path | None = None

    @property
    def level(self) -> str:
        """The H.264 level at the canvas rate: 1080x1920 at 50 or 60 fps needs 4.2."""
        v = self.video
        return v.level_above_30fps if v.level_above_30fps and self.canvas.rate > 30 else v.level

    @model_validator(mode="after")
    def _sane_limits(self):
        if self.limits.min_duration_s >= self.limits.max_duration_s:
            raise ValueError(_("limits.min_duration_s must be below limits.max_duration_s"))
        return self


class EndcardText(BaseModel):
    model_config = _STRICT
    headline: str
    number: str
    body: str
    hours: str = ""      # when the line answers ("7 jours sur 7, de 9 h à 23 h"), shown under the body
    website: str = ""    # shown large under the body ("3018.fr")
    footer: str = ""
    post: str = ""       # the helpline line of the post beside the video ("Besoin d’aide ? Appelle le 3020…")


class BrandColors(BaseModel):
    model_config = _STRICT
    primary: str
    secondary: str
    deep: str
    text: str


class BrandFonts(BaseModel):
    model_config = _STRICT
    title: str
    body: str
    emoji: str


class BrandEndcards(BaseModel):
    model_config = _STRICT
    default: str
    variants: dict[str, EndcardText] = Field(min_length=1)

    @model_validator(mode="after")
    def _default_exists(self):
        if self.default not in self.variants:
            raise ValueError(_("endcard.default '{name}' is not one of the variants ({names})", name=self.default,
                               names=", ".join(self.variants)))
        return self


class BrandKit(BaseModel):
    model_config = _STRICT
    name: str
    description: str
    logo: Path | None = None
    colors: BrandColors
    fonts: BrandFonts
    endcard: BrandEndcards
    caption_styles: dict[str, dict[str, Any]] = Field(default_factory=dict)  # name -> [look.caption] values
    hashtags: tuple[str, ...] = ()  # the brand's own, after the campaign's in each post
    look: dict[str, Any] = Field(default_factory=dict)
    source: Path | None = None
