"""One ffmpeg filter graph per render, built with ffmpeg-python and compiled to an argv list
(the only module that imports ffmpeg-python). Building never runs anything, so tests can compare
the argv with a golden copy.

Costs measured on these machines (ARCHITECTURE.md) shape the graph: each still is decoded and
converted to YUV once, then looped; photos pan with a moving `crop` (almost free); captions are
single-frame PNG overlays switched on by frame number; the end card is one more looped still."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from ..core.timeline import Segment
from .plan import Plan
from .prepare import Assets, still_size

_BT709 = dict(out_color_matrix="bt709", out_range="tv")


@dataclass(frozen=True)
class Outputs:
    video: Path
    cover: Path | None = None      # a JPEG of frame `cover_frame`, from the same graph
    cover_frame: int = 0
    still_frame: int | None = None  # render only this frame, as PNG, to `video` (preview)


def build_argv(plan: Plan, assets: Assets, out: Outputs, ffmpeg_exe: str = "ffmpeg") -> list[str]:
    video = _video(plan, assets)
    audio = _audio(plan)
    p = plan.project.preset
    total = plan.timeline.total_frames
    if out.still_frame is not None:
        frame = video.filter("trim", start_frame=out.still_frame, end_frame=out.still_frame + 1)
        stream = ffmpeg.output(frame, str(out.video), **{"frames:v": 1, "f": "image2", "update": 1, "c:v": "png"})
    else:
        if out.cover is not None:
            split = video.filter_multi_output("split", 2)
            video, cover = split[0], split[1]
        main = ffmpeg.output(video, audio, str(out.video), **_encode_args(plan), t=_seconds(plan, total))
        if out.cover is not None:
            cover = (cover.filter("trim", start_frame=out.cover_frame, end_frame=out.cover_frame + 1)
                     .filter("scale", out_color_matrix="bt601", out_range="pc").filter("format", "yuvj420p"))
            stream = ffmpeg.merge_outputs(main, ffmpeg.output(cover, str(out.cover), **{
                "frames:v": 1, "f": "image2", "update": 1, "c:v": "mjpeg", "q:v": 3}))
        else:
            stream = main
    # ffmpeg-python puts global options last, where ffmpeg 7+ ignores them: put them first
    return [ffmpeg_exe, *_GLOBAL_ARGS, *stream.compile(cmd=ffmpeg_exe, overwrite_output=False)[1:]]


_GLOBAL_ARGS = ("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats",
                "-progress", "pipe:1", "-stats_period", "0.25", "-y")


def _seconds(plan: Plan, frames: int) -> str:
    return f"{float(frames / plan.timeline.fps):.6f}"


def _video(plan: Plan, assets: Assets):
    c = plan.project.preset.canvas
    fps = c.fps
    parts = []
    for i, seg in enumerate(plan.timeline.segments):
        if i in assets.stills:
            parts.append(_still(assets.stills[i], seg.frames, fps, c.width, c.height,
                                pan=i if seg.background is not None and plan.project.look.background.motion == "pan" else None))
        else:
            parts.append(_footage(plan, seg))
    parts.append(_still(assets.endcard, plan.timeline.endcard.frames, fps, c.width, c.height, pan=None))
    v = ffmpeg.concat(*parts, n=len(parts), v=1, a=0) if len(parts) > 1 else parts[0]
    beats_end = plan.timeline.endcard.start - 1
    v = _overlay(v, assets.brand.path, assets.brand.x, assets.brand.y, f"between(n,0,{beats_end})")
    for event, placed, words in zip(plan.timeline.events, assets.captions, assets.highlights):
        v = _overlay(v, placed.path, placed.x, placed.y, f"between(n,{event.start},{event.end - 1})")
        for word, start, end in words:  # karaoke: the word being spoken, in the highlight colour
            v = _overlay(v, word.path, word.x, word.y, f"between(n,{start},{end - 1})")
    # tag the frames themselves: the encoder writes its colour description from them
    cs = plan.project.preset.video.colorspace
    return v.filter("setparams", color_primaries=cs, color_trc=cs, colorspace=cs,
                    range=plan.project.preset.video.color_range)


def _still(path: Path, frames: int, fps: int, w: int, h: int, pan: int | None):
    """A still decoded once, converted to YUV once, looped to `frames`; optionally panned."""
    s = (ffmpeg.input(str(path), framerate=fps).video
         .filter("scale", **_BT709).filter("format", "yuv420p")
         .filter("loop", loop=frames - 1, size=1, start=0))
    if pan is None:
        return s.filter("crop", w, h, 0, 0).filter("setsar", 1)
    # alternate the direction per segment: left-right, right-left, top-down, bottom-up
    last = max(1, frames - 1)
    x, y = {0: (f"(iw-ow)*n/{last}", "(ih-oh)/2"), 1: (f"(iw-ow)*(1-n/{last})", "(ih-oh)/2"),
            2: ("(iw-ow)/2", f"(ih-oh)*n/{last}"), 3: ("(iw-ow)/2", f"(ih-oh)*(1-n/{last})")}[pan % 4]
    return s.filter("crop", w, h, x, y).filter("setsar", 1)


def _footage(plan: Plan, seg: Segment):
    """A video background: trimmed (#t=), looped when short, cover-cropped or on a blurred fill,
    at the preset's fps, exactly `seg.frames` long. Its own sound is not used."""
    c = plan.project.preset.canvas
    bg = seg.background
    assert bg is not None
    info = plan.media[bg.path]
    start = bg.trim_start or 0.0
    end = bg.trim_end if bg.trim_end is not None else info.duration_s
    need = seg.frames / c.fps
    opts: dict = {"ss": f"{start:.3f}"} if start else {}
    if end - start < need:
        opts["stream_loop"] = -1
    opts["t"] = f"{min(end - start, need + 1) if end - start >= need else need + 1:.3f}"
    src = ffmpeg.input(str(bg.path), **opts).video
    if bg.fit == "blur":
        split = src.filter_multi_output("split", 2)
        fill, front = split[0], split[1]
        fill = (fill.filter("scale", c.width // 8, c.height // 8, force_original_aspect_ratio="increase")
                .filter("crop", c.width // 8, c.height // 8).filter("boxblur", 6, 2)
                .filter("scale", c.width, c.height))
        front = front.filter("scale", c.width, c.height, force_original_aspect_ratio="decrease",
                             force_divisible_by=2)
        v = ffmpeg.overlay(fill, front, x="(W-w)/2", y="(H-h)/2")
    else:
        v = (src.filter("scale", c.width, c.height, force_original_aspect_ratio="increase")
             .filter("crop", c.width, c.height))
    return (v.filter("fps", c.fps).filter("scale", **_BT709).filter("format", "yuv420p")
            .filter("setsar", 1).filter("trim", end_frame=seg.frames).filter("setpts", "PTS-STARTPTS"))


def _overlay(main, png: Path, x: int, y: int, enable: str):
    layer = ffmpeg.input(str(png)).video.filter("scale", **_BT709).filter("format", "yuva420p")
    return ffmpeg.overlay(main, layer, x=x, y=y, enable=enable, format="yuv420")


def _audio(plan: Plan):
    """Music bed (looped, faded, levelled) and/or voice-over, or silence: always AAC 48 kHz stereo
    of exactly the video's length."""
    a = plan.project.preset.audio
    look = plan.project.look.music
    duration = plan.timeline.duration_s
    dur = f"{duration:.6f}"
    layout = "stereo" if a.channels == 2 else "mono"
    music = voice = None
    if plan.music:
        gain = look.under_voice_db if plan.voice else look.volume_db
        music = (ffmpeg.input(str(plan.music.path), stream_loop=-1).audio
                 .filter("atrim", duration=dur).filter("asetpts", "PTS-STARTPTS")
                 .filter("afade", t="in", d=look.fade_in_s)
                 .filter("afade", t="out", st=f"{max(0.0, float(duration) - look.fade_out_s):.3f}", d=look.fade_out_s)
                 .filter("volume", f"{gain}dB"))
    if plan.voice:
        voice = (ffmpeg.input(str(plan.voice.path)).audio.filter("apad")
                 .filter("atrim", duration=dur).filter("asetpts", "PTS-STARTPTS"))
    if music is not None and voice is not None:
        mixed = ffmpeg.filter([voice, music], "amix", inputs=2, duration="first", normalize=0)
    else:
        mixed = music if music is not None else voice
    if mixed is None:
        mixed = ffmpeg.input(f"anullsrc=r={a.sample_rate}:cl={layout}", f="lavfi", t=dur).audio
    return (mixed.filter("aresample", a.sample_rate)
            .filter("aformat", sample_fmts="fltp", sample_rates=a.sample_rate, channel_layouts=layout))


def _encode_args(plan: Plan) -> dict:
    p = plan.project.preset
    v, a = p.video, p.audio
    gop = max(1, round(v.keyframe_s * p.canvas.fps))
    story = plan.project.story
    return {
        "c:v": v.encoder, "preset": v.x264_preset, "profile:v": v.profile, "level:v": v.level,
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
