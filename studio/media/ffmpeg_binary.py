"""Where the ffmpeg binary is: $STUDIO_FFMPEG, else the one imageio-ffmpeg ships. Resolved on
first use, never at import time; shared by the render, the media analysis and the QA."""

from __future__ import annotations

import os
from functools import lru_cache


def ffmpeg_exe() -> str:
    return os.environ.get("STUDIO_FFMPEG") or _shipped()


@lru_cache(maxsize=1)
def _shipped() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()
