"""The instant preview (studio.preview, numpy arrays, reader threads) is loaded by the studio and
by render_frame's callers only: the command line, the render, the batch and the QA start without
it. import-linter keeps the render from importing the layer above it; this holds the shells."""

from __future__ import annotations

import subprocess
import sys

PROBE = ("import sys, studio.cli, studio.render, studio.batch, studio.qa, studio.session\n"
         "print(sorted(m for m in sys.modules if m.split('.')[:2] == ['studio', 'preview']))")


def test_the_cli_render_and_batch_load_no_instant_preview():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_the_command_line_starts_without_numpy_or_opencv():
    """`studio --help`, `validate` and `batch` start in a third less time without the QA's rules:
    they load when a command judges or renders (studio.qa's entry points are lazy)."""
    probe = "import sys, studio.cli\nprint(sorted(m for m in ('numpy', 'cv2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
