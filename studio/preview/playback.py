"""One playback of a story from a time: pictures composed by the preview (the same code as a
still frame, reached through the `Frames` protocol) on a producer thread, each clip streamed by
one ffmpeg process through the render's fitting chain, and the render's own sound mix streamed
as PCM by another. Reading is blocking; `cancel` kills every process at once and joins the
threads."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from ..core.i18n import _
from ..core.errors import RenderError
from ..media.decode import read_exactly
from ..media.launch import Popen
from ..render.prepare import Subject, part_frames
from ..render.preview_graphs import CHANNELS, SAMPLE_RATE, audio_argv, footage_argv
from .media import kill, spawn
from .state import State

_AHEAD_S = 1.0          # frames composed ahead of the reader, and how early a clip's process starts
_AUDIO_AHEAD_S = 10.0   # PCM buffered ahead of the reader


class Frames(Protocol):
    """What a playback needs of the preview that starts it (studio.preview.Preview is one): the
    same composing as a still frame, a clip's face mask and subject crop, and a clip frame a
    still frame decoded already. Playback depends on this, never on the preview's modules."""

    def compose(self, state: State, n: int, footage: Callable[[int, int], np.ndarray]) -> np.ndarray: ...
    def footage_inputs(self, state: State, i: int) -> tuple[Path | None, Subject | None]: ...
    def cached_footage(self, state: State, i: int, k: int) -> np.ndarray | None: ...


class Playback:
    sample_rate: int = SAMPLE_RATE
    channels: int = CHANNELS

    def __init__(self, frames: Frames, state: State, first: int) -> None:
        tl = state.plan.timeline
        c = state.project.preset.canvas
        self.fps = float(tl.fps)
        self.width, self.height = c.width, c.height
        self.start_s = float(first / tl.fps)
        self._frames, self._state, self._first = frames, state, first
        self._stop = threading.Event()
        self._queue: queue.Queue = queue.Queue(maxsize=max(2, round(self.fps * _AHEAD_S)))
        self._streams: dict[int, _Stream] = {}
        self._procs: set[Popen] = set()
        self._procs_lock = threading.Lock()
        self._ended = False
        self._audio = _Pcm(self, audio_argv(state.plan, self.start_s))
        self._thread = threading.Thread(target=self._produce, name="studio-playback", daemon=True)
        self._thread.start()

    # --- the reader's side -----------------------------------------------------------------

    def read_frame(self) -> tuple[float, bytes] | None:
        """(time in s, RGB24 bytes), blocking until it is composed; None at the end or after cancel."""
        if self._ended:
            return None
        while not self._stop.is_set():
            try:
                item = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            if item is None:
                self._ended = True
                return None
            if isinstance(item, BaseException):
                self._ended = True
                raise item
            return item
        return None

    def read_audio(self, max_bytes: int) -> bytes:
        """Up to `max_bytes` of s16le interleaved PCM, from `start_s`; b"" at the end."""
        return self._audio.read(max_bytes - max_bytes % (2 * self.channels))

    def cancel(self) -> None:
        """Stops at once: every process killed and reaped, the threads joined."""
        self._stop.set()
        with self._procs_lock:
            procs = list(self._procs)
        for p in procs:
            kill(p, reap=False)
        self._thread.join(timeout=5)
        self._audio.join()
        for p in procs:
            kill(p)
        for s in self._streams.values():
            s.close()

    def __enter__(self) -> Playback:
        return self

    def __exit__(self, *exc) -> None:
        self.cancel()

    # --- processes -------------------------------------------------------------------------

    def spawn(self, argv: list[str]) -> Popen:
        with self._procs_lock:
            if self._stop.is_set():
                raise _Stopped
            proc = spawn(argv)
            self._procs.add(proc)
        return proc

    # --- the producer --------------------------------------------------------------------

    def _produce(self) -> None:
        plan = self._state.plan
        tl = plan.timeline
        try:
            for n in range(self._first, tl.total_frames):
                if self._stop.is_set():
                    return
                self._start_ahead(n)
                frame = self._frames.compose(self._state, n, self._footage)
                self._put((float(n / tl.fps), frame.tobytes()))
                self._retire(n)
            self._put(None)
        except _Stopped:
            return
        except BaseException as e:  # handed to the reader, raised by read_frame
            if not self._stop.is_set():
                self._put(e)
        finally:
            for s in list(self._streams.values()):
                s.close()

    def _put(self, item) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _is_clip(self, i: int) -> bool:
        plan = self._state.plan
        bg = plan.timeline.segments[i].background
        return bg is not None and plan.media[bg.path].kind == "video"

    def _start_ahead(self, n: int) -> None:
        """A clip coming within a second gets its process now, so its seek is done when shown."""
        segs = self._state.plan.timeline.segments
        for i, seg in enumerate(segs):
            if seg.start > n and seg.start - n <= self.fps * _AHEAD_S and self._is_clip(i) and i not in self._streams:
                self._streams[i] = self._open(i, 0)

    def _retire(self, n: int) -> None:
        segs = self._state.plan.timeline.segments
        for i in [i for i in self._streams if n + 1 >= segs[i].start + part_frames(self._state.plan, i)]:
            self._streams.pop(i).close()

    def _open(self, i: int, k: int) -> _Stream:
        mask, subject = self._frames.footage_inputs(self._state, i)
        plan = self._state.plan
        argv = footage_argv(plan, i, plan.timeline.segments[i].background, k, mask, subject)
        return _Stream(self, argv, self.width * self.height * 3, k)

    def _footage(self, i: int, k: int) -> np.ndarray:
        stream = self._streams.get(i)
        if stream is None or stream.next != k:
            if stream is not None:
                stream.close()
            shown = self._frames.cached_footage(self._state, i, k)
            if shown is not None:  # the frame under the playhead is on screen already: show it
                if k + 1 < part_frames(self._state.plan, i):
                    self._streams[i] = self._open(i, k + 1)  # while the clip's process seeks the next
                else:
                    self._streams.pop(i, None)
                return shown
            stream = self._streams[i] = self._open(i, k)
        return stream.read()


