"""Batch rendering: jobs (story x preset x overrides) on one engine, a local pool or a Dask
cluster; the CLI's `studio batch` and the desktop app's render queue both use it.

Dask is imported only by `studio.batch.dask_backend`, so the base install runs without it."""

from .engine import BatchEngine
from .events import JobEvent
from .jobs import Job, JobFailed
from .local import LocalBackend

__all__ = ["BatchEngine", "Job", "JobEvent", "JobFailed", "LocalBackend"]
