"""The Dask backend: each job is one task on a Dask distributed cluster (`--cluster ADDRESS`).
The only module that imports Dask, so the base install runs without it.

- Security: a `tls://` address uses the certificates of Dask's configuration
  (distributed.comm.tls.*); a scheduler runs whatever it is sent, so a plain `tcp://` one must
  listen only where nobody else can reach it.
- Media: "shared" when every worker sees the story, its media and the output folder at the same
  path; "bytes" when the job carries its input files and the outputs come back to be written here;
  "auto" asks the workers once per story folder.
- Cancel: `client.cancel` does not stop a running task (dask/distributed#2617), so each job has a
  `distributed.Event` its task polls; when set, the task stops ffmpeg like a local cancel does.
- A worker that dies mid-job: the scheduler re-runs the task elsewhere, up to its
  `distributed.scheduler.allowed-failures` (then the job fails); its ffmpeg dies with it (see
  studio.render.runner) and no partial file stays in the output folder."""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import distributed

from ..core.catalog import Catalog
from ..core.errors import RenderCancelled
from ..core.i18n import _
from ..core.leftovers import work_dir
from ..core.project import Project, load_project
from ..render import RenderJob, RenderResult, render
from ..render.runner import Progress, ProgressCallback
from .fingerprint import story_files
from .jobs import Job, JobFailed

TOPIC = "studio-batch-progress"
MODES = ("auto", "shared", "bytes")


