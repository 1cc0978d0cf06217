"""Caption typography, segmentation, timing and the readability rules (pure, no ffmpeg)."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.core.captions import Cue, VoiceTrack, check, plain, segment, typeset
from studio.core.captions.emphasis import MARKS, close_events
from studio.core.markdown import inline
from studio.core.catalog import Catalog
from studio.core.errors import PresetError, StoryError
from studio.core.look import Timing
from studio.core.project import load_project
from studio.core.story import parse_story
from studio.core.timeline import build_timeline, caption_rules, cues

CATALOG = Catalog()
TIMING = Timing.model_validate(CATALOG.defaults()["look"]["timing"])
LIMITS = {name: CATALOG.preset(name).captions for name in ("tiktok", "landscape")}
NB, NNB = "\u00a0", "\u202f"
CORPUS = Path(__file__).parent / "golden" / "linebreaks_fr.txt"


# --- typography ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Ça va ?", f"Ça va{NNB}?"),
    ("Ça va?!", f"Ça va{NNB}?!"),
    ("Il a dit : « Non ! »", f"Il a dit{NB}: «{NNB}Non{NNB}!{NNB}»"),
    ("Ils riaient; moi, non", f"Ils riaient{NNB}; moi, non"),
    ("l'école... et 9:30, https://3018.fr", "l’école… et 9:30, https://3018.fr"),
    ("à 8 h 15, 38 kg, 100 %, 10 000 élèves", f"à 8{NB}h{NB}15, 38{NB}kg, 100{NB}%, 10{NNB}000{NB}élèves"),
])
def test_french_typography(raw, expected):
    assert typeset(raw, "fr") == expected
    assert typeset(expected, "fr") == expected  # idempotent


def test_english_keeps_its_spacing():
    assert typeset("Don't panic... really? 5 km", "en") == f"Don’t panic… really? 5{NB}km"


# --- segmentation: properties ----------------------------------------------------------------

WORD = st.sampled_from("le la un une je tu il on et mais de à dans pour avec sans Léa Yanis "
                       "collège surnoms messages téléphone chaque soir matin classe cantine harcèlement "
                       "3020 38 kg h % «Ça va» 🤝 É À Ç".split())
PUNCT = st.sampled_from(["", "", "", ",", ".", " ?", " !", " :", " ;", "…"])
TEXT = st.lists(st.tuples(WORD, PUNCT), min_size=1, max_size=60).map(
    lambda ws: " ".join(w + p for w, p in ws))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, preset=st.sampled_from(sorted(LIMITS)), lang=st.sampled_from(["fr", "en"]))
def test_segments_obey_limits_and_keep_the_text(text, preset, lang):
    limits = LIMITS[preset]
    text = typeset(text, lang)
    events = segment(text, limits.max_chars_per_line, limits.max_lines, lang)
    assert " ".join(line for e in events for line in e) == text
    for e in events:
        assert 1 <= len(e) <= limits.max_lines
        for line in e:
            assert len(line) <= limits.max_chars_per_line
            assert line and line[0] not in (NB, NNB, " ") and line[-1] not in (NB, NNB, " ")


TURN = TEXT.map(lambda t: "- " + t)


@settings(max_examples=30, deadline=None)
@given(turns=st.lists(TURN, min_size=2, max_size=4))
def test_dialogue_turns_never_share_a_line(turns):
    text = "\n".join(typeset(t, "fr") for t in turns)
    events = segment(text, 32, 2, "fr")
    lines = [line for e in events for line in e]
    # every turn starts a line with its dash, and joined back the turns are intact
    assert sum(line.startswith("- ") for line in lines) == len(turns)
    rebuilt, turn = [], []
    for line in lines:
        if line.startswith("- ") and turn:
            rebuilt.append(" ".join(turn))
            turn = []
        turn.append(line)
    rebuilt.append(" ".join(turn))
    assert rebuilt == text.split("\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(beats=st.lists(TEXT, min_size=1, max_size=6), preset=st.sampled_from(sorted(LIMITS)),
       fps=st.sampled_from([30, 25, 15, Fraction(30000, 1001)]))
def test_every_timeline_passes_the_readability_rules(tmp_path_factory, beats, preset, fps):
    story = parse_story("---\nlang: fr\n---\n" + "\n\n".join(beats) + "\n", tmp_path_factory.mktemp("s") / "s.md")
    tl = build_timeline(story, TIMING, fps, 6.0, LIMITS[preset])
    rules = caption_rules(TIMING, LIMITS[preset], fps, "fr")
    assert check(cues(tl), rules) == []
    assert " ".join(e.text for e in tl.events) == " ".join(typeset(b.text, "fr") for b in story.beats)
    for e in tl.events:
        assert len(e.words) == len(e.text.split(" ")) and e.start <= min(e.words) and max(e.words) < e.end


# --- segmentation: the golden French corpus, reviewed by eye ---------------------------------

def _corpus_layout(text: str, width: int = 32) -> str:
    events = segment(typeset(text, "fr"), width, 2, "fr")
    return "\n".join(" / ".join(e) for e in events)


@pytest.mark.parametrize(("corpus", "width"), [(CORPUS, 32), (CORPUS.with_name("linebreaks_fr_landscape.txt"), 42)])
def test_golden_french_line_breaks(corpus, width):
    """tests/unit/golden/linebreaks_fr.txt (32 characters a line, vertical) and
    linebreaks_fr_landscape.txt (42): each block is a text (after '>') and its events, one
    per line, lines separated by ' / ' (no-break spaces shown as plain). UPDATE_GOLDEN=1 rewrites
    it: read the diff before committing."""
    blocks = [b for b in corpus.read_text("utf-8").split("\n\n") if b.strip()]
    texts = [b.splitlines()[0][2:] for b in blocks]
    got = "\n\n".join(f"> {t}\n{plain(_corpus_layout(t, width))}" for t in texts) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        corpus.write_text(got, "utf-8")
    assert got == corpus.read_text("utf-8")


# cuts an editor redid in a French story: (text, width, what must stay together on one line or in
# one event); a word and its complement, a verb and its negation's end, a short piece of a sentence
# with its neighbour
REDONE = [
    ("Chaque matin, avant de monter dans le bus, j'avais mal au ventre et je voulais rester à la maison.",
     32, "event", "j’avais mal au ventre"),
    ("Des garçons que je ne connaissais même pas me faisaient des bruits de chèvre dans le couloir.",
     32, "event", "je ne connaissais même pas"),
    ("Des garçons que je ne connaissais même pas me faisaient des bruits de chèvre dans le couloir.",
     42, "line", "Des garçons que je ne connaissais même pas"),
    ("Elle m'a écoutée longtemps, puis elle a appelé mes parents depuis son bureau.",
     32, "event", "mes parents depuis son bureau."),
    ("J'ai appelé le 3020. La dame au téléphone m'a écoutée sans me couper.", 42, "line", "La dame au téléphone"),
    ("Pendant deux mois, je suis allée au collège en faisant semblant que tout allait bien.",
     42, "event", "Pendant deux mois, je suis allée"),
]


@pytest.mark.parametrize(("text", "width", "where", "together"), REDONE)
def test_cuts_an_editor_would_not_redo(text, width, where, together):
    events = segment(typeset(text, "fr"), width, 2, "fr")
    units = [" ".join(e) for e in events] if where == "event" else [line for e in events for line in e]
    assert any(plain(together) in plain(u) for u in units), events
    assert all(len(plain(u)) >= 24 for u in units if where == "event"), events  # no piece alone ~1.5 s


TIKTOK_CORPUS = Path(__file__).parent / "golden" / "captions_fr_tiktok.txt"


@pytest.fixture(scope="module")
def tiktok_fit(tmp_path_factory):
    """The caption width of the tiktok preset with the shipped brand, measured with its font."""
    from studio.media.layers import caption_fit
    story = tmp_path_factory.mktemp("fit") / "s.md"
    story.write_text("Un beat.\n", "utf-8")
    return caption_fit(load_project(story, "tiktok"))


def _show(line: str) -> str:
    """A caption line as the corpus writes it: emphasis markers back as ** and *."""
    for mark, md in zip(MARKS, ("**", "**", "*", "*")):
        line = line.replace(mark, md)
    return plain(line)


def test_golden_tiktok_captions(tiktok_fit):
    """tests/unit/golden/captions_fr_tiktok.txt: the same, measured in pixels with the tiktok
    caption font (a line is at most 766 px of Inter Bold 56 px), with Markdown read. Reviewed by
    eye on rendered frames (docs/img/captions-golden.png)."""
    blocks = [b for b in TIKTOK_CORPUS.read_text("utf-8").split("\n\n") if b.strip()]
    texts = [b.splitlines()[0][2:] for b in blocks]
    layout = lambda t: "\n".join(" / ".join(_show(l) for l in e) for e in close_events(  # noqa: E731
        segment(typeset(inline(t)[0], "fr"), 32, 2, "fr", tiktok_fit)))
    got = "\n\n".join(f"> {t}\n{layout(t)}" for t in texts) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        TIKTOK_CORPUS.write_text(got, "utf-8")
    assert got == TIKTOK_CORPUS.read_text("utf-8")


def test_no_break_between_function_word_and_its_word():
    events = segment("Je faisais semblant de ne pas entendre. Je rasais les murs.", 32, 2, "fr")
    lines = [l for e in events for l in e]
    assert not any(l.split(" ")[-1].lower() in ("le", "la", "les", "je", "ne", "pas", "de") for l in lines)


# --- timing ----------------------------------------------------------------------------------

def test_voice_regions_time_the_captions(tmp_path):
    story = parse_story("---\nlang: fr\n---\nUn.\n\n![voix](v.m4a)\n" + "Une phrase assez longue pour deux lignes. " * 3
                        + "\n\nFin.\n", tmp_path / "s.md")
    voice = VoiceTrack(9.0, ((1.0, 4.0), (5.0, 8.5)))
    tl = build_timeline(story, TIMING, 30, 6.0, LIMITS["tiktok"], voices={1: voice})
    beat = tl.beats[1]
    assert beat.frames >= 9.0 * 30  # a beat lasts at least its own voice
    mine = [e for e in tl.events if e.beat == 1]
    assert mine[0].start == beat.start + 30  # the first caption waits for the first word
    assert all(e.speech_start is not None for e in mine)
    assert check(cues(tl), caption_rules(TIMING, LIMITS["tiktok"], 30, "fr")) == []


def test_story_voice_places_the_beats(tmp_path):
    story = parse_story("Premier moment.\n\nDeuxième moment, un peu plus long.\n", tmp_path / "s.md")
    voice = VoiceTrack(20.0, ((0.5, 3.0), (10.0, 14.0)))
    tl = build_timeline(story, TIMING, 30, 6.0, LIMITS["tiktok"], story_voice=voice)
    # derived by hand: the second beat starts where its first word is spoken. Its first character
    # is character 16 of 51 ("Premier moment. " + "Deuxième moment, un peu plus long."), the voice
    # speaks 2.5 + 4.0 = 6.5 s, so 16/51 x 6.5 = 2.039 s of speech in: 0.5 + 2.039 = 2.539 s, in the
    # first region; frame 76 at 30 fps is 2.533 s
    assert tl.beats[1].start / 30 == pytest.approx(2.539, abs=0.05)
    assert tl.beats[-1].end >= 20 * 30 - 1
    assert check(cues(tl), caption_rules(TIMING, LIMITS["tiktok"], 30, "fr")) == []


def test_explicit_duration_wins_and_too_short_is_an_error(tmp_path):
    story = parse_story("[duration: 6.5 s]\nCourt.\n\nSuite.\n", tmp_path / "s.md")
    tl = build_timeline(story, TIMING, 30, 6.0, LIMITS["tiktok"], voices={0: VoiceTrack(9.0, ())})
    assert tl.beats[0].frames == 195
    story = parse_story("Un.\n\n[durée : 1 s]\n" + "Beaucoup trop de texte pour une seconde. " * 2, tmp_path / "s.md")
    with pytest.raises(StoryError) as e:
        build_timeline(story, TIMING, 30, 6.0, LIMITS["tiktok"])
    assert e.value.line == 4 and "too short" in e.value.message


# --- story syntax ----------------------------------------------------------------------------

def test_voice_lines_duration_lines_and_dialogue(tmp_path):
    story = parse_story("![photo](a.jpg)\n\n![voix](media/voix-2.m4a)\n\n[durée : 4,5 s]\n- Ça va ?\n- Oui.\n"
                        "Et toi ?\n\n[rires] et {x}: [duration 3 s] restent du texte.\n\n[Voix](<v 2.wav>)\nFin.\n",
                        tmp_path / "s.md")
    a, b, c = story.beats
    assert a.voice == (tmp_path / "media" / "voix-2.m4a").resolve() and a.duration_s == 4.5
    assert a.text == "- Ça va ?\n- Oui. Et toi ?" and a.background.path.name == "a.jpg"
    assert b.text == "[rires] et {x}: [duration 3 s] restent du texte." and b.voice is None
    assert c.voice == (tmp_path / "v 2.wav").resolve()


@pytest.mark.parametrize("body, line, words", [
    ("Un.\n\n[duration: vite]\nDeux.\n", 3, "bad duration"),
    ("[duration: 0 s]\nDeux.\n", 1, "bad duration"),
    ("[duration: 2 s]\n[durée : 3 s]\nDeux.\n", 2, "two durations"),
    ("Un.\n\n![v](a.mp3)\n![v](b.mp3)\n\nDeux.\n", 4, "two voice-overs"),
    ("Un.\n\n![v](a.mp3)\n", 3, "belongs to no beat"),
])
def test_story_syntax_errors_name_the_line(tmp_path, body, line, words):
    with pytest.raises(StoryError) as e:
        parse_story(body, tmp_path / "s.md")
    assert e.value.line == line and words in e.value.message


# --- styles ----------------------------------------------------------------------------------

def test_low_contrast_style_is_refused_naming_the_file_and_field(tmp_path, monkeypatch):
    brands = tmp_path / "user" / "brands"
    brands.mkdir(parents=True)
    shipped = (CATALOG.data / "presets" / "brands" / "createkindness-fr.toml").read_text("utf-8")
    logo = (CATALOG.data / "assets" / "brands" / "createkindness-fr" / "logo.png").as_posix()
    kit = shipped.replace('"../../assets/brands/createkindness-fr/logo.png"', f'"{logo}"')
    kit = kit.replace('band_opacity = 0.68', 'band_opacity = 0.25')
    (brands / "grey.toml").write_text(kit, "utf-8")
    monkeypatch.setenv("STUDIO_USER_DIR", str(tmp_path / "user"))
    story = tmp_path / "s.md"
    story.write_text("---\nbrand: grey\ncaption_style: band\n---\nBonjour.\n", "utf-8")
    with pytest.raises(PresetError) as e:
        load_project(story, "tiktok", catalog=Catalog())
    assert e.value.file.endswith("grey.toml") and e.value.field == "caption.band_color"
    assert "4.5:1" in e.value.message


def test_unknown_caption_style_suggests_one(tmp_path):
    story = tmp_path / "s.md"
    story.write_text("---\ncaption_style: karaoké\n---\nBonjour.\n", "utf-8")
    with pytest.raises(StoryError) as e:
        load_project(story, "tiktok")
    assert e.value.line == 2 and e.value.hint == "did you mean 'karaoke'?"


# --- the checker catches what it should ------------------------------------------------------

def test_checker_flags_every_rule():
    rules = caption_rules(TIMING, LIMITS["tiktok"], 30, "fr")
    bad = [
        Cue(0.0, 0.5, ("Court",)),                                       # min-duration
        Cue(0.52, 8.0, ("x" * 40, "b", "c")),                            # chars, lines, max-duration, gap
        Cue(8.3, 9.3, ("Beaucoup trop de mots pour une", "seule seconde ici, vraiment ?")),  # cps, gap, typo
        Cue(10.0, 11.5, ("l'école",), speech_s=13.5),                    # apostrophe, sync
        Cue(11.5 + 2 / 30, 13.6, (f"{NNB}Bonjour", "")),               # no-break-space, empty-line
    ]
    found = sorted((p.event, p.rule) for p in check(bad, rules))
    assert found == sorted({(1, "min-duration"), (2, "chars-per-line"), (2, "max-lines"), (2, "max-duration"),
                            (2, "min-gap"), (3, "reading-speed"), (3, "unclosed-gap"), (3, "french-typography"),
                            (4, "french-typography"), (4, "speech-sync"), (5, "no-break-space"), (5, "empty-line")})
    assert check([Cue(0.0, 2.0, (f"Ça va{NNB}?",))], rules) == []


def test_an_imported_srt_times_the_story(tmp_path):
    from studio.core.captions.srt_import import srt_regions
    srt = "1\n00:00:02,000 --> 00:00:04,500\nUn.\n\n2\n00:00:09,000 --> 00:00:12,000\nDeux.\n"
    regions = srt_regions(srt, "t.srt")
    assert regions == ((2.0, 4.5), (9.0, 12.0))
    story = parse_story("Premier moment du récit.\n\nLe second moment du récit.\n", tmp_path / "s.md")
    tl = build_timeline(story, TIMING, 30, 6.0, LIMITS["tiktok"], story_voice=VoiceTrack(12.0, regions))
    assert tl.events[0].start == 60 and tl.beats[1].start / 30 == pytest.approx(9.0, abs=0.3)
    with pytest.raises(StoryError) as e:
        srt_regions("1\n00:00:02 --> 00:00:04\n", "t.srt")
    assert e.value.line == 2
