"""Decoded pictures from the bundled ffmpeg, read from its stdout as raw frames of a known size.

ffmpeg decodes (threaded) and scales with swscale before Python sees a byte; the caller names the
filters and the pixel format, this module runs the process and always reaps it: at the end, when
the consumer stops early (closes the generator), or when `cancel` is set. One process can write
several outputs (a `-filter_complex` split): the first is iterated, the others are collected whole."""

from __future__ import annotations

import collections
import io
import os
import queue
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path

from .ffmpeg_binary import ffmpeg_exe
from .launch import Popen, TimeoutExpired, spawn


class DecodeError(Exception):
    """ffmpeg stopped with an error; the message is its last error lines."""


class RawFrames:
    """`for frame in RawFrames(...)` yields each frame's bytes (`frame_bytes` long). `stderr` keeps
    ffmpeg's last lines (e.g. `showinfo`'s, for frame times), read on a thread as they come.

    `side_outputs`: more outputs of the same process, `(output args, frame bytes)` each, written to
    pipes of their own and collected whole into `side[k]` (a list of frames) by one thread each
    (ffmpeg feeds its outputs in step: every pipe is drained, or it stalls); with a third item,
    `take(frame)` is called on that thread for each frame instead (`side[k]` stays empty), so
    the caller keeps only what it needs. Complete once the iteration has ended."""

    def __init__(self, inputs: list[str], output: list[str], frame_bytes: int, *,
                 side_outputs: Sequence[tuple] = (),
                 cancel: threading.Event | None = None, keep_stderr: int = 200,
                 on_stderr=None) -> None:
        self.argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", *inputs, *output, "pipe:1"]
        self.frame_bytes = frame_bytes
        self.side_outputs = list(side_outputs)
        self.side: list[list[bytes]] = []
        self.cancel = cancel
        self.stderr: collections.deque[str] = collections.deque(maxlen=keep_stderr)
        self._on_stderr = on_stderr

    def __iter__(self) -> Iterator[bytes]:
        self.side = [[] for _ in self.side_outputs]
        pipes = [os.pipe() for _ in self.side_outputs]  # the child writes to the same fd numbers
        argv = [*self.argv, *(a for (args, *_), (_, w) in zip(self.side_outputs, pipes) for a in (*args, f"pipe:{w}"))]
        try:
            proc = spawn(argv, bufsize=0, pass_fds=[w for _, w in pipes])
        except BaseException:
            for r, _ in pipes:
                os.close(r)
            raise
        finally:
            for _, w in pipes:
                os.close(w)  # ours: the readers see the end when ffmpeg closes its copy
        reader = threading.Thread(target=self._read_stderr, args=(proc,), daemon=True)
        side = [threading.Thread(target=_collect, args=(os.fdopen(r, "rb", buffering=0), out[1],
                                                        out[2] if len(out) > 2 else frames.append), daemon=True)
                for (r, _), out, frames in zip(pipes, self.side_outputs, self.side)]
        for t in (reader, *side):
            t.start()
        finished = False
        try:
            while True:
                if self.cancel is not None and self.cancel.is_set():
                    return
                buf = read_exactly(proc.stdout, self.frame_bytes)
                if buf is None:
                    break
                yield buf
            finished = True
        finally:
            _stop(proc, graceful=finished)
            reader.join(timeout=5)
            for t in side:
                t.join()  # ffmpeg is gone, its pipes are closed: these end now
        if proc.returncode not in (0, None):
            tail = [ln for ln in self.stderr if "rror" in ln or "nvalid" in ln] or list(self.stderr)[-3:]
            raise DecodeError("; ".join(tail[-3:]) or f"ffmpeg exited with {proc.returncode}")

    def _read_stderr(self, proc: Popen) -> None:
        # buffered: lines of the unbuffered pipe are read a byte per call (0.15 s per 2,500 lines)
        for raw in io.BufferedReader(proc.stderr):
            line = raw.decode("utf-8", "replace").rstrip()
            self.stderr.append(line)
            if self._on_stderr is not None:
                self._on_stderr(line)


def _collect(pipe, n: int, take) -> None:
    with pipe:
        while (buf := read_exactly(pipe, n)) is not None:
            take(buf)


class FrameTimes:
    """Each frame's timestamp, from the lines of a `showinfo` filter on ffmpeg's stderr: pass it
    as RawFrames' `on_stderr`. A frame's line is written before the frame reaches stdout, so
    `next()` (waiting for it) is the time of the frame just read."""

    _BASE = re.compile(r"\] config in time_base: (\d+)/(\d+)")
    _FRAME = re.compile(r"\] n: *\d+ pts: *(\S+)")

    def __init__(self) -> None:
        self.time_base = Fraction(0)
        self.pts: list[int | None] = []  # None: a frame without a timestamp
        self._arrived: queue.Queue[int | None] = queue.Queue()

    def __call__(self, line: str) -> None:
        if m := self._BASE.search(line):
            self.time_base = Fraction(int(m[1]), int(m[2]) or 1)
        elif m := self._FRAME.search(line):
            pts = int(m[1]) if m[1].lstrip("-").isdigit() else None
            self.pts.append(pts)
            self._arrived.put(pts)

    def next(self) -> float:
        """The next frame's time in seconds."""
        try:
            pts = self._arrived.get(timeout=30)
        except queue.Empty:
            raise DecodeError("ffmpeg gave a frame without its showinfo line") from None
        if pts is None:
            raise DecodeError("ffmpeg gave a frame without a timestamp")
        return float(pts * self.time_base)


def read_exactly(pipe, n: int) -> bytes | None:
    """n bytes from a pipe, or None at its end (a partial last frame is dropped)."""
    buf = bytearray(n)
    return bytes(buf) if read_into(pipe, memoryview(buf)) else None


def read_into(pipe, view: memoryview) -> bool:
    """Fills `view` from a pipe (a reader reusing one buffer per frame); False at its end."""
    got, n = 0, len(view)
    while got < n:
        k = pipe.readinto(view[got:])
        if not k:
            return False
        got += k
    return True


def _stop(proc: Popen, graceful: bool) -> None:
    if graceful:
        try:
            proc.wait(timeout=30)
            return
        except TimeoutExpired:
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