class DaskBackend:
    name = "dask"

    def __init__(self, cluster: str | distributed.Client | Any, *, media: str = "auto") -> None:
        """`cluster`: a scheduler address (tcp://, tls://), a Client, or a cluster object."""
        if media not in MODES:
            raise ValueError(f"media must be one of {MODES}")
        self.media = media
        self._own = not isinstance(cluster, distributed.Client)
        if isinstance(cluster, str) and cluster.startswith("tls://"):
            _check_tls(cluster)
        try:
            self.client = cluster if not self._own else distributed.Client(
                cluster if isinstance(cluster, str) else cluster, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as e:
            raise JobFailed(_("cannot reach the Dask scheduler at {address} ({problem})", address=cluster, problem=e),
                            field="--cluster", hint=_("start it with `dask scheduler` and its workers with "
                                                      "`dask worker ADDRESS`; a tls:// address needs Dask's TLS settings")) from None
        self._listeners: dict[str, ProgressCallback] = {}
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], bool] = {}
        self.client.subscribe_topic(TOPIC, self._on_progress)

    def default_workers(self) -> int:
        """One job per worker thread of the cluster (start workers with `--nthreads 1`)."""
        return max(1, sum(self.client.nthreads().values()))

    def render(self, job: Job, project: Project, on_progress: ProgressCallback | None,
               cancel: threading.Event) -> RenderResult:
        mode = self._mode(project, job)
        key = f"studio-{re.sub(r'[^A-Za-z0-9._-]', '_', job.id)}-{uuid.uuid4().hex[:12]}"
        # one future for the whole payload (a dict would be scattered key by key), on every worker so
        # a retry after a worker's death still finds it
        payload = self.client.scatter([_pack(project)], broadcast=True, hash=False)[0] if mode == "bytes" else None
        stop = distributed.Event(f"{key}-cancel", client=self.client)
        if on_progress:
            with self._lock:
                self._listeners[key] = on_progress
        future = self.client.submit(run_task, job, mode, payload, key, key=key, pure=False)
        try:
            while not future.done():
                if cancel.wait(0.1):
                    stop.set()  # the task stops its ffmpeg within a poll; then the slot is freed
                    try:
                        future.result(timeout=10)
                    except Exception:
                        pass
                    raise RenderCancelled("render cancelled")
            try:
                result, outputs = future.result()
            except distributed.KilledWorker as e:
                raise JobFailed(_("the workers running this job died too often ({problem})", problem=e), file=job.story,
                                hint=_("look at the workers' logs (memory limits?); the scheduler's "
                                       "distributed.scheduler.allowed-failures bounds the retries")) from None
            except distributed.CancelledError:
                if cancel.is_set() or self.client.status == "running":
                    raise RenderCancelled("render cancelled") from None
                raise self._lost(job) from None
            return self._deliver(job, result, outputs)
        finally:
            with self._lock:
                self._listeners.pop(key, None)
            if future.done():
                with contextlib.suppress(Exception):
                    stop.clear()  # the scheduler keeps a set Event until it is cleared
            future.cancel()
            if payload is not None:
                payload.release()
            if mode == "shared":
                _remove_parts(job)  # a worker killed mid-job leaves its .part files behind

    def _lost(self, job: Job) -> JobFailed:
        address = getattr(self.client.scheduler, "address", None) or "the cluster"
        return JobFailed(_("the Dask scheduler at {address} was lost during this job (client {status})",
                           address=address, status=self.client.status), file=job.story, field="--cluster",
                         hint=_("restart the scheduler and its workers, then run the same command again: "
                                "finished jobs are kept and skipped"))

    def close(self) -> None:
        try:
            self.client.unsubscribe_topic(TOPIC)
        except Exception:
            pass
        if self._own:
            self.client.close()

    # inside ----------------------------------------------------------------------------------
    def _on_progress(self, event) -> None:
        _, (key, frame, total, elapsed) = event
        with self._lock:
            listener = self._listeners.get(key)
        if listener:
            listener(Progress(frame, total, elapsed, frame / elapsed if elapsed > 0 else 0.0))

    def _mode(self, project: Project, job: Job) -> str:
        if self.media != "auto":
            return self.media
        files = {str(p): p.stat().st_size for p in story_files(project) if p.is_file()}
        memo = (str(project.story.folder), str(job.out_dir))
        if memo not in self._seen:
            answers = self.client.run(_sees, files, str(job.out_dir))
            self._seen[memo] = bool(answers) and all(answers.values())
        return "shared" if self._seen[memo] else "bytes"

    def _deliver(self, job: Job, result: RenderResult, outputs: dict[str, bytes] | None) -> RenderResult:
        """Bytes mode: the outputs came back; written beside their targets, then renamed together."""
        if outputs is None:
            return result
        out = Path(job.out_dir)
        for name in outputs:  # names a worker sent: never a path, never outside the output folder
            if not _plain_name(name) or (out.resolve() / name).resolve().parent != out.resolve():
                raise JobFailed(_("a worker sent back an output named {name!r}, outside the output folder {folder}: "
                                  "refused, nothing was written", name=name, folder=out), file=job.story, field="--cluster",
                                hint=_("only trusted workers may join the scheduler (see docs/batch.md)"))
        out.mkdir(parents=True, exist_ok=True)
        token = f"{os.getpid()}-{threading.get_ident()}"
        parts = {name: out / f".{name}.{token}.part" for name in outputs}
        try:
            for name, data in outputs.items():
                parts[name].write_bytes(data)
            for name, part in parts.items():
                os.replace(part, out / name)
        finally:
            for part in parts.values():
                part.unlink(missing_ok=True)

        def here(p: Path) -> Path:
            return out / Path(p).name
        return replace(result, story=Path(job.story), video=here(result.video), srt=here(result.srt),
                       vtt=here(result.vtt), cover=here(result.cover), report=here(result.report),
                       qa_report=tuple(here(p) for p in result.qa_report))


TLS_KEYS = ("distributed.comm.tls.ca-file", "distributed.comm.tls.client.cert")


