"""Where the ffmpeg binary is: $STUDIO_FFMPEG, else the one imageio-ffmpeg ships. Resolved on
first use, never at import time; shared by the render, the media analysis and the QA. And the hook
that makes every ffmpeg we start die with the thread that started it."""

from __future__ import annotations

import os
import signal
import sys
from functools import lru_cache


def ffmpeg_exe() -> str:
    return os.environ.get("STUDIO_FFMPEG") or _shipped()


@lru_cache(maxsize=1)
def _shipped() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def die_with_parent():
    """On Linux, ffmpeg is killed when the thread that started it dies, even by SIGKILL (a Dask
    worker killed mid-job must not leave an orphaned ffmpeg). The thread waits for ffmpeg, so it
    outlives it in every other case."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork, called after it
    parent = os.getpid()

    def in_child() -> None:
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the call above
            os._exit(1)
    return in_child
