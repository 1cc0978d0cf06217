"""The Dask scheduler lost mid-batch: the running job fails with words about the scheduler (not
"cancelled" with no word)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from studio.batch import BatchEngine, Job, JobEvent  # noqa: E402
from studio.batch.dask_backend import DaskBackend  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_lost_scheduler_is_named(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bindir = Path(sys.executable).parent
    scheduler = subprocess.Popen([str(bindir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    worker = subprocess.Popen([str(bindir / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard"],
                              env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        story = tmp_path / "s.md"
        story.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n" + "Un beat à lire : 100 %.\n\n" * 12,
                         encoding="utf-8")
        deadline = time.monotonic() + 60
        while True:
            try:
                backend = DaskBackend(address, media="shared")
                if backend.client.nthreads():
                    break
                backend.close()
            except Exception:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.5)
        events: list[JobEvent] = []
        started = threading.Event()
        engine = BatchEngine(backend, workers=1)
        engine.subscribe(lambda e: (events.append(e), e.kind == "progress" and started.set()))
        engine.submit([Job(story, "preview", tmp_path / "out")])
        assert started.wait(120)
        scheduler.kill()
        assert engine.wait(90)
        engine.shutdown()
        last = [e for e in events if e.ended][-1]
        assert last.kind == "failed", [(e.kind, e.error) for e in events if e.kind != "progress"]
        assert "scheduler" in last.error.message and address in last.error.message and "run the same" in last.error.hint
    finally:
        for p in (scheduler, worker):
            p.kill()
            p.wait()
