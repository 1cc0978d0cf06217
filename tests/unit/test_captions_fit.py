"""Captions that read like a subtitler's: lines measured in pixels with the caption font (one text
size for every event), long tokens broken at their allowed points, cuts a subtitler would not
make, Markdown in beats, balanced card lines. Pure or Pillow only (no ffmpeg)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studio.core.captions import plain, segment, typeset
from studio.core.captions.emphasis import BOLD_OFF, BOLD_ON, ITALIC_OFF, ITALIC_ON, strip_marks
from studio.core.captions.linebreak import is_emoji
from studio.core.captions.segment import LineFit, TokenTooLong, split_long
from studio.core.errors import StoryError
from studio.core.project import load_project
from studio.core.story import parse_story
from studio.core.timeline import project_timeline
from studio.media.layers import caption_fit, caption_image, safe_box
from studio.media.text import balanced_wrap

EXAMPLES = Path(__file__).parents[2] / "examples" / "stories"
PRESETS = ("tiktok", "preview", "square", "landscape")


def _project(tmp_path: Path, body: str, preset: str = "tiktok", front: str = ""):
    story = tmp_path / "s.md"
    story.write_text(f"---\nconsent: {{given: true}}\n{front}---\n\n{body}\n", "utf-8")
    return load_project(story, preset)


# --- pixels, not characters ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["lea", "noah", "samir", "ines"])
@pytest.mark.parametrize("preset", PRESETS)
def test_every_caption_line_fits_the_safe_zone_at_one_size(tmp_path, name, preset):
    """Every event's image is drawn at the style's one size (every line the same height) and is
    no wider than the safe zone: nothing had to shrink."""
    project = load_project(EXAMPLES / f"{name}.md", preset)
    fit = caption_fit(project)
    tl = project_timeline(project, fit=fit)
    x0, _, x1, _ = safe_box(project)
    heights = set()
    for k, e in enumerate(tl.events):
        assert all(fit.measure(line) <= fit.max_width for line in e.rich or e.lines), e.lines
        placed = caption_image(project, e.rich or e.lines, tmp_path / f"c{k}.png")
        assert placed.width <= x1 - x0
        heights.add(placed.height / len(e.lines))
    assert len(heights) == 1  # one line height: one text size


def test_a_narrow_font_measure_keeps_more_on_a_line():
    """The same text cut with a measure of 20 px per character and one of 30: the wider font
    gets more, shorter lines (characters alone would give the same cut)."""
    text = typeset("Le soir, ça continuait sur mon téléphone. Jusque dans ma chambre.", "fr")
    narrow = segment(text, 32, 2, "fr", LineFit(lambda s: 20 * len(strip_marks(s)), 640))
    wide = segment(text, 32, 2, "fr", LineFit(lambda s: 30 * len(strip_marks(s)), 640))
    assert max(len(l) for e in narrow for l in e) > max(len(l) for e in wide for l in e)
    assert all(30 * len(l) <= 640 for e in wide for l in e)


def test_a_long_url_is_broken_after_its_allowed_points():
    url = "https://www.e-enfance.org/numero-3018-harcelement-en-ligne"
    pieces = split_long(url, lambda s: len(s) <= 24)
    assert "".join(pieces) == url and all(len(p) <= 24 for p in pieces)
    assert all(p[-1] in "/.-_?&=" for p in pieces[:-1])
    events = segment(typeset(f"Plus d'infos sur {url}, c'est gratuit.", "fr"), 24, 2, "fr")
    lines = [l for e in events for l in e]
    assert all(len(l) <= 24 for l in lines)
    assert "".join(lines).replace(" ", "").count(url) == 1  # the URL comes back whole, without spaces


def test_a_token_that_cannot_break_is_an_error_naming_the_line(tmp_path):
    project = _project(tmp_path, "Un mot trop long :\nAnticonstitutionnellementanticonstitutionnellement", "tiktok")
    with pytest.raises(StoryError) as e:
        project_timeline(project, fit=caption_fit(project))
    assert e.value.line == 5 and "too wide" in str(e.value)
    with pytest.raises(TokenTooLong):
        split_long("x" * 40, lambda s: len(s) <= 10)


# --- cuts a subtitler would not make ------------------------------------------------------------

def _events(text: str, fit=None) -> list[tuple[str, ...]]:
    return segment(typeset(text, "fr"), 32, 2, "fr", fit)


@pytest.fixture(scope="module")
def tiktok(tmp_path_factory):
    return caption_fit(_project(tmp_path_factory.mktemp("p"), "Un beat."))


def test_a_quotation_that_fits_one_event_is_never_split(tiktok):
    for text in ("Dessous, un message : « Regardez sa tête, trop drôle ». Et des dizaines de rires.",
                 "Elle m'a dit : « Regardez sa tête, trop drôle »"):
        for fit in (None, tiktok):
            quoted = [e for e in _events(text, fit) if "«" in " ".join(e) or "»" in " ".join(e)]
            assert len(quoted) == 1 and "«" in " ".join(quoted[0]) and "»" in " ".join(quoted[0])


def test_words_read_as_one_stay_in_one_event(tiktok):
    text = "Il me suivait sans arrêt parce que je ne répondais jamais à ses messages."
    for fit in (None, tiktok):
        for e in _events(text, fit):
            assert not e[-1].endswith("parce"), e
    # ...and across the examples, no event ends on a word that leans on the next
    for name in ("lea", "noah", "samir", "ines"):
        project = load_project(EXAMPLES / f"{name}.md", "tiktok")
        for e in project_timeline(project, fit=caption_fit(project)).events:
            last = plain(e.lines[-1]).split(" ")[-1].lower()
            assert last not in ("parce", "le", "la", "les", "de", "je", "à", "et", "que"), e.lines


def test_an_emoji_is_never_alone_on_a_line(tiktok):
    for text in ("Le lendemain, à la cantine, je me suis assis à côté de lui. 🤝",
                 "Voir et se taire, c'est laisser faire. Un message peut tout changer. 💬",
                 "🤝 Ensemble, on est plus forts que le silence.",
                 "On a ri 😂😂 pendant une heure entière sans pouvoir s'arrêter."):
        for fit in (None, tiktok):
            for e in _events(text, fit):
                assert not any(is_emoji(l) for l in e), e
    assert is_emoji("💬") and is_emoji("👍🏽!") and not is_emoji("lui.") and not is_emoji("3020")


def test_no_fragment_under_a_second_on_screen():
    """"Elle m'a dit :" alone for 0.87 s was the bug: every event of every example, at every
    shipped canvas, stays at least 1.2 s (5/6 s is the floor of the rules)."""
    for name in ("lea", "noah", "samir", "ines"):
        for preset in PRESETS:
            project = load_project(EXAMPLES / f"{name}.md", preset)
            tl = project_timeline(project, fit=caption_fit(project))
            shortest = min(tl.seconds(e.frames) for e in tl.events)
            assert shortest >= 1.2, (name, preset, shortest)
            assert "Elle m’a dit\u00a0:" not in [e.text for e in tl.events]


# --- Markdown in beats ------------------------------------------------------------------------

def test_markdown_emphasis_links_and_headings(tmp_path):
    story = parse_story("---\ntitle: T\n---\n\n# Un titre\n\n**gras** et *italique* et [lien](https://x.fr)\n"
                        "et _aussi_ et __fort__.\n\nUn #hashtag, 2*3 et snake_case restent.\n", tmp_path / "s.md")
    first, second = story.beats
    assert first.title == "Un titre" and second.title is None
    assert first.text == (f"{BOLD_ON}gras{BOLD_OFF} et {ITALIC_ON}italique{ITALIC_OFF} et lien "
                          f"et {ITALIC_ON}aussi{ITALIC_OFF} et {BOLD_ON}fort{BOLD_OFF}.")
    assert second.text == "Un #hashtag, 2*3 et snake_case restent."
    assert story.notes == ()


@pytest.mark.parametrize("line, what", [
    ("Un `code` brut", "backtick"), ("Du ~~barré~~", "strikethrough"), ("Une <b>balise</b>", "HTML tag"),
    ("Un **gras pas fermé", "no partner"), ("> une citation", "quotation"), ("* un élément", "list item"),
    ("Un [lien cassé](", "link"),
])
def test_markup_that_would_be_burned_in_is_a_warning_naming_the_line(tmp_path, line, what):
    story = parse_story(f"Premier beat.\n\n{line}\n", tmp_path / "s.md")
    assert [n[0] for n in story.notes] == [3] and what in story.notes[0][1]


def test_the_srt_text_carries_no_markers(tmp_path):
    project = _project(tmp_path, "Un mot **gras** et un *autre* ici.")
    tl = project_timeline(project, fit=caption_fit(project))
    assert " ".join(e.text for e in tl.events) == "Un mot gras et un autre ici."
    assert any(BOLD_ON in l for e in tl.events for l in e.rich)


def test_a_heading_alone_at_the_end_is_an_error(tmp_path):
    with pytest.raises(StoryError) as e:
        parse_story("Un beat.\n\n# Titre orphelin\n", tmp_path / "s.md")
    assert e.value.line == 3


# --- cover: and card text ------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [("2.5", ("time", 2.5)), ("'4,5 s'", ("time", 4.5)), ("3", ("time", 3.0))])
def test_cover_time(tmp_path, value, expected):
    assert parse_story(f"---\ncover: {value}\n---\nUn beat.\n", tmp_path / "s.md").cover() == expected


def test_cover_picture(tmp_path):
    kind, path = parse_story("---\ncover: media/une.jpg\n---\nUn beat.\n", tmp_path / "s.md").cover()
    assert kind == "image" and path == (tmp_path / "media" / "une.jpg").resolve()


def test_balanced_wrap_leaves_no_widow():
    width = lambda s: 10 * len(s)  # noqa: E731
    assert balanced_wrap("Harcèlement\u00a0: tu n’es pas seul·e.".split(" "), width, 250) == \
        ["Harcèlement\u00a0:", "tu n’es pas seul·e."]
    for text in ("Appelle le 3020. C’est gratuit, anonyme et confidentiel.",
                 "Le numéro national contre le harcèlement en ligne"):
        for w in (200, 260, 330):  # (at 150 "et confidentiel." does not fit: a widow is forced)
            lines = balanced_wrap(text.split(" "), width, w)
            assert len(lines[-1].split(" ")) > 1, lines


# --- the same French typography on every card -----------------------------------------------------

def _pixels(path: Path) -> bytes:
    with Image.open(path) as im:
        return im.convert("RGB").tobytes()


def test_cards_use_the_caption_typography(tmp_path):
    """A straight apostrophe and a plain space before ':' in the content warning, the end card
    and a title are drawn exactly as their typeset form (’ and the no-break spaces)."""
    from studio.core.care import care_texts
    from studio.media.care_cards import warning_card
    from studio.media.endcard import endcard_image
    from studio.media.layers import title_image
    drawn = {}
    for k, (warning, headline) in enumerate([("Évocation d'idées noires : prends soin de toi", "Tu n'es pas seul !"),
                                             ("Évocation d’idées noires\u00a0: prends soin de toi",
                                              "Tu n’es pas seul\u202f!")]):
        story = tmp_path / f"s{k}.md"
        story.write_text(f"---\ncontent_warning: \"{warning}\"\nendcard: {{headline: \"{headline}\"}}\n---\nUn beat.\n",
                         "utf-8")
        p = load_project(story, "preview")
        drawn[k] = (_pixels(warning_card(p, care_texts("fr"), tmp_path / f"w{k}.png")),
                    _pixels(endcard_image(p, tmp_path / f"e{k}.png")),
                    _pixels(title_image(p, headline, tmp_path / f"t{k}.png").path))
    assert drawn[0] == drawn[1]


def test_markup_warnings_reach_the_render_warnings(tmp_path):
    """What `studio render` prints: the story file, the line and what would show."""
    from studio.render.plan import make_plan, plan_warnings
    project = _project(tmp_path, "Un **bon** début.\n\nPuis un `code` brut.")
    assert plan_warnings(make_plan(project)) == [
        "s.md, line 7: a backtick (`code`) would be burned into the caption as it is written"]


def test_a_keyed_fit_is_measured_once_per_text_and_font():
    """The preview lays the whole story after each keystroke: an unchanged beat with the same font
    is not measured again; another font (key) or width is."""
    calls = []

    def measure(s: str) -> float:
        calls.append(s)
        return 20 * len(strip_marks(s))
    text = "Un matin, j’ai tout raconté à une amie, puis à ma mère, et tout a changé."
    first = segment(text, 32, 2, "fr", LineFit(measure, 640, key=("Inter", 72)))
    measured = len(calls)
    assert measured and segment(text, 32, 2, "fr", LineFit(measure, 640, key=("Inter", 72))) == first
    assert len(calls) == measured
    segment(text, 32, 2, "fr", LineFit(measure, 640, key=("Inter", 80)))
    assert len(calls) > measured
    again = len(calls)
    segment(text, 32, 2, "fr", LineFit(measure, 600, key=("Inter", 80)))
    assert len(calls) > again
