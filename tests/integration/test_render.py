"""Real renders with the real ffmpeg, checked by probing the files they wrote."""

from __future__ import annotations

import json
import re
import threading
import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.core.captions import typeset
from studio.core.errors import RenderCancelled
from studio.core.project import load_project
from studio.render import RenderJob, render, render_frame

from .conftest import ffmpeg_processes_for
from .probe import audio_rms_db, frame_at, probe

ROOT = Path(__file__).resolve().parents[2]


def _story(folder: Path, body: str, front: str = "consent: {given: true}\n", name: str = "story.md") -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: Test\n{front}---\n\n{body}", encoding="utf-8")
    return path


def _tone(path: Path, seconds: float = 4.0, rate: int = 44100, channels: int = 2, amp: float = 0.3) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    s = (amp * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes(np.repeat(s, channels).tobytes())
    return path


def _srt_cues(path: Path) -> list[tuple[str, str, str]]:
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    cues = []
    for b in blocks:
        lines = b.split("\n")
        start, end = lines[1].split(" --> ")
        cues.append((start, end, "\n".join(lines[2:])))
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
    report = json.loads(result.report.read_text(encoding="utf-8"))
    assert report["argv"][0].endswith(("ffmpeg", ".2")) or "ffmpeg" in report["argv"][0]
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == sorted(
        f"story.tiny.{ext}" for ext in ("mp4", "fr_FR.srt", "vtt", "jpg", "report.json", "qa.json", "qa.html"))


@pytest.mark.slow
def test_full_size_tiktok_master(tmp_path):
    """Every property of the universal vertical master (STANDARDS.md §1), read from the file."""
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
    assert abs(p.frames / 30 - p.duration_s) < 0.05 and 3 <= p.duration_s <= 60
    assert p.keyframes == list(range(0, p.frames, 30))        # a closed GOP every second
    assert p.top_boxes.index("moov") < p.top_boxes.index("mdat") and not p.has_edit_list
    assert (p.audio_codec, p.audio_profile, p.sample_rate, p.channels) == ("aac", "LC", 48000, 2)
    assert audio_rms_db(result.video, 2, 8) > -40             # the music bed is there
    assert p.tags["title"] == "Léa, 14 ans"
    mbps = result.video.stat().st_size * 8 / p.duration_s / 1e6
    assert 0.2 < mbps < 25
    # the end card: the last >= 5 s hold the same card
    last, earlier = frame_at(result.video, p.duration_s - 0.1), frame_at(result.video, p.duration_s - 5.0)
    assert np.abs(last.astype(int) - earlier.astype(int)).mean() < 2
    with Image.open(result.cover) as cover:
        assert cover.size == (1080, 1920)


def test_caption_files_equal_the_story(tmp_path, tiny_preset):
    beats = ["Au collège, tout a commencé par un surnom.",
             "Puis les messages sont arrivés. Chaque soir. Et un jour, une photo de moi a circulé "
             "dans le groupe de la classe, avec une légende que tout le monde a lue.",
             "J'avais peur d'ouvrir mon téléphone."]
    story = _story(tmp_path, "\n\n".join(beats) + "\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    srt = _srt_cues(result.srt)
    # the editor's words, with French typography (’ for ', no-break spaces), never reworded
    assert " ".join(t.replace("\n", " ") for _, _, t in srt).split() == typeset(" ".join(beats), "fr").split()
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
        "mp4", "fr_FR.srt", "vtt", "jpg", "report.json", "qa.json", "qa.html"))


