"""One ffmpeg filter graph per render, built with ffmpeg-python and compiled to an argv list
(the only module that imports ffmpeg-python). Building never runs anything, so tests can compare
the argv with a golden copy.

Costs measured on these machines (ARCHITECTURE.md) shape the graph: each still is decoded and
converted to YUV once, then looped; photos pan with a moving `crop` (almost free); captions are
single-frame PNG overlays switched on by frame number; the end card is one more looped still.
Backgrounds are built in video_graph.py, the sound in audio_graph.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from ..media.loudness import Measured
from .audio_graph import mix
from .plan import Plan
from .prepare import Assets
from .video_graph import BT709 as _BT709
from .video_graph import backgrounds


@dataclass(frozen=True)
class Tap:
    """One more raw output of the final picture, to `pipe:{fd}`: the frames `select` (an
    expression of the frame number, None: all) lets through, after `filters` ((name, options))."""

    fd: int
    select: str | None
    filters: list[tuple[str, dict]]


@dataclass(frozen=True)
class Outputs:
    video: Path
    cover: Path | None = None      # a JPEG of frame `cover_frame`, from the same graph
    cover_frame: int = 0
    still_frame: int | None = None  # render only this frame, as PNG, to `video` (preview)
    taps: tuple[Tap, ...] = ()      # the QA's views of the final picture (studio.qa.inline)
    meter: list[tuple[str, dict]] | None = None  # the QA's loudness filters on the final mix


def build_argv(plan: Plan, assets: Assets, out: Outputs, ffmpeg_exe: str = "ffmpeg",
               loudness: Measured | None = None, threads: int | None = None) -> list[str]:
    """`loudness`: the first pass's measurement (studio.render.loudness); without it the mix is
    not normalised (a silent story, a still frame, or the golden test). `threads`: the encoder's
    threads (jobs side by side share the cores), else ffmpeg's choice."""
    composed = _composed(plan, assets)
    audio = mix(plan, loudness)
    total = plan.timeline.total_frames
    if out.still_frame is not None:
        frame = _finish(plan, assets, composed).filter("trim", start_frame=out.still_frame,
                                                       end_frame=out.still_frame + 1)
        stream = ffmpeg.output(frame, str(out.video), **{"frames:v": 1, "f": "image2", "update": 1, "c:v": "png"})
    else:
        if out.cover is not None:
            split = composed.filter_multi_output("split", 2)
            composed, cover = split[0], split[1]
        encode = {**_encode_args(plan), **({"threads": threads} if threads else {})}
        final, extra = _finish(plan, assets, composed), []
        if out.taps:  # the QA reads the frames as they are encoded (no second decode of the file)
            split = final.filter_multi_output("split", 1 + len(out.taps))
            final = split[0]
            extra += [_tap(split[k + 1], tap, total) for k, tap in enumerate(out.taps)]
        if out.meter:  # and measures the mix as it is encoded
            split = audio.filter_multi_output("asplit", 2)
            audio, meter = split[0], split[1]
            for name, opts in out.meter:
                meter = meter.filter(name, **opts)
            extra.append(ffmpeg.output(meter, "-", f="null"))
        main = ffmpeg.output(final, audio, str(out.video), **encode, t=_seconds(plan, total))
        if out.cover is not None:
            cover = _cover(plan, assets, cover.filter("trim", start_frame=out.cover_frame,
                                                      end_frame=out.cover_frame + 1))
            extra.insert(0, ffmpeg.output(cover, str(out.cover), **{
                "frames:v": 1, "f": "image2", "update": 1, "c:v": "mjpeg", "q:v": 3}))
        stream = ffmpeg.merge_outputs(main, *extra) if extra else main
    # ffmpeg-python puts global options last, where ffmpeg 7+ ignores them: put them first
    return [ffmpeg_exe, *_GLOBAL_ARGS, *stream.compile(cmd=ffmpeg_exe, overwrite_output=False)[1:]]


# The filter graph on one thread: its work (about 2.5 ms a frame at 1080x1920, 400 frames a
# second) is small beside x264's, and its slice threads only competed with the encoder for the
# cores (measured on a 30 s story: 0.2-0.9 s less CPU and up to 0.6 s less wall on 2 cores).
_GLOBAL_ARGS = ("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats",
                "-progress", "pipe:1", "-stats_period", "0.25", "-filter_complex_threads", "1", "-y")


def _tap(v, tap: Tap, total: int):
    if tap.select is not None:
        v = v.filter("select", tap.select)
    for name, opts in tap.filters:
        v = v.filter(name, *(x for k, x in opts.items() if k.startswith("_")),
                     **{k: x for k, x in opts.items() if not k.startswith("_")})
    # ffmpeg's scheduler runs the graph for the output that trails in time; a view that `select`
    # leaves idle (or that has no encoder delay) would be that one, and the graph then ran ahead
    # of x264, its frames queued for the encoder (1 GB measured on a 30 s story). Stamped a day
    # ahead (the QA counts frames, not times), the views never trail: the encoder sets the pace.
    v = v.filter("setpts", f"PTS+{TAP_AHEAD_S}/TB")
    return ffmpeg.output(v, f"pipe:{tap.fd}", f="rawvideo", fps_mode="passthrough", **{"frames:v": total})


