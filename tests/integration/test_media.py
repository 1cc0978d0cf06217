"""Footage, voice and music: real tiny renders, checked by decoding the outputs independently
(PyAV frames, OpenCV's own cascade, ffmpeg's ebur128 meter)."""

from __future__ import annotations

import re
import subprocess
import wave
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image

from studio.core.project import load_project
from studio.render import RenderJob, render
from studio.media.ffmpeg_binary import ffmpeg_exe

from .probe import probe


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache"))


def _story(folder: Path, body: str, front: str = "") -> Path:
    path = folder / "story.md"
    path.write_text(f"---\ntitle: Test\nconsent: {{given: true}}\n{front}---\n\n{body}", encoding="utf-8")
    return path


def _wav(path: Path, signal: np.ndarray, rate: int) -> Path:
    """`signal`: (samples, channels) floats in -1..1."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(signal.shape[1]), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes((np.clip(signal, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def _speechlike(seconds: float, rate: int, channels: int, amp: float, seed: int = 0) -> np.ndarray:
    """Noise shaped by a syllable-rate envelope: a programme with loudness range, not a flat tone."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    env = 0.55 + 0.45 * np.sin(2 * np.pi * 3 * t)
    x = rng.normal(0, 1, len(t)) * env * amp / 3
    return np.repeat(x[:, None], channels, axis=1)


