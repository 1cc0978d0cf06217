"""`studio check` vs. a bare ffmpeg decode of the same file, in the same run.

What it measures
  file       a `--seconds` long 1080x1920 30 fps H.264 + AAC MP4 made with lavfi (moving test
             pattern with grain, a caption stand-in, a tone) and the `tiktok` preset's own x264
             settings (veryfast, crf 20, capped at 12 Mbit/s: the heaviest file a render makes),
             encoded once at the start (not timed; about 10 minutes on a 2-core machine).
  decode     `ffmpeg -i FILE -map 0:v -f null -`: the floor any frame-by-frame check pays.
  check      `studio check FILE --preset tiktok --json` as a user runs it (a fresh process:
             imports, fonts and the end card reference included), every rule.
  cpu        user + system seconds of each child (steadier than wall time on a shared machine).
Runs alternate decode / check so machine noise hits both; medians are reported.

    python bench/check_speed.py [--runs 1] [--seconds 60] [--keep FILE]

Target: check < 15 s on a 60 s 1080x1920 file. The last line (RESULT ...) is for docs/speed.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from studio.media.ffmpeg_binary import ffmpeg_exe


def make_file(path: Path, seconds: float) -> None:
    ff = ffmpeg_exe()
    vf = ("drawbox=x=140:y=1000:w=800:h=200:color=black@0.7:t=fill:enable='lt(mod(t,4),3)',"
          "format=yuv420p,setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv")
    subprocess.run([ff, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=s=1080x1920:r=30:d={seconds},noise=alls=6:allf=t",
                    "-f", "lavfi", "-i", f"sine=f=440:r=48000:d={seconds}",
                    "-vf", vf, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-maxrate", "12M",
                    "-bufsize", "24M", "-g", "30", "-bf", "2", "-profile:v", "high", "-level:v", "4.1",
                    "-pix_fmt", "yuv420p", "-b:a", "160k",
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                    "-c:a", "aac", "-ac", "2", "-ar", "48000", "-movflags", "+faststart", str(path)], check=True)


def timed(argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode not in (0, 1):  # 1: some rule fails, which is fine for a synthetic file
        sys.exit(f"failed: {' '.join(argv)}\n{run.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(runs: int, seconds: float, video: Path) -> dict:
    """Decode and check alternating, `runs` times each, on `video` (made first when missing); medians."""
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} on {os.cpu_count()} cores", flush=True)
    if not video.exists():
        t = time.perf_counter()
        make_file(video, seconds)
        print(f"made {video} ({video.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s", flush=True)
    ff = ffmpeg_exe()
    decode = [ff, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(video), "-map", "0:v", "-f", "null", "-"]
    check = [sys.executable, "-m", "studio", "check", str(video), "--preset", "tiktok", "--json"]
    d_wall, d_cpu, c_wall, c_cpu = [], [], [], []
    for i in range(runs):
        w, c = timed(decode)
        d_wall.append(w), d_cpu.append(c)
        w, c = timed(check)
        c_wall.append(w), c_cpu.append(c)
        print(f"run {i + 1}: decode {d_wall[-1]:.1f} s (cpu {d_cpu[-1]:.1f}), check {c_wall[-1]:.1f} s (cpu {c_cpu[-1]:.1f})",
              flush=True)
    med = statistics.median
    return {"decode_wall": med(d_wall), "check_wall": med(c_wall), "decode_cpu": med(d_cpu), "check_cpu": med(c_cpu)}


def measure(quick: bool = False) -> list[dict]:
    """The suite's rows (bench/suite.py): `quick` = a 10 s file, else the 60 s of the target."""
    sys.path.insert(0, str(Path(__file__).parent))
    from measure_tools import figure
    seconds = 10.0 if quick else 60.0
    with tempfile.TemporaryDirectory(prefix="bench-check-") as work:
        r = compare(1, seconds, Path(work) / "clip.mp4")
    note = f"{seconds:g} s 1080x1920 30 fps file, every rule"
    return [figure(f"`studio check` on {seconds:g} s vs bare decode, wall", r["check_wall"], r["decode_wall"], "s",
                   "< 15 s on 60 s", note),
            figure("`studio check` vs bare decode, CPU", r["check_cpu"], r["decode_cpu"], "s", "", note)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--keep", type=Path, help="reuse (or create) this file instead of a temporary one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as work:
        r = compare(args.runs, args.seconds, args.keep or Path(work) / "clip.mp4")
    dw, cw, dc, cc = r["decode_wall"], r["check_wall"], r["decode_cpu"], r["check_cpu"]
    print(f"RESULT seconds={args.seconds:g} decode_wall={dw:.1f} check_wall={cw:.1f} ratio_wall={cw / dw:.2f} "
          f"decode_cpu={dc:.1f} check_cpu={cc:.1f} ratio_cpu={cc / dc:.2f} target_wall<15s={'yes' if cw < 15 else 'NO'}")


if __name__ == "__main__":
    main()
