"""Every ffmpeg the studio starts dies with it: a SIGKILL in the middle of a QA check, a probe or a
voice analysis leaves no ffmpeg behind (with parent 1). Each function below is called, in a child
Python process, on a FIFO nobody writes to: its ffmpeg waits there for good, until we kill the child."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ffmpeg_processes_for, wait_for

ROOT = Path(__file__).resolve().parents[2]

CALLS = {
    "qa.loudness": "from studio.qa.loudness import measure; measure(P)",
    "qa.format": "from studio.qa.format import read_streams; read_streams(P)",
    "qa.format.level": "from studio.qa.format import _sps_level; _sps_level(P)",
    "media.speech": "from studio.media.speech import speech_regions; from studio.core.look import SpeechLook; "
                    "speech_regions(P, SpeechLook(silence_db=-40, min_silence_s=0.3))",
    "media.streams": "from studio.media.streams import read_streams; read_streams(P)",
}


@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
def test_sigkill_mid_check_leaves_no_ffmpeg(tmp_path, call):
    fifo = tmp_path / f"{call}-input.wav"
    os.mkfifo(fifo)
    code = f"import sys; from pathlib import Path; P = Path(sys.argv[1]); {CALLS[call]}"
    child = subprocess.Popen([sys.executable, "-c", code, str(fifo)], env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert wait_for(lambda: ffmpeg_processes_for(str(fifo)), 20), "ffmpeg never started"
        child.kill()
        child.wait()
        assert wait_for(lambda: not ffmpeg_processes_for(str(fifo)), 2), "an ffmpeg outlived its parent"
    finally:
        child.kill()
        for pid in ffmpeg_processes_for(str(fifo)):
            os.kill(pid, signal.SIGKILL)
