"""Flashes judged for the screen a video is watched on (docs/standards.md §6). On a phone at 30 cm
the 9:16 picture is 6.9 x 12.3 cm, a 10° field is a circle 5.25 cm across and 0.006 sr is 5.4 cm²:
6.4 % of the picture. Each clip below is built from the WCAG definitions, written losslessly as
H.264 4:2:0 and scanned as the QA scans a file; the verdicts are those this derivation gives."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

from studio.core.catalog import Catalog
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.qa.flashes import flash_rules
from studio.qa.frames import scan

W, H, FPS, N = 216, 384, 30, 60  # 2 s of a 9:16 picture


def _verdicts(frames: np.ndarray, folder: Path, preset: str = "tiktok") -> tuple[str, str]:
    """(general, red) statuses of the frames as the QA judges them under `preset`."""
    n, h, w, _ = frames.shape
    raw, video = folder / "frames.rgb", folder / "frames.mp4"
    raw.write_bytes(np.ascontiguousarray(frames).tobytes())
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                    "-r", str(FPS), "-i", str(raw), "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    general, red = flash_rules(scan(video, FPS, n / FPS, 0.0, 0.0, set(), set()), Catalog().preset(preset).qa)[0]
    return general.status, red.status


def _on(hz: float) -> np.ndarray:
    """(N,) bool: the frames on which a square wave of `hz` is in its bright half."""
    return (np.arange(N) * hz / FPS) % 1 < 0.5


def _square(fraction: float, hz: float, w: int = W, h: int = H) -> np.ndarray:
    """A white square of `fraction` of the frame, centred on black, flashing at `hz`."""
    side = round(math.sqrt(fraction * w * h))
    frames = np.zeros((N, h, w, 3), np.uint8)
    y, x = (h - side) // 2, (w - side) // 2
    frames[_on(hz), y:y + side, x:x + side] = 255
    return frames


def test_the_phone_rule_numbers_come_from_the_viewing_distance():
    qa = Catalog().preset("tiktok").qa
    assert (qa.viewing_distance_cm, qa.picture_width_cm, qa.flash_field_deg, qa.flash_sr) == (30.0, 6.9, 10.0, 0.006)
    area = qa.flash_sr * qa.viewing_distance_cm ** 2
    assert area == pytest.approx(5.4)
    assert area / (6.9 * 6.9 * 16 / 9) == pytest.approx(0.0637, abs=5e-4)
    assert 2 * 30 * math.tan(math.radians(5)) == pytest.approx(5.25, abs=0.005)
    assert Catalog().preset("landscape").qa.viewing_distance_cm == 0.0  # the screen rule


@pytest.mark.parametrize(("fraction", "verdict"), [(0.03, "pass"), (0.05, "pass"), (0.07, "fail"), (0.09, "fail"), (0.12, "fail")])
def test_a_5_hz_square_fails_from_the_area_of_0006_sr(tmp_path, fraction, verdict):
    assert _verdicts(_square(fraction, 5), tmp_path) == (verdict, "pass")


@pytest.mark.parametrize(("hz", "verdict"), [(2, "pass"), (5, "fail")])
def test_a_full_screen_flash_fails_above_3_per_second(tmp_path, hz, verdict):
    frames = np.zeros((N, H, W, 3), np.uint8)
    frames[_on(hz)] = 255
    assert _verdicts(frames, tmp_path) == (verdict, "pass")


def test_a_red_5_hz_flash_fails_the_red_rule(tmp_path):
    frames = np.full((N, H, W, 3), 127, np.uint8)  # a grey of about the red's luminance: no general flash
    frames[_on(5)] = (255, 0, 0)
    assert _verdicts(frames, tmp_path) == ("pass", "fail")


def test_a_low_contrast_flicker_passes(tmp_path):
    frames = np.full((N, H, W, 3), 120, np.uint8)  # relative luminance 0.188 <-> 0.216: under 10 %
    frames[_on(10)] = 128
    assert _verdicts(frames, tmp_path) == ("pass", "pass")


@pytest.mark.parametrize(("flashes", "verdict"), [(3, "pass"), (4, "fail")])
def test_three_flashes_in_a_second_pass_four_fail(tmp_path, flashes, verdict):
    frames = np.zeros((N, H, W, 3), np.uint8)
    frames[[10 + 7 * k for k in range(flashes)]] = 255  # one white frame each, all inside 1 s
    assert _verdicts(frames, tmp_path) == (verdict, "pass")


def test_landscape_keeps_the_screen_rule(tmp_path):
    # a quarter of the screen flashing together: the 12 % square passes, the whole screen fails
    assert _verdicts(_square(0.12, 5, H, W), tmp_path, "landscape") == ("pass", "pass")
    frames = np.zeros((N, W, H, 3), np.uint8)
    frames[_on(5)] = 255
    assert _verdicts(frames, tmp_path, "landscape") == ("fail", "pass")
