"""`studio check` on files built to break one rule each (made here with ffmpeg's lavfi sources),
and on real renders: each broken file is caught by its rule and by nothing else; compliant files
pass; drafts carry a visible watermark; a content warning comes first for at least 2 s. Flash
counting on synthetic frames, written to a file and scanned as the QA scans one."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from studio.core.catalog import Catalog
from studio.core.errors import RenderCancelled
from studio.core.project import load_project
from studio.media.ffmpeg_binary import ffmpeg_exe
from studio.qa import check
from studio.qa.flashes import flash_rules
from studio.qa.frames import Scan, scan
from studio.render import RenderJob, render

from ..conftest import EXAMPLES, write_story
from .conftest import CancelAfter
from .probe import band_db, frame_at, probe
from .qa_clips import Clip, srt

# a caption stand-in inside the tiny preset's safe zone (x 9..90, y 27..125 on 108x192)


def _fails(report) -> set[str]:
    return {r.rule for r in report.failures}


def _with_captions(clip: Clip, x=18, y=100, w=60, h=20) -> Clip:
    # two events at 15 fps: frames 15-29 (1.0-2.0 s) and 38-52 (2.533-3.533 s)
    return clip.caption(x, y, w, h, 15, 29).caption(x, y, w, h, 38, 52)


EVENTS = [(1.0, 2.0, "Un sous-titre."), (38 / 15, 53 / 15, "Et un autre.")]


def _tiny30(user_dir: str) -> str:
    (Path(user_dir) / "presets" / "tiny30.toml").write_text(
        'extends = "tiny"\ndescription = "tiny at 30 fps"\n[canvas]\nfps = 30\n')
    return "tiny30"


@pytest.fixture
def compliant(tmp_path, tiny_preset) -> tuple[Path, Path]:
    video = _with_captions(Clip()).make(tmp_path / "ok.mp4")
    return video, srt(tmp_path / "ok.srt", EVENTS)


def test_a_compliant_clip_passes_every_rule(compliant):
    video, captions = compliant
    report = check(video, "tiny", captions=captions)
    assert not report.failures, [(r.rule, r.message) for r in report.failures]
    by = {r.rule: r for r in report.results}
    assert by["captions.safe_zone"].status == "pass" and by["captions.contrast"].measured >= 4.5
    assert by["helpline.endcard"].status == "pass" and by["helpline.endcard"].measured >= 5.9
    assert abs(by["loudness.integrated"].measured - -14) <= 1
    assert by["care.consent"].status == "warn"  # no story: consent cannot be known


def test_a_cancelled_check_stops_between_frames(compliant):
    # the clip has 150 frames (4 s + the 6 s card at 15 fps): cancelled at the 10th, it stops there
    cancel = CancelAfter(10)
    with pytest.raises(RenderCancelled):
        check(compliant[0], "tiny", captions=compliant[1], cancel=cancel)
    assert cancel.looks == 10


@pytest.mark.parametrize("name, clip, broken", [
    ("pix_fmt", Clip(pix_fmt="yuv444p"), {"format.pix_fmt", "format.profile"}),  # 4:4:4 needs High 4:4:4
    ("no_faststart", Clip(faststart=False), {"format.faststart"}),
    ("quiet", Clip(tone=0.02), {"loudness.integrated"}),
    ("no_endcard", Clip(seconds=6, endcard_s=None), {"helpline.endcard"}),
])
def test_a_broken_clip_fails_its_rule_only(tmp_path, tiny_preset, name, clip, broken):
    video = _with_captions(clip).make(tmp_path / f"{name}.mp4")
    report = check(video, "tiny", captions=srt(tmp_path / f"{name}.srt", EVENTS))
    assert _fails(report) == broken, [(r.rule, r.message) for r in report.failures]


def test_strobe_and_red_flash_fail_with_their_times(tmp_path, tiny_preset):
    preset = _tiny30(os.environ["STUDIO_USER_DIR"])
    # 10 Hz full-screen strobe from 1 s to 3 s: white one frame in three
    strobe = Clip(fps=30, background="color=c=black", preset=preset)
    strobe.boxes.append("drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(t,1,3)*eq(mod(n,3),0)'")
    report = check(strobe.make(tmp_path / "strobe.mp4"), preset)
    assert _fails(report) == {"flashes.general"}, [(r.rule, r.message) for r in report.failures]
    r = report.rule("flashes.general")
    assert r.measured >= 9 and 0.0 <= r.times[0] <= 1.1
    # saturated red against a grey of the same luminance at 5 Hz: a red flash, no luminance flash
    red = Clip(fps=30, background="color=c=0x7F7F7F", preset=preset)
    red.boxes.append("drawbox=x=0:y=0:w=iw:h=ih:color=0xFF0000:t=fill:enable='between(t,1,3)*lt(mod(n,6),3)'")
    report = check(red.make(tmp_path / "red.mp4"), preset)
    assert _fails(report) == {"flashes.red"}, [(r.rule, r.message) for r in report.failures]
    # a calm clip: a slow fade does not flash
    calm = Clip(fps=30, background="color=c=0x406080", preset=preset)
    calm.boxes.append("fade=t=out:st=1:d=2")
    assert not {"flashes.general", "flashes.red"} & _fails(check(calm.make(tmp_path / "calm.mp4"), preset))


def _scan(frames: np.ndarray, folder: Path, fps: int = 30) -> Scan:
    """The frames through the production scan: written losslessly as H.264 4:2:0 (as renders are),
    read back as the QA reads a file."""
    n, h, w, _ = frames.shape
    raw, video = folder / "frames.rgb", folder / "frames.mp4"
    raw.write_bytes(np.ascontiguousarray(frames).tobytes())
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                    "-r", str(fps), "-i", str(raw), "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", str(video)],
                   check=True)
    return scan(video, fps, n / fps, 0.0, 0.0, set(), set())


def test_scan_takes_every_asked_caption_frame_of_a_long_story(tmp_path):
    """A 2-minute story asks for about 140 runs of caption frames: ffmpeg's expression parser
    refused them chained (~100 sums, the render then failed); each asked frame arrives, the right one."""
    n = 600  # frame i is grey level i % 200, read back through H.264 like a render
    levels = (np.arange(n) % 200 + 20).astype(np.uint8)
    frames = np.broadcast_to(levels[:, None, None, None], (n, 64, 36, 3))
    raw, video = tmp_path / "frames.rgb", tmp_path / "frames.mp4"
    raw.write_bytes(np.ascontiguousarray(frames).tobytes())
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "36x64",
                    "-r", "30", "-i", str(raw), "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", str(video)],
                   check=True)
    asked = set(range(5, 595, 4)) | {i + 1 for i in range(5, 595, 16)}  # 148 singles and 37 pairs: 185 runs
    got = scan(video, 30, 20.0, 0.0, 0.0, asked, set())
    assert set(got.detail) == asked
    for i, picture in got.detail.items():
        assert picture.whole and abs(float(picture.pixels.mean()) - (i % 200 + 20)) < 2, i


def test_flash_counting_on_synthetic_frames(tmp_path):
    qa = Catalog().preset("tiktok").qa
    n = 60
    calm = np.full((n, 192, 108, 3), 90, np.uint8)
    calm[:, :, :, 0] = np.linspace(60, 140, n)[:, None, None]  # a slow fade
    assert all(r.status == "pass" for r in flash_rules(_scan(calm, tmp_path), qa)[0])
    strobe = np.zeros((n, 192, 108, 3), np.uint8)
    strobe[::3] = 255  # 10 Hz
    general, red = flash_rules(_scan(strobe, tmp_path), qa)[0]
    assert general.status == "fail" and general.measured >= 9 and red.status == "pass"
    assert "10 general flashes in one second" in general.message
    three = np.zeros((n, 192, 108, 3), np.uint8)
    three[[5, 15, 25]] = 255  # 3 flashes in one second: allowed
    assert flash_rules(_scan(three, tmp_path), qa)[0][0].status == "pass"
    one = np.zeros((n, 192, 108, 3), np.uint8)
    one[30:] = 255  # a cut to white: one transition, no flash (not "0.5 flashes")
    cut = flash_rules(_scan(one, tmp_path), qa)[0][0]
    assert cut.message == "at most 0 general flashes in any second" and cut.measured == 0
    small = np.zeros((n, 192, 108, 3), np.uint8)
    small[::3, :48, :24] = 255  # a strobe on 5.5 % of the screen
    assert flash_rules(_scan(small, tmp_path), qa)[0][0].status == "pass"
    redgrey = np.full((n, 192, 108, 3), 127, np.uint8)
    redgrey[np.arange(n) % 6 < 3] = (255, 0, 0)
    general, red = flash_rules(_scan(redgrey, tmp_path), qa)[0]
    assert general.status == "pass" and red.status == "fail"


def test_captions_under_the_button_rail_fail_the_safe_zone(tmp_path, tiny_preset):
    # the right-hand rail: x > 90 on the tiny canvas
    video = _with_captions(Clip(), x=80, y=100, w=28, h=20).make(tmp_path / "rail.mp4")
    report = check(video, "tiny", captions=srt(tmp_path / "rail.srt", EVENTS))
    assert _fails(report) == {"captions.safe_zone"}, [(r.rule, r.message) for r in report.failures]
    assert report.rule("captions.safe_zone").times[0] == pytest.approx(1.0)


def test_captions_at_25_cps_fail_the_reading_speed(tmp_path, tiny_preset):
    text = "Vingt-cinq caractères par\nseconde, c’est trop vite."  # 51 characters in 2.04 s
    video = Clip().caption(18, 100, 60, 20, 15, 45).make(tmp_path / "fast.mp4")
    report = check(video, "tiny", captions=srt(tmp_path / "fast.srt", [(1.0, 3.04, text)]))
    assert _fails(report) == {"captions.cps"}, [(r.rule, r.message) for r in report.failures]
    assert report.rule("captions.cps").measured == pytest.approx(25, abs=0.3)


def test_cli_exit_codes_and_json(tmp_path, tiny_preset, studio_cmd, compliant):
    video, captions = compliant
    run = subprocess.run([*studio_cmd, "check", str(video), "--preset", "tiny", "--json"], capture_output=True,
                         text=True, env={**os.environ})
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads(run.stdout)  # the .srt beside the video is used
    assert data["status"] == "warn" and any(r["rule"] == "captions.cps" for r in data["results"])
    quiet = Clip(tone=0.02).make(tmp_path / "quiet.mp4")
    run = subprocess.run([*studio_cmd, "check", str(quiet), "--preset", "tiny"], capture_output=True, text=True)
    assert run.returncode == 1 and "loudness.integrated" in run.stdout
    (tmp_path / "junk.mp4").write_bytes(b"not a video at all")
    run = subprocess.run([*studio_cmd, "check", str(tmp_path / "junk.mp4"), "--preset", "tiny"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "junk.mp4" in run.stderr and "Traceback" not in run.stderr


def test_an_example_story_render_checks_itself(tmp_path, tiny_preset):
    result = render(RenderJob(load_project(EXAMPLES / "samir.md", "tiny"), tmp_path))
    qa_json, qa_html = result.qa_report
    data = json.loads(qa_json.read_text())
    assert data["status"] != "fail", [r for r in data["results"] if r["status"] == "fail"]
    by = {r["rule"]: r for r in data["results"]}
    assert by["loudness.integrated"]["status"] == "pass"  # a text-only story is silent on purpose
    assert by["captions.safe_zone"]["status"] == "pass" and by["care.consent"]["status"] == "pass"
    assert data["consent"]["by"] == "Samir et son père"
    html = qa_html.read_text()
    assert "<svg" in html and "data:image/jpeg;base64," in html and "publishable" in html  # in its reader's language
    assert not list(tmp_path.glob(".*part"))


def test_a_story_without_consent_is_a_watermarked_draft(tmp_path, tiny_preset):
    # short beats: one caption line, clear of the band on this 108x192 canvas
    body = "---\ntitle: Brouillon\n---\n\nSans accord écrit.\n\nEncore une phrase.\n"
    story = write_story(tmp_path, body)
    result = render(RenderJob(load_project(story, "tiny"), tmp_path / "out"))
    assert result.qa == "not publishable"
    data = json.loads(result.qa_report[0].read_text())
    assert {r["rule"] for r in data["results"] if r["status"] == "fail"} == {"care.consent"}
    # the band across the middle of a beat is red and carries white text...
    frame = frame_at(result.video, 1.0).astype(float)
    band = frame[88:104]
    r, g, b = band.reshape(-1, 3).mean(axis=0)
    assert r > g + 40 and r > b + 30, (r, g, b)
    assert band.max() > 220  # the white letters
    # ...and on the end card it sits below the helpline's text (under the safe zone, y > 125)
    end = frame_at(result.video, probe(result.video).duration_s - 1.0).astype(float)
    r, g, b = (end[..., k] for k in range(3))
    red_rows = np.flatnonzero(((r > g + 40) & (r > b + 30)).mean(axis=1) > 0.8)
    assert len(red_rows) >= 8 and red_rows.min() >= 125, red_rows
    assert end[red_rows.min():red_rows.max() + 1].max() > 200  # its white letters
    consented = write_story(tmp_path, body.replace("title: Brouillon", "title: Ok\nconsent: {given: true}"), "ok.md")
    clean = render(RenderJob(load_project(consented, "tiny"), tmp_path / "out"))
    r, g, b = frame_at(clean.video, 1.0)[88:104].astype(float).reshape(-1, 3).mean(axis=0)
    assert not (r > g + 40 and r > b + 30)


def _tone_wav(path: Path, seconds: float, freq: float) -> Path:
    import wave
    t = np.arange(int(seconds * 48000)) / 48000
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(48000)
        w.writeframes((0.4 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2").tobytes())
    return path


def test_a_content_warning_comes_first_for_at_least_2_s(tmp_path, tiny_preset):
    from studio.core.care import care_texts
    from studio.media.care_cards import warning_card
    _tone_wav(tmp_path / "voix.wav", 4.0, 300)
    _tone_wav(tmp_path / "musique.wav", 2.0, 1000)
    body = ("---\ntitle: Avec avertissement\nconsent: {given: true}\nvoiceover: voix.wav\nmusic: musique.wav\n"
            "content_warning: \"Cette histoire parle de harcèlement et d’idées suicidaires.\"\n---\n\n"
            "Je voulais disparaître, j’ai pensé au suicide.\n\nAujourd’hui je vais mieux.\n")
    project = load_project(write_story(tmp_path, body), "tiny")
    result = render(RenderJob(project, tmp_path / "out"))
    first_caption = result.srt.read_text().split("\n")[1]
    assert first_caption.startswith("00:00:03,000")  # the beats start after the 3 s card
    with av.open(str(result.video)) as c:
        assert float(c.duration / 1e6) > 3.0 + 6.0
    # the warning card itself, from the first frame to the last of its 3 s, then the story
    card = np.asarray(Image.open(warning_card(project, care_texts("fr"), tmp_path / "card.png")).convert("RGB"))
    for t in (0.0, 1.5, 2.9):
        assert np.abs(frame_at(result.video, t).astype(int) - card).mean() < 4, t
    assert np.abs(frame_at(result.video, 3.2).astype(int) - card).mean() > 10
    # the voice (300 Hz) starts after the card; the music (1000 Hz) plays under the card
    v = result.video
    assert band_db(v, 0.3, 2.7, 300) < band_db(v, 3.3, 5.7, 300) - 30
    assert band_db(v, 0.3, 2.7, 1000) > band_db(v, 0.3, 2.7, 300) + 30
    data = json.loads(result.qa_report[0].read_text())
    by = {r["rule"]: r for r in data["results"]}
    assert by["care.content_warning"]["status"] == "pass" and by["care.content_warning"]["measured"] >= 2.0
    assert by["care.self_harm"]["status"] == "warn" and "3114" in by["care.self_harm"]["message"]
    assert not [r for r in data["results"] if r["status"] == "fail"]


def test_self_harm_passes_once_the_end_card_shows_3114(tmp_path, tiny_preset):
    """With the 3114 footer the README suggests, the render's own QA finds that very card at the
    end of the video (`helpline.endcard` compares the frames with it) and `care.self_harm` passes."""
    body = ("---\ntitle: Avec le 3114\nconsent: {given: true}\n"
            "endcard: {footer: \"Idées suicidaires ? Appelle le 3114, 24 h/24\"}\n---\n\n"
            "J’ai pensé au suicide. Aujourd’hui je vais mieux.\n")
    plain = write_story(tmp_path, body.replace("endcard: {footer: \"Idées suicidaires ? Appelle le 3114, 24 h/24\"}\n",
                                               ""), "plain.md")
    results = {}
    for name, story in (("3114", write_story(tmp_path, body)), ("plain", plain)):
        result = render(RenderJob(load_project(story, "tiny"), tmp_path / name))
        data = json.loads(result.qa_report[0].read_text())
        results[name] = ({r["rule"]: r["status"] for r in data["results"]},
                         frame_at(result.video, probe(result.video).duration_s - 1).astype(int))
    assert results["3114"][0]["care.self_harm"] == "pass" and results["3114"][0]["helpline.endcard"] == "pass"
    assert results["plain"][0]["care.self_harm"] == "warn"
    assert np.abs(results["3114"][1] - results["plain"][1]).max() > 100   # the footer differs on screen
