"""Runs ffmpeg: progress from `-progress pipe:1`, cooperative cancel, a bounded stderr tail,
and the process always reaped (terminate, wait, kill), even on Ctrl-C."""

from __future__ import annotations

import collections
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from ..core.i18n import _
from ..core.errors import os_reason
from ..core.errors import RenderCancelled, RenderError
from ..media.launch import Popen, TimeoutExpired, spawn

@dataclass(frozen=True)
class Progress:
    frame: int
    total_frames: int
    elapsed_s: float
    speed: float  # frames per second of wall time

    @property
    def fraction(self) -> float:
        return min(1.0, self.frame / self.total_frames) if self.total_frames else 0.0

    @property
    def eta_s(self) -> float | None:
        return (self.total_frames - self.frame) / self.speed if self.speed > 0 else None


ProgressCallback = Callable[[Progress], None]


@dataclass
class SidePipe:
    """A pipe ffmpeg writes one more output to (`pipe:{write_fd}` in its argv), read by `read`
    on a thread of its own while it runs. The runner owns both ends once given them."""

    read: Callable[[BinaryIO], None]
    read_fd: int = -1
    write_fd: int = -1
    error: BaseException | None = field(default=None, repr=False)

    @classmethod
    def open(cls, read: Callable[[BinaryIO], None]) -> "SidePipe":
        r, w = os.pipe()
        return cls(read, r, w)

    def close_write(self) -> None:
        if self.write_fd >= 0:
            os.close(self.write_fd)
            self.write_fd = -1

    def close(self) -> None:
        self.close_write()
        if self.read_fd >= 0:
            os.close(self.read_fd)
            self.read_fd = -1

    def _drain(self) -> None:
        fd, self.read_fd = self.read_fd, -1
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            try:
                self.read(pipe)
            except BaseException as e:  # noqa: BLE001 - reported after the run; ffmpeg must not stall
                self.error = e
            while pipe.read(1 << 16):
                pass


class CancelToken(threading.Event):
    """Set it (from any thread) to stop a render; the runner checks it ten times a second."""


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def run_ffmpeg(argv: list[str], *, total_frames: int, on_progress: ProgressCallback | None = None,
               cancel: threading.Event | None = None, tail_lines: int = 40,
               stderr_tail: list[str] | None = None, side_pipes: list[SidePipe] = (),
               meanwhile: Callable[[], None] | None = None) -> float:
    """Runs argv to completion; returns the wall time. Raises RenderError or RenderCancelled.
    `stderr_tail`, when given, receives ffmpeg's last stderr lines (e.g. a loudnorm measurement).
    `side_pipes`: outputs ffmpeg writes to pipes, each read on its own thread (all closed here).
    `meanwhile`: work for this thread once ffmpeg runs (its error stops ffmpeg)."""
    started = time.monotonic()
    tail: collections.deque[str] = collections.deque(maxlen=tail_lines)
    state = {"frame": 0}
    # Ctrl-C (and SIGTERM, which the CLI turns into the same interrupt) is held back while ffmpeg
    # and its readers start, so it can never strike between the spawn and the `try` that stops the
    # process (it is delivered right after).
    on_main = threading.current_thread() is threading.main_thread()
    if on_main:
        signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        try:
            proc = _spawn(argv, [p.write_fd for p in side_pipes])
        finally:
            for p in side_pipes:
                p.close_write()  # the child has its copy: the reader sees the end when it exits
        readers = [threading.Thread(target=_drain_stderr, args=(proc.stderr, tail), daemon=True),
                   threading.Thread(target=_read_progress, args=(proc.stdout, state), daemon=True)]
        sides = [threading.Thread(target=p._drain, daemon=True) for p in side_pipes]
        for t in (*readers, *sides):
            t.start()
    except BaseException:
        for p in side_pipes:
            p.close()
        if on_main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)
        raise
    last_report = 0.0
    try:
        if on_main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)
        if meanwhile is not None:
            meanwhile()
        while proc.poll() is None:
            if cancel is not None and cancel.wait(0.1):
                _stop(proc)
                raise RenderCancelled("render cancelled")
            if cancel is None:
                time.sleep(0.1)
            now = time.monotonic()
            if on_progress and now - last_report >= 0.1:
                last_report = now
                on_progress(_progress(state["frame"], total_frames, now - started))
    except BaseException:
        _stop(proc)
        raise
    finally:
        for t in readers:
            t.join(timeout=2)
        for t in sides:  # ffmpeg is gone, its pipes closed: they end once their last frame is taken
            t.join()
    if proc.returncode != 0:
        raise RenderError(_("ffmpeg failed (exit code {code})", code=proc.returncode), stderr_tail="\n".join(tail),
                          argv=argv, hint=_("ffmpeg's last words are below; STUDIO_DEBUG=1 also prints the command"))
    for p in side_pipes:
        if p.error is not None:
            raise p.error
    if stderr_tail is not None:
        stderr_tail.extend(tail)
    elapsed = time.monotonic() - started
    if on_progress:
        on_progress(_progress(total_frames, total_frames, elapsed))
    return elapsed


def _spawn(argv: list[str], pass_fds: list[int] = ()) -> Popen:
    try:
        return spawn(argv, pass_fds=pass_fds)  # its own session (Ctrl-C reaches us only), dies with this thread
    except OSError as e:
        raise RenderError(_("cannot start ffmpeg ({reason})", reason=os_reason(e)), argv=argv,
                          hint=_("set STUDIO_FFMPEG to an ffmpeg binary, or reinstall imageio-ffmpeg")) from None


def _progress(frame: int, total: int, elapsed: float) -> Progress:
    return Progress(frame, total, elapsed, frame / elapsed if elapsed > 0 else 0.0)


def _stop(proc: Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=0.5)  # the output is discarded anyway: a cancel ends within 1 s (batch, GUI)
    except (TimeoutExpired, ProcessLookupError, PermissionError):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def _drain_stderr(pipe, tail: collections.deque) -> None:
    for raw in iter(pipe.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip()
        if line:
            tail.append(line)
    pipe.close()


def _read_progress(pipe, state: dict) -> None:
    for raw in iter(pipe.readline, b""):
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        if key == "frame" and value.isdigit():
            state["frame"] = int(value)
    pipe.close()
