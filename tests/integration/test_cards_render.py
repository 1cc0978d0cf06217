"""Emphasis, titles, the cover and the end card, checked on the decoded files (PyAV frames, the
written JPEG), never on our own images or return values."""

from __future__ import annotations

import subprocess

import imageio_ffmpeg
import numpy as np
from PIL import Image

from studio.core.project import load_project
from studio.core.captions.contrast import ratio as contrast
from studio.render import RenderJob, make_plan, render
from studio.render.plan import plan_warnings

from .probe import frame_at


def _story(tmp_path, body: str, front: str = "consent: {given: true}\n") -> object:
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}---\n\n{body}\n", "utf-8")
    return path


def _yellow(a: np.ndarray) -> np.ndarray:
    r, g, b = (a[..., k].astype(int) for k in range(3))
    return (r > 200) & (g > 150) & (b < 150)  # #FFD166, the emphasis and highlight colour


def _white(a: np.ndarray) -> np.ndarray:
    return (a.astype(int).min(axis=-1) > 215)


def test_emphasis_and_heading_are_drawn(tmp_path):
    """Beat 1 holds **bold** and a # heading, beat 2 the same words plain: on the decoded frames
    the bold word is in the emphasis colour and heavier, and the title shows over beat 1 only."""
    story = _story(tmp_path, "# Un titre\n\n**Bravo** à toi, vraiment.\n\nBravo à toi, vraiment.")
    project = load_project(story, "preview")
    result = render(RenderJob(project, tmp_path / "out"))
    srt = next((tmp_path / "out").glob("*.srt")).read_text("utf-8")
    assert "Bravo à toi" in srt and "*" not in srt and "\ue000" not in srt  # the SRT carries plain text
    report = __import__("json").loads(result.report.read_text("utf-8"))
    caps = report["timeline"]["captions"]
    bold = frame_at(result.video, (caps[0]["start_s"] + caps[0]["end_s"]) / 2)
    plain = frame_at(result.video, (caps[1]["start_s"] + caps[1]["end_s"]) / 2)
    h = bold.shape[0]
    band = slice(int(h * 0.45), int(h * 0.66))  # the caption sits at the bottom of the safe zone (y <= 624)
    assert _yellow(bold[band]).sum() > 150 and _yellow(plain[band]).sum() == 0
    # the bold word is heavier (Inter ExtraBold over the caption's Bold): denser ink in its box
    ys, xs = np.nonzero(_yellow(bold[band]))
    bold_density = _yellow(bold[band])[ys.min():ys.max() + 1, xs.min():xs.max() + 1].mean()
    word = _white(plain[band])[ys.min():ys.max() + 1]
    cols = np.flatnonzero(word.any(axis=0))
    first = cols[:1 + int(np.argmax(np.diff(cols) > 6))]  # the first word: up to the first space
    plain_density = word[:, first.min():first.max() + 1].mean()
    print(f"ink density of the word: bold {bold_density:.3f}, regular {plain_density:.3f}")
    assert bold_density > plain_density * 1.05
    # the title: white text below the logo (y 135 + 46 .. ) over beat 1, nothing there over beat 2
    title = slice(int(h * 0.19), int(h * 0.30))
    assert _white(bold[title]).sum() > 400 and _white(plain[title]).sum() < 20


def _render_tiny(tmp_path, tiny_preset, body: str, front: str):
    project = load_project(_story(tmp_path, body, front), tiny_preset)
    return render(RenderJob(project, tmp_path / "out"))


def test_default_cover_has_the_title_and_no_karaoke_highlight(tmp_path, tiny_preset):
    result = _render_tiny(tmp_path, tiny_preset, "Aujourd’hui, Léa ouvre la porte et sourit.",
                          "title: Léa, 14 ans\ncaption_style: karaoke\nconsent: {given: true}\n")
    with Image.open(result.cover) as im:
        cover = np.asarray(im.convert("RGB"))
    first = frame_at(result.video, 0.0)
    assert cover.shape == first.shape == (192, 108, 3)
    assert _yellow(first).sum() > 3 and _yellow(cover).sum() == 0   # the first word highlighted in the video only
    title = slice(38, 62)  # under the logo (safe zone top 27 + logo 9 + gap 5), where the title goes
    assert _white(cover[title]).sum() > 15 and _white(first[title]).sum() == 0


