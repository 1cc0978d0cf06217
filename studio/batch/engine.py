"""The job engine under `studio batch` and the desktop app's render queue.

Jobs wait in one queue; `workers` engine threads take them in order. For each job the engine
loads the project (a broken story fails its own job only), skips it when its fingerprint matches
the one recorded beside its outputs, otherwise hands it to the backend (this machine, or a Dask
cluster) and records the fingerprint once the outputs are in place. Listeners get JobEvents from
the engine's threads, never the caller's."""

from __future__ import annotations

import collections
import queue
import threading
import time
from typing import Callable, Iterable

from ..core.i18n import _
from ..core.errors import RenderCancelled, StudioError
from ..core.files import check_story_media
from ..core.project import Project, load_project
from ..render import RenderResult
from ..render.runner import Progress
from .events import JobEvent
from .fingerprint import Fingerprint, fingerprint, up_to_date, write_stamp
from .jobs import Job, JobFailed
from .local import LocalBackend
from .lock import OutputLock

Listener = Callable[[JobEvent], None]


def examine(job: Job) -> tuple[Project, Fingerprint, RenderResult | None]:
    """Loads the job's project (typed errors for a broken story or a bad override), its inputs'
    fingerprint, and the outputs kept from before when they are up to date (else None)."""
    try:
        project = load_project(job.story, job.preset, brand=job.brand, overrides=job.overrides())
    except StudioError as e:
        raise _located(e, job) from None
    check_story_media(project.story)  # before hashing: a FIFO or /dev/zero would never end
    fp = fingerprint(project, job)
    return project, fp, up_to_date(job, fp)


def _located(e: StudioError, job: Job) -> StudioError:
    if e.file is None and e.field in ("preset", "brand kit", "endcard.variant", "caption_style"):
        e.file = str(job.story)  # a job's own value: name the story it was for
    return e


