"""The sound of a render: voice-over (the story's, and each beat's at its beat's start), the
clips' own sound (kept, lowered or muted), the music bed (looped, faded, ducked under the voice by
sidechain compression), normalised in two passes to the preset's loudness; silence otherwise.

The same builder makes the measuring pass (audio only: no video is decoded) and the final one,
so both hear exactly the same mix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from ..media.loudness import Measured
from .plan import Plan
from .prepare import anonymized, segment_input_opts


@dataclass(frozen=True)
class _Clip:
    path: Path
    start_s: float
    opts: dict
    seconds: float
    low: bool
    anonymize: bool


def voices(plan: Plan) -> list[tuple[Path, float]]:
    """Voice recordings and where they start (s): the story's with the first beat (after the
    content-warning card, if any), each beat's at its beat."""
    first = plan.timeline.seconds(plan.timeline.intro.end)
    out: list[tuple[Path, float]] = [(plan.voice.path, first)] if plan.voice else []
    for beat, span in zip(plan.project.story.beats, plan.timeline.beats):
        if beat.voice is not None:
            out.append((beat.voice, plan.timeline.seconds(span.start)))
    return out


def clip_sounds(plan: Plan) -> list[_Clip]:
    default = plan.project.look.footage.sound
    out = []
    for i, seg in enumerate(plan.timeline.segments):
        bg = seg.background
        if bg is None or plan.media[bg.path].kind != "video" or not plan.media[bg.path].has_audio:
            continue
        sound = bg.sound or default
        if sound == "mute":
            continue
        out.append(_Clip(bg.path, plan.timeline.seconds(seg.start), segment_input_opts(plan, i),
                         plan.timeline.seconds(seg.frames), sound == "low", anonymized(plan, bg, "voice")))
    return out


def sources(plan: Plan) -> list[Path]:
    """Every file the mix reads (the loudness cache key)."""
    files = [p for p, _ in voices(plan)] + [c.path for c in clip_sounds(plan)]
    return files + ([plan.music.path] if plan.music else [])


def audible(plan: Plan) -> bool:
    return bool(plan.music or voices(plan) or clip_sounds(plan))


def mix(plan: Plan, loudness: Measured | None = None, measure: bool = False):
    """The final audio stream: AAC-ready at the preset's rate and layout, exactly the video's
    length. `measure`: ends in loudnorm's measuring pass instead. `loudness`: the first pass's
    values, for the linear second pass."""
    a = plan.project.preset.audio
    dur = f"{plan.timeline.duration_s:.6f}"
    layout = "stereo" if a.channels == 2 else "mono"
    fmt = dict(sample_fmts="fltp", sample_rates=a.sample_rate, channel_layouts=layout)
    if not audible(plan):
        silence = ffmpeg.input(f"anullsrc=r={a.sample_rate}:cl={layout}", f="lavfi", t=dur).audio
        return silence.filter("aresample", a.sample_rate).filter("aformat", **fmt)

    def fit(stream):
        return stream.filter("aresample", a.sample_rate).filter("aformat", **fmt)

    look = plan.project.look
    speak_anon = "voice" in plan.project.story.meta.anonymize
    voice = None
    recordings = voices(plan)
    if recordings:
        parts = [fit(ffmpeg.input(str(p)).audio).filter("adelay", f"{round(at * 1000)}", all=1)
                 for p, at in recordings]
        voice = parts[0] if len(parts) == 1 else ffmpeg.filter(parts, "amix", inputs=len(parts),
                                                               duration="longest", normalize=0)
        if speak_anon:
            voice = fit(disguise(voice, a.sample_rate, look.anonymize))
        voice = voice.filter("apad").filter("atrim", duration=dur)
    layers = []
    if plan.music:
        m = look.music
        music = fit(ffmpeg.input(str(plan.music.path), stream_loop=-1).audio
                    .filter("atrim", duration=dur).filter("asetpts", "PTS-STARTPTS")
                    .filter("afade", t="in", d=m.fade_in_s)
                    .filter("afade", t="out", st=f"{max(0.0, plan.timeline.duration_s - m.fade_out_s):.3f}",
                            d=m.fade_out_s)
                    .filter("volume", f"{m.volume_db}dB"))
        if voice is not None:
            split = voice.filter_multi_output("asplit", 2)
            voice, key = split[0], split[1]
            d = m.ducking
            music = ffmpeg.filter([music, key], "sidechaincompress", threshold=d.threshold, ratio=d.ratio,
                                  attack=d.attack_ms, release=d.release_ms)
        layers.append(music)
    if voice is not None:
        layers.insert(0, voice)
    for clip in clip_sounds(plan):
        s = (ffmpeg.input(str(clip.path), **clip.opts).audio.filter("atrim", duration=f"{clip.seconds:.6f}")
             .filter("asetpts", "PTS-STARTPTS"))
        if clip.low:
            s = s.filter("volume", f"{look.footage.low_db}dB")
        s = fit(s)
        if clip.anonymize:  # the clip's own #anonymize=, else the story's (prepare.anonymized)
            s = fit(disguise(s, a.sample_rate, look.anonymize))
        layers.append(s.filter("adelay", f"{round(clip.start_s * 1000)}", all=1))
    mixed = layers[0] if len(layers) == 1 else ffmpeg.filter(layers, "amix", inputs=len(layers),
                                                             duration="longest", normalize=0)
    mixed = mixed.filter("apad").filter("atrim", duration=dur)
    target = plan.project.preset.loudness
    norm = dict(I=target.integrated_lufs, TP=target.true_peak_dbtp, LRA=target.lra_lu)
    if measure:
        return mixed.filter("loudnorm", **norm, print_format="json")
    if loudness is not None:
        mixed = _level(mixed, loudness, target, norm)
    return mixed.filter("aresample", a.sample_rate).filter("aformat", **fmt)


LOUDNORM_MAX_LRA = 50.0  # the filter's largest range target


def _level(mixed, m: Measured, target, norm: dict):
    """The second pass: one linear gain to the target. loudnorm keeps its linear mode only when the
    measured range is within its range target (and the gain keeps the true peak under its limit);
    otherwise it falls back to a dynamic mode that, on a clip this short, misses the integrated
    target by 2 LU (a warning card over music alone, then a voice over ducked music, measured
    -11.8 LUFS). So the range target is raised to the measured range: the gain stays linear, and
    the QA warns about a wide range (`loudness.range`)."""
    norm = {**norm, "LRA": min(LOUDNORM_MAX_LRA, max(target.lra_lu, round(m.input_lra + 0.1, 1)))}
    return mixed.filter("loudnorm", **norm, measured_I=m.input_i, measured_TP=m.input_tp,
                        measured_LRA=m.input_lra, measured_thresh=m.input_thresh,
                        offset=m.target_offset, linear="true", print_format="none")


def disguise(stream, rate: int, a):
    """Pitch and formants moved apart: `asetrate` moves both by `voice_formant` (and the tempo,
    which `atempo` restores); rubberband then brings the pitch to `voice_pitch` while keeping
    those shifted formants. Speech stays intelligible; the voice is no longer the person's."""
    f = a.voice_formant
    return (stream.filter("asetrate", round(rate * f)).filter("aresample", rate)
            .filter("atempo", f"{1 / f:.6f}")
            .filter("rubberband", pitch=f"{a.voice_pitch / f:.6f}", formant="preserved"))
