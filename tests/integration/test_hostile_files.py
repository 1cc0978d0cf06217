"""Hostile files named by a story: a FIFO, /dev/zero, a folder. Each is refused at once, by every
shell (validate, render, batch, the engine under the studio's render queue), with an error naming
the story's line and the file; nothing hangs, nothing is read, nothing is written."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from studio.batch import BatchEngine, Job

ROOT = Path(__file__).resolve().parents[2]

# role -> (story text naming MEDIA, the line that names it, its file extension)
ROLES = {
    "picture": ("---\ntitle: T\n---\n\n![fond](MEDIA)\n\nUn beat.\n", 5, ".jpg"),
    "clip": ("---\ntitle: T\n---\n\n![fond](MEDIA)\n\nUn beat.\n", 5, ".mp4"),
    "music": ("---\ntitle: T\nmusic: MEDIA\n---\n\nUn beat.\n", 3, ".mp3"),
    "voice": ("---\ntitle: T\n---\n\n![voix](MEDIA)\nUn beat.\n", 6, ".m4a"),  # a voice: its beat's line
    "timing_srt": ("---\ntitle: T\ntiming_srt: MEDIA\n---\n\nUn beat.\n", 3, ".srt"),
}
HOSTILE = ("fifo", "zero")


def hostile_story(folder: Path, role: str, kind: str) -> tuple[Path, int, str]:
    """A story whose `role` names a FIFO or /dev/zero (through a link with the role's extension)."""
    body, line, ext = ROLES[role]
    media = folder / "media"
    media.mkdir(exist_ok=True)
    target = media / f"{role}-{kind}{ext}"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    story = folder / f"{role}-{kind}.md"
    story.write_text(body.replace("MEDIA", f"media/{target.name}"), encoding="utf-8")
    return story, line, target.name if kind == "fifo" else "/dev/zero"  # a link is named by its target


@pytest.fixture
def hostile(tmp_path) -> list[tuple[Path, int, str]]:
    return [hostile_story(tmp_path, role, kind) for role in ROLES for kind in HOSTILE]


def studio(*args: str, cwd: Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    run = subprocess.run([os.sys.executable, "-m", "studio", *args], cwd=cwd, capture_output=True, text=True,
                         timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return run, time.monotonic() - started


def assert_refused(stderr: str, story: Path, line: int, name: str) -> None:
    block = [b for b in stderr.split("error: ") if f"{story.name}:{line}" in b]
    assert block, f"{story.name}:{line} not named in:\n{stderr}"
    assert name in block[0] and "hint" in block[0], block[0]
    assert "not a regular file" in block[0], block[0]


@pytest.mark.parametrize("command", ["validate", "render"])
def test_validate_and_render_refuse_fifos_and_devices_at_once(tmp_path, hostile, command):
    out = tmp_path / "out"
    extra = ["--out", str(out)] if command == "render" else []
    run, took = studio(command, *(str(s) for s, _, _ in hostile), "--preset", "preview", *extra, cwd=tmp_path,
                       timeout=30)
    assert run.returncode == 2, run.stderr
    assert "bug" not in run.stderr and "Traceback" not in run.stderr
    for story, line, name in hostile:
        assert_refused(run.stderr, story, line, name)
    # ten stories in one process, its start-up included: far under 2 s a story
    assert took < 2 + 0.5 * len(hostile), took
    assert not out.exists() or os.listdir(out) == []


def test_batch_refuses_fifos_and_devices_at_once(tmp_path, hostile):
    manifest = tmp_path / "m.toml"
    manifest.write_text('stories = ["*.md"]\npresets = ["preview"]\nout = "out"\n', encoding="utf-8")
    run, took = studio("batch", str(manifest), "--json", cwd=tmp_path, timeout=30)
    assert run.returncode == 1, run.stderr
    failed = {Path(e["story"]).name: e for e in map(json.loads, run.stdout.splitlines()) if e["event"] == "failed"}
    assert sorted(failed) == sorted(s.name for s, _, _ in hostile)
    for story, line, name in hostile:
        err = failed[story.name]["error"]
        assert err["line"] == line and name in err["message"] and "not a regular file" in err["message"], err
        assert "bug" not in (err["hint"] or "")
        assert failed[story.name]["elapsed_s"] < 2
    assert took < 2 + 0.5 * len(hostile), took
    assert sorted(os.listdir(tmp_path / "out")) == ["m.batch.json"]


def test_the_engine_of_the_render_queue_refuses_them_within_2_s(tmp_path, hostile):
    engine = BatchEngine(workers=2)
    ended = []
    engine.subscribe(lambda e: e.ended and ended.append(e))
    try:
        engine.submit([Job(s, "preview", tmp_path / "out") for s, _, _ in hostile])
        assert engine.wait(2 * len(hostile))
    finally:
        engine.shutdown()
    assert [e.kind for e in ended] == ["failed"] * len(hostile)
    for e in ended:
        assert e.elapsed_s < 2 and "not a regular file" in e.error.message and "bug" not in str(e.error)


def test_a_folder_given_as_media_says_so(tmp_path):
    (tmp_path / "media" / "photos").mkdir(parents=True)
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\n---\n\n![fond](media/photos)\n\nUn beat.\n", encoding="utf-8")
    manifest = tmp_path / "m.toml"
    manifest.write_text('stories = ["s.md"]\npresets = ["preview"]\nout = "out"\n', encoding="utf-8")
    run, _ = studio("batch", str(manifest), "--json", cwd=tmp_path, timeout=60)
    failed = [e for e in map(json.loads, run.stdout.splitlines()) if e["event"] == "failed"]
    assert len(failed) == 1, run.stdout + run.stderr
    err = failed[0]["error"]
    assert err["error"] == "MediaError" and err["line"] == 5, err
    assert "photos is a folder" in err["message"] and "bug" not in (err["hint"] or ""), err


def test_a_story_that_is_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "story.md")
    run, took = studio("validate", "story.md", cwd=tmp_path, timeout=30)
    assert run.returncode == 2 and "story.md" in run.stderr and "not a regular file" in run.stderr, run.stderr
    assert took < 5
