"""Presets, brand kits and the look's merge order: defaults < preset < brand < story < job."""

from __future__ import annotations

import pytest

from studio.core.catalog import Catalog
from studio.core.errors import PresetError, StoryError
from studio.core.project import build_project, load_project
from studio.core.story import parse_story

PRESETS = ["feed45", "landscape", "preview", "reels", "shorts", "square", "tiktok"]


def test_shipped_presets_load_and_hold_the_standards():
    c = Catalog()
    assert sorted(c.preset_entries()) == PRESETS
    for name in PRESETS:
        p = c.preset(name)
        assert p.audio.sample_rate == 48000 and p.audio.channels == 2
        x0, y0, x1, y1 = p.safe_zone.box(p.canvas.width, p.canvas.height)
        assert 0 < x0 < x1 < p.canvas.width and 0 < y0 < y1 < p.canvas.height
    tiktok = c.preset("tiktok")
    assert (tiktok.canvas.width, tiktok.canvas.height, tiktok.canvas.fps) == (1080, 1920, 30)
    # STANDARDS §2: the box x 90..900, y 270..1248 clears every platform
    assert tiktok.safe_zone.box(1080, 1920) == (90, 270, 900, 1248)
    # a closed GOP of half the frame rate on every preset (tests/integration/test_gop.py reads it back)
    assert all(c.preset(n).video.keyframe_s == 0.5 for n in ("tiktok", "reels", "shorts", "square", "feed45", "landscape"))
    assert c.preset("shorts").canvas == tiktok.canvas
    assert (c.preset("landscape").canvas.width, c.preset("landscape").captions.max_chars_per_line) == (1920, 42)


def test_brand_kit_has_both_helplines():
    kit = Catalog().brand("createkindness-fr")
    assert kit.endcard.default == "3020"
    assert {"3020", "3018"} <= set(kit.endcard.variants)
    assert kit.logo.is_file()


def _story(tmp_path, front: str = ""):
    return parse_story(f"---\ntitle: t\n{front}---\nUn beat.\n", tmp_path / "s.md")


def test_merge_order(tmp_path):
    c = Catalog()
    preset, brand = c.preset("tiktok"), c.brand("createkindness-fr")
    defaults = {"hashtag": "#Default", "endcard": {"duration_s": 6.0}}
    base = c.defaults()["look"]
    # each layer overrides the one before it, key by key
    preset = preset.model_copy(update={"look": {"hashtag": "#Preset", "endcard": {"variant": "3018"}}})
    p = build_project(_story(tmp_path), preset, brand, base | defaults, {})
    assert p.look.hashtag == "#Preset" and p.endcard.number == "3018" and p.look.endcard.duration_s == 6.0
    brand = brand.model_copy(update={"look": {"hashtag": "#Brand"}})
    assert build_project(_story(tmp_path), preset, brand, base, {}).look.hashtag == "#Brand"
    story = _story(tmp_path, "hashtag: '#Story'\nendcard: {variant: '3020', duration_s: 7}\n")
    p = build_project(story, preset, brand, base, {})
    assert (p.look.hashtag, p.endcard.number, p.look.endcard.duration_s) == ("#Story", "3020", 7.0)
    p = build_project(story, preset, brand, base, {"endcard": {"variant": "3018"}})
    assert (p.endcard.number, p.look.endcard.duration_s) == ("3018", 7.0)  # job wins, other keys stay


def test_endcard_field_override_and_minimum(tmp_path):
    p = load_project(_story(tmp_path, "endcard: {number: '3114', body: 'Appelle le 3114.'}\n"), "tiktok")
    assert p.endcard.number == "3114" and p.endcard.headline.startswith("Harcèlement")
    with pytest.raises(StoryError) as e:
        load_project(_story(tmp_path, "endcard: {duration_s: 3}\n"), "tiktok")
    assert e.value.line == 3 and "endcard.duration_s" in str(e.value)


def test_story_errors_point_at_the_story(tmp_path):
    with pytest.raises(StoryError) as e:
        load_project(_story(tmp_path, "endcard: {variant: '3019'}\n"), "tiktok")
    assert e.value.line == 3 and "did you mean" in e.value.hint
    with pytest.raises(StoryError) as e:
        load_project(_story(tmp_path, "endcard: {numbr: '1'}\n"), "tiktok")
    assert "did you mean 'number'" in e.value.hint


def test_unknown_preset_and_brand(tmp_path):
    with pytest.raises(PresetError, match="unknown preset 'tiktk'") as e:
        load_project(_story(tmp_path), "tiktk")
    assert e.value.hint == "did you mean 'tiktok'?"
    with pytest.raises(PresetError, match="unknown brand kit"):
        load_project(_story(tmp_path, "brand: nope\n"), "tiktok")


def test_user_presets_override_and_extend(tmp_path, monkeypatch):
    user = tmp_path / "user"
    (user / "presets").mkdir(parents=True)
    (user / "presets" / "tiktok.toml").write_text('extends = "tiktok"\ndescription = "mine"\n[video]\ncrf = 23\n')
    (user / "presets" / "story720.toml").write_text(
        'extends = "tiktok"\ndescription = "720p"\n[canvas]\nwidth = 720\nheight = 1280\nfps = 25\n')
    c = Catalog(user=user)
    entries = c.preset_entries()
    assert entries["tiktok"].origin == "user" and entries["square"].origin == "built-in"
    assert (c.preset("tiktok").video.crf, c.preset("tiktok").canvas.height) == (23, 1920)
    assert c.preset("square").video.crf == 23  # shipped presets built on tiktok see the user's tiktok
    assert (c.preset("story720").canvas.width, c.preset("story720").canvas.fps) == (720, 25)


def test_invalid_user_preset_names_file_and_field(tmp_path):
    user = tmp_path / "user"
    (user / "presets").mkdir(parents=True)
    bad = user / "presets" / "bad.toml"
    bad.write_text('extends = "tiktok"\ndescription = "x"\n[canvas]\nwidht = 720\n')
    with pytest.raises(PresetError) as e:
        Catalog(user=user).preset("bad")
    assert e.value.file == str(bad) and e.value.field == "canvas.widht" and "width" in e.value.hint
    bad.write_text('description = "x\n')
    with pytest.raises(PresetError, match="not valid TOML"):
        Catalog(user=user).preset("bad")
