"""The instant preview's ffmpeg processes: a clip's frames seeked to a time (one frame, or a
stream of them for playback) through the render's own fitting chain (video_graph.fit_footage),
and the story's sound from a time as raw PCM. Each is a short graph: a seek costs the decode of
one GOP, whatever the time."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import ffmpeg

from ..core.i18n import _
from ..core.errors import os_reason
from ..core.errors import RenderCancelled, RenderError
from ..core.story import Background
from ..media.decode import read_exactly
from ..media import launch
from ..media.ffmpeg_binary import ffmpeg_exe
from ..media.launch import Popen
from ..media.loudness import Measured, cache_key, cached
from .audio_graph import audible, mix, sources
from .footage import window
from .plan import Plan
from .prepare import Subject, part_frames
from .video_graph import fit_footage

SAMPLE_RATE = 48000
CHANNELS = 2


def footage_argv(plan: Plan, index: int, bg: Background, k: int, mask: Path | None, subject: Subject | None,
                 frames: int | None = None) -> list[str]:
    """Frames k, k+1, ... (`frames` of them, None: to the segment's end) of background `index`,
    as raw RGB24 on stdout at the canvas size. `mask`: the analysis' mask video, or a still
    image (all white: the whole clip blurred, while the analysis runs); None: no face blur."""
    c = plan.project.preset.canvas
    total = part_frames(plan, index)
    win = window(plan, bg, total)
    at = win.source_time(k / c.fps)
    count = total - k if frames is None else min(frames, total - k)
    opts: dict = {"ss": f"{at:.6f}"} if at > 0 else {}
    if win.loop:
        opts["stream_loop"] = -1
    src = (ffmpeg.input(str(bg.path), **opts).video.filter("fps", c.fps)
           .filter("trim", end_frame=count).filter("setpts", "PTS-STARTPTS"))
    alpha = None
    if mask is not None:
        if mask.suffix == ".png":
            alpha = ffmpeg.input(str(mask), loop=1, framerate=c.fps).video
        else:  # the mask video has one frame per segment frame: seek half a frame early
            alpha = ffmpeg.input(str(mask), ss=f"{max(0.0, (k - 0.5) / c.fps):.6f}").video
        alpha = alpha.filter("trim", end_frame=count).filter("setpts", "PTS-STARTPTS")
    v = fit_footage(plan, bg, src, alpha, shift(subject, k) if subject else None)
    v = v.filter("scale", in_color_matrix="bt709", in_range="tv").filter("format", "rgb24")
    out = ffmpeg.output(v, "pipe:", f="rawvideo", pix_fmt="rgb24", **{"frames:v": count})
    return [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "2",
            *out.compile(cmd="ffmpeg", overwrite_output=True)[1:]]


def shift(subject: Subject, k: int) -> Subject:
    """A crop path seen from segment frame k (the preview graph's frame 0)."""
    def cut(points: list[tuple[int, float]]) -> list[tuple[int, float]]:
        before = [p for p in points if p[0] <= k]
        after = [(f - k, v) for f, v in points if f > k]
        if not before:
            return after
        f0, v0 = before[-1]
        if after:
            f1, v1 = after[0][0] + k, after[0][1]
            v0 = v0 + (v1 - v0) * (k - f0) / (f1 - f0)
        return [(0, v0), *after]
    return Subject(cut(subject.x), cut(subject.y))


def audio_argv(plan: Plan, start_s: float) -> list[str]:
    """The story's mix (the render's audio graph, loudness-normalised when the render's first
    pass is cached) from `start_s`, as s16le 48 kHz stereo on stdout."""
    a = mix(plan, known_loudness(plan)).filter("atrim", start=f"{start_s:.6f}").filter("asetpts", "PTS-STARTPTS")
    out = ffmpeg.output(a, "pipe:", f="s16le", acodec="pcm_s16le", ar=SAMPLE_RATE, ac=CHANNELS)
    return [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error",
            *out.compile(cmd="ffmpeg", overwrite_output=True)[1:]]


def known_loudness(plan: Plan) -> Measured | None:
    """The render's cached loudness measurement for this mix, if a render made one (a preview
    does not wait for a first pass)."""
    if not audible(plan):
        return None
    from .loudness import measure_argv
    return cached(cache_key(sources(plan), " ".join(measure_argv(plan)[1:])))


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
