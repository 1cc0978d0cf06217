"""Shared fixtures: a private user folder, tiny stories and an independent probe of outputs."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# The suite runs in a home of its own: whatever the studio, Qt or a library writes under ~ (caches,
# thumbnails, recovery files, the trash, the default export folder) lands there, never in the
# real home; the session checks the real home's studio folders are untouched at the end.
REAL_HOME = Path.home()
_STUDIO_FOLDERS = [REAL_HOME / sub / "kindness-studio" for sub in (".cache", ".config", ".local/share")]
_TEST_HOME = Path(tempfile.mkdtemp(prefix="studio-tests-home-"))
for _var, _sub in (("HOME", "."), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                   ("XDG_DATA_HOME", ".local/share")):
    os.environ[_var] = str((_TEST_HOME / _sub).resolve())
os.environ["STUDIO_CACHE_DIR"] = str(_TEST_HOME / ".cache" / "kindness-studio")
os.environ.pop("STUDIO_USER_DIR", None)


def _studio_files() -> set[Path]:
    return {p for f in _STUDIO_FOLDERS if f.exists() for p in [f, *f.rglob("*")]}


_REAL_HOME_BEFORE = _studio_files()


def pytest_sessionfinish(session, exitstatus):
    """Fails the run when a file appeared in the real home's studio folders meanwhile (a studio
    used on the same account during the run would also be counted)."""
    shutil.rmtree(_TEST_HOME, ignore_errors=True)
    if new := sorted(_studio_files() - _REAL_HOME_BEFORE):
        print(f"\nthe suite wrote into the real home: {[str(p) for p in new[:10]]}", file=sys.stderr)
        session.exitstatus = 1

# CI (and `make test` on a fresh clone) replays the same examples every run; locally, hypothesis
# explores new ones and keeps failures in .hypothesis/
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]

# The tests speak English unless one asks for French (a French machine would otherwise translate
# every message the English assertions read, in this process and in the CLI's)
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
EXAMPLES = ROOT / "examples" / "stories"


# `-m "not slow"`: the quick loop (unit tests and the studio's widgets, about a minute); slow are
# the real renders and the tests that start the studio or the CLI in processes of their own
SLOW_FOLDERS = {"integration", "bundle"}
SLOW_MODULES = {"test_x_screen.py", "test_never_lose_work.py", "test_editor_session.py", "test_window_render.py",
                "test_queue.py", "test_soak.py", "test_crash_log.py", "test_export.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(str(item.fspath))
        if path.parent.name in SLOW_FOLDERS or path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _private_user_dir(tmp_path_factory, monkeypatch):
    """Each test has its own user folder (presets, brand kits, recovery files, settings)."""
    monkeypatch.setenv("STUDIO_USER_DIR", str(tmp_path_factory.mktemp("user")))
    from studio.core import i18n
    i18n.set_language("en")


@pytest.fixture
def studio_cmd():
    """The CLI as a user runs it: a separate process."""
    return [sys.executable, "-m", "studio"]


def write_story(folder: Path, body: str, name: str = "story.md") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path
