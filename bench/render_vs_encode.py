"""Render time vs. the bare-encode floor, and peak memory, on a realistic 30 s story.

What it measures
  render     wall time of `render(RenderJob(load_project(story, preset), out))`: probing, image
             preparation, the one-graph ffmpeg run (which also hands the QA its frames and mix),
             sidecars, the QA self-check's rules on them and the file's boxes (reported apart,
             from the result's `qa_s`; `--verify-file` renders with the old full re-decode) and report.
  reference  the "floor": ffmpeg decoding the rendered MP4 and re-encoding it with exactly the
             x264/AAC options of the render (read from the report's argv), muxed to an MP4 in /tmp.
  memory     peak RSS of the Python process and of its ffmpeg child, per run: each render and each
             reference runs in a fresh child Python process (resource.getrusage).
  CPU        user + system seconds of both, children included: steadier than wall time when other
             jobs share the machine (check /proc/loadavg; the first line prints it).
Runs alternate render / reference so machine noise hits both; medians are reported.
The reference pays an H.264 decode that the render does not (the render's own graph is cheaper
than that decode), so a ratio below 1 is expected; it is a loose floor, not a tight one.
The story is generated in a temp folder: a noisy 3000x2000 JPEG photo, French beats of 30-70 chars
filling `--seconds` (end card included), the default brand kit, a 40 s sine-chord WAV.

    python bench/render_vs_encode.py [--runs 3] [--seconds 30] [--preset tiktok] [--keep DIR] [--profile]
                                     [--verify-file]

Targets: ratio <= 1.00 (wall and CPU, the self-check included), Python process < 200 MB. The last
line (RESULT ...) is for docs/speed.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # measure_tools, when imported by bench/suite.py
from studio.core.catalog import Catalog  # noqa: E402

_LOOK = Catalog().defaults()["look"]  # the story is sized with the same reading-speed rule
ENDCARD_S = _LOOK["endcard"]["duration_s"]
CPS, PAD_S, MIN_BEAT_S = (_LOOK["timing"][k] for k in ("cps", "pad_s", "min_beat_s"))
POOL = [  # 30-70 characters each
    "En quatrième, j’ai changé de collège.", "Je ne connaissais personne, pas même un visage.",
    "Très vite, il y a eu des rires dans le couloir.", "Puis des surnoms, tous les jours.",
    "Je faisais semblant de ne pas entendre.", "Le soir, ça continuait sur mon téléphone.",
    "Je n’osais plus dormir. Ni en parler.", "Un matin, j’ai tout raconté à une amie.",
    "Elle m’a écoutée, puis elle m’a prise dans ses bras.", "Ensemble, on en a parlé à ma mère.",
    "On a appelé le 3020. Quelqu’un m’a enfin crue.", "Aujourd’hui, je respire. Je n’ai plus peur.",
]
VIDEO_OPTS = ("-c:v", "-preset", "-profile:v", "-level:v", "-crf", "-maxrate", "-bufsize", "-g",
              "-keyint_min", "-sc_threshold", "-bf", "-flags", "-pix_fmt", "-color_primaries",
              "-color_trc", "-colorspace", "-color_range", "-fps_mode", "-r")
AUDIO_OPTS = ("-c:a", "-b:a", "-ar", "-ac")


def make_story(folder: Path, seconds: float) -> Path:
    import numpy as np  # here, not at the top: the child processes stay small
    from PIL import Image, ImageDraw, ImageFilter
    rng = np.random.default_rng(7)
    h, w = 2000, 3000
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.stack([80 + 120 * y / h, 110 + 60 * np.sin(x / 170), 200 - 90 * y / h + 30 * np.cos(y / 90)], -1)
    photo = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(photo)
    for _ in range(1200):  # buildings, trees, windows: edges everywhere, like a street photo
        cx, cy, r = rng.integers(0, w), rng.integers(600, h), rng.integers(6, 160)
        color = tuple(int(c) for c in rng.integers(20, 235, 3))
        (d.ellipse if rng.random() < 0.5 else d.rectangle)([cx - r, cy - r // 2, cx + r, cy + r], fill=color)
    d.ellipse([2200, 200, 2500, 500], fill=(255, 220, 150))
    photo = photo.filter(ImageFilter.GaussianBlur(0.8))
    texture = 12 * np.sin(x / 3.1 + 2 * np.sin(y / 11))[..., None]  # fine foliage/brick-like detail
    noisy = np.asarray(photo, np.float32) + texture + 8 * rng.standard_normal((h, w, 3), np.float32)
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(folder / "photo.jpg", quality=90)

    rate, n = 44100, 44100 * 40  # a 40 s A-minor chord, slightly different per channel
    t = np.arange(n) / rate
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 261.63, 329.63))
    left, right = chord * (0.8 + 0.2 * np.sin(t)), chord * (0.8 + 0.2 * np.cos(t))
    pcm = (np.stack([left, right], 1) / 3 * 0.6 * 32767).astype("<i2")
    with wave.open(str(folder / "music.wav"), "wb") as wf:
        wf.setnchannels(2), wf.setsampwidth(2), wf.setframerate(rate), wf.writeframes(pcm.tobytes())

    # beats end to end until the story (without the end card) fills `seconds`
    need, beats, i, misses = seconds - ENDCARD_S, [], 0, 0
    while misses < len(POOL):
        s = POOL[i % len(POOL)]
        i += 1
        d_s = max(len(s) / CPS + PAD_S, MIN_BEAT_S)
        if d_s <= need:
            beats.append(s); need -= d_s; misses = 0
        else:
            misses += 1
    text = "---\ntitle: Banc d’essai\nmusic: music.wav\nconsent: {given: true}\n---\n\n"
    text += "![Une rue au matin](photo.jpg)\n\n" + "\n\n".join(beats or POOL[:1]) + "\n"
    story = folder / "banc.md"
    story.write_text(text, "utf-8")
    return story


def peaks() -> dict:
    # Python: VmHWM, because Linux carries the *parent's* peak into a child's ru_maxrss across exec.
    # ffmpeg: ru_maxrss of the waited-for children (floored by this process's RSS when it spawned them)
    hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"python_mb": round(hwm / 1024, 1), "ffmpeg_mb": round(kids / 1024, 1)}


def cpu() -> float:
    """CPU seconds (user + system) of this process and its waited-for children: steadier than
    wall time on a busy machine."""
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def child_render(story: Path, out: Path, preset: str, profile: bool, verify_file: bool = False) -> dict:
    import studio.render.api as api
    from studio.core.project import load_project
    from studio.render import RenderJob, render
    split = {"plan_s": 0.0, "prepare_s": 0.0}
    if profile:  # time the two steps inside the real call, by wrapping them where api looks them up
        def timed(fn, key):
            def wrapper(*a, **k):
                t0 = time.monotonic()
                try:
                    return fn(*a, **k)
                finally:
                    split[key] += time.monotonic() - t0
            return wrapper
        api.make_plan, api.prepare = timed(api.make_plan, "plan_s"), timed(api.prepare, "prepare_s")
    project = load_project(story, preset)
    c0, t0 = cpu(), time.monotonic()
    result = render(RenderJob(project, out, verify_file=verify_file))
    elapsed, cpu_s = time.monotonic() - t0, cpu() - c0
    report = json.loads(result.report.read_text("utf-8"))
    return {"elapsed_s": elapsed, "cpu_s": cpu_s, "qa_s": result.qa_s, "render_only_s": elapsed - result.qa_s,
            "duration_s": result.duration_s, "video": str(result.video),
            "report": str(result.report), "ffmpeg_s": report["ffmpeg_s"], **split, **peaks()}


def reference_argv(report: Path, src: Path, dst: Path) -> list[str]:
    argv = json.loads(report.read_text("utf-8"))["argv"]
    opts = []
    for key in VIDEO_OPTS + AUDIO_OPTS:
        if key in argv:
            opts += [key, argv[argv.index(key) + 1]]  # first output = the MP4
    return [argv[0], "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(src),
            "-map", "0:v:0", "-map", "0:a:0", *opts, "-movflags", "+faststart", "-f", "mp4", str(dst)]


def child_reference(report: Path, src: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-ref-", dir="/tmp") as tmp:
        argv = reference_argv(report, src, Path(tmp) / "reference.mp4")
        c0, t0 = cpu(), time.monotonic()
        subprocess.run(argv, check=True)
        return {"elapsed_s": time.monotonic() - t0, "cpu_s": cpu() - c0, **peaks()}


def spawn(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(runs: int, seconds: float, preset: str, folder: Path, profile: bool = False,
            verify_file: bool = False) -> dict:
    """Renders and references alternating, `runs` times each; medians and peaks."""
    story = make_story(folder, seconds)
    print(f"load {open('/proc/loadavg').read().split()[0]} (1 min), story {story}", flush=True)
    renders, refs = [], []
    for run in range(runs):
        r = spawn("render", str(story), str(folder / "out"), preset, "1" if profile else "0",
                  "1" if verify_file else "0")
        f = spawn("reference", r["report"], r["video"])
        renders.append(r), refs.append(f)
        print(f"run {run + 1}: render {r['elapsed_s']:.2f} s, reference {f['elapsed_s']:.2f} s "
              f"({r['duration_s']:.2f} s of video)", flush=True)
    med = lambda rows, k: statistics.median(x[k] for x in rows)
    out = {"render_s": med(renders, "elapsed_s"), "ref_s": med(refs, "elapsed_s"),
           "render_only_s": med(renders, "render_only_s"), "qa_s": med(renders, "qa_s"),
           "render_cpu_s": med(renders, "cpu_s"), "ref_cpu_s": med(refs, "cpu_s"),
           "python_mb": max(x["python_mb"] for x in renders), "ffmpeg_mb": max(x["ffmpeg_mb"] for x in renders),
           "ref_ffmpeg_mb": max(x["ffmpeg_mb"] for x in refs), "duration_s": renders[0]["duration_s"]}
    if profile:
        for r in renders:  # ffmpeg path lookup (runs `ffmpeg -version` once), sidecars, report, renames
            r["other_s"] = r["elapsed_s"] - r["plan_s"] - r["prepare_s"] - r["ffmpeg_s"]
        out["split"] = {k: med(renders, k) for k in ("plan_s", "prepare_s", "ffmpeg_s", "other_s")}
    return out


def measure(quick: bool = False) -> list[dict]:
    """The suite's rows (bench/suite.py): `quick` = one run of a 15 s story, else three of 30 s."""
    from measure_tools import figure
    runs, seconds = (1, 15.0) if quick else (3, 30.0)
    with tempfile.TemporaryDirectory(prefix="bench-story-") as tmp:
        r = compare(runs, seconds, "tiktok", Path(tmp))
    note = f"{r['duration_s']:.0f} s photo story, tiktok 1080x1920, median of {runs}"
    return [
        figure("render vs bare re-encode (same x264 settings), wall", r["render_s"], r["ref_s"], "s", "ratio <= 1.00",
               f"{note}; its QA self-check included"),
        figure("  the same without the self-check's rules after ffmpeg, wall", r["render_only_s"], r["ref_s"], "s", "",
               f"the QA reads the frames as they are encoded, then judges them: {r['qa_s']:.1f} s"),
        figure("render vs bare re-encode, CPU", r["render_cpu_s"], r["ref_cpu_s"], "s", "ratio <= 1.00", note),
        figure("render, Python process peak memory", r["python_mb"], None, "MB", "< 200 MB", "VmHWM of the render process"),
        figure("render, ffmpeg peak memory vs the re-encode's", r["ffmpeg_mb"], r["ref_ffmpeg_mb"], "MB", "", ""),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=30.0, help="video length, end card included")
    ap.add_argument("--preset", default="tiktok")
    ap.add_argument("--keep", type=Path, help="write the story and the render here, and keep them")
    ap.add_argument("--profile", action="store_true", help="print the time split inside the renders")
    ap.add_argument("--verify-file", action="store_true", help="render with the QA's full re-decode of the file")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:  # render STORY OUT PRESET PROFILE VERIFY | reference REPORT SRC
        kind, *rest = a.child
        res = (child_render(Path(rest[0]), Path(rest[1]), rest[2], rest[3] == "1", rest[4:5] == ["1"])
               if kind == "render"
               else child_reference(Path(rest[0]), Path(rest[1])))
        print(json.dumps(res))
        return

    tmp = tempfile.TemporaryDirectory(prefix="bench-story-")
    folder = a.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    r = compare(a.runs, a.seconds, a.preset, folder, a.profile, a.verify_file)
    render_s, ref_s, py, ff = r["render_s"], r["ref_s"], r["python_mb"], r["ffmpeg_mb"]
    ratio = render_s / ref_s
    ok = lambda good: "ok" if good else "MISSED"
    print(f"\n{'':24}{'median/peak':>12}  target")
    print(f"{'render (s)':24}{render_s:12.2f}")
    print(f"{'reference (s)':24}{ref_s:12.2f}")
    cpu_ratio = r["render_cpu_s"] / r["ref_cpu_s"]
    print(f"{'CPU render/reference':24}{cpu_ratio:12.2f}  <= 1.00 {ok(cpu_ratio <= 1.00)}"
          f"  ({r['render_cpu_s']:.1f} s / {r['ref_cpu_s']:.1f} s)")
    print(f"{'ratio render/reference':24}{ratio:12.2f}  <= 1.00 {ok(ratio <= 1.00)}")
    print(f"{'  without its QA rules':24}{r['render_only_s'] / ref_s:12.2f}  (the self-check after ffmpeg took "
          f"{r['qa_s']:.1f} s)")
    print(f"{'render Python peak (MB)':24}{py:12.0f}  < 200 {ok(py < 200)}")
    print(f"{'render ffmpeg peak (MB)':24}{ff:12.0f}")
    print(f"{'reference ffmpeg (MB)':24}{r['ref_ffmpeg_mb']:12.0f}")
    if a.profile:
        print("\ntime split (medians): " + ", ".join(f"{k[:-2]} {v:.2f} s ({v / render_s:.0%})"
                                                    for k, v in r["split"].items()))
    print(f"\nRESULT ratio={ratio:.2f} cpu_ratio={cpu_ratio:.2f} render={render_s:.1f}s reference={ref_s:.1f}s "
          f"python_peak={py:.0f}MB ffmpeg_peak={ff:.0f}MB duration={r['duration_s']:.1f}s")
    tmp.cleanup()


if __name__ == "__main__":
    main()
