"""`studio batch` as a user runs it: a separate process, its exit codes, its JSON events and
report, resuming after an interruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from .conftest import ffmpeg_processes_for
from .probe import probe

ROOT = Path(__file__).resolve().parents[2]


def campaign(folder: Path, preset: str, extra: str = "", beats: int = 1) -> Path:
    (folder / "stories").mkdir(exist_ok=True)
    for name in ("un «été».md", "deux.md"):
        (folder / "stories" / name).write_text(
            "---\ntitle: T\nconsent: {given: true}\n---\n\n" + "Un beat : 100 % vrai.\n\n" * beats, encoding="utf-8")
    path = folder / "campagne.toml"
    path.write_text(f'stories = ["stories/*.md"]\npresets = ["{preset}"]\nout = "sorties"\n{extra}', encoding="utf-8")
    return path


def batch(studio_cmd, *args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*studio_cmd, "batch", *map(str, args)], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, **kw)


def events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_batch_json_report_then_resume(tmp_path, tiny_preset, studio_cmd):
    m = campaign(tmp_path, tiny_preset)
    run = batch(studio_cmd, m, "--json")
    assert run.returncode == 0, run.stderr
    ended = [e for e in events(run.stdout) if e["event"] in ("finished", "skipped", "failed")]
    assert sorted((e["job"], e["event"]) for e in ended) == [("deux.tiny", "finished"), ("un «été».tiny", "finished")]
    out = tmp_path / "sorties"
    assert probe(out / "un «été».tiny.mp4").width == 108
    report = json.loads((out / "campagne.batch.json").read_text("utf-8"))
    assert [j["status"] for j in report["jobs"]] == ["finished", "finished"]
    assert report["jobs"][0]["inputs"]["preset"] == "tiny" and report["jobs"][0]["qa"]
    assert report["jobs"][0]["outputs"]["video"].endswith(".tiny.mp4")
    run = batch(studio_cmd, m, "--json")
    assert run.returncode == 0 and {e["event"] for e in events(run.stdout)} == {"queued", "skipped"}
    dry = batch(studio_cmd, m, "--dry-run", "--json")
    assert [e["would"] for e in events(dry.stdout)] == ["skip (up to date)"] * 2
    assert [e["would"] for e in events(batch(studio_cmd, m, "--dry-run", "--json", "--force").stdout)] == ["render"] * 2


def test_a_failed_job_exits_1_and_the_others_finish(tmp_path, tiny_preset, studio_cmd):
    m = campaign(tmp_path, tiny_preset)
    (tmp_path / "stories" / "cassée.md").write_text("---\ntitle: T\nmusique: x.mp3\n---\n\nUn beat.\n", "utf-8")
    run = batch(studio_cmd, m)
    assert run.returncode == 1
    assert "cassée.md:3" in run.stderr and "unknown" in run.stderr and "music" in run.stderr  # file, line, hint
    assert "finished" in run.stdout and "failed" in run.stdout  # the summary table
    assert len(list((tmp_path / "sorties").glob("*.mp4"))) == 2


def test_an_invalid_manifest_exits_2_before_rendering(tmp_path, studio_cmd):
    m = campaign(tmp_path, "tiktok", extra='endcrad = "3018"\n')
    run = batch(studio_cmd, m)
    assert run.returncode == 2
    assert "campagne.toml:4" in run.stderr and "did you mean 'endcard'" in run.stderr
    assert not (tmp_path / "sorties").exists()
    run = batch(studio_cmd, m, "--json")
    assert run.returncode == 2
    assert events(run.stdout) == [{"event": "invalid", "error": "ManifestError", "message": "unknown key 'endcrad'",
                                   "file": str(m), "line": 4, "field": "endcrad", "hint": "did you mean 'endcard'?"}]


def test_interrupt_exits_130_and_leaves_nothing_half_written(tmp_path, tiny_preset, studio_cmd):
    m = campaign(tmp_path, "preview", beats=8, extra="workers = 1\n")
    out = tmp_path / "sorties"
    proc = subprocess.Popen([*studio_cmd, "batch", str(m), "--json"], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        for line in proc.stdout:
            e = json.loads(line)
            if e["event"] == "progress" and e["fraction"] > 0.05:
                break
        proc.send_signal(signal.SIGINT)
        rest = proc.stdout.read()
        assert proc.wait(30) == 130
    finally:
        proc.kill()
    assert [e["event"] for e in events(rest) if e["event"] != "progress"].count("cancelled") >= 1
    assert ffmpeg_processes_for(str(out)) == []
    assert not [p for p in out.iterdir() if p.name.endswith(".part") or p.suffix == ".mp4"]
    report = json.loads((out / "campagne.batch.json").read_text("utf-8"))
    assert report["interrupted"] is True
