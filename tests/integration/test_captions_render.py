"""Captions on real renders: the SRT and WebVTT files are read back with pysubs2 (an independent
parser) and every readability rule is checked on what was written; the video is probed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pysubs2
import pytest

from studio.core.captions import Cue, check, typeset
from studio.core.project import load_project
from studio.core.timeline import caption_rules
from studio.render import RenderJob, render

from .probe import first_sound_s, frame_at, probe

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "stories"


def _rules(project):
    return caption_rules(project.look.timing, project.preset.captions, project.preset.canvas.fps,
                         project.story.meta.lang)


def _read_back(path: Path) -> list[Cue]:
    subs = pysubs2.load(str(path), encoding="utf-8")
    return [Cue(e.start / 1000, e.end / 1000, tuple(e.plaintext.split("\n"))) for e in subs]


def _check_files(result, project) -> list[Cue]:
    srt, vtt = _read_back(result.srt), _read_back(result.vtt)
    assert result.srt.name.endswith(".fr_FR.srt")
    assert [(c.start_s, c.end_s, c.lines) for c in srt] == [(c.start_s, c.end_s, c.lines) for c in vtt]
    assert check(srt, _rules(project)) == []
    story_text = " ".join(typeset(b.text, project.story.meta.lang).replace("\n", " ") for b in project.story.beats)
    assert " ".join(" ".join(c.lines) for c in srt) == story_text
    assert "line:" in result.vtt.read_text("utf-8").split("\n\n")[1]  # cue positions
    video = probe(result.video)
    assert srt[-1].end_s <= video.duration_s
    return srt


@pytest.mark.parametrize("name", ["lea", "samir", "ines", "noah"])
def test_examples_render_with_readable_captions(tmp_path, tiny_preset, name):
    project = load_project(EXAMPLES / f"{name}.md", tiny_preset)
    _check_files(render(RenderJob(project, tmp_path / "out")), project)


def _voice(path: Path, talk: list[tuple[float, float]], seconds: float) -> Path:
    """A stand-in voice: a 300 Hz tone while 'talking', silence otherwise."""
    on = "+".join(f"between(t,{a},{b})" for a, b in talk)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=f=300:d={seconds},volume='{on}':eval=frame", "-c:a", "aac", str(path)], check=True)
    return path


def test_per_beat_voice_dialogue_and_karaoke(tmp_path, small_preset):
    _voice(tmp_path / "voix-2.m4a", [(1.0, 3.0), (3.5, 6.5)], 7.0)
    story = tmp_path / "story.md"
    story.write_text("---\nlang: fr\ncaption_style: karaoke\nconsent: {given: true}\n---\n"
                     "Il m'a dit : « Rentre chez toi ! » 😢\n\n"
                     "![voix](voix-2.m4a)\n- Ça va ?\n- Non ; pas du tout. Je ne veux plus y aller.\n\n"
                     "[durée : 3 s]\nÉmile À Ça.\n", "utf-8")
    project = load_project(story, small_preset)
    result = render(RenderJob(project, tmp_path / "out"))
    cues = _check_files(result, project)
    report = __import__("json").loads(result.report.read_text("utf-8"))
    # where beat 2 starts, read from the file: its voice (the only sound) talks 1.0 s in
    spoken = first_sound_s(result.video)
    assert spoken is not None
    beat2_start = spoken - 1.0
    beat3_start = cues[-1].start_s  # beat 3's one caption, from its first frame
    first_voiced = next(c for c in cues if c.lines[0].startswith("- Ça va"))
    # the caption waits for the first spoken word, within the 1.5 s rule
    assert -0.2 <= first_voiced.start_s - spoken <= 0.5
    assert first_voiced.lines[0] == "- Ça va\u202f?"
    assert any(c.lines[0].startswith("- Non\u202f;") for c in cues)  # each turn starts a line with its dash
    # the voiced beat lasts at least its voice (7 s); the explicit duration wins (3 s)
    assert beat3_start - beat2_start >= 7.0 - 0.07
    assert cues[-1].lines == ("Émile À Ça.",)
    video_s = probe(result.video).duration_s  # beat 3 lasts its explicit 3 s, then the end card
    assert abs(video_s - 6.0 - beat3_start - 3.0) <= 1 / 15 + 0.03  # the end card: 6 s
    # karaoke: the highlight-yellow moves right from word 1 to word 3 of the first caption (its
    # line starts "Il m’a dit"); the colour emoji at its end is yellow in both frames, so it cancels
    words = report["timeline"]["captions"][0]["words_s"]

    def yellow(t):
        r, g, b = (frame_at(result.video, t)[..., k].astype(int) for k in range(3))
        return (r > 200) & (g > 160) & (b < 150)
    first, third = yellow((words[0] + words[1]) / 2), yellow((words[2] + words[3]) / 2)
    only_first, only_third = first & ~third, third & ~first
    assert only_first.sum() > 3 and only_third.sum() > 3, (only_first.sum(), only_third.sum())
    x_first, x_third = np.nonzero(only_first)[1].mean(), np.nonzero(only_third)[1].mean()
    assert x_third > x_first + 5, (x_first, x_third)
    assert not [w for w in result.warnings if "left out" in w]  # the emoji is drawn in colour


def test_captions_command_flags_problems(tmp_path, tiny_preset, studio_cmd):
    ok = subprocess.run([*studio_cmd, "captions", str(EXAMPLES / "noah.md"), "--preset", tiny_preset, "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    data = __import__("json").loads(ok.stdout)
    assert data["problems"] == [] and len(data["events"]) > 15
    story = tmp_path / "long.md"
    # a word wider than a line with no place to break it: refused before rendering, naming the line
    story.write_text("Un mot :\nAnticonstitutionnellementmentalement-parlant.\n", "utf-8")
    bad = subprocess.run([*studio_cmd, "captions", str(story), "--preset", tiny_preset],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert "long.md:1" in bad.stderr and "'Anticonstitutionnellementmentalement-parlant.' is too wide" in bad.stderr
    # a long URL is broken after its / . - and comes back whole from the caption lines
    url = "https://www.e-enfance.org/numero-3018/harcelement"
    story.write_text(f"Écris sur {url} ce soir.\n", "utf-8")
    good = subprocess.run([*studio_cmd, "captions", str(story), "--preset", tiny_preset, "--json"],
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    lines = [line for e in __import__("json").loads(good.stdout)["events"] for line in e["lines"]]
    assert all(len(line) <= 32 for line in lines) and url in "".join(lines)
    wrong = subprocess.run([*studio_cmd, "captions", str(story), "--caption-style", "karaoké"],
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and "did you mean 'karaoke'" in wrong.stderr


# a character no shipped font has (an Egyptian hieroglyph): dropped, never drawn as a box
NO_FONT = "\U00013000"


@pytest.mark.parametrize("position, style", [("top", "outline"), ("middle", "band"), ("bottom", "band")])
def test_caption_position_style_and_a_character_no_font_has(tmp_path, small_preset, position, style):
    story = tmp_path / "story.md"
    story.write_text(f"---\nconsent: {{given: true}}\ncaption_style: {style}\n---\n"
                     f"Bonjour à toi.{NO_FONT}\n\nBonjour à toi.\n", "utf-8")
    project = load_project(story, small_preset, overrides={"caption": {"position": position}})
    result = render(RenderJob(project, tmp_path / "out"))
    assert any(f"U+{ord(NO_FONT):04X}" in w for w in result.warnings), result.warnings
    first, second = pysubs2.load(str(result.srt), encoding="utf-8")[:2]
    shown = frame_at(result.video, (first.start + first.end) / 2000).astype(int)
    blank = frame_at(result.video, first.end / 1000 + 0.01).astype(int)  # the 2-frame gap: no caption
    again = frame_at(result.video, (second.start + second.end) / 2000).astype(int)
    changed = np.abs(shown - blank).max(axis=2) > 40
    rows, cols = np.nonzero(changed)
    assert rows.size > 50, rows.size
    # placed in the safe zone of 216x384 (y 54..250, from 270..1248 on 1080x1920) at its top,
    # middle or bottom
    top, bottom = rows.min(), rows.max()
    if position == "top":
        assert 54 <= top <= 64, (top, bottom)
    elif position == "middle":
        assert abs((top + bottom) / 2 - 152) <= 6, (top, bottom)
    else:
        assert 240 <= bottom <= 250, (top, bottom)
    # a band fills its box; an outline leaves the picture visible between the letters
    box = changed[top:bottom + 1, cols.min():cols.max() + 1]
    if style == "band":
        assert box.mean() > 0.8, box.mean()
    else:
        assert box.mean() < 0.6, box.mean()
        white, dark = shown.min(axis=2) > 200, shown.max(axis=2) < 60
        assert white[changed].sum() > 20 and dark[changed].sum() > 20   # white letters, black outline
    # the character was dropped: the same caption without it is the same picture (no box)
    assert np.abs(shown - again)[top:bottom + 1].max() < 24, np.abs(shown - again)[top:bottom + 1].max()


def test_timing_srt_times_the_story(tmp_path, tiny_preset):
    (tmp_path / "voix.srt").write_text("1\n00:00:02,000 --> 00:00:04,500\nUn.\n\n"
                                       "2\n00:00:09,000 --> 00:00:12,000\nDeux.\n", "utf-8")
    story = tmp_path / "story.md"
    story.write_text("---\nconsent: {given: true}\ntiming_srt: voix.srt\n---\n"
                     "Premier moment du récit.\n\nLe second moment du récit.\n", "utf-8")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    cues = pysubs2.load(str(result.srt), encoding="utf-8")
    # the story's own words laid over the SRT's cue times as if they were speech: 2.5 + 3.0 = 5.5 s
    # of it, spread by characters; the second beat starts at character 25 of 51, 2.696 s of speech
    # in: 0.196 s into the second cue, at 9.196 s (derived by hand; within a frame at 15 fps)
    assert [c.plaintext.replace("\n", " ") for c in cues] == ["Premier moment du récit.", "Le second moment du récit."]
    assert abs(cues[0].start / 1000 - 2.0) <= 1 / 15 and abs(cues[1].start / 1000 - 9.196) <= 1 / 15, cues
    assert cues[1].end / 1000 >= 11.9