def test_cover_at_a_time_and_from_a_picture(tmp_path, tiny_preset):
    body = "Premier beat, sur le fond de la marque.\n\n![rouge](rouge.png)\n\nDeuxième beat, sur une photo rouge."
    Image.new("RGB", (300, 500), (220, 20, 20)).save(tmp_path / "rouge.png")
    timed = _render_tiny(tmp_path, tiny_preset, body, "cover: 5 s\nconsent: {given: true}\n")
    with Image.open(timed.cover) as im:
        cover = np.asarray(im.convert("RGB")).astype(int)
    at5, at0 = frame_at(timed.video, 5.0).astype(int), frame_at(timed.video, 0.0).astype(int)
    assert np.abs(cover - at5).mean() < 6 < np.abs(cover - at0).mean()
    Image.new("RGB", (400, 400), (20, 160, 40)).save(tmp_path / "vert.png")
    pictured = _render_tiny(tmp_path, tiny_preset, body, "cover: vert.png\nconsent: {given: true}\n")
    with Image.open(pictured.cover) as im:
        assert im.size == (108, 192)
        assert np.abs(np.asarray(im.convert("RGB")).astype(int) - (20, 160, 40)).mean() < 6


def _rows(mask: np.ndarray) -> list[tuple[int, int]]:
    """Text lines: runs [start, end) of rows with ink, cut where only accents or descenders
    touch (rows with under 8 % of a typical text row's ink)."""
    ink = mask.sum(axis=1)
    on = ink > 0.08 * np.percentile(ink[ink > 0], 75)
    runs, start = [], None
    for y, v in enumerate(on):
        if v and start is None:
            start = y
        if not v and start is not None:
            runs.append((start, y))
            start = None
    return runs + ([(start, len(on))] if start is not None else [])


def _words(line: np.ndarray, height: int) -> int:
    """Words on one text line: runs of ink columns separated by gaps wider than a space's share."""
    cols = line.any(axis=0)
    xs = np.flatnonzero(cols)
    gaps = np.diff(xs)
    return 1 + int((gaps > max(7, 0.3 * height)).sum())  # at 540 px: spaces >= 8 px, letters <= 6


def test_endcard_centred_balanced_and_the_draft_band_off_its_text(tmp_path):
    """On the decoded end card of a draft (preview, 540x960): the text block is centred on the
    canvas (not on the safe zone) and inside the safe zone x 45..450, y 135..624; no text line
    but the number and the hashtag holds one word; the BROUILLON band covers no text row."""
    project = load_project(_story(tmp_path, "Un beat assez court.", "lang: fr\n"), "preview")
    result = render(RenderJob(project, tmp_path / "out"))
    report = __import__("json").loads(result.report.read_text("utf-8"))
    end = report["timeline"]["endcard"]
    frame = frame_at(result.video, end["start_s"] + 1.0)
    assert frame.shape == (960, 540, 3)
    r, g, b = (frame[..., k].astype(int) for k in range(3))
    band_rows = np.flatnonzero(((r > g + 60) & (r > b + 30)).mean(axis=1) > 0.9)
    assert len(band_rows) > 20
    text = (_white(frame) | _yellow(frame))
    text[band_rows.min():band_rows.max() + 1] = False  # the band's own letters
    ys, xs = np.nonzero(text)
    assert 133 <= ys.min() and ys.max() <= 626 and 43 <= xs.min() and xs.max() <= 452  # +-2 px: chroma bleed
    assert abs((xs.min() + xs.max()) / 2 - 270) <= 3          # centred on the canvas
    assert band_rows.min() > ys.max()                          # the band is below every text row
    lines = [(a, b_) for a, b_ in _rows(text) if b_ - a >= 8]
    solid = lambda a, b_: text[a:b_][:, text[a:b_].any(axis=0)].mean() > 0.6  # noqa: E731
    logo = [(a, b_) for a, b_ in lines if solid(a, b_)]
    lines = [(a, b_) for a, b_ in lines if not solid(a, b_)]  # the logo's light plate is no text line
    # the logo's mark (its purple speech bubble) against what surrounds it: >= 3:1 (WCAG 1.4.11)
    (a, b_), = logo
    cols = np.flatnonzero(text[a:b_].any(axis=0))
    box = frame[a:b_, cols.min():cols.max() + 1].reshape(-1, 3).astype(int)
    plate = np.median(box[box.min(axis=1) > 215], axis=0)       # the light plate around the mark
    mark = np.median(box[(box[:, 2] > box[:, 0]) & (box.max(axis=1) < 140)], axis=0)  # the bubble's purple
    ratio = contrast(tuple(int(v) for v in plate), tuple(int(v) for v in mark))
    print(f"logo mark contrast on the decoded frame: {ratio:.1f}:1")
    assert ratio >= 3.0
    heights = [b_ - a for a, b_ in lines]
    number = heights.index(max(heights))
    words = [_words(text[a:b_], b_ - a) for a, b_ in lines]
    print("words per end card line:", words)
    for k, n in enumerate(words):
        if k not in (number, len(lines) - 1):   # the number and the hashtag are one word by nature
            assert n >= 2, (k, words)
        a, b_ = lines[k]
        cx = np.flatnonzero(text[a:b_].any(axis=0))
        assert abs((cx.min() + cx.max()) / 2 - 270) <= 4       # each line centred too
    assert max(heights) >= 0.17 * 540 * 0.5 * 2  # the number at least ~180 px on a 1080 canvas


