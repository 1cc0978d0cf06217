"""Batch rendering: jobs (story x preset x overrides) on one engine, a local pool or a Dask
cluster; the CLI's `studio batch` and the desktop app's render queue both use it.

Dask is imported only by `studio.batch.dask_backend`, so the base install runs without it."""

from .engine import BatchEngine
from .events import JobEvent
from .jobs import Job, JobFailed
from .local import LocalBackend

__all__ = ["BatchEngine", "DaskBackend", "Job", "JobEvent", "JobFailed", "LocalBackend"]


def __getattr__(name: str):
    if name == "DaskBackend":  # loads Dask only when asked for
        from .dask_backend import DaskBackend
        return DaskBackend
    raise AttributeError(name)
