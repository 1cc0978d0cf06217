"""Rules that live in one place and are read from there by every part that needs them: the front
matter's fences (the story loader and the studio's key-by-key editor), and what makes a story a
draft (the render's watermark, the preview, the QA)."""

from __future__ import annotations

from studio.core.story import FrontMatter, front_matter_end, load_story
from studio.session import frontmatter_text

TEXT = "---\ntitle: Fermée par trois points\nconsent: {given: true}\n...\n\nUn beat.\n"


def test_the_story_loader_and_the_studio_read_the_same_front_matter(tmp_path):
    story = tmp_path / "s.md"
    story.write_text(TEXT, encoding="utf-8")
    loaded = load_story(story)
    block = frontmatter_text.read(TEXT)
    assert front_matter_end(TEXT.split("\n")) == block.end == 3
    assert loaded.meta.title == block.values["title"] == "Fermée par trois points"
    assert [b.text for b in loaded.beats] == ["Un beat."]
    assert front_matter_end(["---", "title: T"]) == -1 and frontmatter_text.read("---\ntitle: T").error
    assert front_matter_end(["Un beat."]) is None and frontmatter_text.read("Un beat.").start == -1


def test_a_story_without_recorded_consent_is_a_draft():
    assert FrontMatter().is_draft
    assert FrontMatter(consent={"given": False, "by": "Zoé"}).is_draft
    assert not FrontMatter(consent={"given": True}).is_draft
