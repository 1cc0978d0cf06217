"""A verdict editors can trust: every burned-in caption located on the file's frames
(over panning photos, footage and gradients), a caption that cannot be located named in a warning,
every example story publishable, `studio validate` predicting what `studio render` says, the
render's terminal naming each rule, and `studio check` choosing the preset from the file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from studio.core.project import load_project
from studio.qa import caption_match
from studio.qa import check
from studio.render import RenderJob, render

from ..conftest import EXAMPLES, write_story


def _run(cmd: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "STUDIO_DEBUG": "1"})


def _qa(result) -> tuple[dict, dict]:
    data = json.loads(result.qa_report[0].read_text(encoding="utf-8"))
    return data, {r["rule"]: r for r in data["results"]}


def _srt_events(srt: Path) -> int:
    return srt.read_text(encoding="utf-8").count(" --> ")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.md")))
def test_every_example_is_publishable_at_preview(tmp_path, name):
    """Photos that pan (lea, noah), footage (ines), the brand's gradient (samir): every caption is
    found on the frames and the verdict is 'publishable', with no warning."""
    result = render(RenderJob(load_project(EXAMPLES / name, "preview"), tmp_path))
    data, by = _qa(result)
    assert data["verdict"] == "publishable", [(r["rule"], r["message"]) for r in data["results"] if r["status"] != "pass"]
    n = _srt_events(result.srt)
    assert len(data["data"]["caption_boxes"]) == n
    assert by["captions.safe_zone"]["message"] == f"all {n} caption boxes located inside the safe zone"
    assert f"measured on all {n} captions" in by["captions.contrast"]["message"]
    assert by["captions.contrast"]["measured"] >= 4.5


@pytest.mark.slow
def test_a_panning_photo_under_a_caption_at_full_size(tmp_path, monkeypatch):
    """The regression: lea at 1080x1920 showed 'Je rasais les murs.' (x 218-770) over the corridor
    photo's pan at 16.77 s, and the pan's changed pixels were taken for the caption: a box
    [14, 1158, 770, 1248] outside the safe zone, 'not publishable'."""
    result = render(RenderJob(load_project(EXAMPLES / "lea.md", "tiktok"), tmp_path))
    data, by = _qa(result)
    assert data["verdict"] == "publishable", [(r["rule"], r["message"]) for r in data["results"] if r["status"] != "pass"]
    start = next(c["start_s"] for c in data["data"]["captions"] if c["text"] == "Je rasais les murs.")
    assert start == pytest.approx(16.77, abs=0.05)
    box = next(b["box"] for b in data["data"]["caption_boxes"] if b["start_s"] == start)
    assert box[0] >= 90 and box[2] <= 900, box          # the safe zone of 1080x1920: x 90..900
    assert 190 <= box[0] <= 250 and 740 <= box[2] <= 800, box  # the caption itself, not the pan
    assert by["captions.safe_zone"]["status"] == "pass"
    # a file checked without its layout falls back to difference: only what changed both when the
    # caption appeared and when it left counts, so the pan is not taken for it there either
    monkeypatch.setattr(caption_match, "MATCH_SCORE", 2.0)  # no expected image matches
    blind = check(result.video, "tiktok", captions=result.srt)
    boxes = {b["start_s"]: b for b in blind.data["caption_boxes"]}
    assert boxes[start]["by"] == "difference" and boxes[start]["inside"], boxes[start]
    assert blind.rule("captions.safe_zone").status != "fail", blind.rule("captions.safe_zone").message


def test_a_caption_that_cannot_be_located_is_a_warning_naming_it(tmp_path):
    story = write_story(tmp_path, "---\ntitle: Introuvable\nconsent: {given: true}\n---\n\n"
                                  "Une première phrase.\n\nUne seconde phrase.\n")
    result = render(RenderJob(load_project(story, "preview"), tmp_path / "out"))
    # the caption file claims words the video never shows
    other = tmp_path / "other.srt"
    other.write_text(result.srt.read_text(encoding="utf-8").replace("Une seconde phrase.", "Rien de tout cela."),
                     encoding="utf-8")
    report = check(result.video, "preview", story, captions=other)
    zone, contrast = report.rule("captions.safe_zone"), report.rule("captions.contrast")
    assert zone.status == "warn" and "1 of 2 caption boxes located" in zone.message
    assert "«Rien de tout cela.»" in zone.message
    assert contrast.status == "warn" and "measured on 1 of 2 captions" in contrast.message
    assert report.verdict == "publishable with warnings"
    # the same video with its own captions: every one located
    own = check(result.video, "preview", story, captions=result.srt)
    assert own.rule("captions.safe_zone").status == "pass" and own.verdict == "publishable"


STORIES = {
    # no consent, and a mention of suicide: a draft (fail) and the 3114 line missing (warn)
    "no consent": "---\ntitle: Sans accord\n---\n\nJ’ai pensé au suicide cet hiver-là.\n\nAujourd’hui, je vais mieux.\n",
    # a 39-character URL, wider than a caption line: broken at its allowed points, so both say publishable
    "long token": "---\ntitle: Lien\nconsent: {given: true}\n---\n\n"
                  "Tout est expliqué sur https://www.exemple-long.fr/aide-ecoute ce soir.\n\nUne autre phrase.\n",
}


@pytest.mark.parametrize("case", list(STORIES))
def test_validate_predicts_the_render_verdict(tmp_path, studio_cmd, case):
    story = write_story(tmp_path, STORIES[case])
    v = _run([*studio_cmd, "validate", str(story), "-p", "preview", "--json"])
    assert v.returncode == 0, v.stderr
    predicted = json.loads(v.stdout)
    r = _run([*studio_cmd, "render", str(story), "-p", "preview", "--out", str(tmp_path / "out"), "--strict"])
    rendered = json.loads((tmp_path / "out" / "story.preview.qa.json").read_text(encoding="utf-8"))
    assert predicted["verdict"] == rendered["verdict"], (predicted["results"], rendered["results"])
    flagged = {x["rule"]: x["status"] for x in predicted["results"] if x["status"] != "pass"}
    assert {x["rule"]: x["status"] for x in rendered["results"] if x["rule"] in flagged} == flagged
    # the terminal names every rule that warns or fails, its message and time; --strict exits 1
    assert r.returncode == (1 if rendered["verdict"] == "not publishable" else 0), r.stdout + r.stderr
    lines = r.stdout.splitlines()
    for rule, status in flagged.items():
        line = next((l for l in lines if f" {rule} " in l), "")
        assert ("FAIL" if status == "fail" else "warn") in line, r.stdout
    if case == "no consent":
        assert predicted["verdict"] == "not publishable" and flagged["care.consent"] == "fail"
        assert flagged["care.self_harm"] == "warn" and "3114" in next(l for l in lines if "care.self_harm" in l)
        strict = _run([*studio_cmd, "validate", str(story), "-p", "preview", "--strict"])
        assert strict.returncode == 1 and "care.consent" in strict.stdout
    else:
        assert predicted["verdict"] == "publishable" and not flagged
        srt = (tmp_path / "out" / "story.preview.fr_FR.srt").read_text(encoding="utf-8")
        lines_ = srt.splitlines()
        assert "https://www.exemple-long." in lines_                # broken after a dot...
        assert any(line.startswith("fr/aide-ecoute") for line in lines_)  # ...and whole again when read on
        assert max(len(line) for line in srt.splitlines()) <= 32


def test_a_token_that_cannot_break_is_refused_before_rendering(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: Pseudo\nconsent: {given: true}\n---\n\n"
                                  "Écris-moi sur @harcelementnonmerciaujourdhuietdemain ce soir.\n")
    for command in (["validate", str(story), "-p", "preview"],
                    ["render", str(story), "-p", "preview", "--out", str(tmp_path / "out")]):
        r = _run([*studio_cmd, *command])
        assert r.returncode == 2, r.stdout + r.stderr
        assert f"{story}:6:" in r.stderr and "@harcelementnonmerciaujourdhuietdemain" in r.stderr
        assert "hint: shorten it, or write it so it can break" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_check_infers_the_preset_from_the_file(tmp_path, studio_cmd):
    story = write_story(tmp_path, "---\ntitle: Aperçu\nconsent: {given: true}\n---\n\nUne seule phrase.\n")
    result = render(RenderJob(load_project(story, "preview"), tmp_path / "out"))
    beside = _run([*studio_cmd, "check", str(result.video)])  # the story too is named by the report
    assert "preset preview (named by story.preview.report.json" in beside.stdout, beside.stdout
    assert f"story {story} (named by the render's report" in beside.stdout
    assert beside.stdout.strip().splitlines()[-1].startswith("publishable ·"), beside.stdout
    alone = tmp_path / "alone"
    alone.mkdir()
    copy = shutil.copy(result.video, alone / "clip.mp4")
    run = _run([*studio_cmd, "check", str(copy), "--story", str(story)])
    assert "preset preview (the file is 540x960 at 15 fps" in run.stdout, run.stdout
    assert run.returncode == 0 and "not constant" not in run.stdout
    assert "pass  format.frame_rate      constant 15 fps" in run.stdout
    # an explicit preset still wins, and a mismatch says what it expected
    forced = _run([*studio_cmd, "check", str(copy), "--preset", "tiktok", "--json"])
    rate = next(x for x in json.loads(forced.stdout)["results"] if x["rule"] == "format.frame_rate")
    assert rate["status"] == "fail" and "constant 15 fps, but preset tiktok is 30 fps" in rate["message"]
