"""Every command but `studio gui` runs without loading Qt: the CLI and the batch run headless (on a
cluster node, in CI, over SSH) and start fast. Each command runs in its own interpreter, which
reports at exit which of Qt's modules it had loaded."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

# runs `studio ARGS…` as `python -m studio` does, and prints the Qt modules loaded, at exit
PROBE = """
import atexit, json, runpy, sys
atexit.register(lambda: print("QT-MODULES " + json.dumps(sorted(m for m in sys.modules
                                                            if m.split(".")[0] in ("PySide6", "shiboken6")))))
sys.argv = ["studio", *sys.argv[1:]]
runpy.run_module("studio", run_name="__main__")
"""


def qt_modules_loaded(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("QT-MODULES ")), None)
    assert line is not None, f"studio {' '.join(args)} did not finish: {done.stderr[-2000:]}"
    return json.loads(line.removeprefix("QT-MODULES "))


@pytest.mark.parametrize("args", [
    ["--help"],
    ["presets"],
    ["validate", str(EXAMPLES / "lea.md")],
    ["batch", "--help"],
    ["check", "--help"],
])
def test_a_command_loads_no_qt(args):
    assert qt_modules_loaded(*args) == []


def test_a_render_and_its_check_load_no_qt(tmp_path, tiny_preset):
    story = tmp_path / "court.md"
    story.write_text("---\ntitle: Court\nlang: fr\nconsent: {given: true, by: Zoé, date: 2026-01-02}\n---\n\n"
                     "Un matin, j’ai tout raconté.\n", encoding="utf-8")
    assert qt_modules_loaded("render", str(story), "--preset", tiny_preset, "--out", str(tmp_path / "out")) == []
    assert list((tmp_path / "out").glob("*.mp4")), "the render made no file"


def test_the_probe_sees_qt_when_it_is_loaded():
    """The probe itself can fail: `studio gui --help` parses its options only, so load Qt the
    way the studio does and check it is reported."""
    done = subprocess.run([sys.executable, "-c", "import PySide6.QtCore\n" + PROBE, "--help"],
                          capture_output=True, text=True, timeout=120)
    assert "PySide6.QtCore" in done.stdout
