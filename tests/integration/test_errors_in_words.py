"""Faults that used to end in "internal error … this is a bug" or a misleading message: each now
names the file and says what to do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import imageio_ffmpeg
import pytest

from studio.batch.manifest import ManifestError, load_manifest

ROOT = Path(__file__).resolve().parents[2]


def studio(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studio", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})


def no_bug(text: str) -> None:
    assert "bug" not in text and "internal error" not in text and "unexpected error" not in text \
        and "Traceback" not in text, text


def lavfi(out: Path, *args: str) -> Path:
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", *args, str(out)], check=True, timeout=60)
    return out


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (a private mount of a tiny tmpfs)")
def test_a_full_disk_while_the_qa_report_is_written(tmp_path):
    video = lavfi(tmp_path / "v.mp4", "-f", "lavfi", "-i", "testsrc2=s=108x192:r=15:d=1", "-c:v", "libx264",
                  "-pix_fmt", "yuv420p")
    full = tmp_path / "full"
    full.mkdir()
    # a private mount namespace (no root needed): a 256 KB tmpfs filled to the last byte
    script = (f"mount -t tmpfs -o size=256k tmpfs {full} && (dd if=/dev/zero of={full}/fill bs=64k 2>/dev/null; true)"
              f" && exec {sys.executable} -m studio check {video} --preset tiktok --report {full}")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("user namespaces are not available here")
    run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    no_bug(run.stderr)
    assert run.returncode == 2, run.stderr
    assert "v.qa.json" in run.stderr and "the QA report" in run.stderr and "no space left" in run.stderr.lower()
    assert "free some space" in run.stderr


@pytest.mark.parametrize("name,problem", [('"a\\u0000b"', "NUL"), ('"a\\nb"', "line break"),
                                          ('"' + "x" * 300 + '"', "bytes long")], ids=["nul", "newline", "long"])
def test_a_manifest_name_that_cannot_name_a_file(tmp_path, name, problem):
    (tmp_path / "s.md").write_text("Un beat.\n", encoding="utf-8")
    m = tmp_path / "m.toml"
    m.write_text(f'stories = ["s.md"]\npresets = ["tiktok"]\nname = {name}\n', encoding="utf-8")
    with pytest.raises(ManifestError) as e:
        load_manifest(m)
    assert e.value.line == 3 and e.value.field == "name" and problem in e.value.message, e.value
    assert e.value.hint


def test_a_story_file_name_with_a_line_break(tmp_path, tiny_preset):
    story = tmp_path / "deux\nlignes.md"
    story.write_text("Un beat.\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    run = studio("render", str(story), "--preset", tiny_preset, "--out", str(out), cwd=tmp_path)
    assert time.monotonic() - started < 10  # refused before rendering
    no_bug(run.stderr)
    assert run.returncode == 2 and "line break" in run.stderr and "rename the story file" in run.stderr, run.stderr
    assert not out.exists() or not os.listdir(out)
    m = tmp_path / "m.toml"
    m.write_text(f'stories = ["*.md"]\npresets = ["{tiny_preset}"]\nout = "out"\n', encoding="utf-8")
    run = studio("batch", str(m), "--json", cwd=tmp_path)
    failed = [e for e in map(json.loads, run.stdout.splitlines()) if e["event"] == "failed"]
    assert len(failed) == 1 and "line break" in failed[0]["error"]["message"], run.stdout
    assert failed[0]["error"]["file"] == str(story)


def test_a_sound_named_as_a_picture_says_an_audio_file(tmp_path):
    lavfi(tmp_path / "son.jpg", "-f", "lavfi", "-i", "sine=d=1", "-f", "wav")  # a sound, named as a picture
    (tmp_path / "s.md").write_text("![fond](son.jpg)\n\nUn beat.\n", encoding="utf-8")
    run = studio("validate", "s.md", "--preset", "preview", cwd=tmp_path)
    assert run.returncode == 2 and "son.jpg: a sound file (expected a picture or a video)" in run.stderr, run.stderr


def test_tls_without_certificates_is_refused_at_once(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "s.md").write_text("Un beat.\n", encoding="utf-8")
    m = tmp_path / "m.toml"
    m.write_text('stories = ["s.md"]\npresets = ["preview"]\n', encoding="utf-8")
    started = time.monotonic()
    run = studio("batch", str(m), "--cluster", "tls://127.0.0.1:9", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 15
    no_bug(run.stderr)
    assert run.returncode != 0 and "no TLS certificates" in run.stderr and "DASK_DISTRIBUTED__COMM__TLS" in run.stderr


def test_bytes_mode_never_writes_outside_the_output_folder(tmp_path):
    pytest.importorskip("distributed")
    from studio.batch.dask_backend import DaskBackend
    from studio.batch.jobs import Job, JobFailed

    backend = object.__new__(DaskBackend)  # no cluster needed: the client-side delivery alone
    out = tmp_path / "out"
    job = Job(tmp_path / "s.md", "preview", out)
    for evil in ("../evil.mp4", "/tmp/evil.mp4", "..", "sub/x.mp4", "a\0b"):
        with pytest.raises(JobFailed) as e:
            backend._deliver(job, None, {"s.preview.mp4": b"ok", evil: b"evil"})
        assert "outside the output folder" in e.value.message
    assert not (tmp_path / "evil.mp4").exists() and not out.exists()
