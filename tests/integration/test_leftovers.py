"""After a SIGKILL mid-batch (nothing can clean up then), the next run removes what the dead run
left: its hidden `.part` files and its `studio-*` work folders; never a living run's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studio.core import leftovers

from .conftest import ffmpeg_processes_for
from .test_batch_cli import campaign

ROOT = Path(__file__).resolve().parents[2]


def studio_env(tmp: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}


def work_dirs(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("studio-"))


def parts(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".part"))


def test_the_next_batch_removes_what_a_killed_one_left(tmp_path, tiny_preset):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    m = campaign(tmp_path, "preview", beats=8, extra="workers = 2\n")
    out = tmp_path / "sorties"
    proc = subprocess.Popen([sys.executable, "-m", "studio", "batch", str(m), "--json"], stdout=subprocess.PIPE,
                            text=True, env=studio_env(tmp))
    try:
        for line in proc.stdout:
            e = json.loads(line)
            if e["event"] == "progress" and e["fraction"] > 0.05:
                break
        proc.kill()  # SIGKILL: no handler, no finally
        proc.wait()
    finally:
        proc.kill()
    deadline = time.monotonic() + 2
    while ffmpeg_processes_for(str(out)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ffmpeg_processes_for(str(out)) == []  # died with their threads
    assert parts(out) and work_dirs(tmp), "the killed run left nothing to clean?"

    # a living process's leftovers are kept
    living = out / f".other.tiny.mp4.{os.getpid()}-1.part"
    living.write_bytes(b"x")
    (tmp / f"studio-qa-{os.getpid()}-abcd1234").mkdir()

    m.write_text(m.read_text("utf-8").replace('"preview"', f'"{tiny_preset}"'), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "studio", "batch", str(m), "--json"], capture_output=True,
                         text=True, env=studio_env(tmp), timeout=180)
    assert run.returncode == 0, run.stderr
    assert parts(out) == [living.name]
    assert work_dirs(tmp) == [f"studio-qa-{os.getpid()}-abcd1234"]


def test_work_folders_are_private_and_named_with_their_pid(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with leftovers.work_dir("qa") as work:
        assert Path(work).name.startswith(f"studio-qa-{os.getpid()}-")
        assert Path(work).stat().st_mode & 0o777 == 0o700
        dead = tmp_path / "studio-999999999-abcdefgh"  # no such pid
        dead.mkdir()
        foreign = tmp_path / "studio-code"  # not ours by its name: never touched
        foreign.mkdir()
        assert leftovers.remove_dead_work_dirs(tmp_path, once=False) == [dead]
        assert Path(work).is_dir() and foreign.is_dir()
