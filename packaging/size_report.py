"""Size of the built bundle: unpacked, as a .tar.zst archive, and its large parts (`make app` ends with it).

    python packaging/size_report.py dist/kindness-studio [--level 19] [--archive OUT.tar.zst]

Sizes are in MB (10^6 bytes), of the files' contents (du --apparent-size). Budget: < 650 MB
unpacked, < 280 MB compressed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time
from pathlib import Path

PARTS = [  # (label, glob patterns under _internal/, what it is for)
    ("FFmpeg program", ["imageio_ffmpeg"], "renders and analyses (the one ffmpeg pipeline), GPL build with x264"),
    ("OpenCV", ["cv2", "opencv_python_headless.libs"], "face detection: anonymising and subject framing (with its own FFmpeg libs)"),
    ("Qt (PySide6)", ["PySide6", "shiboken6"], "the desktop app's windows, and its sound (QAudioSink); ICU for QtCore"),
    ("NumPy", ["numpy", "numpy.libs"], "frames as arrays (faces, masks, loudness)"),
    ("Python", ["libpython*", "base_library.zip", "python3*"], "the interpreter and its standard library"),
    ("Pillow", ["PIL", "pillow.libs"], "text, cards and images"),
    ("fonts, brand kits", ["assets"], "Inter and Noto Color Emoji (with their OFL licences), logos"),
]


def size(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def archive(folder: Path, out: Path, level: int) -> tuple[int, float]:
    t0 = time.monotonic()
    tar = subprocess.Popen(["tar", "-C", str(folder.parent), "-cf", "-", folder.name], stdout=subprocess.PIPE)
    subprocess.run(["zstd", f"-{level}", "-T0", "-q", "-f", "-o", str(out)], stdin=tar.stdout, check=True)
    tar.wait()
    return out.stat().st_size, time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--level", type=int, default=19, help="zstd level (19: what a release would ship)")
    ap.add_argument("--archive", type=Path, help="write the .tar.zst here (default: beside the folder)")
    a = ap.parse_args()
    internal = a.bundle / "_internal"
    total = size(a.bundle)
    mb = lambda n: f"{n / 1e6:7.1f} MB"
    print(f"{'unpacked':28}{mb(total)}   budget < 650 MB {'ok' if total < 650e6 else 'OVER'}")
    counted = 0
    for label, patterns, why in PARTS:
        n = sum(size(p) for pat in patterns for p in internal.glob(pat))
        counted += n
        print(f"  {label:26}{mb(n)}   {why}")
    print(f"  {'other libraries, modules':26}{mb(total - counted)}   system libraries (X11/xcb, PulseAudio, ICU...), "
          "pydantic, fontTools, examples, licences")
    if shutil.which("zstd"):
        out = a.archive or a.bundle.parent / f"{a.bundle.name}.tar.zst"
        n, seconds = archive(a.bundle, out, a.level)
        print(f"{'compressed (tar.zst -' + str(a.level) + ')':28}{mb(n)}   budget < 280 MB {'ok' if n < 280e6 else 'OVER'}"
              f"   ({out}, {seconds:.0f} s)")
    else:
        print("zstd not found: no compressed size")


if __name__ == "__main__":
    main()
