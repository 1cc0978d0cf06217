"""What makes a batch job out of date: its inputs' content, not their paths; a big clip whose
size and modification time are unchanged is not hashed again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import studio.batch.fingerprint as fpm
from studio.batch import Job
from studio.batch.fingerprint import fingerprint, write_stamp
from studio.core.project import load_project


@pytest.fixture
def story(tmp_path) -> Path:
    (tmp_path / "clip.mp4").write_bytes(b"\0" * 4096)
    path = tmp_path / "s.md"
    path.write_text("---\ntitle: T\n---\n\n![clip](clip.mp4)\n\nUn beat.\n", encoding="utf-8")
    return path


def digest(story: Path, job: Job | None = None, **kw) -> str:
    job = job or Job(story, "tiktok", story.parent / "out", **kw)
    return fingerprint(load_project(story, job.preset, brand=job.brand, overrides=job.overrides()), job).digest


def test_every_input_counts(story, tmp_path):
    base = digest(story)
    assert digest(story) == base
    assert digest(story, endcard="3018") != base
    assert digest(story, Job(story, "reels", tmp_path / "out")) != base
    story.write_text(story.read_text("utf-8").replace("Un beat", "Un autre beat"), encoding="utf-8")
    edited = digest(story)
    assert edited != base
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\1" * 4097)
    assert digest(story) != edited


def test_a_moved_campaign_stays_up_to_date(story, tmp_path):
    base = digest(story)
    moved = tmp_path / "moved"
    moved.mkdir()
    for f in ("s.md", "clip.mp4"):
        os.replace(tmp_path / f, moved / f)
    assert digest(moved / "s.md") == base


def test_unchanged_size_and_time_is_not_hashed_again(story, tmp_path, monkeypatch):
    job = Job(story, "tiktok", tmp_path / "out")
    project = load_project(story, "tiktok")
    first = fingerprint(project, job)
    (tmp_path / "out").mkdir()
    write_stamp(job, first)
    fpm._cache.clear()  # a new run: only the stamp beside the output remembers the hashes
    opened: list[str] = []
    real_hash = fpm._hash
    monkeypatch.setattr(fpm, "_hash", lambda p: (opened.append(str(p)), real_hash(p))[1])
    assert fingerprint(project, job).digest == first.digest
    assert str(tmp_path / "clip.mp4") not in opened
    clip = tmp_path / "clip.mp4"
    st = clip.stat()
    clip.write_bytes(b"\2" * 4096)  # same size, new time: hashed again
    os.utime(clip, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert fingerprint(project, job).digest != first.digest
    assert str(clip) in opened
