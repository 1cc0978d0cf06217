"""The CLI contract other tools rely on: JSON lines, presets listing, exit codes, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ffmpeg_processes_for
from .probe import probe

STUDIO = [sys.executable, "-m", "studio"]
KEYS = {"story", "preset", "video", "srt", "vtt", "cover", "report", "duration_s", "elapsed_s"}


def _story(folder: Path, body: str = "Un beat.\n\nUn autre beat.\n", name: str = "story.md") -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: CLI\nconsent: {{given: true}}\n---\n\n{body}", encoding="utf-8")
    return path


def test_render_json_one_line_per_output(tmp_path, tiny_preset):
    story = _story(tmp_path, name="l'histoire d'Inès.md")
    out = tmp_path / "sortie 100% d'été %d"  # image2 and shell-hostile characters
    run = subprocess.run([*STUDIO, "render", str(story), "--preset", tiny_preset, "--preset", "preview",
                          "--out", str(out), "--json"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().split("\n")
    assert len(lines) == 2
    objs = [json.loads(l) for l in lines]
    assert all(KEYS <= set(o) for o in objs)
    assert [o["preset"] for o in objs] == [tiny_preset, "preview"]
    for o in objs:
        p = probe(Path(o["video"]))
        assert p.width == {"tiny": 108, "preview": 540}[o["preset"]]
        assert abs(p.duration_s - o["duration_s"]) < 0.1
        for key in ("srt", "vtt", "cover", "report"):
            assert Path(o[key]).is_file()
    assert run.stderr == ""  # quiet: no progress bar when not a terminal


def test_story_presets_are_the_default(tmp_path, tiny_preset):
    story = tmp_path / "s.md"
    story.write_text(f"---\npresets: [{tiny_preset}]\n---\nUn beat.\n", encoding="utf-8")
    run = subprocess.run([*STUDIO, "render", str(story), "--out", str(tmp_path / "o"), "--json"],
                         capture_output=True, text=True, timeout=280)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["preset"] == tiny_preset


def test_endcard_variant_qa_keys_and_exit_codes(tmp_path, tiny_preset):
    """`--endcard 3018` is the card in the video (the QA compares the last seconds with each
    variant's card); the `--json` line carries the QA verdict; a failing QA still exits 0; a
    failed render exits 1."""
    ok = _story(tmp_path)
    draft = tmp_path / "brouillon.md"
    draft.write_text("---\ntitle: Brouillon\n---\n\nUn beat sans accord.\n", encoding="utf-8")
    out = tmp_path / "o"
    run = subprocess.run([*STUDIO, "render", str(ok), str(draft), "-p", tiny_preset, "--endcard", "3018", "--json",
                          "--out", str(out)], capture_output=True, text=True, timeout=280)
    assert run.returncode == 0, run.stderr  # the draft's QA fails, the render succeeded
    lines = [json.loads(l) for l in run.stdout.strip().split("\n")]
    assert [Path(o["story"]).name for o in lines] == ["story.md", "brouillon.md"]
    for o in lines:
        assert KEYS | {"qa", "qa_report", "qa_s"} <= set(o)
        assert [Path(p).suffixes[-2:] for p in o["qa_report"]] == [[".qa", ".json"], [".qa", ".html"]]
        assert all(Path(p).is_file() for p in o["qa_report"]) and o["qa_s"] > 0
    assert lines[0]["qa"] in ("publishable", "publishable with warnings")
    assert lines[1]["qa"] == "not publishable"
    failed = {r["rule"] for r in json.loads(Path(lines[1]["qa_report"][0]).read_text("utf-8"))["results"]
              if r["status"] == "fail"}
    assert failed == {"care.consent"}
    # the video itself shows 3018: its own variant passes, the default 3020 fails
    video = lines[0]["video"]
    same = subprocess.run([*STUDIO, "check", video, "--preset", tiny_preset, "--endcard", "3018", "--json"],
                          capture_output=True, text=True, timeout=280)
    other = subprocess.run([*STUDIO, "check", video, "--preset", tiny_preset, "--endcard", "3020", "--json"],
                           capture_output=True, text=True, timeout=280)
    status = {name: {r["rule"]: r["status"] for r in json.loads(r.stdout)["results"]}
              for name, r in (("3018", same), ("3020", other))}
    assert (same.returncode, status["3018"]["helpline.endcard"]) == (0, "pass"), same.stdout
    assert (other.returncode, status["3020"]["helpline.endcard"]) == (1, "fail"), other.stdout
    # a render that fails (an ffmpeg that exits 1) exits 1, with an error object, and writes nothing
    broken = subprocess.run([*STUDIO, "render", str(ok), "-p", tiny_preset, "--json", "--out", str(tmp_path / "b")],
                            capture_output=True, text=True, timeout=280,
                            env={**os.environ, "STUDIO_FFMPEG": "/bin/false"})
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert {"error", "message"} <= set(json.loads(broken.stdout)) and "Traceback" not in broken.stderr
    assert os.listdir(tmp_path / "b") == []


def test_presets_lists_origin(tmp_path, tiny_preset):
    run = subprocess.run([*STUDIO, "presets", "--json"], capture_output=True, text=True, timeout=240)
    assert run.returncode == 0
    rows = {r["name"]: r for r in map(json.loads, run.stdout.strip().split("\n"))}
    assert {"tiktok", "reels", "shorts", "square", "feed45", "landscape", "preview"} <= set(rows)
    assert rows["tiktok"]["origin"] == "built-in" and rows[tiny_preset]["origin"] == "user"
    assert rows["createkindness-fr"]["kind"] == "brand"
    human = subprocess.run([*STUDIO, "presets"], capture_output=True, text=True, timeout=240)
    assert "tiktok" in human.stdout and "user" in human.stdout


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_leaves_no_file_and_no_ffmpeg(tmp_path, sig):
    story = _story(tmp_path, "Un beat qui dure.\n\n" * 8)
    out = tmp_path / "out"
    # as in a terminal's foreground: Ctrl-C not ignored even if this test runs in a background job
    proc = subprocess.Popen([*STUDIO, "render", str(story), "--preset", "tiktok", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 240  # generous: CI machines can be loaded
    while not ffmpeg_processes_for(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ffmpeg_processes_for(str(out)), "ffmpeg never started"
    time.sleep(0.5)
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"studio did not stop on {sig.name}; ffmpeg alive: {ffmpeg_processes_for(str(out))}")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert [f for f in os.listdir(out)] == []
    assert ffmpeg_processes_for(str(out)) == []