TAP_AHEAD_S = 86400


def _seconds(plan: Plan, frames: int) -> str:
    return f"{float(frames / plan.timeline.fps):.6f}"


def _composed(plan: Plan, assets: Assets):
    """Backgrounds, brand layer, titles and captions: the picture the cover is taken from (no
    karaoke highlight, no watermark yet)."""
    v = backgrounds(plan, assets)
    tl = plan.timeline
    beats_end = tl.endcard.start - 1
    v = _overlay(v, assets.brand.path, assets.brand.x, assets.brand.y, f"between(n,{tl.intro.end},{beats_end})")
    for placed, start, end in assets.titles:  # a beat's `# heading`, over its beat
        v = _overlay(v, placed.path, placed.x, placed.y, f"between(n,{start},{end - 1})")
    for event, placed in zip(tl.events, assets.captions):
        v = _overlay(v, placed.path, placed.x, placed.y, f"between(n,{event.start},{event.end - 1})")
    return v


def _finish(plan: Plan, assets: Assets, v):
    """The karaoke highlights (each word over its caption), the draft watermark, the colour tags."""
    for words in assets.highlights:  # karaoke: the word being spoken, in the highlight colour
        for word, start, end in words:
            v = _overlay(v, word.path, word.x, word.y, f"between(n,{start},{end - 1})")
    v = _watermark(plan, assets, v)
    return _tagged(plan, v)


def _watermark(plan: Plan, assets: Assets, v, cover: bool = False):
    """A draft's watermark on every frame: across the middle of the story, and on the end card
    where it hides none of the helpline's text."""
    mark, end_mark = assets.watermark, assets.endcard_watermark
    if mark is None:
        return v
    if cover and assets.cover_watermark is not None:
        mark = assets.cover_watermark
        return _overlay(v, mark.path, mark.x, mark.y, "1")
    if end_mark is None:
        return _overlay(v, mark.path, mark.x, mark.y, "1")
    start = plan.timeline.endcard.start
    v = _overlay(v, mark.path, mark.x, mark.y, f"lt(n,{start})")
    return _overlay(v, end_mark.path, end_mark.x, end_mark.y, f"gte(n,{start})")


def _cover(plan: Plan, assets: Assets, frame):
    """The cover JPEG: the chosen frame without karaoke highlight, with the story's title on it
    (unless a heading is already there), the watermark of a draft; full-range BT.601 for JPEG."""
    if assets.cover_title is not None:
        t = assets.cover_title
        frame = _overlay(frame, t.path, t.x, t.y, "1")
    frame = _watermark(plan, assets, frame, cover=True)
    return (_tagged(plan, frame).filter("scale", out_color_matrix="bt601", out_range="pc")
            .filter("format", "yuvj420p"))


def _tagged(plan: Plan, v):
    # tag the frames themselves: the encoder writes its colour description from them
    cs = plan.project.preset.video.colorspace
    return v.filter("setparams", color_primaries=cs, color_trc=cs, colorspace=cs,
                    range=plan.project.preset.video.color_range)


def _overlay(main, png: Path, x: int, y: int, enable: str):
    layer = ffmpeg.input(str(png)).video.filter("scale", **_BT709).filter("format", "yuva420p")
    return ffmpeg.overlay(main, layer, x=x, y=y, enable=enable, format="yuv420")


def _encode_args(plan: Plan) -> dict:
    p = plan.project.preset
    v, a = p.video, p.audio
    gop = max(1, round(v.keyframe_s * p.canvas.fps))
    story = plan.project.story
    return {
        "c:v": v.encoder, "preset": v.x264_preset, "profile:v": v.profile, "level:v": p.level,
        "crf": v.crf, "maxrate": v.maxrate, "bufsize": v.bufsize,
        "g": gop, "keyint_min": gop, "sc_threshold": 0, "bf": v.bframes, "flags": "+cgop",
        "pix_fmt": v.pix_fmt, "color_primaries": v.colorspace, "color_trc": v.colorspace,
        "colorspace": v.colorspace, "color_range": v.color_range,
        "fps_mode": "cfr", "r": p.canvas.fps, "frames:v": plan.timeline.total_frames,
        "c:a": a.encoder, "b:a": a.bitrate, "ar": a.sample_rate, "ac": a.channels,
        # moov first; no edit list, so B-frame delay is carried by negative composition offsets
        "movflags": "+faststart+negative_cts_offsets", "use_editlist": 0, "f": "mp4",
        # two keys, both global metadata (ffmpeg-python takes one value per option name)
        "metadata:g:0": f"title={story.title}", "metadata:g:1": "comment=Kindness Studio #CreateKindness",
    }
