"""Every typed character, in every file: a story with an arrow `-->`, text that looks like markup
(`a<b & c>d`, `<b>…</b>`) and a link whose address has parentheses renders with the real ffmpeg,
and its SRT and WebVTT parse with the words the video burned in: in pysubs2, the `srt` library,
`webvtt-py`, and a strict hand reading of each format."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pysubs2
import pytest
import srt
import webvtt

from studio.core.errors import StudioError
from studio.core.project import load_project
from studio.render import RenderJob, render

from .probe import frame_at

WJ = "\u2060"  # WORD JOINER: invisible, no break; what the SRT puts inside a run a reader would take for markup
STORY = ("---\nlang: fr\nconsent: {given: true}\n---\n"
         "Avant --> après.\n\n"
         "a<b & c>d et <b>gras</b> ici.\n\n"
         "[clique ici](javascript:alert(document.cookie)) maintenant.\n")
SRT_TIME = re.compile(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$")
VTT_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}(?: [^\s:]+:[^\s:]+)*$")
TAG_SHAPED = re.compile(r"<[\s/]*[A-Za-z][^>]*>")  # what SRT readers take for a tag (pysubs2: < */? *[a-zA-Z][^>]*>)
STAMP = re.compile(r"\d{1,2}:\d{1,2}:\d{1,2}[.,]\d{1,3}")  # pysubs2's timestamp: two on a line make a timing line


def _burned(result) -> list[tuple[str, ...]]:
    """The caption lines the video drew, from the render's report."""
    report = json.loads(result.report.read_text("utf-8"))
    return [tuple(c["lines"]) for c in report["timeline"]["captions"]]


def _strict_srt(text: str) -> list[tuple[str, ...]]:
    """SRT by the letter: numbered blocks, one timing line, text lines no reader takes for a timing
    line or a tag."""
    cues = []
    assert text.endswith("\n") and "\r" not in text
    for n, block in enumerate(text.rstrip("\n").split("\n\n"), 1):
        index, timing, *lines = block.split("\n")
        assert index == str(n) and SRT_TIME.match(timing), block
        assert lines and all(l.strip() for l in lines), block
        for line in lines:
            assert "-->" not in line and len(STAMP.findall(line)) < 2, line
        assert not TAG_SHAPED.search("\n".join(lines)), lines
        cues.append(tuple(l.replace(WJ, "") for l in lines))
    return cues


def _strict_vtt(text: str) -> list[tuple[str, ...]]:
    """WebVTT by the letter: the header, cue blocks whose payload has no `-->`, no '<' (no tags are
    written) and only the entities WebVTT defines; read back with the entities decoded."""
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        ident, timing, *lines = block.split("\n")
        assert "-->" not in ident and VTT_TIME.match(timing), block
        for line in lines:
            assert line.strip() and "-->" not in line and "<" not in line, line
            assert all(e in ("&amp;", "&lt;", "&gt;") for e in re.findall(r"&[^\s]*?;|&", line)), line
        cues.append(tuple(html.unescape(l) for l in lines))
    return cues


def _pysubs2(path: Path, unescape=lambda s: s) -> list[tuple[str, ...]]:
    return [tuple(unescape(l).replace(WJ, "") for l in e.plaintext.split("\n"))
            for e in pysubs2.load(str(path), encoding="utf-8")]


def _srt_library(text: str) -> list[tuple[str, ...]]:
    return [tuple(line.replace(WJ, "") for line in cue.content.split("\n")) for cue in srt.parse(text)]


def _webvtt_library(path: Path) -> list[tuple[str, ...]]:
    return [tuple(html.unescape(line) for line in cue.text.split("\n")) for cue in webvtt.read(str(path))]


def test_typed_characters_reach_every_file_literally(tmp_path, tiny_preset):
    story = tmp_path / "arrow.md"
    story.write_text(STORY, "utf-8")
    result = render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    burned = _burned(result)
    words = " ".join(" ".join(lines) for lines in burned)
    assert "Avant --> après." in words and "a<b & c>d et <b>gras</b> ici." in words
    assert "clique ici maintenant." in words and ")" not in words and "javascript" not in words
    srt_text, vtt_text = result.srt.read_text("utf-8"), result.vtt.read_text("utf-8")
    assert _strict_srt(srt_text) == burned
    assert _pysubs2(result.srt) == burned  # pysubs2 honours SRT tags: nothing typed is taken for one
    assert _srt_library(srt_text) == burned
    assert _strict_vtt(vtt_text) == burned
    assert _webvtt_library(result.vtt) == burned
    # pysubs2 reads WebVTT with its SRT reader and leaves entities as they are
    assert _pysubs2(result.vtt, html.unescape) == burned
    assert "--&gt;" in vtt_text


