from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

def _canvas(description: str, width: int, height: int) -> str:
    return f'extends = "preview"\ndescription = "{description}"\n\n[canvas]\nwidth = {width}\nheight = {height}\nfps = 15\n'


TINY = _canvas("tiny test renders", 108, 192)


@pytest.fixture
def tiny_preset(monkeypatch, tmp_path) -> str:
    """A 108x192 preset in a private user folder: format checks in a fraction of a second."""
    return _user_presets(monkeypatch, tmp_path / "user-tiny", tiny=TINY)


def ffmpeg_processes_for(marker: str) -> list[int]:
    """PIDs of running processes whose command line mentions `marker` (e.g. an output folder)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if "ffmpeg" in cmd and marker in cmd and int(entry.name) != os.getpid():
                pids.append(int(entry.name))
    return pids


SMALL = _canvas("small test renders: big enough for a face detector and legible caption shapes", 216, 384)


def wait_for(predicate, timeout: float) -> bool:
    """True as soon as predicate() holds, False if it still does not after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def small_preset(monkeypatch, tmp_path) -> str:
    """A 216x384 preset (and the tiny one) in a private user folder."""
    return _user_presets(monkeypatch, tmp_path / "user-small", tiny=TINY, small=SMALL)


def _user_presets(monkeypatch, user: Path, **presets: str) -> str:
    """Writes `presets` (name=TOML) into a user folder the catalog reads; returns the last name."""
    (user / "presets").mkdir(parents=True)
    for name, toml in presets.items():
        (user / "presets" / f"{name}.toml").write_text(toml)
    monkeypatch.setenv("STUDIO_USER_DIR", str(user))
    return name


class CancelAfter(threading.Event):
    """Set from its `n`-th look on: a user pressing Cancel while the check is under way."""

    def __init__(self, n: int):
        super().__init__()
        self.n, self.looks = n, 0

    def is_set(self) -> bool:
        self.looks += 1
        return self.looks >= self.n or super().is_set()
