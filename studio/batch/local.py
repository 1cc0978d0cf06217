"""The default backend: renders on this machine, one engine thread per concurrent job.

Threads are enough: the heavy work is ffmpeg's own process; each render's Python side (drawing
captions, the QA's frame scan) is short. How many jobs at once is measured by bench/batch.py."""

from __future__ import annotations

import threading

from ..core.project import Project
from ..render import RenderJob, RenderResult, render
from ..render.runner import ProgressCallback
from .jobs import Job

# bench/batch.py on 2 cores: two jobs at once beat one (one job's Python-side steps and QA
# overlap the other's encode); more than two only adds memory. See docs/batch.md.
DEFAULT_WORKERS = 2


class LocalBackend:
    name = "local"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads  # ffmpeg threads per job (None: ffmpeg's own choice)

    def default_workers(self) -> int:
        return DEFAULT_WORKERS

    def render(self, job: Job, project: Project, on_progress: ProgressCallback | None,
               cancel: threading.Event) -> RenderResult:
        return render(RenderJob(project, job.out_dir, name=job.name, threads=self.threads),
                      on_progress=on_progress, cancel=cancel)

    def close(self) -> None:
        pass