class _Stopped(Exception):
    pass


class _Stream:
    """One clip segment's frames, from frame k on, read from one ffmpeg process."""

    def __init__(self, playback: Playback, argv: list[str], size: int, k: int) -> None:
        self._playback, self._argv, self._size = playback, argv, size
        self.next = k
        self._last: np.ndarray | None = None
        self._proc = playback.spawn(argv)
        self._err: list[bytes] = []
        self._drain = threading.Thread(target=lambda: self._err.append(self._proc.stderr.read()), daemon=True)
        self._drain.start()

    def read(self) -> np.ndarray:
        data = read_exactly(self._proc.stdout, self._size)
        if data is None:
            if self._playback._stop.is_set():
                raise _Stopped
            if self._last is None:
                self._proc.wait()
                self._drain.join(timeout=1)
                raise RenderError(_("ffmpeg gave no preview frame"), argv=self._argv,
                                  stderr_tail=b"".join(self._err).decode("utf-8", "replace")[-2000:])
            frame = self._last  # a clip a frame short at its very end: hold the last picture
        else:
            h, w = self._playback.height, self._playback.width
            frame = self._last = np.frombuffer(data, np.uint8).reshape(h, w, 3)
        self.next += 1
        return frame

    def close(self) -> None:
        kill(self._proc)
        self._drain.join(timeout=1)
        with self._playback._procs_lock:
            self._playback._procs.discard(self._proc)


class _Pcm:
    """The sound process and a reader thread filling a bounded buffer."""

    def __init__(self, playback: Playback, argv: list[str]) -> None:
        self._playback = playback
        self._buf = bytearray()
        self._eof = False
        self._cond = threading.Condition()
        self._limit = int(_AUDIO_AHEAD_S * SAMPLE_RATE * CHANNELS * 2)
        self._proc = playback.spawn(argv)
        threading.Thread(target=lambda: self._proc.stderr.read(), daemon=True).start()
        self._thread = threading.Thread(target=self._pump, name="studio-playback-audio", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        try:
            while not self._playback._stop.is_set():
                chunk = self._proc.stdout.read(65536)
                if not chunk:
                    break
                with self._cond:
                    self._buf += chunk
                    self._cond.notify_all()
                    while len(self._buf) > self._limit and not self._playback._stop.is_set():
                        self._cond.wait(0.1)
        except (OSError, ValueError):
            pass
        finally:
            with self._cond:
                self._eof = True
                self._cond.notify_all()

    def read(self, max_bytes: int) -> bytes:
        with self._cond:
            while not self._buf and not self._eof and not self._playback._stop.is_set():
                self._cond.wait(0.1)
            out = bytes(self._buf[:max_bytes])
            del self._buf[:max_bytes]
            self._cond.notify_all()
            return out

    def join(self) -> None:
        kill(self._proc, reap=False)
        with self._cond:
            self._cond.notify_all()
        self._thread.join(timeout=5)
        kill(self._proc)
        with self._playback._procs_lock:
            self._playback._procs.discard(self._proc)
