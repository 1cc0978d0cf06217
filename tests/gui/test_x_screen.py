"""The real studio on a real X server (Xvfb, no window manager, as on some remote desktops), driven
with xdotool as an editor would: what is typed right after start-up lands in the story, and the
restore offer after a kill is on the screen, drawn (the screen read back with ffmpeg's x11grab).

Root captures made with `xwd -root` show any top-level window that lies wholly inside another one
of the same program as black (xwd's multi-visual reader takes that rectangle from the window below,
whose hidden part has no contents); the screen itself, x11grab, `xwd -id` and a real desktop show
the dialog. This test reads the screen, not xwd's picture of it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest

from tests.conftest import write_story

from .conftest import SHORT

pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool") and shutil.which("xwd")),
                                reason="needs Xvfb, xdotool and xwd (make setup installs them as root)")

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
WAIT_S = 120  # start-up and first analysis on a loaded 2-core machine


@pytest.fixture
def x_screen():
    """A virtual 1600x1000 screen of its own; yields its DISPLAY."""
    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    number = server.stdout.readline().decode().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(10)


@pytest.fixture
def studio_on(x_screen, tmp_path):
    """Starts `studio gui STORY` in French on the screen; stops it (SIGKILL) after the test."""
    started: list[subprocess.Popen] = []
    env = dict(os.environ, DISPLAY=x_screen, QT_QPA_PLATFORM="xcb", LANG="fr_FR.UTF-8", LC_ALL="",
               LANGUAGE="", STUDIO_CACHE_DIR=str(tmp_path / "cache"))

    def start(story: Path) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-m", "studio", "gui", str(story)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(proc)
        return proc

    yield start, env
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(10)


def xdo(env, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=WAIT_S,
                          check=True).stdout


def wait_window(env, name: str) -> str:
    """The id of the visible window whose title contains `name`, once it is mapped."""
    return xdo(env, "search", "--sync", "--onlyvisible", "--name", name).split()[0]


def test_typing_right_after_start_goes_into_the_story(studio_on, tmp_path):
    start, env = studio_on
    story = write_story(tmp_path, SHORT)
    start(story)
    wait_window(env, "story.md")
    xdo(env, "type", "--delay", "30", "--", "Tape tout de suite. ")
    xdo(env, "key", "ctrl+s")
    deadline = time.monotonic() + WAIT_S
    while "Tape tout de suite." not in story.read_text("utf-8"):
        assert time.monotonic() < deadline, "what was typed after start-up never reached the saved story"
        time.sleep(0.2)


def _pixels(args: list[str], width: int, height: int) -> np.ndarray:
    raw = subprocess.run([FFMPEG, "-v", "error", *args, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24",
                          "-"], capture_output=True, timeout=60, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3).astype(np.int16)


def test_the_restore_offer_is_drawn_on_the_screen(studio_on, tmp_path):
    from studio.session import recovery

    start, env = studio_on
    story = write_story(tmp_path, SHORT)
    recovery.write(story, "", SHORT + "\nUne phrase jamais enregistrée.\n")
    start(story)
    dialog = wait_window(env, "Restaurer")
    geometry = dict(line.split("=") for line in xdo(env, "getwindowgeometry", "--shell", dialog).split())
    x, y, w, h = (int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
    assert w > 300 and h > 100
    own = tmp_path / "dialog.xwd"
    deadline = time.monotonic() + WAIT_S
    while True:  # until the screen shows what the dialog drew (its first paint may still be coming)
        subprocess.run(["xwd", "-id", dialog, "-silent", "-out", str(own)], env=env, check=True, timeout=60)
        drawn = _pixels(["-i", str(own)], w, h)
        screen = _pixels(["-f", "x11grab", "-video_size", f"{w}x{h}", "-i", f"{env['DISPLAY']}+{x},{y}"], w, h)
        if np.abs(drawn - screen).mean() < 1 and (screen.sum(axis=2) < 60).mean() < 0.5:
            break
        assert time.monotonic() < deadline, (
            f"the screen under the restore offer differs from what it drew by {np.abs(drawn - screen).mean():.1f} "
            f"on average; {100 * (screen.sum(axis=2) < 60).mean():.0f} % of it is black")
        time.sleep(0.2)
    # the dialog's face: mostly light (the window background), with text and buttons on it
    light = (screen.min(axis=2) > 200).mean()
    assert light > 0.5, f"only {100 * light:.0f} % of the restore offer is light"


def _recovered_text(story: Path) -> str | None:
    from studio.session import recovery

    found = [r for r in recovery.pending() if r.story == story]
    return found[0].text if found else None


def test_typing_for_12_s_then_kill_loses_at_most_the_last_5_s(studio_on, tmp_path):
    start, env = studio_on
    story = write_story(tmp_path, SHORT)
    studio = start(story)
    wait_window(env, "story.md")
    # about 10 keys a second (xdotool waits half its delay after each key press and release) without
    # a pause for 12 s; each word carries its own number
    words = [f"m{i:03d}" for i in range(24)]
    typing = subprocess.Popen(["xdotool", "type", "--delay", "200", "--", " ".join(words) + " "], env=env)
    started = time.monotonic()
    typing.wait(WAIT_S)
    typed_for = time.monotonic() - started
    studio.send_signal(signal.SIGKILL)
    studio.wait(10)
    assert typed_for >= 11, f"xdotool typed for {typed_for:.1f} s only"
    kept = _recovered_text(story)
    assert kept is not None, "no recovery file after 12 s of typing"
    last_kept = max((i for i, w in enumerate(words) if w in kept), default=-1)
    # a word every 0.5 s: all but the last 5 s is everything up to word 24 - 10 - 1
    assert last_kept >= len(words) - 11, f"the recovery file stops at {words[last_kept] if last_kept >= 0 else 'nothing'}"


def test_undoing_back_to_the_file_then_kill_leaves_nothing_to_restore(studio_on, tmp_path):
    start, env = studio_on
    story = write_story(tmp_path, SHORT)
    studio = start(story)
    wait_window(env, "story.md")
    xdo(env, "type", "--delay", "30", "--", "Une ligne de trop. ")
    deadline = time.monotonic() + WAIT_S
    while _recovered_text(story) is None:  # the autosave wrote the typed line
        assert time.monotonic() < deadline, "the typed line never reached a recovery file"
        time.sleep(0.2)
    xdo(env, "key", "ctrl+z")
    while _recovered_text(story) is not None:  # back to the saved text: the recovery file goes
        assert time.monotonic() < deadline, f"undone to the saved text, a recovery file still holds {_recovered_text(story)!r}"
        time.sleep(0.2)
    studio.send_signal(signal.SIGKILL)
    studio.wait(10)
    assert _recovered_text(story) is None
