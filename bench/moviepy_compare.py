"""Our render vs. the same clip composed with MoviePy 2, the engine most script-to-video tools use.

What it measures (one run each side, alternating, in the same session: the load hits both)
  ours     `studio render STORY --preset tiktok` in a fresh process: the photo story of
           bench/render_vs_encode.py (a noisy 3000x2000 photo with the slow pan, French captions on
           a band, the brand logo, the end card, a music bed), 1080x1920 30 fps H.264.
  moviepy  the same clip written with MoviePy 2.1 in a fresh process: the photo (resized once with
           Pillow, MoviePy's pan by position), one TextClip per caption event at our timeline's
           times, the logo, an end card (colour + TextClip), the same music, the same x264 options
           (veryfast, crf 20, 30 fps, yuv420p) and AAC: what a script-to-video tool writes.
  memory   peak of the summed resident size of each process tree (Python + its ffmpeg children).

    python bench/moviepy_compare.py [--runs 1] [--seconds 30] [--keep DIR]

Target: ours >= 8x faster (wall). Needs the `bench` extra (moviepy).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure_tools import figure, run_measured  # noqa: E402
from render_vs_encode import make_story  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def clip_spec(story: Path, preset: str) -> dict:
    """What the MoviePy side draws, read from our own timeline so both clips show the same thing."""
    from studio.core.project import load_project
    from studio.core.timeline import project_timeline
    project = load_project(story, preset)
    tl = project_timeline(project)
    canvas = project.preset.canvas
    photo = next(story.parent.glob("photo.*"))
    return {"width": canvas.width, "height": canvas.height, "fps": float(tl.fps),
            "story_s": tl.seconds(tl.endcard.start), "endcard_s": tl.seconds(tl.endcard.frames),
            "captions": [[" ".join(e.lines), tl.seconds(e.start), tl.seconds(e.end)] for e in tl.events],
            "photo": str(photo), "music": str(story.parent / "music.wav"),
            "logo": str(project.brand.logo) if project.brand.logo else None,
            "font": str(ROOT / "assets" / "fonts" / "Inter-Bold.otf"),
            "crf": str(project.preset.video.crf), "x264_preset": project.preset.video.x264_preset}


def moviepy_child(spec_path: Path, out: Path) -> None:
    import numpy as np
    from moviepy import (AudioFileClip, ColorClip, CompositeVideoClip, ImageClip, TextClip,
                         concatenate_videoclips)
    from PIL import Image
    s = json.loads(spec_path.read_text("utf-8"))
    w, h, story_s, end_s = s["width"], s["height"], s["story_s"], s["endcard_s"]
    photo = Image.open(s["photo"]).convert("RGB")
    scale = h * 1.08 / photo.height  # 8% larger than the frame, like our pan
    photo = photo.resize((round(photo.width * scale), round(photo.height * scale)), Image.LANCZOS)
    travel = photo.width - w
    background = ImageClip(np.asarray(photo)).with_duration(story_s).with_position(
        lambda t: (-travel * t / story_s, -(photo.height - h) / 2))
    layers = [background]
    for text, start, end in s["captions"]:
        layers.append(TextClip(font=s["font"], text=text, font_size=64, color="white", bg_color=(0, 0, 0),
                               size=(w - 240, None), method="caption", text_align="center", margin=(20, 16))
                      .with_start(start).with_end(end).with_position(("center", int(h * 0.58))))
    if s["logo"]:
        layers.append(ImageClip(s["logo"]).resized(width=220).with_duration(story_s).with_position((60, 80)))
    story = CompositeVideoClip(layers, size=(w, h)).with_duration(story_s)
    card = CompositeVideoClip([
        ColorClip((w, h), color=(58, 28, 113), duration=end_s),
        TextClip(font=s["font"], text="Harcèlement : parlez-en.\nAppelez le 3018 ou le 3020",
                 font_size=72, color="white", size=(w - 160, None), method="caption", text_align="center")
        .with_duration(end_s).with_position("center")], size=(w, h))
    video = concatenate_videoclips([story, card])
    music = AudioFileClip(s["music"])
    video = video.with_audio(music.subclipped(0, min(music.duration, video.duration)))
    video.write_videofile(str(out), fps=s["fps"], codec="libx264", audio_codec="aac", audio_bitrate="160k",
                          preset=s["x264_preset"], ffmpeg_params=["-crf", s["crf"], "-pix_fmt", "yuv420p"],
                          logger=None)


def compare(runs: int, seconds: float, folder: Path, preset: str = "tiktok") -> dict:
    story = make_story(folder, seconds)
    spec = folder / "moviepy.json"
    spec.write_text(json.dumps(clip_spec(story, preset)), "utf-8")
    ours, theirs = [], []
    for run in range(runs):
        ours.append(run_measured([sys.executable, "-m", "studio", "render", str(story), "--preset", preset,
                                  "--out", str(folder / "ours"), "--json"], cwd=ROOT))
        theirs.append(run_measured([sys.executable, __file__, "--child", str(spec), str(folder / "moviepy.mp4")]))
        print(f"run {run + 1}: ours {ours[-1].wall_s:.1f} s ({ours[-1].peak_mb:.0f} MB), "
              f"moviepy {theirs[-1].wall_s:.1f} s ({theirs[-1].peak_mb:.0f} MB)", flush=True)
    med = lambda rows, key: statistics.median(getattr(r, key) for r in rows)
    return {"seconds": seconds, "ours_s": med(ours, "wall_s"), "moviepy_s": med(theirs, "wall_s"),
            "ours_cpu_s": med(ours, "cpu_s"), "moviepy_cpu_s": med(theirs, "cpu_s"),
            "ours_mb": max(r.peak_mb for r in ours), "moviepy_mb": max(r.peak_mb for r in theirs)}


def measure(quick: bool = False) -> list[dict]:
    seconds = 10.0 if quick else 30.0  # MoviePy takes minutes per 10 s of 1080x1920 here
    with tempfile.TemporaryDirectory(prefix="bench-moviepy-") as tmp:
        r = compare(1, seconds, Path(tmp))
    note = f"{r['seconds']:g} s photo story, 1080x1920, one run each"
    speed = r["moviepy_s"] / r["ours_s"]
    return [
        figure(f"render vs MoviePy 2 ({r['seconds']:g} s photo story), wall", r["ours_s"], r["moviepy_s"], "s",
               ">= 8x faster", f"{note}; ours {speed:.1f}x faster"),
        figure("render vs MoviePy 2, CPU", r["ours_cpu_s"], r["moviepy_cpu_s"], "s", "", note),
        figure("render vs MoviePy 2, peak memory (process tree)", r["ours_mb"], r["moviepy_mb"], "MB", "",
               "Python + ffmpeg children, summed"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--keep", type=Path, help="write the story and both videos here, and keep them")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        moviepy_child(Path(a.child[0]), Path(a.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="bench-moviepy-") as tmp:
        folder = a.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        r = compare(a.runs, a.seconds, folder)
    print(f"RESULT moviepy/ours wall={r['moviepy_s'] / r['ours_s']:.1f}x (target >= 8) "
          f"cpu={r['moviepy_cpu_s'] / r['ours_cpu_s']:.1f}x ours={r['ours_s']:.1f}s moviepy={r['moviepy_s']:.1f}s "
          f"ours_peak={r['ours_mb']:.0f}MB moviepy_peak={r['moviepy_mb']:.0f}MB seconds={a.seconds:g}")


if __name__ == "__main__":
    main()
