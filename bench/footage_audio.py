"""Footage, voice, music and loudness vs. the bare decode+encode, and the cost of a face blur.

What it measures (all in one run, so machine noise hits every side):
  story      render() of a story on landscape 1080p footage (a face moving across it), reframed
             with fit=subject, a voice-over, a music bed ducked under it, two-pass loudness
             normalisation (the loudness cache is emptied first, so the measuring pass counts).
  floor      ffmpeg decoding the same footage for the same length, cover-cropping it to the
             canvas and encoding it with exactly the render's x264/AAC options (from its report).
  blur       the same story with `anonymize: [faces]` and fit=cover, against fit=cover alone.
Wall time and CPU time (user + system, ffmpeg children included; steadier under load).

    python bench/footage_audio.py [--runs 1] [--seconds 30] [--preset tiktok]

Targets: story/floor <= 1.25, blur/no-blur <= 2.0. The RESULT lines are for docs/speed.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from studio.core.project import load_project
from studio.render import RenderJob, render
from studio.media.ffmpeg_binary import ffmpeg_exe

sys.path.insert(0, str(Path(__file__).parent))
from render_vs_encode import cpu  # noqa: E402

BEATS = ["En quatrième, j’ai changé de collège.", "Très vite, il y a eu des rires dans le couloir.",
         "Le soir, ça continuait sur mon téléphone.", "Un matin, j’ai tout raconté à une amie.",
         "On a appelé le 3020. Quelqu’un m’a enfin crue.", "Aujourd’hui, je respire. Je n’ai plus peur."]


def make_media(folder: Path, seconds: float) -> None:
    from PIL import Image
    from skimage import data
    Image.fromarray(data.astronaut()[20:260, 130:350]).resize((330, 360)).save(folder / "face.png")
    # noisy 1080p footage like a phone's (H.264 High, CABAC, ~16 Mbit/s: a real camera's grain costs
    # the encoder), the face drifting across it. Not lossless-like: at crf 16 ultrafast the grain made
    # a 230 Mbit/s file whose decoding alone outweighed everything else.
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=s=1920x1080:r=30:d={seconds},noise=alls=12:allf=t", "-i", str(folder / "face.png"),
                    "-filter_complex", f"[0][1]overlay=x='100+t*1500/{seconds}':y=300", "-c:v", "libx264",
                    "-preset", "superfast", "-b:v", "16M", "-maxrate", "16M", "-bufsize", "32M", "-g", "30",
                    "-pix_fmt", "yuv420p", str(folder / "rue.mp4")], check=True)
    rng = np.random.default_rng(3)
    for name, secs, rate, amp in (("voix.wav", max(2.0, seconds - 8), 22050, 0.3), ("musique.wav", 20, 44100, 0.5)):
        t = np.arange(int(secs * rate)) / rate
        x = rng.normal(0, 1, len(t)) * (0.55 + 0.45 * np.sin(2 * np.pi * 3 * t)) * amp / 3
        if name == "musique.wav":
            x = amp * 0.3 * (np.sin(2 * np.pi * 220 * t) + np.sin(2 * np.pi * 330 * t))
        with wave.open(str(folder / name), "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
            w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())


def write_story(folder: Path, name: str, fit: str, front: str, seconds: float) -> Path:
    """About `seconds` long: beats of ~3.3 s each, then the 6 s end card."""
    path = folder / f"{name}.md"
    body = "\n\n".join(BEATS[:max(1, min(len(BEATS), round((seconds - 6) / 3.3)))])
    path.write_text(f"---\ntitle: Bench\nconsent: {{given: true}}\n{front}---\n\n![](rue.mp4#fit={fit})\n\n{body}\n",
                    encoding="utf-8")
    return path


def timed(fn) -> tuple[float, float, object]:
    t, c = time.monotonic(), cpu()
    out = fn()
    return time.monotonic() - t, cpu() - c, out


def floor_argv(report: dict, footage: Path, dst: Path) -> list[str]:
    argv = report["argv"]
    argv = argv[:next(i for i, a in enumerate(argv) if a.endswith(".part"))]  # the MP4's options, not the cover's
    keep = {"-c:v", "-preset", "-profile:v", "-level:v", "-crf", "-maxrate", "-bufsize", "-g", "-keyint_min",
            "-sc_threshold", "-bf", "-flags", "-pix_fmt", "-fps_mode", "-r", "-c:a", "-b:a", "-ar", "-ac"}
    opts = [x for i, a in enumerate(argv[:-1]) if a in keep for x in (a, argv[i + 1])]
    w, h = report["preset"]["canvas"]["width"], report["preset"]["canvas"]["height"]
    return [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-stream_loop", "-1", "-t", str(report["duration_s"]),
            "-i", str(footage), "-f", "lavfi", "-t", str(report["duration_s"]), "-i", "anullsrc=r=48000:cl=stereo",
            "-vf", f"scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h}", *opts, str(dst)]


def compare(runs: int, seconds: float, preset: str) -> dict[str, tuple[float, float]]:
    """Median (wall s, cpu s) of story, floor, cover and blur, alternating."""
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-media-") as tmp:
        folder = Path(tmp)
        cache = os.environ.get("STUDIO_CACHE_DIR")
        os.environ["STUDIO_CACHE_DIR"] = str(folder / "cache")
        try:
            make_media(folder, seconds)
            stories = {"story": write_story(folder, "story", "subject", "voiceover: voix.wav\nmusic: musique.wav\n", seconds),
                       "cover": write_story(folder, "cover", "cover", "", seconds),
                       "blur": write_story(folder, "blur", "cover", "anonymize: [faces]\n", seconds)}
            times: dict[str, list[tuple[float, float]]] = {k: [] for k in ("story", "floor", "cover", "blur")}
            for run in range(runs):
                for name in ("story", "floor", "cover", "blur"):
                    shutil.rmtree(folder / "cache", ignore_errors=True)
                    if name == "floor":
                        report = json.loads(next((folder / "out-story").glob("*.report.json")).read_text())
                        wall, cpu_s, _ = timed(lambda: subprocess.run(floor_argv(report, folder / "rue.mp4",
                                                                                 folder / "floor.mp4"), check=True))
                    else:
                        project = load_project(stories[name], preset)
                        wall, cpu_s, _ = timed(lambda: render(RenderJob(project, folder / f"out-{name}")))
                    times[name].append((wall, cpu_s))
                    print(f"run {run + 1} {name:6s} wall {wall:6.1f} s  cpu {cpu_s:6.1f} s", flush=True)
        finally:
            if cache is None:
                os.environ.pop("STUDIO_CACHE_DIR", None)
            else:
                os.environ["STUDIO_CACHE_DIR"] = cache
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()}


def measure(quick: bool = False) -> list[dict]:
    """The suite's rows (bench/suite.py): `quick` = 10 s of footage, else 30 s."""
    from measure_tools import figure
    seconds = 10.0 if quick else 30.0
    med = compare(1, seconds, "tiktok")
    return [figure("footage story (reframe, voice, music, loudness) vs bare crop + encode, wall", med["story"][0],
                   med["floor"][0], "s", "ratio <= 1.25", f"{seconds:g} s of 1080p footage, tiktok"),
            figure("face blur vs the same story without, wall", med["blur"][0], med["cover"][0], "s", "ratio <= 2.0",
                   f"{seconds:g} s, anonymize: [faces]")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30.0, help="footage and story length (end card included)")
    ap.add_argument("--preset", default="tiktok")
    args = ap.parse_args()
    med = compare(args.runs, args.seconds, args.preset)
    print(f"RESULT story/floor: wall {med['story'][0] / med['floor'][0]:.2f}x "
          f"cpu {med['story'][1] / med['floor'][1]:.2f}x (target <= 1.25) "
          f"[{med['story'][0]:.1f} s vs {med['floor'][0]:.1f} s, {args.seconds:g} s, {args.runs} run(s)]")
    print(f"RESULT face blur: wall {med['blur'][0] / med['cover'][0]:.2f}x "
          f"cpu {med['blur'][1] / med['cover'][1]:.2f}x (target <= 2.0) "
          f"[{med['blur'][0]:.1f} s vs {med['cover'][0]:.1f} s]")


if __name__ == "__main__":
    main()
