"""The render's self-check reads the frames and the mix its own graph encodes; `studio check` and
`studio render --verify-file` decode the finished file. Both give the same verdict and per-rule
results within these tolerances, on the examples at every preset (each preset with one example,
the four examples in turn): caption match scores ±0.02, flash counts equal, the flash grid's
cell luminance ±1 % (0.01 of relative luminance), loudness ±0.2 LU (true peak ±0.5 dB: the AAC
encoder moves it), text contrast ±5 % (near 21:1 a few code values move it by 0.5), the end
card's length equal; the card and caption pictures the rules read within 3 levels (mean)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from studio.core.project import load_project
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.qa import check, inline, run
from studio.render import RenderJob, render

from ..conftest import EXAMPLES, write_story

PRESETS = ("tiktok", "reels", "shorts", "square", "feed45", "landscape", "preview")
STORIES = sorted(EXAMPLES.glob("*.md"))

SCORE, LUMINANCE, LU, TRUE_PEAK_DB, CONTRAST, PIXELS = 0.02, 0.01, 0.2, 0.5, 0.05, 3.0


@pytest.fixture
def judged(monkeypatch) -> list:
    """(scan, loudness, frames_from) of every QA run, as the rules received them."""
    seen, real = [], run.judge

    def spy(video, project, streams, looks, sc, loud, **kw):
        seen.append((sc, loud, kw["frames_from"]))
        return real(video, project, streams, looks, sc, loud, **kw)
    monkeypatch.setattr(run, "judge", spy)
    monkeypatch.setattr(inline, "judge", spy)
    return seen


def _off(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two 8-bit pictures (0-255)."""
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def _by_rule(results) -> dict[str, dict]:
    return {r["rule"]: r for r in results}


@pytest.mark.slow
@pytest.mark.parametrize("preset", PRESETS)
def test_in_render_qa_equals_studio_check(tmp_path, judged, preset):
    story = STORIES[PRESETS.index(preset) % len(STORIES)]
    result = render(RenderJob(load_project(story, preset), tmp_path / "out"))
    own = json.loads(result.qa_report[0].read_text("utf-8"))
    again = check(result.video, preset, story)  # `studio check`: a full decode of the file
    (own_sc, own_loud, own_from), (file_sc, file_loud, file_from) = judged
    assert own_from == own["data"]["frames_from"] == "the render's own frames and mix"
    assert file_from == "the file, decoded"

    assert own["verdict"] == again.verdict
    mine, theirs = _by_rule(own["results"]), _by_rule(again.to_dict()["results"])
    assert {k: v["status"] for k, v in mine.items()} == {k: v["status"] for k, v in theirs.items()}
    for rule in ("flashes.general", "flashes.red", "helpline.endcard", "care.content_warning"):
        if rule in theirs:
            assert mine[rule]["measured"] == theirs[rule]["measured"], rule

    # the same frames, each frame's flash grid within 1 % of luminance, the same flash frames
    assert own_sc.n == file_sc.n
    assert np.allclose(own_sc.times, file_sc.times, atol=1e-3)
    assert float(np.abs(own_sc.lum - file_sc.lum).max()) <= LUMINANCE
    assert own["data"]["flashes"] == again.data["flashes"]

    # the card and caption pictures are the same frames: the encoding moves a pixel by a few levels
    both = own_sc.card.keys() & file_sc.card.keys()  # the 8 thumbnails may sit a frame apart
    assert len(both) >= len(file_sc.card) - 8
    cards = max(_off(own_sc.card[i], file_sc.card[i]) for i in both)
    assert cards <= PIXELS, cards
    assert own_sc.detail.keys() == file_sc.detail.keys()
    details = max((_off(p.pixels, file_sc.detail[i].pixels) for i, p in own_sc.detail.items()), default=0)
    assert details <= PIXELS, details

    # every caption located on both, at the same place, with the same match score and contrast
    boxes, again_boxes = own["data"].get("caption_boxes", []), again.data.get("caption_boxes", [])
    assert [b["start_s"] for b in boxes] == [b["start_s"] for b in again_boxes]
    for a, b in zip(boxes, again_boxes):
        assert abs(a["score"] - b["score"]) <= SCORE, (a, b)
        assert max(abs(x - y) for x, y in zip(a["box"], b["box"])) <= 2, (a, b)
        assert abs(a["contrast"] - b["contrast"]) <= CONTRAST * b["contrast"], (a, b)
    # the self-check kept only each caption's search region, never a whole caption frame
    assert own_sc.detail and not any(p.whole for p in own_sc.detail.values())

    print(f"{preset} {story.stem}: pixels {cards:.2f} {details:.2f}, luminance "
          f"{float(np.abs(own_sc.lum - file_sc.lum).max()):.4f}, scores "
          f"{max((abs(a['score'] - b['score']) for a, b in zip(boxes, again_boxes)), default=0):.3f}, loudness "
          f"{own_loud.integrated_lufs - file_loud.integrated_lufs:+.2f} LU, true peak "
          f"{own_loud.true_peak_dbtp - file_loud.true_peak_dbtp:+.2f} dB")  # shown with -s
    for field, tolerance in (("integrated_lufs", LU), ("lra_lu", LU), ("true_peak_dbtp", TRUE_PEAK_DB)):
        a, b = getattr(own_loud, field), getattr(file_loud, field)
        assert a == b or abs(a - b) <= tolerance, (field, a, b)  # a silent story: -inf on both


