"""The story format: beats, backgrounds, notes, front matter, and every error with its line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from studio.core.errors import StoryError
from studio.core.story import load_story, parse_story

LEA = """---
title: Léa, 14 ans
lang: fr
music: media/calm.mp3
consent: {given: true, by: "Léa et sa mère", date: 2026-05-12}
---

Avant la première image.

![Le couloir du collège](media/couloir.jpg)

Au collège, tout a commencé par un surnom.

Puis les messages sont arrivés.
Chaque soir.
<!-- note de l'éditrice : vérifier le prénom -->

![](media/telephone.mp4)

J'avais peur d'ouvrir mon téléphone.
"""


def test_beats_backgrounds_and_notes(tmp_path):
    story = parse_story(LEA, tmp_path / "lea.md")
    assert [b.text for b in story.beats] == [
        "Avant la première image.",
        "Au collège, tout a commencé par un surnom.",
        "Puis les messages sont arrivés. Chaque soir.",
        "J'avais peur d'ouvrir mon téléphone.",
    ]
    assert [b.line for b in story.beats] == [8, 12, 14, 20]
    assert story.beats[0].background is None
    assert story.beats[1].background.path == (tmp_path / "media/couloir.jpg")
    assert story.beats[1].background.alt == "Le couloir du collège"
    assert story.beats[2].background is story.beats[1].background
    assert story.beats[3].background.path.name == "telephone.mp4"
    assert story.title == "Léa, 14 ans"
    assert story.meta.consent.given and story.meta.consent.by == "Léa et sa mère"
    assert story.meta_lines["music"] == 4


def test_no_front_matter_title_from_file_name(tmp_path):
    story = parse_story("Un seul beat.\n", tmp_path / "samir.md")
    assert story.title == "samir" and story.meta.lang == "fr"


@pytest.mark.parametrize("target, name, start, end, fit", [
    ("media/a b.jpg", "a b.jpg", None, None, "cover"),
    ("<media/a b.mp4>#t=3,8", "a b.mp4", 3.0, 8.0, "cover"),
    ("clip.mp4#t=2.5", "clip.mp4", 2.5, None, "cover"),
    ("clip.mp4#t=1,4&fit=blur", "clip.mp4", 1.0, 4.0, "blur"),
    ('photo.jpg "a title"', "photo.jpg", None, None, "cover"),
    ("l'été « 1 ».jpg", "l'été « 1 ».jpg", None, None, "cover"),
])
def test_image_line_syntax(tmp_path, target, name, start, end, fit):
    story = parse_story(f"![x]({target})\n\nTexte.\n", tmp_path / "s.md")
    bg = story.beats[0].background
    assert (bg.path.name, bg.trim_start, bg.trim_end, bg.fit) == (name, start, end, fit)


def test_inline_comment_and_multiline_comment_keep_line_numbers(tmp_path):
    story = parse_story("A <!-- x --> b\n<!--\nlong\nnote\n-->\nc\n\nD\n", tmp_path / "s.md")
    assert [(b.text, b.line) for b in story.beats] == [("A b c", 1), ("D", 8)]


def test_endcard_shortcut_and_presets_string(tmp_path):
    story = parse_story("---\nendcard: 3018\npresets: square\n---\nx\n", tmp_path / "s.md")
    assert story.meta.endcard == {"variant": "3018"} and story.meta.presets == ("square",)


def _error(text: str | bytes, name: str = "s.md") -> StoryError:
    with pytest.raises(StoryError) as info:
        parse_story(text, Path("/stories") / name)
    return info.value


@pytest.mark.parametrize("text, line, words", [
    ("---\ntitle: x\n", 1, "never closed"),
    ("---\ntitle: \"unclosed\n---\nx\n", 2, "YAML"),
    ("---\ntitle: x\ntitel: y\n---\nx\n", 3, "did you mean 'title'"),
    ("---\nlang: français\n---\nx\n", 2, "lang"),
    ("---\nconsent: yes please\n---\nx\n", 2, "consent"),
    ("---\ntitle: x\n---\n<!-- only a note -->\n", 4, "no text"),
    ("", 1, "no text"),
    ("Texte.\n\n![x](clip.mp4#t=8,3)\n", 3, "ends before it starts"),
    ("Texte.\n![x](clip.mp4#fit=stretch)\n", 2, "unknown fit"),
    ("Texte.\n\n<!-- never closed\n", 3, "never closed"),
    ("Texte.\n\nA\x07B\n", 3, "control character"),
])
def test_errors_name_file_and_line(text, line, words):
    e = _error(text)
    assert e.file == "/stories/s.md" and e.line == line
    assert words in str(e)


def test_non_utf8_names_the_line():
    e = _error("Première ligne\n\nLéa a été harcelée.\n".encode("latin-1"))
    assert e.line == 1 and "UTF-8" in str(e) and e.hint


def test_non_utf8_later_line():
    e = _error("ok\n\nok\nLéa\n".encode("latin-1"))
    assert e.line == 4


def test_random_bytes_are_not_a_story():
    e = _error(random.Random(1).randbytes(4000), "noise.md")
    assert e.message == "this is not a text file (it contains binary data)" and e.line >= 1
    assert e.hint == "a story is a UTF-8 Markdown text file" and e.file.endswith("noise.md")


def test_missing_story_file(tmp_path):
    with pytest.raises(StoryError, match="not found"):
        load_story(tmp_path / "absent.md")
