"""The pure text helpers behind the form and the drops: a key rewritten keeps every other line
(comments included); a dropped file becomes the right line."""

from __future__ import annotations

from studio.core.story import parse_story
from studio.session import frontmatter_text as fm
from studio.session import media_drop

STORY = """---
title: Léa  # the name she chose
lang: fr
presets:
  - tiktok
  - square
---

Premier paragraphe.

<!-- une note -->
Deuxième paragraphe.
"""


def test_set_key_rewrites_only_that_key():
    out = fm.set_key(STORY, "presets", ["reels"])
    assert out == STORY.replace("presets:\n  - tiktok\n  - square\n", "presets: [reels]\n")
    out = fm.set_key(STORY, "title", "Léa: 15 ans")
    assert out.splitlines()[1] == "title: 'Léa: 15 ans'  # the name she chose"
    assert parse_story(out).meta.title == "Léa: 15 ans"
    out = fm.set_key(STORY, "music", "media/a b.mp3")
    assert out.splitlines()[6] == "music: media/a b.mp3" and out.endswith("Deuxième paragraphe.\n")
    assert fm.set_key(out, "music", None) == STORY


def test_set_key_adds_a_front_matter_when_there_is_none():
    out = fm.set_key("Un paragraphe.\n", "title", "Titre")
    assert parse_story(out).meta.title == "Titre" and out.endswith("Un paragraphe.\n")


def test_unreadable_front_matter_is_reported_not_rewritten():
    broken = "---\ntitle: [oops\n---\n\nTexte.\n"
    assert fm.read(broken).error
    assert fm.read("---\ntitle: x\n\nTexte.\n").error  # never closed
    assert fm.set_key("---\ntitle: x\n\nTexte.\n", "lang", "en") == "---\ntitle: x\n\nTexte.\n"


def test_dropped_picture_sound_and_voice(tmp_path):
    story = tmp_path / "s.md"
    (tmp_path / "media").mkdir()
    text = "---\nlang: fr\n---\n\nUn.\n\nDeux, ligne un\net ligne deux.\n"
    pic = tmp_path / "media" / "photo 1.jpg"
    out = media_drop.insert(text, 8, tmp_path, pic)  # dropped inside the second paragraph
    assert out.split("\n")[6:9] == ["![photo 1](<media/photo 1.jpg>)", "", "Deux, ligne un"]
    sound = tmp_path / "media" / "calme.mp3"
    out = media_drop.insert(text, 5, tmp_path, sound)
    assert parse_story(out, story).meta.music == "media/calme.mp3"
    voice = tmp_path / "media" / "voix.m4a"
    out = media_drop.insert(out, 7, tmp_path, voice)  # music set: the next beat's voice
    beats = parse_story(out, story).beats
    assert beats[1].voice == voice.resolve() and beats[0].voice is None


def test_copy_into_media_never_overwrites(tmp_path):
    outside = tmp_path / "out"
    outside.mkdir()
    a = outside / "x.jpg"
    a.write_bytes(b"one")
    first = media_drop.copy_into_media(tmp_path / "story", a) if (tmp_path / "story").mkdir() is None else None
    a.write_bytes(b"two")
    second = media_drop.copy_into_media(tmp_path / "story", a)
    assert first.name == "x.jpg" and second.name == "x-2.jpg"
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"
    assert media_drop.copy_into_media(tmp_path / "story", a) == second  # same file: reused
