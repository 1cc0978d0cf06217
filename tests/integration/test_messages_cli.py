"""Error messages through the real CLI: a missing video, a missing SRT, `--out` naming a file;
each says what is wrong and what to do, without Python's "[Errno 2]" or a traceback."""

from __future__ import annotations

import os
import subprocess

from ..conftest import write_story


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "STUDIO_DEBUG": "1"})


def _clean(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 2, run.stdout + run.stderr
    assert "[Errno" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    return run.stderr


def test_a_missing_video_to_check(tmp_path, studio_cmd):
    err = _clean(_run([*studio_cmd, "check", str(tmp_path / "absent.mp4")]))
    assert "absent.mp4: video file not found" in err and "hint" in err


def test_a_missing_timing_srt(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: t\ntiming_srt: sous-titres.srt\n---\n\nUn beat.\n")
    err = _clean(_run([*studio_cmd, "validate", str(story), "-p", "preview"]))
    assert "sous-titres.srt" in err and "no such file or directory" in err


def test_out_naming_a_file(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: t\nconsent: {given: true}\n---\n\nUn beat.\n")
    afile = tmp_path / "video.mp4"
    afile.write_bytes(b"keep me")
    err = _clean(_run([*studio_cmd, "render", str(story), "-p", "preview", "--out", str(afile)]))
    assert "video.mp4: this is a file, not a folder" in err and "File exists" not in err
    assert "--out" in err and afile.read_bytes() == b"keep me"
