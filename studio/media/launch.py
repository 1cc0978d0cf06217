"""The one launcher of every process the studio starts (ffmpeg for render, QA, probe, analysis,
preview and playback). Each child:

- dies with the thread that started it, even when we are killed by SIGKILL (Linux: the parent-death
  signal, see `die_with_parent`); that thread waits for it or hands it to a reader it outlives;
- runs in its own session: Ctrl-C reaches us only, and we stop it (its whole group);
- is always reaped: `run` kills and waits for it on any exception, Ctrl-C and timeouts included.

The only module that imports `subprocess` (an import-linter contract keeps it so)."""

from __future__ import annotations

import os
import signal
import subprocess
from subprocess import DEVNULL, PIPE, CompletedProcess, Popen, TimeoutExpired

from .ffmpeg_binary import die_with_parent

__all__ = ["DEVNULL", "PIPE", "CompletedProcess", "Popen", "TimeoutExpired", "kill", "run", "spawn"]


def spawn(argv: list[str], *, stdin=DEVNULL, stdout=PIPE, stderr=PIPE, **kw) -> Popen:
    """Starts argv in its own session, to die with the calling thread. Raises OSError when it
    cannot start."""
    return subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=stderr, start_new_session=True,
                            preexec_fn=die_with_parent(), **kw)


def run(argv: list[str], *, timeout: float | None = None, text: bool = False, errors: str | None = None,
        stdout=PIPE) -> CompletedProcess:
    """Runs argv to its end and returns its output, like subprocess.run(capture_output=True); on a
    timeout (TimeoutExpired), Ctrl-C or any other exception the process is killed and reaped."""
    with spawn(argv, stdout=stdout, text=text, errors=errors) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except BaseException:
            kill(proc)
            raise
    return CompletedProcess(argv, proc.returncode, out, err)


def kill(proc: Popen, reap: bool = True) -> None:
    """SIGKILL to the process's group (it has its own session), then reaped unless `reap=False`."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if reap:
        proc.wait()
