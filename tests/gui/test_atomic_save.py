"""Saving is atomic, checked directly (as root too, where permissions cannot make a write fail):
the saved story is a new file put in place of the old one, and a write that fails half-way (the
file size limit reached, as on a full disk) leaves the old bytes whole."""

from __future__ import annotations

import resource
import signal

import pytest

from studio.core.errors import StoryError
from studio.gui.document import StoryDocument


@pytest.fixture
def document(qapp, tmp_path):
    story = tmp_path / "histoire.md"
    story.write_text("---\ntitle: Avant\n---\n\nLe texte enregistré.\n", encoding="utf-8")
    doc = StoryDocument()
    doc.load(story)
    yield doc, story
    doc.stop()
    doc.deleteLater()


def test_the_saved_story_is_a_new_file_in_place_of_the_old(document):
    doc, story = document
    before = story.stat().st_ino
    doc.apply_text(doc.text() + "\nUne phrase de plus.\n")
    doc.save()
    assert story.stat().st_ino != before
    assert "Une phrase de plus." in story.read_text("utf-8")


def test_a_write_that_fails_half_way_leaves_the_old_bytes(document):
    doc, story = document
    old = story.read_bytes()
    doc.apply_text(doc.text() + "\n" + "Une très longue phrase. " * 400 + "\n")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(old) + 512, hard))
    try:
        with pytest.raises(StoryError) as raised:
            doc.save()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert story.read_bytes() == old
    assert "histoire.md" in str(raised.value.file)
    assert doc.modified
    assert [p.name for p in story.parent.iterdir()] == ["histoire.md"]  # no half-written copy left