def _check_tls(address: str) -> None:
    """A tls:// scheduler needs Dask's TLS settings (a CA and a client certificate): refused at once
    when they are missing, rather than a TypeError from deep inside Dask 20 s later."""
    import dask.config

    missing = [k for k in TLS_KEYS if not dask.config.get(k, None)]
    if missing:
        raise JobFailed(_("{address} is a TLS address, but no TLS certificates are configured ({names} not set)",
                          address=address, names=", ".join(missing)), field="--cluster",
                        hint=_("set DASK_DISTRIBUTED__COMM__TLS__CA_FILE, DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT and "
                               "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY (or distributed.comm.tls.* in ~/.config/dask/), "
                               "or use a tcp:// address on a private network"))


def run_task(job: Job, mode: str, payload: dict | None, key: str) -> tuple[RenderResult, dict[str, bytes] | None]:
    """Runs on a worker: one render, stopped when the job's cancel Event is set."""
    worker = distributed.get_worker()
    client = distributed.get_client()
    cancel = threading.Event()
    done = threading.Event()
    flag = distributed.Event(f"{key}-cancel", client=client)

    def watch() -> None:
        while not done.is_set():
            try:
                if flag.wait(timeout=0.25):
                    cancel.set()
                    return
            except Exception:
                done.wait(0.25)
    threading.Thread(target=watch, name=f"{key}-cancel", daemon=True).start()
    last = [0.0]

    def progress(p: Progress) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.25 or p.frame >= p.total_frames:
            last[0] = now
            worker.log_event(TOPIC, (key, p.frame, p.total_frames, p.elapsed_s))

    try:
        if mode == "shared":
            project = load_project(job.story, job.preset, brand=job.brand, overrides=job.overrides())
            return render(RenderJob(project, job.out_dir, name=job.name), progress, cancel), None
        with work_dir("job") as work:
            story, catalog = _unpack(payload or {}, Path(work))
            project = load_project(story, job.preset, brand=job.brand, overrides=job.overrides(), catalog=catalog)
            out = Path(work) / "out"
            result = render(RenderJob(project, out, name=job.name), progress, cancel)
            return result, {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    finally:
        done.set()


def _pack(project: Project) -> dict:
    """The story and its media as bytes, by path relative to their common folder, and the user's
    own presets, brand kits and care texts (the workers have the shipped ones)."""
    files = list(dict.fromkeys(p for p in story_files(project) if p.is_file()))
    root = Path(os.path.commonpath([str(p.parent) for p in files]))
    user = {rel: p.read_bytes() for rel, p in Catalog().user_files().items()}
    return {"story": str(project.story.path.relative_to(root)),
            "files": {str(p.relative_to(root)): p.read_bytes() for p in files}, "user": user}


def _unpack(payload: dict, work: Path) -> tuple[Path, Catalog]:
    for group, folder in (("files", work / "story"), ("user", work / "user")):
        for rel, data in payload.get(group, {}).items():
            target = (folder / rel).resolve()
            if not target.is_relative_to(folder.resolve()):
                continue  # never outside the job's folder
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return work / "story" / payload["story"], Catalog(user=work / "user")


def _plain_name(name: object) -> bool:
    return (isinstance(name, str) and name not in ("", ".", "..") and "\0" not in name
            and "/" not in name and "\\" not in name and Path(name).name == name)


def _sees(files: dict[str, int], out_dir: str) -> bool:
    """Runs on each worker: are the story's files here, same sizes, and the output folder writable?"""
    try:
        if not all(os.path.getsize(p) == size for p, size in files.items()):
            return False
        folder = Path(out_dir)
        while not folder.exists():
            folder = folder.parent
        return os.access(folder, os.W_OK)
    except OSError:
        return False


_PART = r"\.(mp4|[a-z]{2}_[A-Z]{2}\.srt|vtt|jpg|report\.json|qa\.json|qa\.html)\.\d+-\d+\.part"


def _remove_parts(job: Job) -> None:
    pattern = re.compile(rf"^\.{re.escape(job.id)}{_PART}$")
    try:
        for p in Path(job.out_dir).iterdir():
            if pattern.match(p.name):
                p.unlink(missing_ok=True)
    except OSError:
        pass
