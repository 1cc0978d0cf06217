"""The desktop bundle's smoke test (`make app-test`): built once per session from a clean clone,
then run the way an editor runs it: no venv on PATH, HOME an empty folder, no display."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if os.environ.get("STUDIO_APP_TEST") == "1" or os.environ.get("STUDIO_BUNDLE"):
        return
    skip = pytest.mark.skip(reason="the bundle smoke test runs with `make app-test` (STUDIO_APP_TEST=1)")
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def source() -> Path:
    """The source tree the bundle is built from: a clean clone of this repository's HEAD."""
    if os.environ.get("STUDIO_BUNDLE"):
        yield Path(os.environ.get("STUDIO_BUNDLE_SOURCE", ROOT))
        return
    work = Path(tempfile.mkdtemp(prefix="app-test-"))
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(work / "src")], check=True)
    yield work / "src"
    if not os.environ.get("STUDIO_KEEP_BUNDLE"):
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def bundle(source: Path) -> Path:
    """The built folder (dist/kindness-studio): $STUDIO_BUNDLE, or built now from the clean clone."""
    if given := os.environ.get("STUDIO_BUNDLE"):
        return Path(given)
    work = source.parent
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "build"), "build.spec"],
                   cwd=source, check=True)
    print(f"\nbundle built from a clean clone in {time.monotonic() - t0:.0f} s: {work / 'dist' / 'kindness-studio'}")
    return work / "dist" / "kindness-studio"


@pytest.fixture()
def clean_env(tmp_path: Path) -> dict[str, str]:
    """What an editor's session has: system PATH only (no venv, no Python of ours), an empty HOME."""
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
