"""SIGINT and SIGTERM end any `studio` command within 2 s, whatever it is doing; the engine's
shutdown never waits for good on a job that does not stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from studio.batch import BatchEngine, Job

from .conftest import ffmpeg_processes_for, wait_for
from .test_batch_cli import campaign

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "studio", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def ends_within(proc: subprocess.Popen, sig: int, limit: float) -> tuple[int, float]:
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        code = proc.wait(limit + 10)
    finally:
        proc.kill()
    took = time.monotonic() - sent
    print(f"ended {took:.2f} s after signal {sig}")
    assert took < limit, f"ended {took:.2f} s after the signal"
    return code, took


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_a_rendering_batch_within_2_s(tmp_path, sig):
    m = campaign(tmp_path, "preview", beats=8, extra="workers = 2\n")
    proc = start("batch", str(m), "--json")
    for line in proc.stdout:
        e = json.loads(line)
        if e["event"] == "progress" and e["fraction"] > 0.05:
            break
    code, took = ends_within(proc, sig, 2.0)
    assert code == 130, proc.stderr.read()
    out = tmp_path / "sorties"
    assert ffmpeg_processes_for(str(out)) == []
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_a_signal_ends_a_render_within_2_s(tmp_path):
    m = campaign(tmp_path, "preview", beats=8)
    out = tmp_path / "out"
    proc = start("render", str(tmp_path / "stories" / "deux.md"), "--preset", "preview", "--out", str(out))
    assert wait_for(lambda: ffmpeg_processes_for(str(out)), 60)
    code, _ = ends_within(proc, signal.SIGTERM, 2.0)
    assert code == 130
    assert ffmpeg_processes_for(str(out)) == [] and not list(out.iterdir())


class _Stuck:
    """A backend whose render ignores cancel (a job stuck in a read, say)."""

    name = "stuck"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()

    def default_workers(self) -> int:
        return 1

    def render(self, job, project, on_progress, cancel):
        self.entered.set()
        self.release.wait(60)
        raise RuntimeError("released")

    def close(self) -> None:
        pass


def test_shutdown_does_not_wait_for_good_on_a_stuck_job(tmp_path):
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\n---\n\nUn beat.\n", encoding="utf-8")
    backend = _Stuck()
    engine = BatchEngine(backend, force=True)
    engine.submit([Job(story, "preview", tmp_path / "out")])
    assert backend.entered.wait(30)
    started = time.monotonic()
    returned: list = []
    done = threading.Thread(target=lambda: returned.append(engine.shutdown(timeout=1.0)), daemon=True)
    done.start()
    done.join(10)
    try:
        assert not done.is_alive(), "shutdown() waited for good"
        assert returned == [False]  # it says a job did not stop
        assert time.monotonic() - started < 2
    finally:
        backend.release.set()


def test_a_signal_ends_a_batch_busy_hashing_a_big_clip_within_2_s(tmp_path):
    """Hashing an 8 GB clip for the up-to-date check cannot be cancelled half-way: the batch still
    ends within 2 s (the next run hashes it again)."""
    (tmp_path / "stories").mkdir()
    with open(tmp_path / "stories" / "big.mp4", "wb") as f:
        f.truncate(8 << 30)  # sparse: no disk used, but 8 GB to read and hash
    (tmp_path / "stories" / "s.md").write_text("---\ntitle: T\n---\n\n![clip](big.mp4)\n\nUn beat.\n", "utf-8")
    m = tmp_path / "m.toml"
    m.write_text('stories = ["stories/*.md"]\npresets = ["preview"]\nout = "out"\n', encoding="utf-8")
    proc = start("batch", str(m), "--json")
    for line in proc.stdout:
        if json.loads(line)["event"] == "queued":
            break
    time.sleep(0.5)  # hashing
    code, _ = ends_within(proc, signal.SIGTERM, 2.0)
    assert code == 130
