"""Real renders with the real ffmpeg, checked by probing the files they wrote."""

from __future__ import annotations

import json
import os
import re
import threading
import wave
from fractions import Fraction
from pathlib import Path

import numpy as np
import pysubs2
import pytest
from av import VideoFrame
from av import open as av_open
from PIL import Image

from studio.core.captions import typeset
from studio.core.errors import RenderCancelled
from studio.core.project import load_project
from studio.preview import render_frame
from studio.render import RenderJob, render

from .conftest import CancelAfter, ffmpeg_processes_for
from .probe import audio_rms_db, band_db, frame_at, frames, peak_video_mbps, probe, shown_at

ROOT = Path(__file__).resolve().parents[2]


def _story(folder: Path, body: str, front: str = "consent: {given: true}\n", name: str = "story.md") -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: Test\n{front}---\n\n{body}", encoding="utf-8")
    return path


def _tone(path: Path, seconds: float = 4.0, rate: int = 44100, channels: int = 2, amp: float = 0.3,
          freq: float = 440) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    s = (amp * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes(np.repeat(s, channels).tobytes())
    return path


def _srt_cues(path: Path) -> list[tuple[str, str, str]]:
    """(start, end, text) of each cue, the SRT's escapes undone (studio.render.sidecars: an
    invisible word joiner, the full-width opening brace of a {...} pair)."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    cues = []
    for b in blocks:
        lines = b.split("\n")
        start, end = lines[1].split(" --> ")
        text = "\n".join(lines[2:]).replace("\u2060", "").replace("\uff5b", "{")
        cues.append((start, end, text))
    return cues


def test_tiny_render_probed(tmp_path, tiny_preset):
    story = _story(tmp_path, "Un premier beat.\n\nUn deuxième beat, un peu plus long que le premier.\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    p = probe(result.video)
    assert (p.width, p.height, p.fps, p.codec, p.pix_fmt) == (108, 192, 15, "h264", "yuv420p")
    assert abs(p.frames / 15 - p.duration_s) < 0.05          # constant frame rate, no gaps
    assert p.duration_s >= 6 + 2 * 2                         # two beats of >= 2 s, then the end card
    assert (p.audio_codec, p.audio_profile, p.sample_rate, p.channels) == ("aac", "LC", 48000, 2)
    assert abs(p.audio_duration_s - p.duration_s) < 0.05
    assert audio_rms_db(result.video) < -80                  # no music: silence, but a real track
    with Image.open(result.cover) as cover:
        assert (cover.format, cover.size) == ("JPEG", (108, 192))
    # the report describes the file that was written
    report = json.loads(result.report.read_text(encoding="utf-8"))
    assert abs(report["duration_s"] - p.duration_s) < 0.05 and report["timeline"]["frames"] == p.frames
    parts = [a for a in report["argv"] if a.endswith(".part")]  # the video first; the QA's views go to pipes
    assert Path(report["argv"][0]).is_file() and Path(parts[0]).name.startswith(".story.tiny.mp4.")
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == sorted(
        f"story.tiny.{ext}" for ext in ("mp4", "fr_FR.srt", "vtt", "jpg", "report.json", "qa.json", "qa.html", "post.txt"))


@pytest.mark.slow
def test_full_size_tiktok_master(tmp_path):
    """Every property of the universal vertical master (docs/standards.md §1), read from the file."""
    # a short story (photo, text, music) keeps this full-size render to about 12 s of video
    import shutil
    for name in ("couloir.jpg", "calme.mp3"):
        shutil.copy(ROOT / "examples" / "stories" / "media" / name, tmp_path / name)
    story = tmp_path / "lea.md"
    story.write_text("---\ntitle: Léa, 14 ans\nmusic: calme.mp3\nconsent: {given: true}\n---\n\n"
                     "![couloir](couloir.jpg)\n\nAu collège, tout a commencé par un surnom.\n", encoding="utf-8")
    result = render(RenderJob(load_project(story, "tiktok"), tmp_path / "out"))
    p = probe(result.video)
    assert (p.width, p.height, p.fps) == (1080, 1920, 30)
    assert (p.codec, p.profile, p.level, p.pix_fmt) == ("h264", "High", 41, "yuv420p")
    assert (p.color_primaries, p.color_trc, p.colorspace, p.color_range) == ("1", "1", "1", "1")  # BT.709, tv
    # 42 characters at 15 cps + 0.6 s = 3.4 s of story, then the 6 s end card
    assert abs(p.frames / 30 - p.duration_s) < 0.05 and abs(p.duration_s - 9.4) < 0.05
    assert p.keyframes == list(range(0, p.frames, 15))        # a closed GOP every half second (fps/2)
    assert p.top_boxes.index("moov") < p.top_boxes.index("mdat") and not p.has_edit_list
    assert (p.audio_codec, p.audio_profile, p.sample_rate, p.channels) == ("aac", "LC", 48000, 2)
    assert audio_rms_db(result.video, 2, 8) > -40             # the music bed is there
    assert p.tags["title"] == "Léa, 14 ans"
    mbps = result.video.stat().st_size * 8 / p.duration_s / 1e6
    assert 0.2 < mbps and peak_video_mbps(result.video) < 25    # every 1 s window under the 25 Mbit/s cap
    # the end card: the last >= 5 s hold the same card
    last, earlier = frame_at(result.video, p.duration_s - 0.1), frame_at(result.video, p.duration_s - 5.0)
    assert np.abs(last.astype(int) - earlier.astype(int)).mean() < 2
    with Image.open(result.cover) as cover:
        assert cover.size == (1080, 1920)


def test_caption_files_equal_the_story(tmp_path, tiny_preset):
    beats = ["Au collège, tout a commencé par un surnom.",
             "Puis les messages sont arrivés. Chaque soir. Et un jour, une photo de moi a circulé "
             "dans le groupe de la classe, avec une légende que tout le monde a lue.",
             "J'avais peur d'ouvrir mon téléphone : pourquoi moi ?"]
    story = _story(tmp_path, "\n\n".join(beats) + "\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    srt = _srt_cues(result.srt)
    # the editor's words, with French typography (’ for ', no-break spaces U+00A0/U+202F kept:
    # compared as whole strings, since str.split() would split on them too), never reworded
    written = " ".join(t.replace("\n", " ") for _, _, t in srt)
    assert written == typeset(" ".join(beats), "fr")
    assert "’" in written and "\u202f?" in written and "\u00a0:" in written
    # `studio check --story` without a caption file rebuilds the events the render wrote
    from studio.core.timeline import cues
    from studio.qa.run import _story_timeline
    rebuilt = cues(_story_timeline(load_project(story, tiny_preset)))
    assert [(round(e.start_s, 3), round(e.end_s, 3), "\n".join(e.lines)) for e in rebuilt] == \
        [(_seconds(a), _seconds(b), t) for a, b, t in srt]
    vtt = result.vtt.read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    vtt_cues = re.findall(r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})[^\n]*\n((?:.+\n?)+)", vtt)
    assert [(a.replace(".", ","), b.replace(".", ","), t.strip()) for a, b, t in vtt_cues] == srt
    for line in (l for _, _, t in srt for l in t.split("\n")):
        assert len(line) <= 32


TRICKY = "Elle a dit : « C'est \"fini\" ; 100 % {vrai} [ok] = #fin \\o/ %{localtime} » 💬"


def _seconds(stamp: str) -> float:
    h, m, rest = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest.replace(",", "."))


def _text_mask(rgb: np.ndarray) -> np.ndarray:
    return (rgb.min(axis=2) > 200)


def test_story_text_reaches_the_frame_literally(tmp_path):
    """Filter-graph syntax in a story is shown as typed, in the frames and in the SRT."""
    from studio.media.layers import caption_image
    story = _story(tmp_path, TRICKY + "\n")
    project = load_project(story, "preview")
    result = render(RenderJob(project, tmp_path / "out"))
    cues = _srt_cues(result.srt)
    assert " ".join(t.replace("\n", " ") for _, _, t in cues) == typeset(TRICKY, "fr")
    # a reader that takes {...} for a SubStation override (pysubs2, players) still shows every word
    shown = " ".join(e.plaintext.replace("\n", " ") for e in pysubs2.load(str(result.srt), encoding="utf-8"))
    assert shown.replace("\uff5b", "{") == typeset(TRICKY, "fr")
    # the caption in the video matches the literal text drawn alone, and not what ffmpeg's
    # text expansion or a stray escape would have shown
    start, end, text = next(c for c in cues if "%{localtime}" in c[2])
    frame = frame_at(result.video, (_seconds(start) + _seconds(end)) / 2)
    lines = tuple(text.split("\n"))

    def score(text_lines) -> float:
        placed = caption_image(project, text_lines, tmp_path / f"ref-{abs(hash(text_lines))}.png")
        with Image.open(placed.path) as im:
            ref = np.asarray(im.convert("RGBA"))
        expected = (ref[..., 3] > 128) & (ref[..., :3].min(axis=2) > 200)
        pad = placed.width  # a reference wider than the frame (it would not fit) meets black borders
        padded = np.pad(frame, ((pad, pad), (pad, pad), (0, 0)))
        seen = _text_mask(padded[pad + placed.y:pad + placed.y + placed.height,
                                 pad + placed.x:pad + placed.x + placed.width])
        return (expected & seen).sum() / max(1, (expected | seen).sum())

    literal = score(lines)
    expanded = score(tuple(l.replace("%{localtime}", "Mon Nov 23 21:50:00 2026") for l in lines))
    escaped = score(tuple(l.replace("%", "\\%").replace(":", "\\:") for l in lines))
    assert literal > 0.5, literal
    assert literal > expanded + 0.2 and literal > escaped + 0.2, (literal, expanded, escaped)


def test_progress_then_cancel_leaves_nothing(tmp_path):
    story = _story(tmp_path, "Un beat.\n\n" * 6)
    out = tmp_path / "out"
    cancel = threading.Event()
    seen: list[float] = []

    def on_progress(p):
        seen.append(p.fraction)
        if p.frame > 10:
            cancel.set()

    with pytest.raises(RenderCancelled):
        render(RenderJob(load_project(story, "tiktok"), out), on_progress=on_progress, cancel=cancel)
    assert seen and all(0 <= f <= 1 for f in seen)
    assert list(out.iterdir()) == []
    assert ffmpeg_processes_for(str(out)) == []


def test_cancel_during_the_qa_writes_nothing(tmp_path, tiny_preset, monkeypatch):
    """Cancel pressed once ffmpeg is done and the QA's decode of the file (--verify-file) has
    started: nothing is written. (Without it the QA reads the frames during the encode, which a
    cancel stops like any render.)"""
    import studio.qa
    story = _story(tmp_path, "Un beat.\n\nUn autre.\n")
    out = tmp_path / "out"
    cancel = CancelAfter(10 ** 9)
    real = studio.qa.check_project

    def check_project(*args, **kwargs):  # the QA starts: cancel 5 frames into its scan
        cancel.n = cancel.looks + 5
        return real(*args, **kwargs)
    monkeypatch.setattr(studio.qa, "check_project", check_project)
    with pytest.raises(RenderCancelled, match="QA"):
        render(RenderJob(load_project(story, tiny_preset), out, verify_file=True), cancel=cancel)
    assert os.listdir(out) == []
    assert ffmpeg_processes_for(str(out)) == []


def test_progress_reaches_one(tmp_path, tiny_preset):
    story = _story(tmp_path, "Un beat.\n")
    seen: list[float] = []
    render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"), on_progress=lambda p: seen.append(p.fraction))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_failed_render_keeps_the_previous_file(tmp_path, tiny_preset, monkeypatch):
    story = _story(tmp_path, "Un beat.\n")
    out = tmp_path / "out"
    first = render(RenderJob(load_project(story, tiny_preset), out))
    before = first.video.read_bytes()
    monkeypatch.setenv("STUDIO_FFMPEG", "/bin/false")
    from studio.core.errors import RenderError
    with pytest.raises(RenderError):
        render(RenderJob(load_project(story, tiny_preset), out))
    assert first.video.read_bytes() == before
    assert sorted(f.name for f in out.iterdir()) == sorted(f"story.tiny.{e}" for e in (
        "mp4", "fr_FR.srt", "vtt", "jpg", "report.json", "qa.json", "qa.html", "post.txt"))


def _upright_test_photo(path: Path, orientation: int) -> None:
    """A photo whose upright view is red on top, blue at the bottom, stored rotated with EXIF."""
    upright = Image.new("RGB", (300, 400), (0, 0, 255))
    upright.paste((255, 0, 0), (0, 0, 300, 200))
    stored = {6: upright.transpose(Image.Transpose.ROTATE_90), 8: upright.transpose(Image.Transpose.ROTATE_270),
              3: upright.transpose(Image.Transpose.ROTATE_180)}[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, exif=exif, quality=95)


def test_exif_orientation_is_respected(tmp_path, tiny_preset):
    """Three photos stored rotated (EXIF 3, 6, 8), one beat each, in one render: each is upright
    in the MP4, red on top and blue at the bottom."""
    body = ""
    for orientation in (3, 6, 8):
        _upright_test_photo(tmp_path / f"photo été {orientation}.jpg", orientation)
        body += f"![photo](<photo été {orientation}.jpg#motion=none>)\n\nLa photo {orientation}.\n\n"
    result = render(RenderJob(load_project(_story(tmp_path, body), tiny_preset), tmp_path / "out"))
    decoded = frames(result.video)
    cues = _srt_cues(result.srt)
    assert [text for *_, text in cues] == ["La photo 3.", "La photo 6.", "La photo 8."]
    for start, end, text in cues:
        frame = shown_at(decoded, (_seconds(start) + _seconds(end)) / 2)
        top, bottom = frame[60, 54], frame[150, 54]
        assert top[0] > 200 and top[2] < 60, (text, top)
        assert bottom[2] > 200 and bottom[0] < 60, (text, bottom)


def _clip(path: Path, seconds: float, fps: int, size: str, rotate: int | None = None, audio: bool = False):
    """A test clip as shown after rotation: the top half red, the bottom half blue, a green stripe
    down each side (1/16 of the width), and a white bar (1/32 of the width) crossing from the left
    edge at 0 s to the right edge at `seconds`: where it is tells which moment of the clip is shown."""
    import subprocess
    from studio.media.ffmpeg_binary import ffmpeg_exe
    w, h = (int(x) for x in size.split("x"))
    if rotate in (90, 270):
        w, h = h, w
    # draw upright, then store it rotated the other way with a display matrix that undoes it
    bar, stripe = w // 32, w // 16
    src = (f"color=red:s={w}x{h // 2}:r={fps}:d={seconds}[a];color=blue:s={w}x{h // 2}:r={fps}:d={seconds}[b];"
           f"color=white:s={bar}x{h}:r={fps}:d={seconds}[bar];[a][b]vstack,"
           f"drawbox=x=0:y=0:w={stripe}:h={h}:color=green:t=fill,drawbox=x={w - stripe}:y=0:w={stripe}:h={h}:color=green:t=fill"
           f"[bg];[bg][bar]overlay=x='({w - bar})*t/{seconds}':y=0:eval=frame")
    store = {None: "null", 90: "transpose=1", 270: "transpose=2"}[rotate]
    args = [ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"{src},{store}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=d={seconds}"]
    args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-t", str(seconds), str(path)]
    subprocess.run(args, check=True)
    if rotate:
        tmp = path.with_suffix(".rot.mp4")
        subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-display_rotation", str(rotate), "-i", str(path),
                        "-c", "copy", str(tmp)], check=True)
        tmp.replace(path)


def _bar_x(frame: np.ndarray, row: int) -> float | None:
    """Centre column of the white bar on `row`, or None when it is not in the picture."""
    cols = np.flatnonzero(frame[row].min(axis=1) > 200)
    return float(cols.mean()) if len(cols) else None


def _green(pixel) -> bool:
    return pixel[1] > 100 and pixel[0] < 80 and pixel[2] < 80


@pytest.mark.parametrize("rotate, fit", [(None, "cover"), (90, "cover"), (None, "blur")])
def test_footage_background(tmp_path, small_preset, rotate, fit):
    _clip(tmp_path / "clip.mp4", 2.0, 25, "640x360", rotate=rotate, audio=True)
    story = _story(tmp_path, f"![](clip.mp4#t=0.5&fit={fit})\n\nUn beat assez long pour durer plus que le clip, "
                             "qui doit donc boucler sans trou ni image figée.\n")
    result = render(RenderJob(load_project(story, small_preset), tmp_path / "out"))
    p = probe(result.video)
    assert (p.width, p.height, p.fps) == (216, 384, 15)
    assert abs(p.frames / 15 - p.duration_s) < 0.05
    decoded = frames(result.video)
    # the clip from 0.5 s: at 0.2 s its 0.7 s shows, at 0.4 s its 0.9 s (the bar moved right); after
    # the 1.5 s it had left it loops from its beginning, so at 2.2 s its 0.7 s shows again: the bar
    # is back where it was at 0.2 s (a frozen last frame shows it at the right edge, or cropped away)
    row = 200 if fit == "blur" else 100
    at = {t: _bar_x(shown_at(decoded, t), row) for t in (0.2, 0.4, 2.2)}
    assert None not in at.values() and at[0.4] > at[0.2] + 20, at
    assert abs(at[2.2] - at[0.2]) <= 3, at
    frame = shown_at(decoded, 2.5)
    if fit == "cover" and rotate is None:
        # a landscape clip cover-cropped: red above blue, the side stripes cropped away
        assert frame[100, 54, 0] > 180 and frame[300, 54, 2] > 180
        assert not _green(frame[192, 2]) and not _green(frame[192, 213])
    elif rotate == 90:
        # shown upright after rotation: red on top, blue below
        assert frame[100, 54, 0] > 180 and frame[330, 54, 2] > 180
    else:
        # the whole clip (its side stripes too) in the middle band, red above blue...
        assert _green(frame[180, 2]) and _green(frame[210, 213])
        assert frame[160, 54, 0] > 180 and frame[200, 54, 2] > 180
        # ...on a blurred fill: above the band (and the logo), no sharp edge of the bar or stripes
        top = frame[0:45].astype(int)
        assert np.abs(np.diff(top, axis=1)).max() < 60


def test_render_frame_is_the_video_frame(tmp_path, tiny_preset):
    _upright_test_photo(tmp_path / "p.jpg", 6)
    story = _story(tmp_path, "Avant.\n\n![](p.jpg)\n\nAprès la photo.\n")
    project = load_project(story, tiny_preset)
    result = render(RenderJob(project, tmp_path / "out"))
    for t in (0.5, 3.0):
        still = np.asarray(render_frame(project, t)).astype(int)
        diff = np.abs(still - frame_at(result.video, t).astype(int))
        # render_frame is the instant preview's composite: against the encoded frame (x264 noise on a
        # 108x192 canvas) measured PSNR 38-39 dB, 99th percentile 6-19; without its caption 41
        psnr = 10 * np.log10(255 ** 2 / max(1e-9, float(np.mean(diff.astype(float) ** 2))))
        assert psnr >= 33 and np.percentile(diff, 99) < 28, (t, psnr, np.percentile(diff, 99))


def test_voiceover_sets_the_length_and_music_sits_under_it(tmp_path, tiny_preset):
    _tone(tmp_path / "voix.wav", seconds=9.0, rate=22050, channels=1, amp=0.5, freq=300)
    _tone(tmp_path / "musique.wav", seconds=3.0, amp=0.5, freq=1000)
    story = _story(tmp_path, "Un beat.\n\nDeux.\n",
                   front="consent: {given: true}\nvoiceover: voix.wav\nmusic: musique.wav\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    p = probe(result.video)
    assert p.duration_s >= 9.0 + 6.0 - 0.1              # the beats stretched to the voice, then the card
    assert (p.sample_rate, p.channels) == (48000, 2)
    # voice (300 Hz) and music (1000 Hz) told apart by their bands: under the voice the music is
    # ducked but still there; after the voice, the music alone (looped past its 3 s)
    v = result.video
    voice_on, music_under = band_db(v, 1, 8, 300), band_db(v, 1, 8, 1000)
    voice_off, music_alone = band_db(v, 10, 13, 300), band_db(v, 10, 13, 1000)
    assert voice_on > music_under + 12, (voice_on, music_under)     # speech clearly above the music
    assert 6 < music_alone - music_under < 30, (music_alone, music_under)  # ducked, not muted
    assert voice_off < voice_on - 40 and music_alone > voice_off + 20, (voice_off, music_alone)
    assert audio_rms_db(v, 10, 13) > -40


def _vfr_clip(path: Path, seconds: float = 3.0, size: tuple[int, int] = (320, 568)) -> list[float]:
    """A variable-frame-rate clip (gaps of 1/10 s and 1/40 s in turn): a white bar whose left edge
    is at `x = t / seconds * (w - bar)` for the frame's own time t. Returns the frame times."""
    w, h = size
    bar = w // 16
    times, t = [], 0.0
    while t < seconds:
        times.append(t)
        t += 0.1 if len(times) % 2 else 0.025
    with av_open(str(path), "w") as out:
        v = out.add_stream("libx264", rate=40)
        v.width, v.height, v.pix_fmt = w, h, "yuv420p"
        v.time_base = Fraction(1, 1000)
        v.options = {"preset": "ultrafast", "crf": "18"}
        for t in times:
            img = np.full((h, w, 3), 40, np.uint8)
            x = round(t / seconds * (w - bar))
            img[:, x:x + bar] = 255
            frame = VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts, frame.time_base = round(t * 1000), Fraction(1, 1000)
            for p in v.encode(frame):
                out.mux(p)
        for p in v.encode():
            out.mux(p)
    return times


def test_variable_frame_rate_alpha_and_a_50_megapixel_photo(tmp_path, tiny_preset):
    """Three backgrounds the README promises, one beat each, in one render: a variable-frame-rate
    clip comes out at the canvas's constant rate, each moment where it was; a PNG's transparent
    part is flattened on black; a 50-megapixel photo renders (decoded in JPEG draft mode)."""
    _vfr_clip(tmp_path / "vfr.mp4")
    with av_open(tmp_path / "vfr.mp4") as c:  # it is variable: its own frame gaps differ
        gaps = np.diff([float(f.time) for f in c.decode(video=0)])
    assert gaps.max() > 3 * gaps.min(), gaps
    rgba = Image.new("RGBA", (400, 700), (255, 255, 255, 0))  # transparent white
    rgba.paste((230, 0, 0, 255), (100, 250, 300, 450))        # an opaque red square
    rgba.save(tmp_path / "alpha.png")
    big = Image.new("RGB", (5776, 8660), (0, 200, 0))           # 50.0 MP, green above blue
    big.paste((0, 0, 220), (0, 4330, 5776, 8660))
    big.save(tmp_path / "grande.jpg", quality=80)
    story = _story(tmp_path, "![](vfr.mp4)\n\nUn clip à fréquence variable.\n\n"
                             "![](alpha.png#motion=none)\n\nUne image transparente.\n\n"
                             "![](grande.jpg#motion=none)\n\nUne photo de 50 mégapixels.\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    p = probe(result.video)
    assert p.fps == 15 and abs(p.frames / 15 - p.duration_s) < 0.05   # constant frame rate
    decoded = frames(result.video)
    clip, alpha, photo = _srt_cues(result.srt)
    # the clip (320x568, cover-scaled by 192/568 to 108 wide): its bar where the source had it
    for t in (0.3, 1.2, 2.2):
        source_x = (t / 3.0) * (320 - 20) + 10
        got = _bar_x(shown_at(decoded, t), 80)
        assert got is not None and abs(got - source_x * 108 / 320) <= 5, (t, got)
    frame = shown_at(decoded, (_seconds(alpha[0]) + _seconds(alpha[1])) / 2).astype(int)
    assert frame[96, 54, 0] > 180 and frame[96, 54, 1] < 60, frame[96, 54]   # the opaque red
    assert frame[150, 10].max() < 40 and frame[40, 100].max() < 40, (frame[150, 10], frame[40, 100])  # black
    frame = shown_at(decoded, (_seconds(photo[0]) + _seconds(photo[1])) / 2).astype(int)
    assert frame[60, 54, 1] > 150 and frame[60, 54, 2] < 60, frame[60, 54]    # green above
    assert frame[150, 54, 2] > 150 and frame[150, 54, 1] < 60, frame[150, 54]  # blue below
