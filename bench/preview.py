"""The instant preview's speed (studio.preview), beside the cost of one seek measured in
the same run (the machine is shared: absolute times carry the others' load, ratios less so).

What it measures, on a story of photos (12 MP JPEGs), a 1080p phone-like H.264 clip (noisy,
16 Mbit/s, one keyframe a second) shown with fit=cover and again with fit=blur, karaoke captions,
music and the end card, previewed at 540x960 (the tiktok preset, 30 fps):
  edit       after a one-beat text edit (story file rewritten, load_project, Preview.update),
             the frame at the playhead, for 30 times spread over the story (p50, p95)
  seek       the frame at a time not shown before (footage decoded from its keyframe)
  cold       a fresh process: load_project, Preview(), first frame (everything cold)
  play       Preview.play(t): the first frame after the call; then the speed of reading frames
             and sound together (content seconds per wall second)
  reference  `ffmpeg -ss T -i CLIP -frames:v 1` on the source clip, same times (one seek)
and how the edit, seek and cold figures grow with the story's length (30, 60, 120 s).

    python bench/preview.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from studio.core.project import load_project
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.preview import Preview

SIZE = (540, 960)
WORDS = ("Ce matin-là, dans le couloir, personne ne m'a regardé en face ; j'ai compté les carreaux "
         "jusqu'à la salle 12, puis j'ai respiré.").split()


def make_media(folder: Path, clip_s: float = 20.0) -> None:
    from PIL import Image
    from skimage import data
    for name, img in (("a.jpg", data.coffee()), ("b.jpg", data.rocket()), ("c.jpg", data.chelsea())):
        Image.fromarray(img).resize((3000, 4000)).save(folder / name, quality=90)   # 12 MP, like a phone's
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=s=1920x1080:r=30:d={clip_s},noise=alls=12:allf=t", "-f", "lavfi", "-i",
                    f"sine=f=220:d={clip_s}", "-c:v", "libx264", "-preset", "superfast", "-b:v", "16M",
                    "-maxrate", "16M", "-bufsize", "32M", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", str(folder / "clip.mp4")], check=True)
    rate = 44100
    t = np.arange(int(20 * rate)) / rate
    x = 0.15 * (np.sin(2 * np.pi * 220 * t) + np.sin(2 * np.pi * 330 * t))
    import wave
    with wave.open(str(folder / "music.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes((x * 32767).astype("<i2").tobytes())


BACKGROUNDS = ["a.jpg", "clip.mp4#t=2&fit=cover&sound=low", "b.jpg", "clip.mp4#t=9&fit=blur", "c.jpg"]


def beat(i: int, typed: int = 0) -> str:
    """Beat i's text; `typed`: that many characters typed into its fourth word (as an editor does)."""
    words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(12)]
    words[3] += (" vraiment" * 20)[:typed]
    return " ".join(words).capitalize() + "."


def write_story(folder: Path, seconds: float, typed: int = 0, edited_beat: int = 1) -> Path:
    """About `seconds` long: beats of ~3.5 s, backgrounds in turn, then the end card."""
    n = max(2, round((seconds - 6) / 3.5))
    parts = []
    for i in range(n):
        if i % 2 == 0:
            parts.append(f"![]({BACKGROUNDS[(i // 2) % len(BACKGROUNDS)]})")
        parts.append(beat(i, typed if i == edited_beat else 0))
    path = folder / f"story{round(seconds)}.md"
    path.write_text("---\ntitle: Bench\nconsent: {given: true}\ncaption_style: karaoke\nmusic: music.wav\n---\n\n"
                    + "\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def reference_seek(clip: Path, times: list[float]) -> list[float]:
    out = []
    for t in times:
        start = time.monotonic()
        subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{t:.3f}", "-i", str(clip), "-frames:v", "1",
                        "-f", "null", "-"], check=True)
        out.append(time.monotonic() - start)
    return out


