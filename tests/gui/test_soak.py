"""Soak: the studio used for a while as an editor uses it, in a process of its own (a crash is an
exit status there, and its memory is its own): three plays of Léa's story to the end with sound
(a null sink), 300 scrubs, 500 characters typed, two presets exported through the queue. The
process must live to the end, hold at most 30 MB more after the first pass than after it, and
leave no thread, timer or ffmpeg behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.integration.probe import probe
from tests.null_sink import null_sink

ROOT = Path(__file__).resolve().parents[2]
GROWTH_MB = 30  # after the first pass (every cache and library warm)

pytestmark = [pytest.mark.soak, pytest.mark.timeout(420)]


def test_an_editor_session_stays_up_and_does_not_grow(tmp_path):
    stories = tmp_path / "histoires d'été"
    shutil.copytree(EXAMPLES, stories)
    out = tmp_path / "exports"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDIO_USER_DIR": str(tmp_path / "user"),
           "STUDIO_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    with null_sink(tmp_path / "pulse") as sound_env:
        done = subprocess.run([sys.executable, "-m", "tests.gui.soak_child", str(stories / "lea.md"), str(out)],
                              env={**env, **sound_env}, cwd=ROOT, capture_output=True, text=True, timeout=400)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, f"the studio ended with {done.returncode}:\n{done.stdout}\n{done.stderr[-3000:]}"
    steps = {line.split()[1]: json.loads(line.split(" ", 2)[2]) for line in lines if line.startswith("step ")}
    result = json.loads(next(line for line in lines if line.startswith("result ")).split(" ", 1)[1])

    for play in ("play-1", "play-2", "play-3"):  # each to the end, with sound, frames drawn
        s = steps[play]
        assert s["sound"], f"{play} played silently: the null sink was not used"
        assert s["playhead"] >= s["duration"] - 0.2 and s["frames"] > 100, s
    assert steps["scrub-1"]["scrubs"] + steps["scrub-2"]["scrubs"] == 300
    assert steps["type-1"]["characters"] + steps["type-2"]["characters"] == 500

    outcomes = {preset: (kind, video) for preset, kind, video in steps["exported"]["outcomes"]}
    assert set(outcomes) == {"tiktok", "square"}
    for preset, size in (("tiktok", (1080, 1920)), ("square", (1080, 1080))):
        kind, video = outcomes[preset]
        assert kind == "finished", outcomes
        p = probe(Path(video))
        assert (p.width, p.height, p.codec) == (*size, "h264")
        assert p.duration_s > 40
    assert not list(out.glob("*.part")) and not list(out.glob(".*part"))

    baseline = steps["type-1"]["rss_mb"]  # the end of the first pass
    later = {name: steps[name]["rss_mb"] for name in ("play-2", "scrub-2", "type-2", "play-3")}
    grown = max(later.values()) - baseline
    assert grown <= GROWTH_MB, f"memory grew by {grown:.1f} MB after the first pass ({baseline:.0f} MB): {later}"
    assert result["threads"] == [] and result["children"] == [] and result["timers"] == []
    assert result["pool_busy"] == 0
