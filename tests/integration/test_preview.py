"""The instant preview (studio.preview): its frames against a real `preview`-preset render
(decoded with PyAV), anonymity in its frames (OpenCV's own cascade), and playback read for real
from its processes, which must all be gone after cancel."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image

from studio.core.project import load_project
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.preview import Preview
from studio.render import RenderJob, render


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache"))


def _moving_clip(path: Path, seconds: float, size: str = "640x360", fps: int = 30) -> Path:
    """A phone-like H.264 clip: moving test pattern, one keyframe a second, with a tone."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=s={size}:r={fps}:d={seconds}",
                    "-f", "lavfi", "-i", f"sine=f=330:d={seconds}", "-c:v", "libx264", "-preset", "veryfast",
                    "-g", str(fps), "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)], check=True)
    return path


def _photo(path: Path, which: str) -> Path:
    from skimage import data
    Image.fromarray(getattr(data, which)()).save(path, quality=92)
    return path


def _decoded(path: Path) -> list[tuple[float, np.ndarray]]:
    """Every frame of a render with its time, converted to RGB by its own (BT.709) tags."""
    out = []
    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            out.append((float(f.time), f.to_ndarray(format="rgb24", src_colorspace="ITU709",
                                                    dst_colorspace="ITU709")))
    return out


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)


@pytest.fixture
def everything(tmp_path) -> Path:
    return make_everything(tmp_path)


def make_everything(tmp_path: Path) -> Path:
    """A few seconds with every layer: warning card, two panned photos, a clip cover-cropped and
    one on a blurred fill, karaoke captions with a bold word, a `# heading` title, no consent (draft
    watermark, placed apart on the end card), the end card."""
    _photo(tmp_path / "café.jpg", "coffee")
    _photo(tmp_path / "chat.jpg", "rocket")  # (a furry cat costs x264 ultrafast 34 dB after a cut)
    _moving_clip(tmp_path / "rue.mp4", 3.0)
    _moving_clip(tmp_path / "quai.mp4", 3.0, "480x360")
    story = tmp_path / "story.md"
    story.write_text(
        "---\ntitle: Tout\nlang: fr\ncaption_style: karaoke\ncontent_warning: \"Harcèlement : 100 % réel\"\n---\n\n"
        "![](café.jpg)\n\n# Au café\n\nUn café, « vraiment » : **chaud**.\n\n"
        "![](rue.mp4#fit=cover&sound=keep)\n\nLa rue bouge vite ici.\n\n"
        "![](quai.mp4#t=0.5&fit=blur)\n\nLe quai, flou autour.\n\n"
        "![](chat.jpg)\n\nUn chat [sic] qui dort.\n", encoding="utf-8")
    return story


def test_preview_frames_match_the_render(tmp_path, everything):
    project = load_project(everything, "preview")
    video = render(RenderJob(project, tmp_path / "out")).video
    frames = _decoded(video)
    with Preview(project) as preview:
        assert (preview.size, preview.fps) == ((540, 960), 15.0)
        assert abs(preview.duration_s - frames[-1][0] - 1 / 15) < 0.05
        times = np.linspace(0, preview.duration_s - 0.1, 30)
        scores = []
        for t in times:
            ours = np.asarray(preview.frame(float(t), wait=True))
            shown = min(frames, key=lambda f: abs(f[0] - round(t * 15) / 15))[1]
            scores.append(psnr(ours, shown))
        worst = int(np.argmin(scores))
        if scores[worst] < 35:
            Image.fromarray(np.hstack([np.asarray(preview.frame(float(times[worst]), wait=True)),
                                       min(frames, key=lambda f: abs(f[0] - times[worst]))[1]])).save(
                tmp_path / "worst.png")
    assert min(scores) >= 35, f"PSNR per time: {[round(s, 1) for s in scores]} (worst at {times[worst]:.2f} s)"


def _astronaut_face() -> np.ndarray:
    from skimage import data
    return data.astronaut()[20:260, 130:350]


