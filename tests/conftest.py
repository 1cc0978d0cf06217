"""Shared fixtures: a private user folder, tiny stories and an independent probe of outputs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

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


@pytest.fixture(autouse=True)
def _private_user_dir(tmp_path_factory, monkeypatch):
    """Tests never read or write the real user's presets."""
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