def test_no_message_names_an_internal_file(tmp_path, tiny_preset, monkeypatch):
    """Whatever goes wrong in the files a render writes, the message names the file the user gets."""
    from studio.render import sidecars

    monkeypatch.setattr(sidecars, "srt_text", lambda timeline: "1\n00:00:00,000 --> nonsense\nmot\n")
    story = tmp_path / "arrow.md"
    story.write_text(STORY, "utf-8")
    with pytest.raises(StudioError) as e:
        render(RenderJob(load_project(story, tiny_preset), tmp_path / "out"))
    shown = f"{e.value}\n{json.dumps(e.value.to_dict())}"
    assert ".part" not in shown and "arrow.tiny.fr_FR.srt" in shown, shown
    assert not list((tmp_path / "out").iterdir())  # and nothing is left behind


PLAYER_LINE = 0.06  # Chromium draws cue text at 5 % of the video's height, about 6 % a line


def _burned_top(video: Path, t: float, near: float) -> int:
    """The first row of the burned-in caption at `t`: of the runs of rows where the centre column
    leaves the plain gradient seen at the frame's edge (the background varies by row only), the
    one nearest `near` (the logo and hashtag make another run, at the top)."""
    frame = frame_at(video, t).astype(int)
    rows = np.flatnonzero(np.abs(frame[:, frame.shape[1] // 2] - frame[:, 1]).max(axis=1) > 24)
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    run = min(runs, key=lambda r: min(abs(r[0] - near), abs(r[-1] - near)))
    return int(run[0])


@pytest.mark.parametrize("position", ["bottom", "middle", "top"])
def test_webvtt_cues_sit_where_the_captions_are_in_every_player(tmp_path, small_preset, position):
    """`line:N%` with the default (start) line alignment: the cue's top, the same in a player that
    honours `line align` and in Chromium, which ignores it; the cue stays inside the safe zone even
    with Chromium's larger text, and does not start below the burned-in caption."""
    story = tmp_path / "place.md"
    story.write_text("---\nlang: fr\nconsent: {given: true}\n---\n"
                     "[durée : 3 s]\nUn.\n\n"
                     "[durée : 6 s]\nElle ne voulait plus aller au collège depuis des semaines.\n", "utf-8")
    project = load_project(story, small_preset, overrides={"caption": {"position": position}})
    assert project.look.caption.position == position
    result = render(RenderJob(project, tmp_path / "out"))
    c = project.preset.canvas
    x0, y0, x1, y1 = project.preset.safe_zone.box(c.width, c.height)
    blocks = result.vtt.read_text("utf-8").rstrip("\n").split("\n\n")[1:]
    counts = set()
    for block, cue in zip(blocks, pysubs2.load(str(result.vtt), encoding="utf-8")):
        timing, *lines = block.split("\n")[1:]
        settings = dict(s.split(":", 1) for s in timing.split()[3:])
        assert "," not in settings["line"] and settings["line"].endswith("%"), timing  # start alignment
        assert "," not in settings["position"] and settings["align"] == "center", timing
        top = float(settings["line"][:-1]) * c.height / 100
        counts.add(len(lines))
        assert y0 - 1 <= top and top + len(lines) * PLAYER_LINE * c.height <= y1 + 1, (timing, lines)
        if position == "top":
            assert abs(top - y0) <= 1
        else:  # never lower than the burned-in caption's top
            burned = _burned_top(result.video, (cue.start + cue.end) / 2000, {"bottom": y1, "middle": (y0 + y1) / 2}[position])
            assert top <= burned + 1, (timing, burned)
            if position == "bottom":  # and as near it as a player's larger lines allow
                assert burned - top <= len(lines) * PLAYER_LINE * c.height, (timing, burned)
    assert counts == {1, 2}  # the place follows each cue's own height