def cold_first_frame(story: Path) -> float:
    """A fresh interpreter: imports done, then load + Preview + first frame, timed inside."""
    code = ("import time,sys; from studio.core.project import load_project; from studio.preview import Preview\n"
            "t=time.monotonic(); p=Preview(load_project(sys.argv[1], 'tiktok'), (540, 960)); p.frame(1.0)\n"
            "print(time.monotonic()-t); p.close()")
    out = subprocess.run([sys.executable, "-c", code, str(story)], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    return float(out.stdout.strip().splitlines()[-1])


def edits(folder: Path, seconds: float, count: int) -> tuple[list[float], list[float], list[float]]:
    """(seek times, edit times, first frames of playback) over `count` times of the story: the
    playhead moves to a time (a seek: a frame not shown before), then one character is typed into
    the first beats' text (load_project + update + the frame at the playhead), then play starts there."""
    story = write_story(folder, seconds)
    preview = Preview(load_project(story, "tiktok"), SIZE)
    times = list(np.linspace(0.2, preview.duration_s - 0.2, count))
    seek, after, play = [], [], []
    for k, t in enumerate(times):
        start = time.monotonic()
        preview.frame(t)
        seek.append(time.monotonic() - start)
        write_story(folder, seconds, typed=k + 1, edited_beat=1)
        start = time.monotonic()
        preview.update(load_project(story, "tiktok"))
        preview.frame(t)
        after.append(time.monotonic() - start)
        if k % 3 == 0:
            start = time.monotonic()
            with preview.play(t) as pb:
                pb.read_frame()
                play.append(time.monotonic() - start)
    preview.close()
    return seek, after, play


def playback(folder: Path, seconds: float, play_s: float) -> tuple[list[float], float]:
    """First frames of play() at times never shown (a clip seeked cold), then the reading speed."""
    story = write_story(folder, seconds)
    preview = Preview(load_project(story, "tiktok"), SIZE)
    firsts = []
    for t in (3.0, preview.duration_s / 2, preview.duration_s / 3):
        start = time.monotonic()
        with preview.play(t) as pb:
            pb.read_frame()
            firsts.append(time.monotonic() - start)
    with preview.play(1.0) as pb:
        start = time.monotonic()
        shown = 0.0
        while (item := pb.read_frame()) is not None and item[0] - pb.start_s < play_s:
            shown = item[0] - pb.start_s + 1 / pb.fps
            pb.read_audio(int(48000 / pb.fps) * 4)
        speed = shown / (time.monotonic() - start)
    preview.close()
    return firsts, speed


def measure(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    note = "machine shared with other engineers: taken under load"
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        folder = Path(tmp)
        make_media(folder)
        count = 10 if quick else 30
        lengths = (30.0,) if quick else (30.0, 60.0, 120.0)
        main = 30.0 if quick else 60.0
        ref = reference_seek(folder / "clip.mp4", list(np.linspace(0.5, 19.0, count)))
        ref50, ref95 = statistics.median(ref), pct(ref, 95)
        for seconds in lengths:
            seek, after, play = edits(folder, seconds, count)
            cold = cold_first_frame(write_story(folder, seconds))
            tag = f"{seconds:.0f} s story"
            rows += [
                dict(figure=f"frame after a one-beat edit, p50 ({tag})", ours=statistics.median(after) * 1000,
                     reference=ref50 * 1000, unit="ms", target="<= 120 ms"),
                dict(figure=f"frame after a one-beat edit, p95 ({tag})", ours=pct(after, 95) * 1000,
                     reference=ref95 * 1000, unit="ms", target="<= 250 ms"),
                dict(figure=f"frame at a new time (seek), p50 ({tag})", ours=statistics.median(seek) * 1000,
                     reference=ref50 * 1000, unit="ms", target="-"),
                dict(figure=f"frame at a new time (seek), p95 ({tag})", ours=pct(seek, 95) * 1000,
                     reference=ref95 * 1000, unit="ms", target="-"),
                dict(figure=f"first frame, cold ({tag})", ours=cold * 1000, reference=ref50 * 1000, unit="ms",
                     target="<= 2000 ms"),
            ]
            if seconds == main:
                rows.append(dict(figure=f"play at the playhead: first frame, max ({tag})", ours=max(play) * 1000,
                                 reference=ref50 * 1000, unit="ms", target="<= 1000 ms"))
        firsts, speed = playback(folder, main, 4.0 if quick else 10.0)
        rows += [dict(figure=f"play at a time never shown: first frame, max ({main:.0f} s story)",
                      ours=max(firsts) * 1000,
                      reference=ref50 * 1000, unit="ms", target="<= 1000 ms"),
                 dict(figure=f"play: speed, pictures + sound ({main:.0f} s story)", ours=speed, reference=None,
                      unit="x", target=">= 1.0x")]
        rows += [dict(figure="reference: ffmpeg -ss T -i CLIP -frames:v 1 (1080p, 1 s GOP), p50",
                      ours=ref50 * 1000, reference=ref50 * 1000, unit="ms", target="-"),
                 dict(figure="reference: the same, p95", ours=ref95 * 1000, reference=ref95 * 1000, unit="ms",
                      target="-")]
    for r in rows:
        r["ratio"] = r["ours"] / r["reference"] if r["reference"] else None
        r["note"] = note
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="a 30 s story only, 10 times")
    args = ap.parse_args()
    rows = measure(args.quick)
    print("Instant preview at 540x960 (ratios against one ffmpeg seek on the source clip, same run: p95")
    print("figures against its p95, the others against its p50;")
    print("the machine is shared with other engineers: figures taken under load)\n")
    print(f"| {'figure':<62} | {'ours':>9} | {'ratio to seek':>13} | target |")
    print(f"|{'-' * 64}|{'-' * 11}|{'-' * 15}|--------|")
    for r in rows:
        ours = f"{r['ours']:.0f} ms" if r["unit"] == "ms" else f"{r['ours']:.2f}x"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"| {r['figure']:<62} | {ours:>9} | {ratio:>13} | {r['target']} |")


if __name__ == "__main__":
    main()
