"""What speaking the reader's language costs: a message translated and formatted when shown
(10,000 QA-style messages, English and French), and `studio validate` on an example story under
LANG=C.UTF-8 and LANG=fr_FR.UTF-8 (median of 5 runs, each a fresh process).

    PYTHONPATH=. python bench/messages.py"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from studio.core import i18n
from studio.core.i18n import _

ROOT = Path(__file__).resolve().parents[1]


def shown(lang: str, n: int = 10_000) -> float:
    i18n.set_language(lang)
    msgs = [_("peak {rate:.1f} Mbit/s: platforms re-encode harder above {cap:g}", rate=9.46 + k, cap=25.0)
            for k in range(n)]
    t = time.perf_counter()
    for m in msgs:
        str(m)
    return (time.perf_counter() - t) / n * 1e6


def validate(lang: str, runs: int = 5) -> float:
    env = {**os.environ, "LANG": lang, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "studio", "validate", str(ROOT / "examples" / "stories" / "lea.md"), "-p", "preview"]
    times = []
    for _run in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


if __name__ == "__main__":
    en, fr = shown("en"), shown("fr")
    print(f"a message shown: {en:.1f} µs in English, {fr:.1f} µs in French")
    ven, vfr = validate("C.UTF-8"), validate("fr_FR.UTF-8")
    print(f"studio validate lea.md: {ven:.2f} s in English, {vfr:.2f} s in French (ratio {vfr / ven:.2f})")
