"""The instant preview's ffmpeg processes: started through studio.media.launch, killed at once
(their output is only ever shown) and always reaped, and a short graph's frames read one by one.
The graphs themselves (a clip seeked through the render's fitting chain, the sound as PCM) are
built by studio.render.preview_graphs."""

from __future__ import annotations

import os
import signal
import threading

from ..core.i18n import _
from ..core.errors import os_reason
from ..core.errors import RenderCancelled, RenderError
from ..media.decode import read_exactly
from ..media import launch
from ..media.launch import Popen


def spawn(argv: list[str]) -> Popen:
    try:
        return launch.spawn(argv, bufsize=0)  # dies with the thread that starts it (a preview or playback's)
    except OSError as e:
        raise RenderError(_("cannot start ffmpeg ({reason})", reason=os_reason(e)), argv=argv,
                          hint=_("set STUDIO_FFMPEG to an ffmpeg binary, or reinstall imageio-ffmpeg")) from None


def kill(proc: Popen, reap: bool = True) -> None:
    """Stops a preview process at once (its output is only ever shown) and reaps it
    (`reap=False`: only the signal, for another thread that is reading its pipes)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if not reap:
        return
    proc.wait()
    if proc.stdout:  # (stderr belongs to its drain thread, which ends at the pipe's end)
        proc.stdout.close()


class FrameReader:
    """A short graph's raw frames, read one by one; cancel (from any thread) kills it at once."""

    def __init__(self, argv: list[str], size: int, cancel: threading.Event | None = None) -> None:
        self.argv, self._size, self._cancel = argv, size, cancel
        self._proc = spawn(argv)
        self._err: list[bytes] = []
        self._drain = threading.Thread(target=lambda: self._err.append(self._proc.stderr.read()), daemon=True)
        self._drain.start()
        self._done = threading.Event()
        if cancel is not None:
            threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self._done.is_set():
            if self._cancel.wait(0.02):
                kill(self._proc, reap=False)
                return

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def next(self) -> bytes | None:
        """The next frame, or None at the end. Raises RenderCancelled once cancelled."""
        data = read_exactly(self._proc.stdout, self._size)
        if self._cancel is not None and self._cancel.is_set():
            self.close()
            raise RenderCancelled("preview cancelled")
        return data

    def close(self) -> None:
        self._done.set()
        kill(self._proc)
        self._drain.join(timeout=1)

    def fail(self) -> None:
        tail = b"".join(self._err).decode("utf-8", "replace")[-2000:]
        raise RenderError(_("ffmpeg gave no preview frame (exit code {code})", code=self._proc.returncode), stderr_tail=tail,
                          argv=self.argv, hint=_("ffmpeg's last words are below"))
