"""Shared by the bench scripts: run a command and measure it, and the figure dict of `measure()`.

`run_measured` gives the wall time, the CPU time (user + system of the process and every child it
waited for) and the peak memory of the whole process tree: the sum of the resident sizes of the
process and all its descendants (ffmpeg children included), sampled every 50 ms with psutil, so a
Python program that hands its work to an ffmpeg child is charged for both.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    peak_mb: float        # peak of the summed RSS of the process tree
    stdout: str
    stderr: str
    returncode: int


def run_measured(argv: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 check: bool = True, interval: float = 0.05) -> Measured:
    import psutil
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    peak = [0]

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while proc.poll() is None:
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak[0] = max(peak[0], total)
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.monotonic() - t0
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and proc.returncode != 0:
        raise RuntimeError(f"failed ({proc.returncode}): {' '.join(map(str, argv))}\n{err[-3000:]}")
    return Measured(wall, cpu, peak[0] / 2**20, out, err, proc.returncode)


def figure(figure: str, ours: float, reference: float | None, unit: str, target: str = "", note: str = "",
           ratio: float | None = None) -> dict:
    """One row of a `measure()` answer (the shape bench/suite.py tabulates); ratio = ours / reference
    unless given."""
    if ratio is None and reference:
        ratio = ours / reference
    return {"figure": figure, "ours": ours, "reference": reference, "ratio": ratio, "unit": unit,
            "target": target, "note": note}


def machine() -> str:
    """One line about the machine and its load, for the table's header."""
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem_gb = 0.0
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average {load}")