def _face_clip(path: Path, seconds: float = 2.0, fps: int = 15) -> Path:
    face = np.asarray(Image.fromarray(_astronaut_face()).resize((150, 165)))
    with av.open(str(path), "w") as out:
        v = out.add_stream("libx264", rate=fps)
        v.width, v.height, v.pix_fmt = 360, 640, "yuv420p"
        v.options = {"preset": "ultrafast", "crf": "18", "g": str(fps)}
        for k in range(int(seconds * fps)):
            img = np.full((640, 360, 3), 90, np.uint8)
            x = 60 + 3 * k
            img[200:365, x:x + 150] = face
            for p in v.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(p)
        for p in v.encode():
            out.mux(p)
    return path


def _faces(img: Image.Image) -> int:
    cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"))
    return len(cascade.detectMultiScale(np.asarray(img.convert("L")), 1.1, 3, minSize=(40, 40)))


def test_a_hidden_face_is_never_shown(tmp_path, monkeypatch):
    _face_clip(tmp_path / "visage.mp4")
    body = "![](visage.mp4#motion=none)\n\nUn visage qui passe.\n"
    hidden, shown = tmp_path / "cache.md", tmp_path / "montre.md"
    hidden.write_text("---\ntitle: T\nconsent: {given: true}\nanonymize: [faces]\n---\n\n" + body, encoding="utf-8")
    shown.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n" + body, encoding="utf-8")
    times = [0.1, 0.7, 1.3, 1.9]
    with Preview(load_project(shown, "preview")) as plain:
        assert all(_faces(plain.frame(t)) for t in times)             # the detector does find it
    with Preview(load_project(hidden, "preview")) as preview:
        early = [_faces(preview.frame(t)) for t in times]              # analysis not ready: all blurred
        deadline = time.monotonic() + 60
        while not preview.analysis_ready() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert preview.analysis_ready()
        late = [_faces(preview.frame(t)) for t in times]               # the mask's blur
        played = []
        with preview.play(0.0) as pb:
            while (item := pb.read_frame()) is not None:
                if len(played) % 5 == 0:
                    played.append(_faces(Image.frombytes("RGB", (pb.width, pb.height), item[1])))
                else:
                    played.append(0)
    assert early == [0] * len(times) and late == [0] * len(times), (early, late)
    assert not any(played), played
    assert list((tmp_path / "cache" / "faces").glob("*.npz"))   # the search is kept for next time
    from studio.media import faces

    def no_search(*args):
        raise AssertionError("searched again")
    monkeypatch.setattr(faces, "scan_video", no_search)
    with Preview(load_project(hidden, "preview")) as again:
        assert _faces(again.frame(0.7, wait=True)) == 0 and again.redraws["analysis"] == 1


def _children() -> list[str]:
    """Command lines of this process's living children (zombies count: they were not reaped)."""
    me, out = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == me:
                out.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, IndexError, ValueError):
            continue
    return out