def _tone(seconds: float, rate: int, freq: float, amp: float, channels: int = 1) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return np.repeat((amp * np.sin(2 * np.pi * freq * t))[:, None], channels, axis=1)


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of a file, by ffmpeg's own meter."""
    out = subprocess.run([ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(path), "-vn", "-af",
                          "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True, check=True).stderr
    summary = out[out.rindex("Summary:"):]
    i = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    tp = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return i, tp


def _samples(path: Path) -> tuple[np.ndarray, int]:
    with av.open(str(path)) as c:
        chunks = [f.to_ndarray() for f in c.decode(audio=0)]
        rate = c.streams.audio[0].rate
    return np.concatenate(chunks, axis=1).mean(axis=0), rate


def _band_db(x: np.ndarray, rate: int, t0: float, t1: float, freq: float) -> float:
    seg = x[int(t0 * rate):int(t1 * rate)]
    spec = np.abs(np.fft.rfft(seg * np.hanning(len(seg))))
    f = np.fft.rfftfreq(len(seg), 1 / rate)
    return 20 * np.log10(spec[(f > freq - 15) & (f < freq + 15)].max() + 1e-9)


# --- loudness --------------------------------------------------------------------------------

# a quiet mix with sharp peaks: brought up to -14 LUFS by one gain it would peak over -1.5 dBTP, so
# loudnorm drops its linear mode for its dynamic one, which lands at -16.1 LUFS on this short clip
PEAKY = pytest.mark.xfail(strict=True, reason="known: loudnorm's dynamic fallback misses -14 LUFS by 2 LU on "
                                              "short clips whose peaks a linear gain would push over the limit")


@pytest.mark.parametrize("key, rate, channels, amp, clicks", [("voiceover", 22050, 1, 0.03, False),
                                                              ("music", 44100, 2, 1.0, False),
                                                              pytest.param("music", 48000, 2, 0.05, True, marks=PEAKY)],
                         ids=["quiet-voice", "loud-music", "peaky-music"])
def test_loudness_lands_on_target_and_is_measured_once(tmp_path, tiny_preset, monkeypatch, key, rate, channels, amp,
                                                       clicks):
    sound = _speechlike(5, rate, channels, amp)
    if clicks:  # sharp clicks 4 times a second: brought to -14 LUFS they would peak far above -1.5 dBTP
        sound[::rate // 4] = 0.5
    _wav(tmp_path / "son.wav", sound, rate)
    story = _story(tmp_path, "Un beat.\n\nUn autre beat.\n", front=f"{key}: son.wav\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    i, tp = ebur128(result.video)
    assert abs(i - -14.0) <= 1.0, i
    assert tp <= -1.5, tp                            # the README's promise, measured after AAC
    assert probe(result.video).sample_rate == 48000
    assert len(list((tmp_path / "cache" / "loudness").glob("*.json"))) == 1
    # a re-render reads the cached measurement: no measuring pass runs
    import studio.render.loudness as loud

    def no_measure(*a, **k):
        raise AssertionError("measured again")
    monkeypatch.setattr(loud, "run_ffmpeg", no_measure)
    again = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out2"))
    assert abs(ebur128(again.video)[0] - i) < 0.2


def test_silent_story_stays_silent_without_loudnorm(tmp_path, tiny_preset):
    result = render(RenderJob(load_project(_story(tmp_path, "Un beat.\n"), tiny_preset), tmp_path / "out"))
    x, rate = _samples(result.video)
    p = probe(result.video)
    assert (p.audio_codec, rate, p.channels) == ("aac", 48000, 2)
    assert abs(len(x) / rate - p.duration_s) < 0.1 and np.abs(x).max() == 0   # a real track, all zeros
    assert not (tmp_path / "cache" / "loudness").exists()                    # nothing was measured


# --- voice placement, ducking, clip sound ---------------------------------------------------

def test_beat_voice_starts_at_its_beat_and_ducks_the_music(tmp_path, tiny_preset):
    _wav(tmp_path / "musique.wav", _tone(3, 44100, 1000, 0.5, 2), 44100)
    _wav(tmp_path / "voix.wav", _tone(2.5, 22050, 300, 0.5), 22050)
    Image.new("RGB", (200, 360), (230, 0, 0)).save(tmp_path / "rouge.png")
    # the voice line of the story syntax; the second beat also has a red photo, so where it
    # starts is read from the video's pictures
    story = _story(tmp_path, "Premier beat sans voix.\n\n![](rouge.png#motion=none)\n\n"
                             "![voix](voix.wav)\nDeuxième beat, avec la voix.\n", front="music: musique.wav\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    x, rate = _samples(result.video)
    with av.open(str(result.video)) as c:
        b1 = next(f.time for f in c.decode(video=0) if _is_red(f.to_ndarray(format="rgb24")[10, 54]))
    assert 1.5 < b1 < 3.0, b1
    # the voice starts on the beat's first frame (within a frame and AAC's framing)
    assert abs(_onset(x, rate, 300, b1 - 1.0) - b1) < 0.08, (_onset(x, rate, 300, b1 - 1.0), b1)
    # the voice (300 Hz) is absent before its beat and present right after it starts
    assert _band_db(x, rate, b1 - 1.2, b1 - 0.2, 300) < _band_db(x, rate, b1 + 0.3, b1 + 1.3, 300) - 30
    # the music (1000 Hz) dips under the voice, and comes back after it
    before, under = _band_db(x, rate, b1 - 1.2, b1 - 0.2, 1000), _band_db(x, rate, b1 + 0.5, b1 + 1.5, 1000)
    after = _band_db(x, rate, b1 + 3.5, b1 + 4.5, 1000)
    assert under < before - 8 and after > under + 6, (before, under, after)


def _onset(x: np.ndarray, rate: int, freq: float, after: float) -> float:
    """When the tone at `freq` starts, after `after` s: the first 40 ms window (10 ms steps)
    within 20 dB of the loudest one."""
    starts = np.arange(after, len(x) / rate - 0.04, 0.01)
    levels = np.array([_band_db(x, rate, t, t + 0.04, freq) for t in starts])
    return float(starts[np.argmax(levels > levels.max() - 20)] + 0.02)


def _is_red(pixel) -> bool:
    return pixel[0] > 180 and pixel[1] < 60 and pixel[2] < 60


def _clip(path: Path, seconds: float, size: tuple[int, int], fps: int = 25, audio_hz: int | None = None,
          frames=None, gop: int = 250) -> Path:
    """A clip written with PyAV: `frames(k)` gives RGB arrays (default: grey), optional sine sound."""
    w, h = size
    with av.open(str(path), "w") as out:
        v = out.add_stream("libx264", rate=fps)
        v.width, v.height, v.pix_fmt = w, h, "yuv420p"
        v.options = {"preset": "ultrafast", "crf": "18", "g": str(gop)}
        a = None
        if audio_hz:
            a = out.add_stream("aac", rate=44100)
            a.layout = "stereo"
        n = int(seconds * fps)
        for k in range(n):
            img = frames(k, n) if frames else np.full((h, w, 3), 120, np.uint8)
            for p in v.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(p)
        for p in v.encode():
            out.mux(p)
        if a is not None:
            t = np.arange(int(seconds * 44100)) / 44100
            s = (0.4 * np.sin(2 * np.pi * audio_hz * t)).astype(np.float32)
            for start in range(0, len(s), 1024):
                chunk = np.stack([s[start:start + 1024]] * 2)
                fr = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="fltp", layout="stereo")
                fr.sample_rate, fr.pts = 44100, start
                for p in a.encode(fr):
                    out.mux(p)
            for p in a.encode():
                out.mux(p)
    return path


def test_clip_sound_keep_low_mute(tmp_path, tiny_preset):
    _clip(tmp_path / "clip.mp4", 4, (320, 180), audio_hz=440)
    _wav(tmp_path / "musique.wav", _tone(3, 44100, 1000, 0.3, 2), 44100)
    # one render, the same clip three times (three inputs of equal arguments), one beat each
    body = "".join(f"![](clip.mp4#sound={sound})\n\nUn beat avec le son du clip, {sound}.\n\n"
                   for sound in ("keep", "low", "mute"))
    result = render(RenderJob(load_project(_story(tmp_path, body, front="music: musique.wav\n"), tiny_preset),
                              tmp_path / "out"))
    x, rate = _samples(result.video)
    import pysubs2
    level = {}
    for sound, cue in zip(("keep", "low", "mute"), pysubs2.load(str(result.srt), encoding="utf-8")):
        assert cue.plaintext.endswith(f"{sound}."), cue.plaintext
        t0, t1 = cue.start / 1000 + 0.3, cue.end / 1000 - 0.3
        level[sound] = _band_db(x, rate, t0, t1, 440) - _band_db(x, rate, t0, t1, 1000)  # clip vs music
    assert level["mute"] < level["low"] - 30
    assert 8 < level["keep"] - level["low"] < 16   # low_db = -12 in defaults.toml


def test_anonymised_voice_is_lower_in_pitch(tmp_path, tiny_preset):
    _wav(tmp_path / "voix.wav", _tone(4, 48000, 200, 0.5), 48000)
    story = _story(tmp_path, "Un beat dit.\n", front="voiceover: voix.wav\nanonymize: [voice]\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    x, rate = _samples(result.video)
    seg = x[int(1 * rate):int(3 * rate)]
    f = np.fft.rfftfreq(len(seg), 1 / rate)
    peak = f[np.argmax(np.abs(np.fft.rfft(seg * np.hanning(len(seg)))))]
    assert abs(peak - 200 * 0.82) < 8, peak   # voice_pitch = 0.82; still one clear tone (intelligible)


# --- faces -----------------------------------------------------------------------------------

def _astronaut_face() -> np.ndarray:
    from skimage import data
    return data.astronaut()[20:260, 130:350]   # Eileen Collins' face and hair (public domain, NASA)


def _moving_face_clip(path: Path, seconds: float = 2.0, size: tuple[int, int] = (200, 356)) -> Path:
    face = np.asarray(Image.fromarray(_astronaut_face()).resize((110, 120)))
    w, h = size

    def frame(k, n):
        img = np.full((h, w, 3), 90, np.uint8)
        x = int((w - 110) * k / max(1, n - 1))
        y = int(40 + (h - 200) * k / max(1, n - 1))
        img[y:y + 120, x:x + 110] = face
        return img
    return _clip(path, seconds, (w, h), fps=25, frames=frame)


def _faces_per_frame(video: Path) -> list[int]:
    cv2.setNumThreads(1)
    cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"))
    counts = []
    with av.open(str(video)) as c:
        for f in c.decode(video=0):
            counts.append(len(cascade.detectMultiScale(f.to_ndarray(format="gray"), 1.15, 3, minSize=(20, 20))))
    return counts


@pytest.mark.timeout(900)  # a few seconds on an idle machine; OpenCV crawls when the cores are shared
@pytest.mark.parametrize("size, seen_share", [((200, 356), 2), ((480, 270), 4)],
                         ids=["portrait", "landscape-crossing-the-crop"])
def test_no_frame_shows_a_face_when_anonymised(tmp_path, tiny_preset, size, seen_share):
    _moving_face_clip(tmp_path / "face.mp4", size=size)
    body = "![](face.mp4)\n\nQuelqu’un traverse l’image.\n"
    plain = render(RenderJob(load_project(_story(tmp_path, body), tiny_preset), tmp_path / "plain"))
    hidden = render(RenderJob(load_project(_story(tmp_path, body, front="anonymize: [faces]\n"), tiny_preset),
                              tmp_path / "hidden"))
    tl_frames = round(2.0 * 15)
    seen = _faces_per_frame(plain.video)[:tl_frames]
    # the detector does see the face unblurred: on most frames, or (landscape) while it crosses the crop
    assert sum(1 for n in seen if n) > len(seen) // seen_share
    assert _faces_per_frame(hidden.video) == [0] * probe(hidden.video).frames


def test_face_search_reports_boxes_in_whole_frame_fractions_within_its_columns(tmp_path):
    from studio.media.faces import scan_video
    face = np.asarray(Image.fromarray(_astronaut_face()).resize((110, 120)))

    def frame(k, n):  # landscape: the face on the left third only
        img = np.full((240, 480, 3), 90, np.uint8)
        img[60:180, 40:150] = face
        return img
    clip = _clip(tmp_path / "left.mp4", 1.0, (480, 240), fps=10, frames=frame)
    whole = scan_video(clip, 0.0, 1.0, 480, 5.0)
    left = scan_video(clip, 0.0, 1.0, 480, 5.0, columns=(0.0, 0.5))
    right = scan_video(clip, 0.0, 1.0, 480, 5.0, columns=(0.5, 1.0))
    assert all(boxes for boxes in whole.boxes) and all(boxes for boxes in left.boxes)
    assert not any(right.boxes)                       # the face is not in the right half
    x, y, w, h = left.boxes[0][0]                     # and where it is, in fractions of the whole frame
    assert abs((x + w / 2) - 95 / 480) < 0.04 and abs((y + h / 2) - 0.5) < 0.08, left.boxes[0]


def test_face_search_times_are_source_seconds_of_the_frames_it_searched(tmp_path):
    from studio.media.faces import scan_video
    clip = _clip(tmp_path / "k.mp4", 3.0, (160, 90), fps=10, gop=7)   # keyframes at 0, 0.7, 1.4, 2.1, 2.8 s
    every = scan_video(clip, 1.05, 2.5, 160, 4.0)
    assert np.allclose(every.times, [1.1, 1.4, 1.7, 2.0, 2.3]) and (every.width, every.height) == (160, 90)
    keys = scan_video(clip, 1.05, 2.5, 160, 4.0, keyframes_only=True)
    assert np.allclose(keys.times, [1.4, 2.1])


def _mid_cue_frames(result) -> list[np.ndarray]:
    """The RGB frame in the middle of each caption event of the SRT the render wrote."""
    import pysubs2
    mids = [(e.start + e.end) / 2000 for e in pysubs2.load(str(result.srt), encoding="utf-8")]
    with av.open(str(result.video)) as c:
        decoded = [(f.time, f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]
    return [[img for t, img in decoded if t <= m + 1e-6][-1] for m in mids]


def test_photo_faces_are_blurred_unless_the_photo_says_none(tmp_path, small_preset):
    Image.fromarray(_astronaut_face()).save(tmp_path / "portrait.png")
    cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"))
    story = _story(tmp_path, "![](portrait.png#motion=none)\n\nUn portrait flouté.\n\n"
                             "![](portrait.png#motion=none&anonymize=none)\n\nLe même, net.\n",
                   front="anonymize: [faces]\n")
    result = render(RenderJob(load_project(story, small_preset), tmp_path / "out"))
    counts = [len(cascade.detectMultiScale(cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), 1.1, 3, minSize=(40, 40)))
              for f in _mid_cue_frames(result)]
    assert counts[0] == 0 and counts[1] > 0, counts  # blurred by the story's setting; `#anonymize=none` wins


# --- reframing, motion, crossfade ------------------------------------------------------------

@pytest.mark.parametrize("gop", [250, 25], ids=["one-keyframe-full-scan", "keyframe-every-second"])
def test_subject_fit_keeps_the_face_in_frame(tmp_path, tiny_preset, gop):
    face = np.asarray(Image.fromarray(_astronaut_face()).resize((90, 100)))

    def frame(k, n):  # a landscape clip, the face standing near the right edge
        img = np.full((180, 480, 3), 90, np.uint8)
        img[40:140, 370:460] = face
        return img
    _clip(tmp_path / "wide.mp4", 3, (480, 180), frames=frame, gop=gop)
    story = _story(tmp_path, "![](wide.mp4#fit=cover)\n\nLe visage sort du cadre.\n\n"
                             "![](wide.mp4#fit=subject)\n\nLe visage reste dans le cadre.\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    xs = {}
    for fit, rgb in zip(("cover", "subject"), _mid_cue_frames(result)):
        img = rgb.mean(axis=2)
        cols = np.where(np.abs(img[55:92] - 90).max(axis=0) > 40)[0]  # the face's rows, above the caption
        xs[fit] = cols
    assert len(xs["cover"]) == 0                                 # a centre crop misses the face
    assert len(xs["subject"]) > 30 and 10 < xs["subject"].mean() < 98


def test_zoom_in_and_crossfade(tmp_path, tiny_preset):
    sq = Image.new("RGB", (400, 700), (20, 20, 20))
    sq.paste((250, 250, 250), (150, 300, 250, 400))
    sq.save(tmp_path / "carre.png")
    Image.new("RGB", (400, 700), (0, 0, 230)).save(tmp_path / "bleu.png")
    story = _story(tmp_path, "![](carre.png#motion=zoom-in)\n\nLe carré grandit doucement.\n\n"
                             "![](bleu.png#motion=none)\n\nPuis le bleu.\n")
    top = {"caption": {"position": "top"}}  # the caption (two lines at 108 px) off the square
    project = load_project(story, tiny_preset, overrides={"background": {"crossfade_s": 0.6}, **top})
    plain = load_project(story, tiny_preset, overrides=top)
    result = render(RenderJob(project, tmp_path / "out"))
    cut = render(RenderJob(plain, tmp_path / "cut"))
    assert probe(result.video).frames == probe(cut.video).frames   # a crossfade costs no frames
    def decode(video):
        with av.open(str(video)) as c:
            return [(f.time, f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]
    cut_frames, faded = decode(cut.video), decode(result.video)
    # where the blue photo starts, read from the cut's pictures
    end = next(t for t, img in cut_frames if img[170, 54, 2] > 180 and img[170, 54, 0] < 60)
    assert 1.5 < end < 4, end
    grey = [(img[:150].mean(axis=2) > 200).sum() for t, img in cut_frames if t < end]  # above the caption
    assert grey[-3] > grey[0] * 1.1, (grey[0], grey[-3])         # the square grew: a zoom in
    thirds = [np.mean(part) for part in np.array_split(np.array(grey), 3)]
    assert thirds[0] < thirds[1] < thirds[2], thirds            # ...all along (zoompan moves by whole pixels)
    mid = next(img for t, img in faded if t >= end + 0.3 - 1e-6)[170, 54].astype(int)  # dark photo -> blue
    assert 50 < mid[2] < 190 and mid[0] < 60, mid                # half-way through the dissolve
    before = next(img for t, img in faded if t >= end - 0.1 - 1e-6)[170, 54].astype(int)
    assert before[2] < 60, before                                # the dissolve starts at the cut, not before


def test_photo_motions_and_music_fades(tmp_path, tiny_preset):
    """One render, one photo per beat: the default motion (a slow pan alternating its direction)
    and each `#motion=`, read from the frames; the music bed fades in and out, read from the sound.
    The photo's red grows left to right and its green top to bottom, so where the frame looks
    tells which way it moves; a zoom changes how much of the ramp the frame spans."""
    h, w = 700, 400
    ramp = np.zeros((h, w, 3), np.uint8)
    ramp[..., 0] = np.linspace(0, 255, w)[None, :]
    ramp[..., 1] = np.linspace(0, 255, h)[:, None]
    ramp[..., 2] = 60
    Image.fromarray(ramp).save(tmp_path / "rampe.png")
    _wav(tmp_path / "musique.wav", _tone(3, 48000, 1000, 0.5, 2), 48000)
    motions = ["auto", "auto", "pan-left", "pan-right", "pan-up", "pan-down", "zoom-out", "none"]
    body = "".join(f"![](rampe.png{'' if m == 'auto' else '#motion=' + m})\n\nMouvement {k} {m}.\n\n"
                   for k, m in enumerate(motions))
    result = render(RenderJob(load_project(_story(tmp_path, body, front="music: musique.wav\n"), tiny_preset),
                              tmp_path / "out"))
    import pysubs2
    cues = pysubs2.load(str(result.srt), encoding="utf-8")
    assert [c.plaintext.split()[-1].rstrip(".") for c in cues] == motions
    with av.open(str(result.video)) as c:
        decoded = [(f.time, f.to_ndarray(format="rgb24").astype(float)) for f in c.decode(video=0)]

    def look(t):  # mean red and green of the upper picture (below the logo, above the captions)
        img = next(im for time, im in decoded if time >= t - 1e-6)[40:100, 10:98]
        left, right = img[:, :20, 0].mean(), img[:, -20:, 0].mean()
        return img[..., 0].mean(), img[..., 1].mean(), right - left

    moves = {}
    for k, (cue, motion) in enumerate(zip(cues, motions)):
        (r0, g0, s0), (r1, g1, s1) = look(cue.start / 1000 + 0.07), look(cue.end / 1000 - 0.14)
        moves[(k, motion)] = (round(r1 - r0, 1), round(g1 - g0, 1), round(s1 - s0, 1))
    # a pan moves about 8 % of the frame (8 px of 108, 16 of 192: some 17-20 levels of the ramps)
    right, left, up, down = ((8, 0), (-8, 0), (0, -8), (0, 8))
    expected = {0: right, 1: left, 2: left, 3: right, 4: up, 5: down}   # the default alternates

    for (k, motion), (dr, dg, ds) in moves.items():
        if k in expected:
            ex, ey = expected[k]
            assert (dr > 8 if ex > 0 else dr < -8 if ex < 0 else abs(dr) < 3), (motion, dr, dg)
            assert (dg > 8 if ey > 0 else dg < -8 if ey < 0 else abs(dg) < 3), (motion, dr, dg)
        elif motion == "zoom-out":
            assert ds > 4 and abs(dr) < 4, (motion, dr, dg, ds)   # more of the ramp comes into view
        else:
            assert abs(dr) < 2 and abs(dg) < 2 and abs(ds) < 3, (motion, dr, dg, ds)   # none: still (encoder noise)
    # the music fades in over 1 s and out over the last 2.5 s
    x, rate = _samples(result.video)
    end = len(x) / rate

    def db(t0, t1):
        seg = x[int(t0 * rate):int(t1 * rate)]
        return 20 * np.log10(np.sqrt(np.mean(seg ** 2)) + 1e-12)
    steady = db(4, 6)
    assert db(0, 0.15) < steady - 12 and db(0.45, 0.55) < steady - 3 and db(1.5, 2) > steady - 2
    assert db(end - 0.2, end) < steady - 12 and db(end - 1.3, end - 1.2) < steady - 3
