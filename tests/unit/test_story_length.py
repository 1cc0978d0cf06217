"""An over-long story is refused from its length, in milliseconds, before any caption is
segmented (segmentation costs about the square of a paragraph's length: 46 s for 128 KB)."""

from __future__ import annotations

import time

import pytest

from studio.core.errors import StoryError
from studio.core.project import load_project
from studio.core.story import load_story, parse_story
from studio.core.timeline import project_timeline

SENTENCE = "Au collège, tout a commencé par un surnom, puis les messages sont arrivés. "


def timed(fn):
    started = time.monotonic()
    with pytest.raises(StoryError) as e:
        fn()
    return e.value, time.monotonic() - started


def test_a_2_mb_story_file_is_refused_within_a_second(tmp_path):
    path = tmp_path / "long.md"
    path.write_text((SENTENCE * 10 + "\n\n") * 2800, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    e, took = timed(lambda: load_story(path))
    assert took < 1, took
    assert e.file == str(path) and "too large for a story" in e.message and e.hint


def test_a_2_mb_text_in_the_editor_is_refused_within_a_second(tmp_path):
    e, took = timed(lambda: parse_story((SENTENCE * 10 + "\n\n") * 2800, tmp_path / "s.md"))
    assert took < 1, took
    assert "too long for a story" in e.message


def test_a_128_kb_paragraph_is_refused_from_its_length_within_a_second(tmp_path):
    path = tmp_path / "para.md"
    path.write_text("Un beat.\n\n" + (SENTENCE * 1800)[:128_000] + "\n", encoding="utf-8")
    project = load_project(path, "tiktok")
    e, took = timed(lambda: project_timeline(project))
    assert took < 1, took
    assert e.line == 3 and "would last at least" in e.message and "600 s" in e.message, e


def test_the_render_and_validate_refuse_it_before_probing_anything(tmp_path):
    from studio.render import make_plan

    path = tmp_path / "para.md"
    path.write_text("![absent](absent.jpg)\n\n" + SENTENCE * 200 + "\n", encoding="utf-8")  # ~15 KB: 900 s
    e, took = timed(lambda: make_plan(load_project(path, "reels")))
    assert took < 1, took
    assert "would last at least" in e.message and "90 s" in e.message


def test_a_story_just_within_the_limit_still_plans(tmp_path):
    path = tmp_path / "ok.md"
    path.write_text("\n\n".join([SENTENCE] * 4) + "\n", encoding="utf-8")
    assert project_timeline(load_project(path, "reels")).duration_s < 90
