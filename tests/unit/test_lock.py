"""One set of versions everywhere: the environment the tests run in holds exactly the versions of
requirements.lock (what `make setup`, CI and the bundle install), and pyproject.toml excludes the
releases found broken. `make test-latest` runs the suite on the newest allowed versions instead
(STUDIO_LATEST=1): there the lock is not expected to match."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def locked() -> dict[str, str]:
    """name -> version of every lock entry that applies to this Python."""
    out = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line):
            name, version, marker = m.groups()
            if marker is None or Marker(marker).evaluate():
                out[canonicalize_name(name)] = version
    return out


@pytest.mark.skipif(os.environ.get("STUDIO_LATEST") == "1", reason="make test-latest: the newest allowed versions")
def test_the_environment_holds_exactly_the_locked_versions():
    lock = locked()
    assert "pyside6" in lock and "numpy" in lock and "pytest" in lock
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in lock.items() if installed.get(name) != version}
    assert not wrong, f"not the lock's versions (locked, installed): {wrong}; run `make setup`"


def test_pyproject_excludes_the_pyside6_release_that_corrupts_reference_counts():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = next(Requirement(d) for d in deps if Requirement(d).name == "PySide6")
    assert "6.12.0" not in pyside.specifier and "6.11.3" in pyside.specifier
    assert locked()["pyside6"] != "6.12.0"


def test_every_direct_dependency_is_locked():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    lock = locked()
    missing = [str(r) for r in map(Requirement, wanted)
               if (r.marker is None or r.marker.evaluate({"extra": ""})) and canonicalize_name(r.name) not in lock]
    assert not missing, f"in pyproject.toml but not in requirements.lock: {missing}; run `make lock`"
