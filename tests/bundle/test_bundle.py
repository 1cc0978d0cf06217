"""The frozen app runs on its own: CLI, render, check, desktop app, licence files (`make app-test`)."""

from __future__ import annotations

import json
import re
import stat
import subprocess
from pathlib import Path

import av
import pytest

pytestmark = pytest.mark.timeout(1800)  # the first test pays for the build (a few minutes)

STORY = "lea.md"


def run(bundle: Path, program: str, *args: str, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([str(bundle / program), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=env["HOME"])
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    return done


def test_cli_version(bundle, clean_env):
    done = run(bundle, "studio-cli", "--version", env=clean_env)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"studio \d+\.\d+\.\d+\n", done.stdout)
    assert done.stderr == ""


def test_render_an_example_with_the_preview_preset_then_check_it(bundle, clean_env, tmp_path):
    out = tmp_path / "rendus avec espaces"
    done = run(bundle, "studio-cli", "render", str(bundle / "examples" / "stories" / STORY), "--preset", "preview",
               "--out", str(out), "--json", env=clean_env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    video = out / "lea.preview.mp4"
    assert Path(json.loads(done.stdout.splitlines()[-1])["video"]) == video
    with av.open(str(video)) as box:  # probed by PyAV from the test's venv, not by the bundle
        v, a = box.streams.video[0], box.streams.audio[0]
        assert (v.codec_context.name, v.width, v.height) == ("h264", 540, 960)
        assert a.codec_context.name == "aac"
        assert box.duration / 1e6 > 10
        frame = next(box.decode(video=0)).to_ndarray(format="rgb24")
        assert frame.std() > 5  # a picture, not a blank frame

    checked = run(bundle, "studio-cli", "check", str(video), "--preset", "preview", "--json", env=clean_env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    verdict = json.loads(checked.stdout)
    assert verdict["verdict"].startswith("publishable"), verdict
    assert not list(Path(clean_env["HOME"]).rglob("*.part"))


def test_desktop_app_opens_a_story_and_quits(bundle, clean_env, source):
    done = run(bundle, "kindness-studio", "--smoke-test", str(bundle / "examples" / "stories" / STORY),
               env=clean_env, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "ready"


def test_desktop_app_plays_a_story_to_the_end_three_times_with_sound(bundle, clean_env, tmp_path):
    """The soak of the frozen app: Léa's story played from start to end three times in a row, with
    sound (a null sink), and the app stays up (an abort such as "none_dealloc" ends it with -6)."""
    from tests.null_sink import null_sink
    with null_sink(tmp_path / "pulse") as sound:
        done = run(bundle, "kindness-studio", "--smoke-test", str(bundle / "examples" / "stories" / STORY), "--play", "3",
                   env={**clean_env, **sound}, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    played = [line.split() for line in done.stdout.splitlines() if line.startswith("played ")]
    assert [p[1] for p in played] == ["1", "2", "3"], done.stdout
    for p in played:
        facts = dict(f.split("=") for f in p[2:])
        assert int(facts["frames"]) > 600 and facts["sound"] == "yes", p  # ~42 s at 30 fps, frames may skip
    assert done.stdout.strip().splitlines()[-1] == "ready"


def test_bundled_ffmpeg_is_executable_and_studio_ffmpeg_overrides_it(bundle, clean_env, tmp_path):
    (ffmpeg,) = (bundle / "_internal" / "imageio_ffmpeg" / "binaries").glob("ffmpeg-*")
    assert ffmpeg.stat().st_mode & stat.S_IXUSR
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "my ffmpeg"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{ffmpeg}" "$@"\n')
    wrapper.chmod(0o755)
    done = run(bundle, "studio-cli", "render", str(bundle / "examples" / "stories" / STORY), "--preset", "preview",
               "--out", str(tmp_path / "out"), env={**clean_env, "STUDIO_FFMPEG": str(wrapper)})
    assert done.returncode == 0, done.stderr
    assert "lea.preview.mp4" in log.read_text()


def test_licence_files_are_in_the_built_folder(bundle):
    for name in ("LICENSE.txt", "THIRD_PARTY_NOTICES.txt", "SOURCE_OFFER.txt"):
        assert (bundle / name).stat().st_size > 500, name
    assert "GNU GENERAL PUBLIC LICENSE\n                       Version 3" in (bundle / "licenses" / "GPL-3.0.txt").read_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3" in (bundle / "licenses" / "LGPL-3.0.txt").read_text()
    assert "Version 2.1, February 1999" in (bundle / "licenses" / "LGPL-2.1.txt").read_text()
    assert "MIT License" in (bundle / "LICENSE.txt").read_text()
    notices = (bundle / "THIRD_PARTY_NOTICES.txt").read_text()
    for component in ("FFmpeg", "x264", "Qt", "PySide6", "shiboken6", "opencv-python-headless",
                      "numpy", "pillow", "imageio-ffmpeg", "Inter", "Noto Color Emoji", "Python runtime"):
        assert re.search(rf"^{re.escape(component)}", notices, re.M | re.I), component
    assert "GPL-3.0" in notices and "LGPL-3.0" in notices
    offer = (bundle / "SOURCE_OFFER.txt").read_text()
    assert "ffmpeg.org" in offer and "download.qt.io" in offer
    fonts = bundle / "_internal" / "assets" / "fonts"
    assert "Open Font License" in (fonts / "Inter-LICENSE.txt").read_text()
    assert "Open Font License" in (fonts / "NotoColorEmoji-LICENSE.txt").read_text()


def test_trimmed_no_dask_and_only_french_and_english_qt_translations(bundle):
    internal = bundle / "_internal"
    assert not list(internal.glob("dask*")) and not list(internal.glob("distributed*"))
    assert "dask" not in (bundle / "THIRD_PARTY_NOTICES.txt").read_text().lower()
    qms = list((internal / "PySide6" / "Qt" / "translations").glob("*.qm"))
    assert qms and all(q.stem.endswith(("_fr", "_en")) for q in qms)
    assert not (internal / "PySide6" / "Qt" / "qml").exists()
    assert (internal / "presets" / "preview.toml").exists() and (internal / "assets" / "brands").is_dir()
    assert (bundle / "examples" / "stories" / "media").is_dir()


def test_one_ffmpeg_program_and_within_the_size_budget(bundle):
    """No PyAV and no Qt Multimedia backend (each would add an FFmpeg copy: 106 and 37 MB); the
    folder stays under the 650 MB budget (MB = 10^6 bytes of file contents)."""
    internal = bundle / "_internal"
    assert not list(internal.glob("av")) and not list(internal.glob("av.libs"))
    assert not (internal / "PySide6" / "Qt" / "plugins" / "multimedia").exists()
    assert not list((internal / "PySide6" / "Qt" / "lib").glob("libav*"))
    assert not list((internal / "PySide6" / "Qt" / "lib").glob("libQt6Quick*"))
    files = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]
    assert sum(f.stat().st_size for f in files) < 650e6