class BatchEngine:
    def __init__(self, backend=None, *, workers: int | None = None, force: bool = False) -> None:
        self.backend = backend if backend is not None else LocalBackend()
        self.workers = max(1, workers or self.backend.default_workers())
        self.force = force
        self._cond = threading.Condition()
        self._queue: collections.deque[Job] = collections.deque()
        self._active: dict[Job, threading.Event] = {}   # queued or running -> its cancel flag
        self._listeners: list[Listener] = []
        self._threads: list[threading.Thread] = []
        self._closing = False
        # one thread delivers every event in order: listeners never run on the caller's thread, and
        # a slow listener (a terminal display) never holds a render back
        self._events: queue.SimpleQueue[JobEvent | None] = queue.SimpleQueue()
        self._notifier = threading.Thread(target=self._deliver, name="batch-events", daemon=True)
        self._notifier.start()

    # the API the CLI and the GUI use ---------------------------------------------------------
    def subscribe(self, callback: Listener) -> None:
        with self._cond:
            self._listeners.append(callback)

    def submit(self, jobs: Iterable[Job]) -> None:
        with self._cond:
            if self._closing:
                raise RuntimeError("the batch engine is shut down")
            for job in jobs:
                if job in self._active:  # already waiting or running: once is enough
                    continue
                self._active[job] = threading.Event()
                self._queue.append(job)
                self._emit(JobEvent(job, "queued"))  # under the lock: always before its "started"
            self._start_threads()
            self._cond.notify_all()

    def cancel(self, job: Job | None = None) -> None:
        """One job, or every job (None). A waiting job ends at once; a running one stops its
        ffmpeg within a second and leaves no partial file."""
        with self._cond:
            targets = list(self._active) if job is None else [job] if job in self._active else []
            for j in targets:
                self._active[j].set()
                if j in self._queue:
                    self._queue.remove(j)
                    self._emit(JobEvent(j, "cancelled"))

    def wait(self, timeout: float | None = None) -> bool:
        """True when every submitted job has ended and its last event was delivered (False on
        timeout). Never call it from a listener: listeners run on the thread it waits for."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._active, timeout)

    def shutdown(self, timeout: float | None = None) -> bool:
        """Cancels every job and waits up to `timeout` seconds (None: until they stopped, which
        removes their partial files) for the engine's threads. A job that has not stopped by then (one busy in a step that cannot be cancelled
        half-way, such as hashing a big clip) is told as cancelled and left to the process's exit:
        its threads are daemons, its ffmpeg dies with them, and the next run removes its hidden
        `.part` files. True when every thread ended."""
        self.cancel()
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())
        for t in self._threads:
            t.join(left())
        stopped = not any(t.is_alive() for t in self._threads)
        if not stopped:
            with self._cond:
                running = [j for j in self._active if j not in self._queue]
            for job in running:
                self._emit(JobEvent(job, "cancelled"))
        self._events.put(None)
        self._notifier.join(left())
        self.backend.close()
        return stopped

    def running(self) -> list[Job]:
        with self._cond:
            return [j for j in self._active if j not in self._queue]

    # inside ----------------------------------------------------------------------------------
    def _start_threads(self) -> None:
        while len(self._threads) < self.workers:
            t = threading.Thread(target=self._work, name=f"batch-{len(self._threads) + 1}", daemon=True)
            self._threads.append(t)
            t.start()

    def _work(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closing)
                if not self._queue:
                    return
                job = self._queue.popleft()
                cancel = self._active[job]
            try:
                event = self._run(job, cancel)
            except BaseException as e:  # whatever happens, the job ends and wait() returns
                event = JobEvent(job, "failed", error=JobFailed(_("unexpected error: {kind}: {problem}", kind=type(e).__name__, problem=e)))
            self._emit(event)

    def _run(self, job: Job, cancel: threading.Event) -> JobEvent:
        started = time.monotonic()

        def ended(kind: str, **kw) -> JobEvent:
            return JobEvent(job, kind, elapsed_s=time.monotonic() - started, **kw)

        lock = OutputLock(job.out_dir, job.id)
        told = False
        while not lock.try_acquire():  # another run renders the same output: its turn first
            if not told:
                told = True
                pid = lock.holder()
                self._emit(JobEvent(job, "waiting", note=_("another studio run (pid {pid}) is rendering {job} in {folder}: waiting for it to finish",
                                           pid=pid, job=job.id, folder=job.out_dir) if pid else
                                    _("another studio run is rendering {job} in {folder}: waiting for it to finish",
                                      job=job.id, folder=job.out_dir)))
            if cancel.wait(0.2):
                return ended("cancelled")
        try:
            return self._locked(job, cancel, ended, started)
        finally:
            lock.release()

    def _locked(self, job: Job, cancel: threading.Event, ended, started: float) -> JobEvent:
        try:
            project, fp, kept = examine(job)
            if not self.force and kept is not None:
                return ended("skipped", fraction=1.0, result=kept)
            if cancel.is_set():
                return ended("cancelled")
            self._emit(JobEvent(job, "started"))

            def progress(p: Progress) -> None:
                self._emit(JobEvent(job, "progress", fraction=p.fraction, eta_s=p.eta_s,
                                    elapsed_s=time.monotonic() - started))

            result = self.backend.render(job, project, progress, cancel)
            write_stamp(job, fp)
            return ended("finished", fraction=1.0, result=result)
        except RenderCancelled:
            return ended("cancelled")
        except StudioError as e:
            if cancel.is_set():
                return ended("cancelled")
            return ended("failed", error=_located(e, job))
        except Exception as e:  # a bug: one job fails, the batch goes on
            return ended("failed", error=JobFailed(
                _("unexpected error: {kind}: {problem}", kind=type(e).__name__, problem=e), file=job.story,
                hint=_("the other jobs went on; please report it to the Kindness Studio team with this message")))

    def _emit(self, event: JobEvent) -> None:
        self._events.put(event)

    def _deliver(self) -> None:
        while (event := self._events.get()) is not None:
            with self._cond:
                listeners = list(self._listeners)
            for listener in listeners:
                try:
                    listener(event)
                except Exception:  # a listener's bug must not stop the batch
                    pass
            if event.ended:  # after listeners heard it: wait() returns once everything was told
                with self._cond:
                    self._active.pop(event.job, None)
                    self._cond.notify_all()
