"""One resolver of the user's data (`Catalog`): the care texts a render draws, the job fingerprint
that says whether a batch job is out of date, and what a cluster worker is sent all agree on which
file is in effect, the user's or the shipped one."""

from __future__ import annotations

import tomllib
from pathlib import Path

from studio.batch import Job
from studio.batch.dask_backend import _pack, _unpack
from studio.batch.fingerprint import fingerprint
from studio.core.care import care_texts, project_care
from studio.core.catalog import Catalog
from studio.core.paths import data_root, user_root
from studio.core.project import load_project

SHIPPED_FR = data_root() / "presets" / "care" / "fr.toml"


def user_care(text: str) -> Path:
    """The user's care/fr.toml: the shipped one with another draft watermark."""
    folder = user_root() / "care"
    folder.mkdir(parents=True, exist_ok=True)
    data = SHIPPED_FR.read_text("utf-8")
    shipped = tomllib.loads(data)["draft_watermark"]
    (folder / "fr.toml").write_text(data.replace(shipped, text), encoding="utf-8")
    return folder / "fr.toml"


def story(tmp_path: Path) -> Path:
    path = tmp_path / "s.md"
    path.write_text("---\ntitle: T\nlang: fr-BE\n---\n\nUn beat.\n", encoding="utf-8")
    return path


def test_the_users_care_file_wins_with_the_language_fallbacks():
    catalog = Catalog()
    assert catalog.care_file("fr-BE") == SHIPPED_FR
    assert catalog.care_file("xx") == SHIPPED_FR  # unknown: French
    mine = user_care("BROUILLON À NE PAS DIFFUSER")
    assert catalog.care_file("fr-BE") == mine
    assert care_texts("fr").draft_watermark == "BROUILLON À NE PAS DIFFUSER"
    assert catalog.care_file("en").parent == SHIPPED_FR.parent


def test_editing_the_users_care_text_puts_the_batch_job_out_of_date(tmp_path):
    path = story(tmp_path)
    job = Job(path, "tiktok", tmp_path / "out")

    def digest() -> str:
        return fingerprint(load_project(path, "tiktok"), job).digest

    shipped = digest()
    user_care("BROUILLON 1")
    first = digest()
    assert first != shipped
    user_care("BROUILLON 2")
    assert digest() != first


def test_a_cluster_worker_draws_the_users_care_text(tmp_path):
    path = story(tmp_path)
    user_care("BROUILLON DE L’ÉQUIPE")
    payload = _pack(load_project(path, "tiktok"))
    assert "care/fr.toml" in payload["user"]
    worker = tmp_path / "worker"
    story_there, catalog = _unpack(payload, worker)
    project = load_project(story_there, "tiktok", catalog=catalog)
    assert project.care_file == worker / "user" / "care" / "fr.toml"
    assert project_care(project).draft_watermark == "BROUILLON DE L’ÉQUIPE"
