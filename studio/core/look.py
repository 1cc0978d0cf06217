"""The look of a render: what the merge layers (global < preset < brand < story < beat < job)
may set. Everything here has its default in presets/defaults.toml, not in code."""

from __future__ import annotations

from typing import Any, Literal, Mapping

from .i18n import N_
from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid", frozen=True)


class CaptionStyle(BaseModel):
    """How captions look. Named styles live in the brand kit ([caption_styles.NAME]); a story
    picks one with `caption_style: NAME`."""

    model_config = _STRICT
    style: Literal["band", "outline"]
    highlight: Literal["none", "word"] = Field(description=N_("word: the word being spoken changes colour"))
    highlight_color: str
    font: str
    size: float = Field(gt=0, description=N_("font size in px on a 1080 px wide canvas"))
    text_color: str
    band_color: str
    band_opacity: float = Field(ge=0, le=1)
    outline_color: str
    outline_width: float = Field(ge=0, description=N_("px on a 1080 px wide canvas"))
    position: Literal["bottom", "middle", "top"]
    emphasis_font: str = Field(description=N_("**bold** in a beat: this weight..."))
    emphasis_color: str = Field(description=N_("...in this colour (*italic* is slanted)"))


class TitleLook(BaseModel):
    """On-screen titles: a beat's `# heading` (a hook over its beat) and the story's title on
    the cover. A brand kit sets them in [look.title]."""

    model_config = _STRICT
    font: str
    size: float = Field(gt=0, description=N_("px on a 1080 px wide canvas"))
    text_color: str
    band_color: str
    band_opacity: float = Field(ge=0, le=1)


class Timing(BaseModel):
    model_config = _STRICT
    cps: float = Field(gt=0, description=N_("target reading speed, characters per second"))
    cps_max: float = Field(gt=0, description=N_("hard cap on reading speed"))
    pad_s: float = Field(ge=0, description=N_("breath added to each beat"))
    min_beat_s: float = Field(gt=0)
    max_beat_s: float = Field(gt=0)
    min_event_s: float = Field(gt=0)
    gap_frames: int = Field(ge=0)


class EndcardLook(BaseModel):
    model_config = _STRICT
    variant: str | None = None
    duration_s: float = Field(ge=5, description=N_("the end card stays long enough to note the helpline (STANDARDS §5)"))
    headline: str | None = None
    number: str | None = None
    body: str | None = None
    hours: str | None = None
    website: str | None = None
    footer: str | None = None
    post: str | None = None    # the helpline line of the post beside the video


class ContentWarningLook(BaseModel):
    model_config = _STRICT
    duration_s: float = Field(ge=2, description=N_("STANDARDS: a content warning stays at least 2 s"))


class BackgroundLook(BaseModel):
    model_config = _STRICT
    colors: tuple[str, ...] = Field(min_length=1, description=N_("one colour, or a top-to-bottom gradient"))
    motion: Literal["pan", "none"]
    pan_amount: float = Field(ge=0, le=0.5, description=N_("extra size of a panned still, fraction"))
    crossfade_s: float = Field(ge=0, le=2, description=N_("crossfade between backgrounds (0: a cut)"))
    blur_fill_scale: int = Field(ge=2, le=32, description=N_("fit=blur: the fill is blurred at 1/N size"))
    blur_fill_radius: int = Field(ge=1, le=64, description=N_("fit=blur: box blur radius at that size"))
    subject_smooth_s: float = Field(gt=0, description=N_("fit=subject: how slowly the crop follows"))
    subject_max_speed: float = Field(gt=0, description=N_("fit=subject: widths of the frame per second"))
    subject_detect_rate: float = Field(gt=0, le=60, description=N_("fit=subject: face searches per second"))


class FootageLook(BaseModel):
    model_config = _STRICT
    sound: Literal["keep", "low", "mute"] = Field(description=N_("a clip's own sound by default"))
    low_db: float = Field(le=0, description=N_("sound=low: the clip's sound lowered by this much"))


class Ducking(BaseModel):
    """The music bed ducked under speech by sidechain compression (ffmpeg sidechaincompress)."""

    model_config = _STRICT
    threshold: float = Field(gt=0, le=1, description=N_("voice level that starts ducking (linear)"))
    ratio: float = Field(ge=1, le=20)
    attack_ms: float = Field(gt=0)
    release_ms: float = Field(gt=0)


class AnonymizeLook(BaseModel):
    model_config = _STRICT
    analysis_width: int = Field(ge=160, le=1920, description=N_("footage is searched for faces at this width"))
    detect_rate: float = Field(gt=0, le=60, description=N_("face searches per second of footage"))
    face_padding: float = Field(ge=0, le=2, description=N_("each face box grows by this fraction per side"))
    hold_s: float = Field(ge=0, description=N_("a face box stays this long before and after a detection"))
    blur_scale: int = Field(ge=2, le=64, description=N_("faces are blurred at 1/N size (mosaic-like)"))
    blur_radius: int = Field(ge=1, le=64)
    photo_cells: int = Field(ge=2, le=32, description=N_("a face in a photo is reduced to this many blocks across"))
    voice_pitch: float = Field(gt=0.5, lt=2, description=N_("pitch ratio of an anonymised voice"))
    voice_formant: float = Field(gt=0.5, lt=2, description=N_("formant (timbre) ratio of an anonymised voice"))


class MusicLook(BaseModel):
    model_config = _STRICT
    volume_db: float
    fade_in_s: float = Field(ge=0)
    fade_out_s: float = Field(ge=0)
    ducking: Ducking


class SpeechLook(BaseModel):
    """How speech is told from silence in a voice-over (ffmpeg silencedetect)."""

    model_config = _STRICT
    silence_db: float = Field(lt=0, description=N_("below this level is silence"))
    min_silence_s: float = Field(gt=0, description=N_("shorter pauses belong to the speech"))


class Look(BaseModel):
    model_config = _STRICT
    hashtag: str
    caption: CaptionStyle
    title: TitleLook
    timing: Timing
    endcard: EndcardLook
    background: BackgroundLook
    music: MusicLook
    footage: FootageLook
    anonymize: AnonymizeLook
    content_warning: ContentWarningLook
    speech: SpeechLook


def deep_merge(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Merges nested mappings; later layers win key by key (tables merge, values replace)."""
    out: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
                out[key] = deep_merge(out[key], value)
            else:
                out[key] = dict(value) if isinstance(value, Mapping) else value
    return out
