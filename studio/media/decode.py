"""Decoded pictures from the bundled ffmpeg, read from its stdout as raw frames of a known size.

ffmpeg decodes (threaded) and scales with swscale before Python sees a byte; the caller names the
filters and the pixel format, this module runs the process and always reaps it: at the end, when
the consumer stops early (closes the generator), or when `cancel` is set."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from .ffmpeg_binary import die_with_parent, ffmpeg_exe


class DecodeError(Exception):
    """ffmpeg stopped with an error; the message is its last error lines."""


class RawFrames:
    """`for frame in RawFrames(...)` yields each frame's bytes (`frame_bytes` long). `stderr` keeps
    ffmpeg's last lines (e.g. `showinfo`'s, for frame times), read on a thread as they come."""

    def __init__(self, inputs: list[str], output: list[str], frame_bytes: int, *,
                 cancel: threading.Event | None = None, keep_stderr: int = 200,
                 on_stderr=None) -> None:
        self.argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", *inputs, *output, "pipe:1"]
        self.frame_bytes = frame_bytes
        self.cancel = cancel
        self.stderr: collections.deque[str] = collections.deque(maxlen=keep_stderr)
        self._on_stderr = on_stderr

    def __iter__(self) -> Iterator[bytes]:
        proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, bufsize=0, start_new_session=True,
                                preexec_fn=die_with_parent())
        reader = threading.Thread(target=self._read_stderr, args=(proc,), daemon=True)
        reader.start()
        finished = False
        try:
            while True:
                if self.cancel is not None and self.cancel.is_set():
                    return
                buf = _read_exactly(proc.stdout, self.frame_bytes)
                if buf is None:
                    break
                yield buf
            finished = True
        finally:
            _stop(proc, graceful=finished)
            reader.join(timeout=5)
        if proc.returncode not in (0, None):
            tail = [ln for ln in self.stderr if "rror" in ln or "nvalid" in ln] or list(self.stderr)[-3:]
            raise DecodeError("; ".join(tail[-3:]) or f"ffmpeg exited with {proc.returncode}")

    def _read_stderr(self, proc: subprocess.Popen) -> None:
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            self.stderr.append(line)
            if self._on_stderr is not None:
                self._on_stderr(line)


def _read_exactly(pipe, n: int) -> bytes | None:
    """n bytes, or None at the end (a partial last frame is dropped)."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = pipe.readinto(view[got:])
        if not k:
            return None
        got += k
    return bytes(buf)


def _stop(proc: subprocess.Popen, graceful: bool) -> None:
    if graceful:
        try:
            proc.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            pass
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def input_args(path: Path | str, *, start: float = 0.0, duration: float | None = None,
               keyframes_only: bool = False, threads: int = 0) -> list[str]:
    """`-i` with a fast input seek to `start` (to the keyframe before it, then decoded to it)."""
    args: list[str] = []
    if keyframes_only:
        args += ["-skip_frame", "nokey"]
    if threads:
        args += ["-threads", str(threads)]
    if start > 0:
        args += ["-ss", f"{start:.6f}"]
    if duration is not None:
        args += ["-t", f"{duration:.6f}"]
    return [*args, "-i", str(path)]