def _upright_test_photo(path: Path, orientation: int) -> None:
    """A photo whose upright view is red on top, blue at the bottom, stored rotated with EXIF."""
    upright = Image.new("RGB", (300, 400), (0, 0, 255))
    upright.paste((255, 0, 0), (0, 0, 300, 200))
    stored = {6: upright.transpose(Image.Transpose.ROTATE_90), 8: upright.transpose(Image.Transpose.ROTATE_270),
              3: upright.transpose(Image.Transpose.ROTATE_180)}[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, exif=exif, quality=95)


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_orientation_is_respected(tmp_path, orientation):
    _upright_test_photo(tmp_path / "photo été.jpg", orientation)
    story = _story(tmp_path, "![photo](<photo été.jpg>)\n\nUn beat.\n")
    frame = np.asarray(render_frame(load_project(story, "preview"), 0.5))
    top, bottom = frame[100, 270], frame[860, 270]
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def _clip(path: Path, seconds: float, fps: int, size: str, rotate: int | None = None, audio: bool = False):
    """A test clip: the top half red, the bottom half blue, as shown after rotation."""
    import subprocess
    from studio.media.ffmpeg_binary import ffmpeg_exe
    w, h = (int(x) for x in size.split("x"))
    if rotate in (90, 270):
        w, h = h, w
    # draw upright, then store it rotated the other way with a display matrix that undoes it
    src = f"color=red:s={w}x{h // 2}:r={fps}:d={seconds}[a];color=blue:s={w}x{h // 2}:r={fps}:d={seconds}[b];[a][b]vstack"
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


@pytest.mark.parametrize("rotate, fit", [(None, "cover"), (90, "cover"), (None, "blur")])
def test_footage_background(tmp_path, rotate, fit):
    _clip(tmp_path / "clip.mp4", 2.0, 25, "640x360", rotate=rotate, audio=True)
    story = _story(tmp_path, f"![](clip.mp4#t=0.5&fit={fit})\n\nUn beat assez long pour durer plus que le clip, "
                             "qui doit donc boucler sans trou ni image figée.\n")
    result = render(RenderJob(load_project(story, "preview"), tmp_path / "out"))
    p = probe(result.video)
    assert (p.width, p.height, p.fps) == (540, 960, 15)
    assert abs(p.frames / 15 - p.duration_s) < 0.05
    frame = frame_at(result.video, 3.0)  # past the clip's own length: it looped
    if fit == "cover" and rotate is None:
        # a landscape clip cover-cropped: the middle column shows red above blue
        assert frame[300, 270, 0] > 180 and frame[700, 270, 2] > 180
    elif rotate == 90:
        # shown upright after rotation: red on top, blue below
        assert frame[150, 270, 0] > 180 and frame[850, 270, 2] > 180
    else:
        # blurred fill: the sharp clip sits in the middle band, the top is a blurred fill
        assert frame[430, 270, 0] > 180 and frame[530, 270, 2] > 180


def test_render_frame_is_the_video_frame(tmp_path, tiny_preset):
    _upright_test_photo(tmp_path / "p.jpg", 6)
    story = _story(tmp_path, "Avant.\n\n![](p.jpg)\n\nAprès la photo.\n")
    project = load_project(story, tiny_preset)
    result = render(RenderJob(project, tmp_path / "out"))
    for t in (0.5, 3.0):
        still = np.asarray(render_frame(project, t)).astype(int)
        assert np.abs(still - frame_at(result.video, t).astype(int)).mean() < 12


def test_voiceover_sets_the_length_and_music_sits_under_it(tmp_path, tiny_preset):
    _tone(tmp_path / "voix.wav", seconds=9.0, rate=22050, channels=1, amp=0.5)
    _tone(tmp_path / "musique.wav", seconds=3.0, amp=0.5)
    story = _story(tmp_path, "Un beat.\n\nDeux.\n",
                   front="consent: {given: true}\nvoiceover: voix.wav\nmusic: musique.wav\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    p = probe(result.video)
    assert p.duration_s >= 9.0 + 6.0 - 0.1              # the beats stretched to the voice, then the card
    assert (p.sample_rate, p.channels) == (48000, 2)
    voiced, card = audio_rms_db(result.video, 1, 8), audio_rms_db(result.video, 10, 13)
    # voice over (ducked) music, then music alone (looped); loudnorm falls back to its dynamic mode
    # when a linear gain would break the true-peak limit, which narrows the gap a little
    assert voiced > card + 8
    assert card > -60
