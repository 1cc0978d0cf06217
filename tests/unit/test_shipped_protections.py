"""The numbers in the shipped presets and brand kits that protect a person or a viewer, read the
way a render reads them (preset < brand kit < defaults merged by `load_project`), for every shipped
preset and brand kit. Weakening one in the shipped data turns this red, whatever the code does.

Where each number comes from: `docs/standards.md` (loudness, flashes, reading speed, caption size
and contrast, safe zones, helpline time on screen) and the anonymisation notes in
`presets/defaults.toml`."""

from __future__ import annotations

import pytest

from studio.core.catalog import Catalog
from studio.core.project import load_project

CATALOG = Catalog()
PRESETS = sorted(CATALOG.preset_entries())
BRANDS = sorted(CATALOG.brand_entries())
# the platforms' safe zones in pixels (top, bottom, left, right) on each shipped canvas
SAFE_PX = {
    "tiktok": (270, 672, 90, 180), "reels": (270, 672, 90, 180), "shorts": (270, 672, 90, 180),
    "preview": (135, 336, 45, 90),
    "square": (54, 54, 54, 54), "feed45": (54, 68, 54, 54), "landscape": (54, 54, 96, 96),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "s.md"
    path.write_text("---\ntitle: T\nlang: fr\n---\n\nUn beat.\n", encoding="utf-8")
    return path


@pytest.fixture(params=[(p, b) for p in PRESETS for b in BRANDS], ids=lambda pb: f"{pb[0]}-{pb[1]}")
def project(request, story):
    preset, brand = request.param
    return load_project(story, preset, brand=brand)


def test_every_shipped_preset_is_covered():
    assert set(PRESETS) == set(SAFE_PX)


def test_phone_loudness_and_peaks(project):
    assert project.preset.loudness.integrated_lufs == -14.0
    assert project.preset.loudness.true_peak_dbtp <= -1.0
    assert project.preset.qa.loudness_tolerance_lu <= 1.0


def test_reading_speed(project):
    timing = project.look.timing
    assert timing.cps_max <= 17.0
    assert timing.cps <= 15.0
    assert timing.min_event_s >= 0.834  # 5/6 s


def test_caption_size_contrast_and_lines(project):
    assert project.look.caption.size >= 56
    assert project.preset.captions.min_contrast >= 4.5
    assert project.preset.captions.max_lines <= 2
    assert project.preset.captions.max_chars_per_line <= (42 if project.preset.canvas.width > project.preset.canvas.height else 32)


def test_safe_zones_keep_the_platforms_buttons_clear(project):
    c, z = project.preset.canvas, project.preset.safe_zone
    top, bottom, left, right = SAFE_PX[project.preset.name]
    assert round(z.top * c.height) >= top
    assert round(z.bottom * c.height) >= bottom
    assert round(z.left * c.width) >= left
    assert round(z.right * c.width) >= right


def test_flashes(project):
    qa = project.preset.qa
    assert qa.max_flashes_per_s <= 3
    assert qa.flash_area <= 0.25
    if project.preset.canvas.width > project.preset.canvas.height:
        assert qa.viewing_distance_cm == 0.0  # landscape: the screen rule, 25 % together
    else:  # a phone at 30 cm, its 6.9 cm wide picture, WCAG's 0.006 sr within a 10° field
        assert qa.viewing_distance_cm <= 30.0 and qa.picture_width_cm >= 6.9
        assert qa.flash_field_deg == 10.0 and qa.flash_sr <= 0.006


def test_the_helpline_and_the_warning_stay_long_enough(project):
    assert project.look.endcard.duration_s >= 5.0
    assert project.preset.qa.min_endcard_s >= 5.0
    assert project.look.content_warning.duration_s >= 2.0
    assert project.preset.qa.min_warning_s >= 2.0


def test_the_default_end_card_gives_the_3020_helpline(project):
    text = " ".join(str(v) for v in project.endcard.model_dump().values() if v)
    assert "3020" in text


def test_faces_and_voices_are_anonymised_beyond_recognition(project):
    a = project.look.anonymize
    assert a.blur_scale >= 16 and a.blur_radius >= 4
    assert a.face_padding >= 0.35
    assert a.hold_s >= 0.5
    assert a.detect_rate >= 10.0
    assert a.photo_cells <= 6
    assert a.voice_pitch <= 0.82 and a.voice_formant >= 1.12