def test_an_enlarged_clip_is_a_warning_naming_the_file(tmp_path):
    clip = tmp_path / "petit clip.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=s=1280x720:r=30:d=1", "-pix_fmt", "yuv420p", str(clip)], check=True)
    Image.new("RGB", (1080, 1920), (10, 10, 10)).save(tmp_path / "grande.png")
    story = _story(tmp_path, "![clip](<petit clip.mp4>)\n\nUn beat sur le clip.\n\n![photo](grande.png)\n\nUn autre.")
    warnings = plan_warnings(make_plan(load_project(story, "tiktok")))
    assert len(warnings) == 1
    assert "petit clip.mp4 (1280x720) is enlarged 2.7x to fill 1080x1920" in warnings[0]
    assert "line 5" in warnings[0]   # the picture line (after 3 lines of front matter and a blank)
    # with fit=blur it is shown whole, smaller than the canvas: no warning
    story.write_text(story.read_text("utf-8").replace("clip.mp4>)", "clip.mp4>#fit=blur)"), "utf-8")
    assert plan_warnings(make_plan(load_project(story, "tiktok"))) == []


def test_a_panning_photo_counts_its_pan_in_the_enlargement_warning(tmp_path):
    """`#motion=pan-left` pans even when the look's motion is none (as the render does): the
    enlargement it needs is in the warning; `#motion=none` does not pan, no warning."""
    Image.new("RGB", (760, 1360), (10, 10, 10)).save(tmp_path / "photo.png")  # 1.42x to cover 1080x1920
    story = _story(tmp_path, "![photo](photo.png#motion=pan-left)\n\nUn beat sur la photo.")
    still = {"background": {"motion": "none"}}
    warnings = plan_warnings(make_plan(load_project(story, "tiktok", overrides=still)))
    assert len(warnings) == 1 and "photo.png (760x1360) is enlarged" in warnings[0]
    story.write_text(story.read_text("utf-8").replace("#motion=pan-left", "#motion=none"), "utf-8")
    assert plan_warnings(make_plan(load_project(story, "tiktok", overrides=still))) == []


def test_default_cover_of_a_story_with_a_warning_is_its_first_beat_with_the_title_clear(tmp_path, tiny_preset):
    """The default cover is a frame of the first beat (not the content-warning card), with the title
    where no caption is: checked by boxes on the cover frame, and on the decoded files."""
    from studio.render.prepare import overlaps, prepare

    front = ("title: Le couloir\ncontent_warning: harcèlement\nconsent: {given: true}\n")
    project = load_project(_story(tmp_path, "Un matin, dans le couloir, ils m’attendaient encore.", front), tiny_preset)
    plan = make_plan(project)
    assert plan.timeline.intro.end > 0 and plan.cover_frame == plan.timeline.beats[0].start
    assets = prepare(plan, tmp_path)
    shown = [assets.captions[k] for k, e in enumerate(plan.timeline.events) if e.start <= plan.cover_frame < e.end]
    assert shown and assets.cover_title is not None
    assert not any(overlaps(assets.cover_title, box) for box in shown)
    result = render(RenderJob(project, tmp_path / "out"))
    with Image.open(result.cover) as im:
        cover = np.asarray(im.convert("RGB")).astype(int)
    warning = frame_at(result.video, 0.0).astype(int)
    beat = frame_at(result.video, plan.timeline.seconds(plan.cover_frame) + 0.05).astype(int)
    title = slice(assets.cover_title.y, assets.cover_title.y + assets.cover_title.height)
    # the cover is the first beat's picture (its caption included), not the warning card
    rest = np.ones(cover.shape[0], bool)
    rest[title] = False
    assert np.abs(cover[rest] - beat[rest]).mean() < 8 < np.abs(cover[rest] - warning[rest]).mean()
    assert _white(cover[title].astype(np.uint8)).sum() > 15  # the title is drawn


def test_the_cover_title_moves_off_a_caption_it_would_cover():
    from types import SimpleNamespace

    from studio.media.layers import Placed
    from studio.render.prepare import clear_of, overlaps

    project = SimpleNamespace(preset=SimpleNamespace(canvas=SimpleNamespace(width=1080, height=1920),
                                                     safe_zone=None))
    import studio.render.prepare as prep
    box = (90, 270, 900, 1248)
    original = prep.safe_box
    prep.safe_box = lambda p: box
    try:
        title = Placed(None, 200, 410, 680, 120)
        caption = Placed(None, 150, 480, 780, 200)  # a caption placed high, under the title
        moved = clear_of(title, [caption], project)
        assert not overlaps(moved, caption) and moved.y + moved.height <= caption.y and moved.y >= 270
        assert clear_of(title, [Placed(None, 150, 1000, 780, 200)], project) == title  # nothing in the way
    finally:
        prep.safe_box = original
