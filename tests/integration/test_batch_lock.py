"""Two `studio batch` runs on the same manifest take turns on each output: every job is rendered
once, the second run says it waits (naming the first run) and then finds the job up to date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .test_batch_cli import campaign

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_batch_on_the_same_manifest_waits_then_skips(tmp_path):
    m = campaign(tmp_path, "preview", beats=3, extra="workers = 1\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen([sys.executable, "-m", "studio", "batch", str(m), "--json"], stdout=subprocess.PIPE,
                             text=True, env=env)
    try:
        seen = []
        for line in first.stdout:
            seen.append(json.loads(line))
            if seen[-1]["event"] == "started":
                break
        second = subprocess.run([sys.executable, "-m", "studio", "batch", str(m), "--json"], capture_output=True,
                                text=True, env=env, timeout=300)
        seen += [json.loads(line) for line in first.stdout]
        assert first.wait(300) == 0
    finally:
        first.kill()
    assert second.returncode == 0, second.stderr
    theirs = [json.loads(line) for line in second.stdout.splitlines()]
    finished = [e["job"] for e in seen + theirs if e["event"] == "finished"]
    assert sorted(finished) == ["deux.preview", "un «été».preview"]  # each rendered once, by the first run
    waiting = [e for e in theirs if e["event"] == "waiting"]
    assert waiting and f"pid {first.pid}" in waiting[0]["note"] and "waiting" in waiting[0]["note"], theirs
    assert sorted(e["event"] for e in theirs if e["event"] in ("finished", "skipped", "failed")) == ["skipped"] * 2
    assert not [p.name for p in (tmp_path / "sorties").iterdir() if p.name.endswith((".lock", ".part"))]
