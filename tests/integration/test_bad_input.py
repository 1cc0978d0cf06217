"""Bad input through the real CLI: every user mistake exits 2 with one readable `error:` line that
names the file (and line), never a traceback, and leaves the output folder empty.

Each case runs `python -m studio render STORY --preset preview --out OUT` as a separate process,
with STUDIO_DEBUG=1 so that an unexpected exception (a bug, not a user error) would show up as a
traceback and fail the test instead of hiding behind the generic "internal error" message."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import av
import imageio_ffmpeg
import pytest

from tests.conftest import write_story

EXIT_INVALID = 2
JSON_ERROR_KEYS = {"error", "message", "file", "line", "hint"}
GOOD = "Un beat.\n"


# --- helpers -------------------------------------------------------------------------------------

def _run(cmd: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "STUDIO_DEBUG": "1"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _render(studio_cmd, story: Path | list[Path], out: Path, *extra: str, preset: str = "preview",
            timeout: float = 60) -> subprocess.CompletedProcess:
    stories = story if isinstance(story, list) else [story]
    return _run([*studio_cmd, "render", *map(str, stories), "--preset", preset, "--out", str(out), *extra],
                cwd=stories[0].parent, timeout=timeout)


def _assert_empty(out: Path) -> None:
    """No file at all (hidden `.part` and write-test files included); a missing folder is fine."""
    try:
        left = os.listdir(out)
    except FileNotFoundError:
        return
    assert left == [], f"files left in the output folder: {left}"


def _assert_invalid(run: subprocess.CompletedProcess, *names: str, line: tuple[str, int] | None = None) -> str:
    """Exit 2, an `error` line naming every one of `names`, `file:line` when given, no traceback."""
    err = run.stderr
    assert run.returncode == EXIT_INVALID, f"exit {run.returncode}\nstdout: {run.stdout}\nstderr: {err}"
    assert "Traceback" not in err, err
    assert "internal error" not in err and "unexpected error" not in err, err
    assert "error" in err, err
    for name in names:
        assert name in err, f"{name!r} not named in: {err}"
    if line:
        assert f"{line[0]}:{line[1]}" in err, f"line {line[1]} of {line[0]} not in: {err}"
    return err


@pytest.fixture(scope="module")
def real_mp4(tmp_path_factory) -> bytes:
    """A real 2 s H.264 MP4 made by the bundled ffmpeg (moov at the end: ffmpeg's default)."""
    path = tmp_path_factory.mktemp("mp4") / "real.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi",
                    "-i", "testsrc2=s=320x240:r=25:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    str(path)], check=True, capture_output=True, timeout=240)
    return path.read_bytes()


def _story_with_media(tmp_path: Path, target: str) -> Path:
    # line 1: beat, line 3: the image line, line 5: a beat over it
    return write_story(tmp_path, f"Un beat.\n\n![fond]({target})\n\nDeux.\n")


# --- 1-3: media ----------------------------------------------------------------------------------

def test_missing_media(tmp_path, studio_cmd):
    story = _story_with_media(tmp_path, "media/absent.jpg")
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    _assert_invalid(run, "story.md", "absent.jpg", line=("story.md", 3))
    _assert_empty(out)


@pytest.mark.parametrize("damage", ["random-tail", "truncated-30pct"])
def test_corrupt_video(tmp_path, studio_cmd, real_mp4, damage):
    """Both are rejected by the probe (exit 2) before ffmpeg starts: the default MP4 keeps its moov
    box at the end, so neither file has an index. (A truncated *faststart* MP4 is accepted and
    renders: see the report.)"""
    data = (real_mp4[:2048] + random.Random(1).randbytes(16_000) if damage == "random-tail"
            else real_mp4[: len(real_mp4) * 3 // 10])
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "clip.mp4").write_bytes(data)
    story = _story_with_media(tmp_path, "media/clip.mp4")
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    _assert_invalid(run, "story.md", "clip.mp4", line=("story.md", 3))
    assert "ffmpeg said" not in run.stderr  # rejected by the probe, not by a failed render
    _assert_empty(out)


def test_text_file_named_jpg(tmp_path, studio_cmd):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.jpg").write_text("ceci n'est pas une photo\n", encoding="utf-8")
    story = _story_with_media(tmp_path, "media/photo.jpg")
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", "photo.jpg", line=("story.md", 3))
    assert "not a readable picture" in err
    _assert_empty(out)


# --- 4-8: the story file itself ------------------------------------------------------------------

def test_broken_yaml_front_matter(tmp_path, studio_cmd):
    story = write_story(tmp_path, '---\ntitle: "unclosed\n---\nUn beat.\n')
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", line=("story.md", 2))
    assert "YAML" in err
    _assert_empty(out)


def test_broken_yaml_points_at_the_unclosed_quote(tmp_path, studio_cmd):
    story = write_story(tmp_path, '---\ntitle: "unclosed\nlang: fr\n---\nUn beat.\n')
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", line=("story.md", 2))
    assert "YAML" in err
    _assert_empty(out)


def test_unknown_front_matter_key(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: ok\ntitel: x\n---\nUn beat.\n")
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", "titel", line=("story.md", 3))
    assert "did you mean 'title'" in err
    _assert_empty(out)


@pytest.mark.parametrize("body", ["---\ntitle: vide\n---\n", "<!-- rien à dire -->\n", ""],
                         ids=["front-matter-only", "comment-only", "zero-bytes"])
def test_empty_story(tmp_path, studio_cmd, body):
    story = write_story(tmp_path, body)
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md")
    assert "no text" in err
    _assert_empty(out)


def test_random_bytes_story(tmp_path, studio_cmd):
    story = tmp_path / "story.md"
    story.write_bytes(random.Random(1).randbytes(4096))
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md")
    assert "not a text file" in err
    _assert_empty(out)


def test_non_utf8_story(tmp_path, studio_cmd):
    story = tmp_path / "story.md"
    story.write_bytes("---\ntitle: Temoignage\n---\n\nPremier beat.\n\nLéa a été harcelée.\n".encode("latin-1"))
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", line=("story.md", 7))
    assert "UTF-8" in err
    _assert_empty(out)


def test_non_utf8_body_line(tmp_path, studio_cmd):
    story = tmp_path / "story.md"
    story.write_bytes("Premier beat.\n\nDeuxième... non:\n".encode("utf-8")
                      + "Léa a été harcelée.\n".encode("latin-1"))
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    err = _assert_invalid(run, "story.md", line=("story.md", 4))
    assert "UTF-8" in err
    _assert_empty(out)


# --- 9, 10, 13, 14: options, output folder, front matter media -----------------------------------

def test_unknown_preset(tmp_path, studio_cmd):
    story = write_story(tmp_path, GOOD)
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out, preset="tiktk")
    err = _assert_invalid(run, "story.md", "tiktk")
    assert "did you mean 'tiktok'" in err
    _assert_empty(out)


def test_output_folder_under_a_file(tmp_path, studio_cmd):
    story = write_story(tmp_path, GOOD)
    ok = _run([*studio_cmd, "validate", str(story), "--preset", "preview"], cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr  # the story is fine: only the folder is wrong
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n", encoding="utf-8")
    out = afile / "sub"
    run = _render(studio_cmd, story, out)
    _assert_invalid(run, str(out))
    assert "output folder" in run.stderr
    # the file is untouched, no folder was made in its place, nothing was written beside it
    assert afile.is_file() and afile.read_text(encoding="utf-8") == "not a folder\n"
    assert not out.exists()
    assert sorted(os.listdir(tmp_path)) == ["afile", "story.md"]


def test_unknown_endcard_variant(tmp_path, studio_cmd):
    story = write_story(tmp_path, GOOD)
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out, "--endcard", "3019")
    err = _assert_invalid(run, "story.md", "3019")
    assert "did you mean '3018'" in err and "--endcard" in err
    _assert_empty(out)


def test_missing_music(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: Musique\nmusic: media/none.mp3\n---\nUn beat.\n")
    out = tmp_path / "out"
    run = _render(studio_cmd, story, out)
    _assert_invalid(run, "story.md", "none.mp3", line=("story.md", 3))
    _assert_empty(out)


# --- 11: a batch goes on past a broken item ------------------------------------------------------

@pytest.mark.parametrize("order", ["good-first", "bad-first"])
def test_batch_continues_past_a_broken_story(tmp_path, studio_cmd, order):
    good = write_story(tmp_path, "Un beat court.\n", name="good.md")
    bad = write_story(tmp_path, "Un beat.\n\n![x](media/absent.jpg)\n\nDeux.\n", name="bad.md")
    out = tmp_path / "out"
    stories = [good, bad] if order == "good-first" else [bad, good]
    run = _render(studio_cmd, stories, out, "--json", timeout=180)
    assert run.returncode == EXIT_INVALID, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stdout.strip().split("\n")
    assert len(lines) == 2, run.stdout
    objs = [json.loads(line) for line in lines]
    results = [o for o in objs if "video" in o]
    errors = [o for o in objs if "error" in o]
    assert len(results) == 1 and len(errors) == 1, objs
    assert Path(results[0]["story"]).name == "good.md"
    video = Path(results[0]["video"])
    assert video.is_file() and video.parent == out.resolve()
    with av.open(str(video)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.width == 540
    e = errors[0]
    assert JSON_ERROR_KEYS <= set(e)
    assert Path(e["file"]).name == "bad.md" and Path(e["story"]).name == "bad.md"
    assert e["line"] == 3 and "absent.jpg" in e["message"]
    # only the good story's finished files: no .part, no write test, nothing for bad.md
    assert sorted(os.listdir(out)) == sorted(f"good.preview.{x}" for x in (
        "jpg", "mp4", "report.json", "fr_FR.srt", "vtt", "qa.json", "qa.html", "post.txt"))


# --- 12: validate --------------------------------------------------------------------------------

def test_validate_checks_without_rendering(tmp_path, studio_cmd):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.jpg").write_text("du texte\n", encoding="utf-8")
    bad = write_story(tmp_path, "Un beat.\n\n![x](media/photo.jpg)\n\nDeux.\n", name="bad.md")
    good = write_story(tmp_path, GOOD, name="good.md")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    run = _run([*studio_cmd, "validate", str(bad), "--preset", "preview"], cwd=tmp_path)
    _assert_invalid(run, "bad.md", "photo.jpg", line=("bad.md", 3))
    assert run.stderr.startswith("error: ")
    run = _run([*studio_cmd, "validate", str(good), "--preset", "preview"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "good.md" in run.stdout and "Traceback" not in run.stderr

    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written


# --- --json: errors as objects on stdout ---------------------------------------------------------

def _case_missing_media(tmp_path):
    return _story_with_media(tmp_path, "media/absent.jpg"), [], 3, "absent.jpg"


def _case_unknown_key(tmp_path):
    return write_story(tmp_path, "---\ntitel: x\n---\nUn beat.\n"), [], 2, "titel"


def _case_latin1(tmp_path):
    story = tmp_path / "story.md"
    story.write_bytes("Un beat.\n\nLéa a été harcelée.\n".encode("latin-1"))
    return story, [], 3, "UTF-8"


def _case_unknown_preset(tmp_path):
    return write_story(tmp_path, GOOD), ["--preset", "tiktk"], None, "tiktk"


def _case_missing_music(tmp_path):
    return write_story(tmp_path, "---\nmusic: media/none.mp3\n---\nUn beat.\n"), [], 2, "none.mp3"


@pytest.mark.parametrize("case", [_case_missing_media, _case_unknown_key, _case_latin1,
                                  _case_unknown_preset, _case_missing_music],
                         ids=lambda f: f.__name__.removeprefix("_case_"))
def test_json_error_object(tmp_path, studio_cmd, case):
    story, extra, line, word = case(tmp_path)
    out = tmp_path / "out"
    preset = extra[1] if extra else "preview"
    run = _render(studio_cmd, story, out, "--json", preset=preset)
    assert run.returncode == EXIT_INVALID, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stdout.strip().split("\n")
    assert len(lines) == 1, run.stdout
    obj = json.loads(lines[0])
    assert JSON_ERROR_KEYS <= set(obj), obj
    assert isinstance(obj["error"], str) and obj["error"].endswith("Error")
    assert Path(obj["file"]).name == "story.md"
    assert obj["line"] == line
    assert word in obj["message"] or word in (obj["hint"] or "")
    assert obj["message"] and obj["hint"]
    _assert_empty(out)