def _strobe(path: Path) -> Path:
    """A 3 s clip flashing black/white 5 times a second (WCAG 2.3.1 allows 3)."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=black:s=216x384:r=30:d=3,drawbox=w=iw:h=ih:color=white:t=fill:"
                    "enable='lt(mod(n,6),3)'", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


@pytest.mark.parametrize("verify_file", [False, True])
def test_the_self_check_sees_a_strobe_in_the_rendered_frames(tmp_path, tiny_preset, judged, verify_file):
    _strobe(tmp_path / "strobe.mp4")
    story = write_story(tmp_path, "![](strobe.mp4)\n\nUn beat sur un fond qui clignote beaucoup trop vite.\n")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out", verify_file=verify_file))
    findings = {f["rule"]: f for f in result.qa_findings}
    assert result.qa == "not publishable"
    assert findings["flashes.general"]["status"] == "fail"
    assert 0.0 <= findings["flashes.general"]["times"][0] <= 1.0
    (_, _, source), = judged
    assert source == ("the file, decoded" if verify_file else "the render's own frames and mix")


def test_studio_render_verify_file_decodes_the_file_again(tmp_path, tiny_preset):
    story = write_story(tmp_path, "Un beat.\n\nUn autre beat.\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    verdicts = []
    for flag, source in (([], "the render's own frames and mix"), (["--verify-file"], "the file, decoded")):
        out = tmp_path / f"out{len(flag)}"
        done = subprocess.run([sys.executable, "-m", "studio", "render", str(story), "-p", tiny_preset,
                               "-o", str(out), "--json", *flag], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        qa = json.loads(Path(json.loads(done.stdout.splitlines()[-1])["qa_report"][0]).read_text("utf-8"))
        assert qa["data"]["frames_from"] == source
        verdicts.append((qa["verdict"], [(r["rule"], r["status"]) for r in qa["results"]]))
    assert verdicts[0] == verdicts[1]


def test_a_draft_with_a_warning_card_is_judged_on_the_cards_the_render_drew(tmp_path, judged):
    """The self-check compares with the render's own drawings of the content-warning card, the end
    card and the draft band on both (not drawn twice): the same card verdicts and lengths as a
    full decode by `studio check`, which draws its own."""
    story = write_story(tmp_path, "---\ntitle: Le couloir\ncontent_warning: harcèlement\n---\n\n"
                                  "Au collège, on se moquait de moi tous les jours.\n\nJ'en ai parlé, et ça a changé.\n")
    result = render(RenderJob(load_project(story, "preview"), tmp_path / "out"))
    own = _by_rule(json.loads(result.qa_report[0].read_text("utf-8"))["results"])
    again = _by_rule(check(result.video, "preview", story).to_dict()["results"])
    assert [source for _, _, source in judged] == ["the render's own frames and mix", "the file, decoded"]
    for rule in ("care.content_warning", "helpline.endcard"):
        assert own[rule]["status"] == again[rule]["status"] == "pass", (own[rule], again[rule])
        assert own[rule]["measured"] == again[rule]["measured"], rule
