"""The short graphs the instant preview (studio.preview) runs: a clip's frames seeked to a time
(one frame, or a stream of them for playback) through the render's own fitting chain
(video_graph.fit_footage), and the story's sound from a time as raw PCM. They live here because
only studio.render builds ffmpeg graphs; studio.preview.media runs them. A seek costs the decode
of one GOP, whatever the time."""

from __future__ import annotations

from pathlib import Path

import ffmpeg

from ..core.story import Background
from ..media.ffmpeg_binary import ffmpeg_exe
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
