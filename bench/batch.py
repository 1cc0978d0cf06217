"""Batch rendering: the job engine against the same jobs rendered one after another, in the same run.

What it measures
  jobs        12 = 3 short stories (photos, captions, music on one) x 4 presets (tiktok, reels,
              shorts, square). Full size by default; `--quick` scales the four presets to half
              size (540 px wide, 15 fps) through a private user folder: same graphs, 4x fewer pixels.
  one by one  `render()` called for each job in a loop: the reference.
  batch       the same jobs through BatchEngine + LocalBackend (force: nothing skipped), with 1, 2
              (and 3) jobs at once, and with 2 jobs of 1 ffmpeg thread each. The fastest sets the
              default worker count.
  overhead    the batch's own time per job (start-up, loading, hashing, stamps, events): the
              1-worker batch's wall time minus its renders' own time (render + QA), per job, as a
              share of a job's render time. QA time is reported apart.
  memory      peak RSS of this process, and of this process plus its ffmpeg children (sampled at
              10 Hz); for 50 tiny jobs in one batch, this process's RSS after each job: the growth
              from job 10 to job 50.
  re-run      the same 12 jobs again, unchanged: all skipped; its time against the first batch.
  cluster     a 2-worker Dask LocalCluster (processes, loopback): start-up, the workers' memory,
              and the 12 jobs through it.
Timings on a shared machine move with the others' load: every figure is a ratio against a
reference measured in the same run; runs are interleaved in rounds and medians kept, and each
run starts with an empty loudness cache (STUDIO_CACHE_DIR) so none profits from an earlier one.

    python bench/batch.py [--quick] [--no-cluster] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.batch import BatchEngine, Job, JobEvent, LocalBackend  # noqa: E402
from studio.core.project import load_project  # noqa: E402
from studio.render import RenderJob, render  # noqa: E402

PRESETS = ("tiktok", "reels", "shorts", "square")
MEDIA = ROOT / "examples" / "stories" / "media"
STORIES = {
    "couloir": ("couloir.jpg", None, ["Au collège, tout a commencé par un surnom.",
                                     "Puis des rires, tous les jours, dans le couloir.",
                                     "Un jour, j’en ai parlé. On m’a écoutée."]),
    "cour": ("cour.jpg", "calme.mp3", ["Dans la cour, personne ne me parlait.",
                                       "Une amie s’est assise à côté de moi.",
                                       "Ensemble, on a appelé le 3020."]),
    "telephone": ("telephone.jpg", None, ["Le soir, ça continuait sur mon téléphone.",
                                          "J’ai gardé les messages et je les ai montrés.",
                                          "Aujourd’hui, je respire."]),
}
HALF = {"tiktok": (540, 960), "reels": (540, 960), "shorts": (540, 960), "square": (540, 540)}
TINY = 'extends = "preview"\ndescription = "tiny"\n[canvas]\nwidth = 108\nheight = 192\nfps = 15\n'


def workload(folder: Path, quick: bool) -> list[Job]:
    (folder / "media").mkdir(parents=True, exist_ok=True)
    for f in ("couloir.jpg", "cour.jpg", "telephone.jpg", "calme.mp3"):
        shutil.copy(MEDIA / f, folder / "media" / f)
    user = folder / "user" / "presets"
    user.mkdir(parents=True, exist_ok=True)
    (user / "tiny.toml").write_text(TINY)
    if quick:
        for name, (w, h) in HALF.items():
            (user / f"{name}.toml").write_text(f'extends = "{name}"\n[canvas]\nwidth = {w}\nheight = {h}\nfps = 15\n')
    os.environ["STUDIO_USER_DIR"] = str(folder / "user")  # read by this process and the cluster's workers
    stories = []
    for name, (photo, music, beats) in STORIES.items():
        front = f"---\ntitle: {name}\nconsent: {{given: true}}\n" + (f"music: media/{music}\n" if music else "") + "---\n\n"
        path = folder / f"{name}.md"
        path.write_text(front + f"![photo](media/{photo})\n\n" + "\n\n".join(beats) + "\n", encoding="utf-8")
        stories.append(path)
    return [Job(s, p, folder / "out") for s in stories for p in PRESETS]


class Sampler:
    """Peak RSS of this process, and of this process plus its children (ffmpeg), at 10 Hz."""

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.peak_self = self.peak_all = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                own = self.me.memory_info().rss
                kids = sum(c.memory_info().rss for c in self.me.children(recursive=True)
                           if c.name().startswith("ffmpeg"))
            except psutil.Error:
                continue
            self.peak_self = max(self.peak_self, own)
            self.peak_all = max(self.peak_all, own + kids)

    def __enter__(self) -> "Sampler":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def fresh_cache(folder: Path) -> None:
    """Each measured run starts with an empty loudness cache, so none profits from an earlier one."""
    fresh_cache.n = getattr(fresh_cache, "n", 0) + 1
    os.environ["STUDIO_CACHE_DIR"] = str(folder / f"cache-{fresh_cache.n}")


def one_by_one(jobs: list[Job]) -> dict:
    fresh_cache(jobs[0].out_dir.parent)
    t = time.perf_counter()
    results = [render(RenderJob(load_project(j.story, j.preset), j.out_dir, name=j.name)) for j in jobs]
    wall = time.perf_counter() - t
    return {"wall": wall, "render": sum(r.elapsed_s for r in results), "qa": sum(r.qa_s for r in results),
            "video": sum(r.duration_s for r in results)}


def batch(jobs: list[Job], workers: int, backend=None, force: bool = True, on_end=None) -> dict:
    ended: list[JobEvent] = []

    def listen(e: JobEvent) -> None:
        if e.ended:
            ended.append(e)
            if on_end:
                on_end(e)

    fresh_cache(jobs[0].out_dir.parent)
    with Sampler() as mem:
        t = time.perf_counter()
        engine = BatchEngine(backend or LocalBackend(), workers=workers, force=force)
        engine.subscribe(listen)
        engine.submit(jobs)
        engine.wait()
        engine.shutdown()
        wall = time.perf_counter() - t
    bad = [e for e in ended if e.kind not in ("finished", "skipped")]
    if bad:
        sys.exit(f"batch failed: {bad[0].job.id}: {bad[0].error}")
    results = [e.result for e in ended if e.kind == "finished"]
    return {"wall": wall, "render": sum(r.elapsed_s for r in results), "qa": sum(r.qa_s for r in results),
            "video": sum(r.duration_s for r in results), "kinds": {e.kind for e in ended},
            "peak_self_mb": mem.peak_self / 2**20, "peak_all_mb": mem.peak_all / 2**20}


def memory_flatness(folder: Path, n: int = 50) -> dict:
    story = folder / "couloir.md"
    jobs = [Job(story, "tiny", folder / "out-50", name=f"j{i:02d}") for i in range(n)]
    me = psutil.Process()
    rss: list[float] = []
    batch(jobs, workers=2, on_end=lambda e: rss.append(me.memory_info().rss / 2**20))
    early = statistics.mean(rss[5:15])
    late = statistics.mean(rss[-10:])
    return {"early_mb": early, "late_mb": late, "growth_mb": late - early,
            "per_job_kb": (late - early) * 1024 / max(1, n - 20)}


def cluster(jobs: list[Job], rounds: int, log) -> dict | None:
    """The 12 jobs through a 2-worker LocalCluster, each run next to a local 2-at-once batch."""
    try:
        import distributed
        from studio.batch.dask_backend import DaskBackend
    except ImportError:
        return None
    t = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as c:
        with distributed.Client(c) as client:
            client.wait_for_workers(2)
        start = time.perf_counter() - t
        # each worker's first render loads the QA, fonts and codecs: warmed up once, apart
        warm = [Job(jobs[0].story, "tiny", jobs[0].out_dir.parent / "warm", name=f"w{i}") for i in range(2)]
        t = time.perf_counter()
        batch(warm, workers=2, backend=DaskBackend(c.scheduler_address, media="shared"))
        warm_s = time.perf_counter() - t
        local, remote = [], []
        for _ in range(rounds):
            local.append(batch(jobs, 2, LocalBackend())["wall"])
            remote.append(batch(jobs, 2, DaskBackend(c.scheduler_address, media="shared"))["wall"])
            log(f"local 2 at once: {local[-1]:.1f} s; 2-worker cluster: {remote[-1]:.1f} s")
        with distributed.Client(c) as client:
            mem = client.run(lambda: __import__("psutil").Process().memory_info().rss)
    return {"wall": statistics.median(remote), "local": statistics.median(local), "start": start, "warm": warm_s,
            "workers_mb": sum(mem.values()) / 2**20}


def fig(figure: str, ours: float, reference: float | None, unit: str, target: str, note: str = "",
        ratio: float | None = None) -> dict:
    if ratio is None and reference:
        ratio = ours / reference
    return {"figure": figure, "ours": round(ours, 3), "reference": None if reference is None else round(reference, 3),
            "ratio": None if ratio is None else round(ratio, 3), "unit": unit, "target": target, "note": note}


def measure(quick: bool = False, with_cluster: bool = True, rounds: int | None = None,
            log=lambda *a: None) -> list[dict]:
    """The figures (see the module's docstring). Runs are interleaved round by round (one by one,
    then each batch setting, then again) and medians kept, so the load's drift hits all alike."""
    rounds = rounds or (2 if quick else 1)
    saved = {k: os.environ.get(k) for k in ("STUDIO_USER_DIR", "STUDIO_CACHE_DIR")}
    settings = [(1, None), (2, None), (2, 1)] + ([] if quick else [(3, None)])
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        try:
            jobs = workload(folder, quick)
            n = len(jobs)
            log(f"{n} jobs ({'half size, --quick' if quick else 'full size'}), {rounds} round(s)")
            batch([Job(jobs[0].story, "tiny", folder / "warm")], 1)  # imports, fonts: paid before timing
            seqs: list[dict] = []
            runs: dict[tuple, list[dict]] = {k: [] for k in settings}
            for r in range(rounds):
                seqs.append(one_by_one(jobs))
                log(f"round {r + 1}: one by one {seqs[-1]['wall']:.1f} s")
                for workers, threads in settings:
                    runs[(workers, threads)].append(res := batch(jobs, workers, LocalBackend(threads=threads)))
                    log(f"round {r + 1}: batch, {workers} at once, ffmpeg threads {threads or 'auto'}: {res['wall']:.1f} s")
            seq = median_run(seqs)
            med = {k: median_run(v) for k, v in runs.items()}
            w, th = min(med, key=lambda k: med[k]["wall"])
            best = med[(w, th)]
            rerun = batch(jobs, w, LocalBackend(threads=th), force=False)
            log(f"unchanged re-run: {rerun['wall']:.2f} s ({rerun['kinds']})")
            one = med[(1, None)]
            overhead = (one["wall"] - one["render"]) / n
            mem50 = memory_flatness(folder)
            log(f"50 jobs: RSS {mem50['early_mb']:.0f} -> {mem50['late_mb']:.0f} MB")
            dask_run = cluster(jobs, rounds, log) if with_cluster else None
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    size = "half size (--quick)" if quick else "full size"
    out = [
        fig("batch wall time, 12 jobs (best setting)", best["wall"], seq["wall"], "s", "<= one by one (ratio <= ~1.05)",
            f"{size}; best: {w} jobs at once, ffmpeg threads {th or 'auto'}; reference: render() in a loop; "
            f"medians of {rounds} interleaved round(s)"),
        fig("speed-up over one by one", seq["wall"] / best["wall"], None, "x", ">= 1 (within noise)",
            f"{w} at once", ratio=seq["wall"] / best["wall"]),
    ]
    for (wk, t), r in sorted(med.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        out.append(fig(f"batch, {wk} at once, ffmpeg threads {t or 'auto'}", r["wall"], seq["wall"], "s",
                       "the fastest sets the default", size))
    out += [
        fig("throughput (jobs per minute)", 60 * n / best["wall"], 60 * n / seq["wall"], "jobs/min", "higher",
            "reference: one by one"),
        fig("throughput (seconds of video per second)", best["video"] / best["wall"], seq["video"] / seq["wall"],
            "x", "higher", "reference: one by one"),
        fig("batch overhead per job", overhead, one["render"] / n, "s", "< 5% of a job's render time",
            "1 worker: wall minus the renders' own time (render + QA), per job; reference: mean render time"),
        fig("QA time per job (part of the render, reported apart)", one["qa"] / n, one["render"] / n, "s", "-",
            "reference: mean render time"),
        fig("peak memory, this process", best["peak_self_mb"], None, "MB", "-", f"{w} at once"),
        fig("peak memory, this process + ffmpeg", best["peak_all_mb"], None, "MB", "-", f"{w} at once"),
        fig("memory growth over a 50-job batch (job 10 -> 50)", mem50["growth_mb"], mem50["early_mb"], "MB",
            "flat (no growth per job)", f"{mem50['per_job_kb']:.0f} kB per job; reference: RSS at jobs 5-15"),
        fig("unchanged re-run of the 12 jobs", rerun["wall"], best["wall"], "s", "< 5% of the first run",
            "all skipped" if rerun["kinds"] == {"skipped"} else f"events: {sorted(rerun['kinds'])}"),
    ]
    if dask_run:
        out += [
            fig("2-worker LocalCluster: 12 jobs", dask_run["wall"], dask_run["local"], "s",
                "~ the local batch (same machine)", "shared-path media, workers warmed up (and keep their loudness cache); reference: the local "
                "2-at-once batch run next to it"),
            fig("2-worker LocalCluster: 12 jobs vs one by one", dask_run["wall"], seq["wall"], "s", "<= one by one",
                "reference: one by one"),
            fig("2-worker LocalCluster: start-up", dask_run["start"], None, "s", "-", "processes, loopback"),
            fig("2-worker LocalCluster: warm-up (first tiny job per worker)", dask_run["warm"], None, "s", "-",
                "imports, fonts, codecs"),
            fig("2-worker LocalCluster: workers' memory", dask_run["workers_mb"], None, "MB", "-", "RSS after the batch"),
        ]
    return out


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="half-size presets (a few minutes instead of ~15)")
    ap.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster")
    ap.add_argument("--rounds", type=int, help="interleaved rounds (default: 2 with --quick, else 1)")
    a = ap.parse_args()
    figures = measure(a.quick, not a.no_cluster, a.rounds, log=lambda *m: print(*m, file=sys.stderr, flush=True))
    width = max(len(f["figure"]) for f in figures)
    for f in figures:
        ref = "" if f["reference"] is None else f"  ref {f['reference']:g}"
        ratio = "" if f["ratio"] is None else f"  ratio {f['ratio']:.3f}"
        print(f"{f['figure']:<{width}}  {f['ours']:>9.3f} {f['unit']:<8}{ref}{ratio}  [{f['target']}]  {f['note']}")
    by = {f["figure"]: f for f in figures}
    print("RESULT " + "; ".join(f"{k}={by[k]['ratio'] if by[k]['ratio'] is not None else by[k]['ours']}" for k in (
        "speed-up over one by one", "unchanged re-run of the 12 jobs", "batch overhead per job")))


if __name__ == "__main__":  # the LocalCluster's worker processes import this file: keep the guard
    main()
