"""The job engine on this machine: real renders, probed; a broken story fails alone; an unchanged
job is skipped and an edited one rendered again; cancelling stops ffmpeg within a second and
leaves nothing half-written."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from studio.batch import BatchEngine, Job, JobEvent

from .conftest import ffmpeg_processes_for
from .probe import probe


def story(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {path.stem}\nconsent: {{given: true}}\n---\n\n{body}", encoding="utf-8")
    return path


class Recorder:
    def __init__(self) -> None:
        self.events: list[JobEvent] = []
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def __call__(self, e: JobEvent) -> None:
        with self.lock:
            self.events.append(e)
            self.threads.add(threading.current_thread().name)

    def kinds(self, job: Job) -> list[str]:
        return [e.kind for e in self.events if e.job == job and e.kind != "progress"]

    def last(self, job: Job) -> JobEvent:
        return [e for e in self.events if e.job == job][-1]


def run(jobs: list[Job], **kw) -> Recorder:
    rec = Recorder()
    engine = BatchEngine(**kw)
    engine.subscribe(rec)
    engine.submit(jobs)
    assert engine.wait(120)
    engine.shutdown()
    return rec


def test_batch_renders_and_a_broken_story_fails_alone(tmp_path, tiny_preset):
    out = tmp_path / "out"
    good = [story(tmp_path, f"s{i}.md", f"Histoire {i} : « deux-points », 100 % vraie.\n") for i in (1, 2)]
    broken = story(tmp_path, "broken.md", "![absent](nowhere.jpg)\n\nUn beat.\n")
    jobs = [Job(good[0], tiny_preset, out), Job(broken, tiny_preset, out), Job(good[1], tiny_preset, out),
            Job(good[0], tiny_preset, out, endcard="3018", name="s1-3018")]
    rec = run(jobs, workers=2)
    assert threading.current_thread().name not in rec.threads  # events come from engine threads
    for job in (jobs[0], jobs[2], jobs[3]):
        assert rec.kinds(job) == ["queued", "started", "finished"]
        result = rec.last(job).result
        p = probe(out / f"{job.id}.mp4")
        assert (p.width, p.height, p.codec) == (108, 192, "h264")
        assert result.video == out / f"{job.id}.mp4" and result.qa
    assert rec.kinds(jobs[1])[0] == "queued" and rec.kinds(jobs[1])[-1] == "failed"
    err = rec.last(jobs[1]).error
    assert err.file and "broken.md" in err.file and err.line == 6 and "nowhere.jpg" in str(err)
    assert not list(out.glob("broken*")) and not list(out.glob(".*part"))
    progress = [e.fraction for e in rec.events if e.job == jobs[0] and e.kind == "progress"]
    assert progress and all(0 <= f <= 1 for f in progress)


def test_unchanged_job_is_skipped_and_an_edit_renders_again(tmp_path, tiny_preset):
    out = tmp_path / "out"
    a, b = story(tmp_path, "a.md", "Premier.\n"), story(tmp_path, "b.md", "Second.\n")
    jobs = [Job(a, tiny_preset, out), Job(b, tiny_preset, out)]
    run(jobs)
    first = {j: (out / f"{j.id}.mp4").stat().st_mtime_ns for j in jobs}
    rec = run(jobs)
    assert [rec.kinds(j) for j in jobs] == [["queued", "skipped"]] * 2
    assert rec.last(jobs[0]).result.video == out / "a.tiny.mp4"   # the kept outputs, QA verdict included
    assert rec.last(jobs[0]).result.qa
    assert {j: (out / f"{j.id}.mp4").stat().st_mtime_ns for j in jobs} == first
    story(tmp_path, "b.md", "Second, changé.\n")
    rec = run(jobs)
    assert rec.kinds(jobs[0]) == ["queued", "skipped"] and rec.kinds(jobs[1])[-1] == "finished"
    assert (out / "a.tiny.mp4").stat().st_mtime_ns == first[jobs[0]]
    assert (out / "b.tiny.mp4").stat().st_mtime_ns != first[jobs[1]]
    assert "Second, changé." in (out / "b.tiny.fr_FR.srt").read_text("utf-8")  # the edit is in the new files
    rec = run(jobs, force=True)
    assert [rec.kinds(j)[-1] for j in jobs] == ["finished"] * 2


@pytest.mark.parametrize("everything", [False, True])
def test_cancel_stops_ffmpeg_within_a_second_and_leaves_nothing(tmp_path, everything):
    out = tmp_path / "out"
    # long enough that its encode still runs when the test finds it, however loaded the machine
    long = story(tmp_path, "long.md", "Un beat un peu long à lire, pour durer.\n\n" * 30)
    other = story(tmp_path, "other.md", "Un autre beat.\n\n" * 8)
    jobs = [Job(long, "preview", out), Job(other, "preview", out)]
    rec = Recorder()
    engine = BatchEngine(workers=1)
    started = threading.Event()
    engine.subscribe(rec)
    engine.subscribe(lambda e: e.kind == "started" and e.job == jobs[0] and started.set())
    engine.submit(jobs)
    assert started.wait(60)
    # the event that proves the encode runs: the first job's ffmpeg writing its hidden .mp4 part
    encoder = f"/.{jobs[0].id}.mp4."
    deadline = time.monotonic() + 60
    while not (first := set(ffmpeg_processes_for(encoder))) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert first, "the first job's ffmpeg never appeared"
    t0 = time.monotonic()
    engine.cancel(None if everything else jobs[0])
    while first & set(ffmpeg_processes_for(str(out))) and time.monotonic() - t0 < 5:
        time.sleep(0.02)
    gone = time.monotonic() - t0
    if everything:
        assert engine.wait(10)
        assert ffmpeg_processes_for(str(out)) == []
        assert rec.kinds(jobs[1]) == ["queued", "cancelled"]
        assert list(out.iterdir()) == []                           # nothing half-written
    else:
        assert engine.wait(60)
        assert rec.kinds(jobs[1])[-1] == "finished"
        assert sorted(p.name for p in out.iterdir() if p.name.startswith("long")) == []
    assert gone < 1.0, f"ffmpeg still ran {gone:.2f} s after cancel"
    assert rec.kinds(jobs[0]) == ["queued", "started", "cancelled"]
    engine.shutdown()
