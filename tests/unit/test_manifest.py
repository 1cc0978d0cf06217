"""The batch manifest: jobs from stories x presets x rows; every mistake refused before anything
renders, naming the file, the line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.batch import Job
from studio.batch.manifest import ManifestError, load_manifest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def campaign(tmp_path) -> Path:
    (tmp_path / "stories").mkdir()
    for name in ("léa d'été.md", "noah.md"):
        (tmp_path / "stories" / name).write_text("---\ntitle: T\n---\n\nUn beat.\n", encoding="utf-8")
    (tmp_path / "stories" / "photo.jpg").write_bytes(b"\xff\xd8")
    return tmp_path


def manifest(folder: Path, text: str) -> Path:
    path = folder / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> ManifestError:
    with pytest.raises(ManifestError) as e:
        load_manifest(path)
    assert e.value.file == str(path) and e.value.exit_code == 2
    return e.value


def test_stories_times_presets_then_rows(campaign):
    m = load_manifest(manifest(campaign, 'stories = ["stories/*.md"]\npresets = ["tiktok", "square"]\n'
                                         'out = "videos"\n\n[[rows]]\n\n[[rows]]\nstories = ["stories/noah.md"]\n'
                                         'presets = ["tiktok"]\nendcard = 3018\nname = "{story}-{endcard}"\n'))
    out = (campaign / "videos").resolve()
    lea, noah = (campaign / "stories" / "léa d'été.md").resolve(), (campaign / "stories" / "noah.md").resolve()
    assert m.jobs == (Job(lea, "tiktok", out), Job(lea, "square", out), Job(noah, "tiktok", out),
                      Job(noah, "square", out), Job(noah, "tiktok", out, endcard="3018", name="noah-3018"))
    assert [j.id for j in m.jobs] == ["léa d'été.tiktok", "léa d'été.square", "noah.tiktok", "noah.square",
                                      "noah-3018"]
    assert m.report_path == out / "campaign.batch.json"


def test_the_example_campaign_is_valid():
    m = load_manifest(ROOT / "examples" / "campaign.toml")
    assert len(m.jobs) == 9 and {j.preset for j in m.jobs} == {"tiktok", "reels"}
    assert [j.id for j in m.jobs if j.endcard] == ["lea.tiktok.3018"]


@pytest.mark.parametrize("text, line, words", [
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\nouts = "x"\n', 3, ["unknown key 'outs'", "did you mean 'out'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\n\n[[rows]]\nendcrad = "3018"\n', 5,
     ["unknown key 'endcrad'", "did you mean 'endcard'"]),
    ('stories = [\n  "stories/noah.md",\n  "histoires/*.md",\n]\npresets = ["tiktok"]\n', 3,
     ["'histoires/*.md' matches no story file"]),
    ('stories = ["stories/*"]\npresets = ["tiktok"]\n[[rows]]\nstories = ["stories/*.jpg"]\n', 4,
     ["'stories/*.jpg' matches no story file"]),
    ('stories = ["stories/lea.md"]\npresets = ["tiktok"]\n', 1, ["story not found: stories/lea.md"]),
    ('stories = ["stories/*.md"]\n# a comment\npresets = ["tiktok", "tiktk"]\n', 3,
     ["unknown preset 'tiktk'", "did you mean 'tiktok'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\n[[rows]]\n[[rows]]\npresets = ["reel"]\n', 5,
     ["unknown preset 'reel'", "did you mean 'reels'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\nendcard = "3019"\n', 3, ["unknown end card variant '3019'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\ncaption_style = "karaoké"\n', 3,
     ["unknown caption style", "did you mean 'karaoke'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\nbrand = "createkindness"\n', 3,
     ["unknown brand kit", "did you mean 'createkindness-fr'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\nname = "{story}.{presets}"\n', 3,
     ["unknown placeholder {presets}", "did you mean 'preset'"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"]\n[[rows]]\n[[rows]]\nendcard = "3018"\n', 4,
     ["two jobs would write", "name"]),
    ('stories = ["stories/*.md"]\npresets = ["tiktok"\nout = "x"\n', 3, ["not valid TOML"]),
    ('presets = ["tiktok"]\n', None, ["missing key 'stories'"]),
])
def test_mistakes_are_refused_with_file_line_and_hint(campaign, text, line, words):
    e = refused(manifest(campaign, text))
    assert e.line == line
    shown = str(e)
    for w in words:
        assert w in shown, shown
    assert e.hint


def test_missing_manifest(tmp_path):
    e = refused(tmp_path / "nope.toml")
    assert "not found" in e.message