def test_playback_streams_pictures_and_sound_then_cancels_clean(tmp_path, everything):
    project = load_project(everything, "preview")
    with Preview(project) as preview:
        start = 4.0
        called = time.monotonic()
        pb = preview.play(start)
        first = pb.read_frame()
        first_s = time.monotonic() - called
        assert first is not None and abs(first[0] - start) < 1 / 15 + 1e-6
        assert len(first[1]) == 540 * 960 * 3
        times, sound = [first[0]], b""
        began = time.monotonic()
        while times[-1] - start < 2.0:
            t, data = pb.read_frame()
            times.append(t)
            sound += pb.read_audio(48000 * 4 // 15)
        wall = time.monotonic() - began
        assert any("ffmpeg" in c for c in _children()), "playback runs ffmpeg processes"
        pb.cancel()
        assert not [c for c in _children() if "ffmpeg" in c], _children()
        assert pb.read_frame() is None
        preview.frame(6.0)                        # a seek, whose frames ahead are read on a thread
    assert not [c for c in _children() if "ffmpeg" in c], _children()   # close() stopped them too
    # one frame each 1/15 s, in order, from the requested time
    assert np.allclose(np.diff(times), 1 / 15, atol=1e-6)
    pcm = np.frombuffer(sound, "<i2")
    assert len(pcm) > 48000 * 2 * 1.5 and np.abs(pcm).max() > 1000      # the clip's tone is heard
    print(f"first frame {first_s:.2f} s, 2 s read in {wall:.2f} s")


def test_playback_sound_starts_at_its_time(tmp_path):
    """A clip's tone starts with its segment: played from just before it, the sound begins the
    right number of samples in (within one frame)."""
    _photo(tmp_path / "café.jpg", "coffee")
    _moving_clip(tmp_path / "rue.mp4", 3.0)
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n![](café.jpg)\n\nUn café bien chaud.\n\n"
                     "![](rue.mp4#sound=keep)\n\nLa rue.\n", encoding="utf-8")
    project = load_project(story, "preview")
    with Preview(project) as preview:
        from studio.render.plan import make_plan
        tl = make_plan(project).timeline
        clip_s = tl.seconds(tl.segments[1].start)
        with preview.play(clip_s - 1.0) as pb:
            pcm = b""
            while len(pcm) < 48000 * 4 * 2:
                chunk = pb.read_audio(65536)
                assert chunk
                pcm += chunk
        left = np.abs(np.frombuffer(pcm, "<i2")[0::2].astype(int))
        onset = np.argmax(left > 300) / 48000
    assert abs(onset - (clip_s - pb.start_s)) < 1 / 15, (onset, clip_s - pb.start_s)


def test_zoom_and_dissolve_match_the_render(tmp_path, monkeypatch):
    """Beyond the spec's list: zoompan and xfade. Against a near-lossless render (crf 1: x264 ultrafast at
    crf 26 alone costs ~34 dB in a dissolve), so the threshold measures the composition."""
    user = tmp_path / "user"
    (user / "presets").mkdir(parents=True)
    (user / "presets" / "exact.toml").write_text('extends = "preview"\ndescription = "near-lossless"\n\n'
                                                 '[video]\ncrf = 1\nmaxrate = "400M"\nbufsize = "800M"\n')
    monkeypatch.setenv("STUDIO_USER_DIR", str(user))
    _photo(tmp_path / "a.jpg", "coffee")
    _photo(tmp_path / "b.jpg", "rocket")
    story = tmp_path / "z.md"
    story.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n![](a.jpg#motion=zoom-in)\n\nUn café bien chaud.\n\n"
                     "![](b.jpg#motion=zoom-out)\n\nUne fusée qui part.\n", encoding="utf-8")
    project = load_project(story, "exact", overrides={"background": {"crossfade_s": 0.6}})
    frames = _decoded(render(RenderJob(project, tmp_path / "out")).video)
    with Preview(project) as preview:
        tl = preview.timeline
        cut = tl.segments[1].start
        shown = [0, cut // 2, cut - 1, cut + 3, cut + 6, tl.segments[1].end - 1]  # zooms, the dissolve
        scores = [psnr(np.asarray(preview.frame(n / 15)), frames[n][1]) for n in shown]
    assert min(scores) >= 36, [round(s, 1) for s in scores]


def test_a_cancelled_frame_stops_its_seek(tmp_path):
    import threading
    from studio.core.errors import RenderCancelled
    _moving_clip(tmp_path / "rue.mp4", 3.0)
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n![](rue.mp4)\n\nLa rue.\n", encoding="utf-8")
    with Preview(load_project(story, "preview")) as preview:
        cancel = threading.Event()
        cancel.set()
        with pytest.raises(RenderCancelled):
            preview.frame(1.0, cancel)
        assert not [c for c in _children() if "ffmpeg" in c]
        assert preview.frame(1.0).size == (540, 960)                 # and the next call works
