"""What people see for the ids that files and the CLI use: a preset's name ("TikTok 9:16" for
`tiktok`), a caption style's ("Band" for `band`), a caption rule's. In the reader's language; an id
without a label (a user's own preset or style) shows as it is written."""

from __future__ import annotations

from .i18n import N_, gettext

PRESETS = {"tiktok": N_("TikTok 9:16"), "reels": N_("Reels 9:16"), "shorts": N_("YouTube Shorts 9:16"),
           "square": N_("Square feed 1:1"), "feed45": N_("Feed 4:5"), "landscape": N_("Landscape 16:9"),
           "preview": N_("Quick preview")}
CAPTION_STYLES = {"band": N_("Band"), "outline": N_("Outline"), "karaoke": N_("Karaoke")}
CAPTION_RULES = {"max-lines": N_("too many lines"), "chars-per-line": N_("line too long"),
                 "no-break-space": N_("broken at a no-break space"), "min-duration": N_("too brief"),
                 "max-duration": N_("on screen too long"), "reading-speed": N_("too fast to read"),
                 "speech-sync": N_("out of step with the voice"), "french-typography": N_("French typography"),
                 "min-gap": N_("too close to the previous caption"), "unclosed-gap": N_("a gap to close")}
# the QA's rules, by id (studio.qa): what each checks, for the report, the CLI and the studio
RULE_TITLES = {
    "format.container": N_("Container"), "format.codec": N_("Video codec"), "format.profile": N_("H.264 profile"),
    "format.level": N_("H.264 level"), "format.pix_fmt": N_("Pixel format"), "format.colour": N_("Colour tags"),
    "format.resolution": N_("Size"), "format.frame_rate": N_("Frame rate"), "format.gop": N_("Keyframes"),
    "format.faststart": N_("Quick start"), "format.edit_list": N_("Edit list"), "format.duration": N_("Duration"),
    "format.size": N_("File size"), "format.bitrate": N_("Bitrate"), "format.audio": N_("Audio format"),
    "loudness.integrated": N_("Loudness"), "loudness.true_peak": N_("True peak"), "loudness.range": N_("Loudness range"),
    "flashes.general": N_("Flashes"), "flashes.red": N_("Red flashes"), "motion.cadence": N_("Repeated frames"),
    "captions.cps": N_("Reading speed"),
    "captions.cpl": N_("Line length"), "captions.lines": N_("Lines per caption"),
    "captions.duration": N_("Time on screen"), "captions.gap": N_("Gaps"), "captions.style": N_("Caption style"),
    "captions.safe_zone": N_("Captions in the safe zone"), "captions.contrast": N_("Caption contrast"),
    "captions.present": N_("Captions"), "helpline.endcard": N_("End card"), "helpline.fields": N_("End card text"),
    "care.content_warning": N_("Content warning"), "care.consent": N_("Consent"),
    "care.self_harm": N_("Suicide and self-harm"),
}


def rule_title(rule: str) -> str:
    """A rule's name for people ("Quick start" for format.faststart)."""
    return gettext(RULE_TITLES[rule]) if rule in RULE_TITLES else rule


def preset_label(name: str) -> str:
    return gettext(PRESETS[name]) if name in PRESETS else name


def caption_style_label(name: str) -> str:
    return gettext(CAPTION_STYLES[name]) if name in CAPTION_STYLES else name


def caption_rule_label(rule: str) -> str:
    return gettext(CAPTION_RULES[rule]) if rule in CAPTION_RULES else rule
