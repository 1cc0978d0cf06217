"""Every error message in the editor's words: what is wrong and what to do, a did-you-mean
for a misspelt key at any depth, never pydantic's or Python's own wording."""

from __future__ import annotations

import pytest

from studio.core.catalog import Catalog
from studio.core.errors import PresetError, StoryError
from studio.core.project import load_project
from studio.core.story import parse_story
from studio.qa.model import Report, RuleResult
from studio.qa.report import report_html

RAW = ("Extra inputs are not permitted", "Input should be", "[Errno", "Traceback")


def _story(tmp_path, front: str):
    path = tmp_path / "s.md"
    path.write_text(f"---\ntitle: t\n{front}---\n\nUn beat.\n", encoding="utf-8")
    return path


def _plain(e: Exception) -> str:
    text = str(e)
    assert not any(raw in text for raw in RAW), text
    return text


def test_a_misspelt_key_inside_consent_gets_a_did_you_mean(tmp_path):
    with pytest.raises(StoryError) as e:
        parse_story(_story(tmp_path, "consent: {given: true, bye: Léa}\n").read_text(), tmp_path / "s.md")
    assert e.value.message == "unknown key 'bye' in 'consent'"
    assert e.value.hint == "did you mean 'by'?" and e.value.line == 3 and e.value.field == "consent.bye"
    _plain(e.value)


def test_a_yes_no_that_is_neither(tmp_path):
    with pytest.raises(StoryError) as e:
        parse_story(_story(tmp_path, "consent: {given: peut-être}\n").read_text(), tmp_path / "s.md")
    assert "'consent.given' must be true or false" in _plain(e.value) and "given: true" in e.value.hint


def test_a_misspelt_key_deep_in_a_look_or_a_preset(tmp_path):
    with pytest.raises(StoryError) as e:
        load_project(_story(tmp_path, "endcard: {numbr: '3114'}\n"), "tiktok")
    assert "unknown key 'numbr' in 'endcard'" in _plain(e.value) and e.value.hint == "did you mean 'number'?"
    user = tmp_path / "user"
    (user / "presets").mkdir(parents=True)
    (user / "presets" / "mine.toml").write_text('extends = "tiktok"\ndescription = "x"\n[qa]\nmax_gop = 2.0\n')
    with pytest.raises(PresetError) as e:
        Catalog(user=user).preset("mine")
    assert "unknown key 'max_gop' in 'qa'" in _plain(e.value) and e.value.hint == "did you mean 'max_gop_s'?"


def test_an_end_card_too_short_says_the_minimum_and_how(tmp_path):
    with pytest.raises(StoryError) as e:
        load_project(_story(tmp_path, "endcard: {duration_s: 2}\n"), "tiktok")
    text = _plain(e.value)
    assert e.value.message == "'endcard.duration_s' is 2: it must be at least 5" and e.value.line == 3
    assert "invalid style value" not in text and e.value.hint.endswith("write duration_s: 5 or more")


def _report(lang: str) -> Report:
    return Report(video="/x/lea.tiktok.mp4", preset="tiktok", lang=lang,
                  consent={"given": True, "by": "Léa et sa mère", "date": "2026-05-12"},
                  results=(RuleResult("care.consent", "pass", "consent given", True, "given: true"),
                           RuleResult("format.faststart", "fail", "moov after mdat", False, None)))


def test_the_html_report_speaks_its_reader_language():
    from studio.core import i18n
    from studio.core.i18n import _

    report = Report(video="/x/lea.tiktok.mp4", preset="tiktok", lang="fr",
                    consent={"given": True, "by": "Léa et sa mère", "date": "2026-05-12"},
                    results=(RuleResult("care.consent", "pass", _("consent given"), True, "given: true"),
                             RuleResult("format.faststart", "fail", _("the moov atom is after the media data: remux "
                                                                      "with -movflags +faststart"), False, None),
                             RuleResult("format.bitrate", "pass", _("peak {rate:.1f} Mbit/s over 1 s", rate=9.46),
                                        9.46, _("≤ {rate:g} Mbit/s over any 1 s", rate=25.0))))
    i18n.set_language("fr")
    try:
        fr = report_html(report)
    finally:
        i18n.set_language("en")
    assert '<html lang="fr">' in fr and "Consentement\u00a0: donné par Léa et sa mère, le 12 mai 2026" in fr
    assert "non publiable" in fr and "Règles" in fr and "Lecture rapide" in fr
    assert "<td>oui</td>" in fr and "<td>non</td>" in fr and ">consentement donné<" in fr
    assert "<td>9,46\u00a0Mbit/s</td><td>≤ 25 Mbit/s sur toute seconde</td>" in fr  # units, decimal comma
    assert ">pic de 9,5 Mbit/s sur 1 s<" in fr
    en = report_html(report)
    assert '<html lang="en">' in en and "Consent: given by Léa et sa mère on 12 May 2026" in en
    assert "not publishable" in en and "<td>yes</td>" in en and "<td>9.46\u00a0Mbit/s</td>" in en
    for page in (fr, en):
        assert "True" not in page and "False" not in page and "given: True" not in page
