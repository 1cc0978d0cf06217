"""The QA's limits at their boundaries, with the shipped presets' numbers: a caption box one pixel
past any edge of the safe zone (beyond the bleed allowed) is outside; a caption read at the
shipped 17 characters a second passes and one at 17.5 fails."""

from __future__ import annotations

import pytest

from studio.core.captions import Cue
from studio.core.project import load_project
from studio.qa.burned_in import inside_zone
from studio.qa.caption_timing import rules_for, timing_rules

# tiktok's safe zone on 1080x1920 (x 90..900, y 270..1248) and its bleed (0.006 x 1080 px)
ZONE = (90, 270, 900, 1248)
TOL = 6.48


@pytest.fixture(scope="module")
def tiktok(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "s.md"
    path.write_text("---\ntitle: T\nlang: fr\n---\n\nUn beat.\n", encoding="utf-8")
    return load_project(path, "tiktok")


def test_the_shipped_zone_and_bleed(tiktok):
    p = tiktok.preset
    assert p.safe_zone.box(1080, 1920) == ZONE
    assert p.qa.box_tolerance * 1080 == pytest.approx(TOL)


@pytest.mark.parametrize("edge, inside_at, outside_at", [
    (0, 84, 83),      # left: x0 >= 90 - 6.48
    (1, 264, 263),    # top
    (2, 906, 907),    # right: x1 <= 900 + 6.48
    (3, 1254, 1255),  # bottom: y1 <= 1248 + 6.48
])
def test_a_caption_box_one_pixel_past_an_edge_is_outside(edge, inside_at, outside_at):
    box = [300, 1100, 700, 1200]
    box[edge] = inside_at
    assert inside_zone(tuple(box), ZONE, TOL)
    box[edge] = outside_at
    assert not inside_zone(tuple(box), ZONE, TOL)


def _cps_status(tiktok, text: str, seconds: float) -> str:
    by = {r.rule: r for r in timing_rules([Cue(0.0, seconds, (text,))], rules_for(tiktok, 30))}
    return by["captions.cps"].status


def test_reading_speed_at_the_shipped_17_characters_a_second(tiktok):
    assert _cps_status(tiktok, "Je n’osais plus dormir. Ni parler.", 2.0) == "pass"     # 34 characters: 17 cps
    assert _cps_status(tiktok, "Je n’osais plus dormir. Ni parler !", 2.0) == "fail"    # 35 characters: 17.5 cps
