"""The Dask backend against a real LocalCluster (two worker processes on loopback): a small batch
through it, shared-path and bytes-carrying, cancel, and a worker killed mid-job."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from studio.batch import BatchEngine, Job, JobEvent  # noqa: E402
from studio.batch.dask_backend import DaskBackend  # noqa: E402

from .conftest import TINY, ffmpeg_processes_for  # noqa: E402
from .probe import probe  # noqa: E402


@pytest.fixture(scope="module")
def user_dir(tmp_path_factory) -> Path:
    user = tmp_path_factory.mktemp("dask-user")
    (user / "presets").mkdir()
    (user / "presets" / "tiny.toml").write_text(TINY)
    return user


@pytest.fixture(scope="module")
def cluster(user_dir):
    import dask

    old = os.environ.get("STUDIO_USER_DIR")
    os.environ["STUDIO_USER_DIR"] = str(user_dir)  # the worker processes inherit it
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 2}):
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                          dashboard_address=None, silence_logs=40) as c:
                yield c
    finally:
        if old is None:
            os.environ.pop("STUDIO_USER_DIR", None)
        else:
            os.environ["STUDIO_USER_DIR"] = old


@pytest.fixture
def shared_user(user_dir, monkeypatch):
    monkeypatch.setenv("STUDIO_USER_DIR", str(user_dir))


def story(folder: Path, name: str, beats: int = 1) -> Path:
    path = folder / name
    path.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n" + "Un beat à lire : 100 %.\n\n" * beats,
                    encoding="utf-8")
    return path


def engine_on(cluster, media: str, events: list[JobEvent], workers: int | None = None) -> BatchEngine:
    engine = BatchEngine(DaskBackend(cluster.scheduler_address, media=media), workers=workers)
    engine.subscribe(events.append)
    return engine


def kinds(events: list[JobEvent], job: Job) -> list[str]:
    return [e.kind for e in events if e.job == job and e.kind != "progress"]


@pytest.mark.parametrize("media", ["auto", "bytes"])
def test_small_batch_through_a_local_cluster(cluster, shared_user, tmp_path, media):
    src = tmp_path / "src"
    src.mkdir()
    out = tmp_path / "out"
    jobs = [Job(story(src, "un été.md"), "tiny", out), Job(story(src, "deux.md"), "tiny", out, endcard="3018")]
    events: list[JobEvent] = []
    engine = engine_on(cluster, media, events)
    assert engine.workers == 2
    engine.submit(jobs)
    assert engine.wait(120)
    for job in jobs:
        assert kinds(events, job) == ["queued", "started", "finished"], [e.error for e in events]
        p = probe(out / f"{job.id}.mp4")
        assert (p.width, p.height, p.codec, p.audio_codec) == (108, 192, "h264", "aac")
        result = [e for e in events if e.job == job][-1].result
        assert result.video == out / f"{job.id}.mp4" and result.qa and result.qa_report[1].is_file()
    assert any(e.kind == "progress" and 0 < e.fraction <= 1 for e in events)
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    events.clear()
    engine.submit(jobs)  # unchanged: skipped on the client, nothing sent
    assert engine.wait(60)
    assert [kinds(events, j) for j in jobs] == [["queued", "skipped"]] * 2
    engine.shutdown()


def test_cancel_stops_the_task_s_ffmpeg_within_a_second(cluster, shared_user, tmp_path):
    out = tmp_path / "out"
    job = Job(story(tmp_path, "long.md", beats=30), "preview", out)  # long: still encoding when cancelled
    events: list[JobEvent] = []
    engine = engine_on(cluster, "shared", events)
    encoding = threading.Event()
    engine.subscribe(lambda e: e.kind == "progress" and e.fraction > 0.02 and encoding.set())
    try:
        engine.submit([job])
        assert encoding.wait(60)
        assert ffmpeg_processes_for(str(out))
        t0 = time.monotonic()
        engine.cancel()
        while ffmpeg_processes_for(str(out)) and time.monotonic() - t0 < 5:
            time.sleep(0.02)
        gone = time.monotonic() - t0
        assert engine.wait(15)
        assert gone < 1.0, f"ffmpeg ran {gone:.2f} s after cancel"
        assert kinds(events, job)[-1] == "cancelled"
        assert list(out.iterdir()) == []
    finally:
        engine.shutdown()  # a failure here must not leave a task running into the next test


def test_a_worker_killed_mid_job_the_job_finishes_elsewhere(cluster, shared_user, tmp_path):
    out = tmp_path / "out"
    job = Job(story(tmp_path, "long.md", beats=12), "preview", out)
    events: list[JobEvent] = []
    backend = DaskBackend(cluster.scheduler_address, media="shared")
    engine = BatchEngine(backend)
    engine.subscribe(events.append)
    encoding = threading.Event()
    engine.subscribe(lambda e: e.kind == "progress" and e.fraction > 0.05 and encoding.set())
    try:
        engine.submit([job])
        assert encoding.wait(60)
        client = backend.client
        busy = [w for w, tasks in client.processing().items() if tasks]
        assert len(busy) == 1
        pid = client.run(os.getpid, workers=busy)[busy[0]]
        first_ffmpeg = ffmpeg_processes_for(str(out))
        assert first_ffmpeg
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        assert not set(first_ffmpeg) & set(ffmpeg_processes_for(str(out)))  # died with its worker
        assert engine.wait(120)
        assert kinds(events, job)[-1] == "finished", [e.error for e in events]
        assert probe(out / "long.preview.mp4").width == 540
        assert not [p for p in out.iterdir() if p.name.endswith(".part")]
        assert ffmpeg_processes_for(str(out)) == []
    finally:
        engine.shutdown()


def test_studio_batch_cluster_command(cluster, user_dir, tmp_path, studio_cmd):
    import json
    import subprocess

    (tmp_path / "stories").mkdir()
    story(tmp_path / "stories", "un.md")
    manifest = tmp_path / "c.toml"
    manifest.write_text('stories = ["stories/*.md"]\npresets = ["tiny"]\nout = "out"\nmedia = "bytes"\n')
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([*studio_cmd, "batch", str(manifest), "--cluster", cluster.scheduler_address, "--json"],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(root), "STUDIO_USER_DIR": str(user_dir)})
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["event"] for line in run.stdout.splitlines()][-1] == "finished"
    assert probe(tmp_path / "out" / "un.tiny.mp4").height == 192
