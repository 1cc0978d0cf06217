"""RawFrames with side outputs: one ffmpeg process writes several outputs, the first iterated and
the others collected whole; the process is reaped and its pipes drained however the reading ends."""

from __future__ import annotations

import threading
import time
import uuid

import numpy as np
import pytest

from studio.media.decode import DecodeError, RawFrames

from .conftest import ffmpeg_processes_for

RAW = ["-f", "rawvideo", "-fps_mode", "passthrough"]


def _frames(seconds: float, marker: str, **kw) -> RawFrames:
    """10 fps of a 64x48 test pattern: every frame as one grey byte, frames 3 and 7 at full size,
    every frame at 32x24."""
    graph = (f"[0:v]split=3[a][b][c];[a]scale=1:1,format=gray[{marker}];"
             "[b]select='not(n-3)+not(n-7)',format=rgb24[sel];[c]scale=32:24,format=rgb24[small]")
    return RawFrames(["-f", "lavfi", "-i", f"testsrc=size=64x48:rate=10:duration={seconds}"],
                     ["-filter_complex", graph, "-map", f"[{marker}]", *RAW], 1,
                     side_outputs=[(["-map", "[sel]", *RAW], 64 * 48 * 3), (["-map", "[small]", *RAW], 32 * 24 * 3)],
                     **kw)


def test_side_outputs_are_collected_whole():
    frames = _frames(1, "main")
    assert len(list(frames)) == 10
    selected, small = frames.side
    assert len(selected) == 2 and len(small) == 10
    # the selected frames are frames 3 and 7 (the test pattern moves): their small copies match
    third = np.frombuffer(selected[0], np.uint8).reshape(48, 64, 3)[::2, ::2].astype(int)
    fits = [np.abs(third - np.frombuffer(s, np.uint8).reshape(24, 32, 3)).mean() for s in small]
    assert int(np.argmin(fits)) == 3


@pytest.mark.parametrize("how", ["close", "cancel"])
def test_stopping_early_kills_ffmpeg_and_ends_the_readers(how):
    marker = f"m{uuid.uuid4().hex}"
    cancel = threading.Event()
    frames = _frames(600, marker, cancel=cancel)
    threads = threading.active_count()
    started = time.monotonic()
    it = iter(frames)
    next(it)
    assert ffmpeg_processes_for(marker)
    if how == "close":
        it.close()
    else:
        cancel.set()
        assert next(it, None) is None
    assert time.monotonic() - started < 10  # not the 600 s of video
    assert not ffmpeg_processes_for(marker)
    assert threading.active_count() <= threads
    assert len(frames.side[1]) < 6000


def test_an_output_without_frames_is_a_decode_error():
    frames = RawFrames(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"],
                       ["-filter_complex", "[0:v]split[a][b];[b]select='gt(n,100)'[none]", "-map", "[a]", *RAW],
                       64 * 48 * 3, side_outputs=[(["-map", "[none]", *RAW], 64 * 48 * 3)])
    with pytest.raises(DecodeError):
        list(frames)
