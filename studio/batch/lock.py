"""One job's outputs are rendered by one run at a time: two `studio batch` runs on the same
manifest (or the studio's queue and a batch) take turns on each output, and the second one, once
it gets the turn, finds the job up to date and skips it.

The lock is `.{job id}.lock` beside the outputs, locked with flock (which the kernel releases when
its holder dies, even by SIGKILL) and holding the holder's pid for the message; its holder removes
it when done. Where flock does not exist (Windows) there is no lock."""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class OutputLock:
    def __init__(self, out_dir: Path, job_id: str) -> None:
        self.path = Path(out_dir) / f".{job_id}.lock"
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """True when this run holds the lock now (or no lock can be taken here: the render then
        reports the folder's own problem); False while another run holds it."""
        if fcntl is None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            while True:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    return False
                try:  # its last holder may have removed it between our open and our lock
                    if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                        break
                except FileNotFoundError:
                    pass
                os.close(fd)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            return True
        self._fd = fd
        return True

    def holder(self) -> int | None:
        """The pid of the run holding the lock, when it says."""
        try:
            return int(self.path.read_text().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self.path.unlink()
        except OSError:
            pass
        os.close(self._fd)  # closing releases the flock
        self._fd = None
