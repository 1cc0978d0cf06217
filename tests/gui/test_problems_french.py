"""The Problems panel speaks the engine's French (the one catalogue): a broken story's error and
hint, and the platform limit of a preset the story ticks, known before any render."""

from __future__ import annotations

import re

from studio.gui import i18n
from tests.gui.conftest import wait_analysis

ENGLISH = re.compile(r"\b(the|is|not|must|found|and|of|with|would|cannot|this|write|give|use|your|file|missing|"
                     r"unknown|should|line|hint|error|allows|preset|did you mean|publishable|warning)\b", re.I)

HEAD = "---\ntitle: Le couloir\nconsent: {given: true, by: Léa, date: 2026-05-12}\n"
PARAGRAPH = "Chaque matin, je passais devant eux dans le couloir et je baissais les yeux sans rien dire. " * 2


def _texts(w) -> list[str]:
    return [w.problems.item(i).text() for i in range(w.problems.count())]


def test_problems_panel_in_french(qtbot, make_window, story_dir):
    assert i18n.install("fr") == "fr"
    try:
        w = make_window(story_dir / "lea.md")
        w.document.apply_text(HEAD + "titre: Le couloir\n---\n\nUn moment.\n", "test")
        wait_analysis(qtbot, w, lambda a: a.error is not None)
        texts = _texts(w)
        assert texts[0] == ("Ligne 4\u00a0: clé d’en-tête inconnue «\u202ftitre\u202f» — "
                            "vouliez-vous dire «\u202ftitle\u202f»\u202f?"), texts
        assert not ENGLISH.findall(" ".join(texts)), texts

        w.document.apply_text(HEAD + "presets: [tiktok, reels]\n---\n\n" + "\n\n".join([PARAGRAPH] * 10) + "\n", "test")
        a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
        assert a.error is None and a.plan.timeline.duration_s > 90
        texts = _texts(w)
        assert any(t.startswith("Ligne 4\u00a0: la vidéo durerait ") and "«\u202freels\u202f» accepte de 3 à 90\u00a0s"
                   in t.replace("90 s", "90\u00a0s") for t in texts), texts
        assert not any("tiktok" in t for t in texts)  # TikTok takes 10 minutes
        assert not ENGLISH.findall(" ".join(t.replace("tiktok", "") for t in texts)), texts
    finally:
        i18n.install("en")


def test_use_this_frame_as_cover_writes_the_time(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    with qtbot.waitSignal(w.preview.frame_shown, timeout=60_000):
        w.preview.seek(4.25)
    w.cover_action.trigger()
    assert "\ncover: 4.25\n" in w.document.text()
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    assert a.plan.cover_frame == round(4.25 * a.plan.timeline.fps)  # the render's cover is that frame
    w.document.undo_stack.undo()
    assert "cover:" not in w.document.text()


def test_the_end_card_footer_is_a_field_of_the_form(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    labels = [w.form.presets.item(i).text() for i in range(w.form.presets.count())]
    assert "TikTok 9:16" in labels and "tiktok" not in labels  # people see names, the text keeps ids
    line = "Idées suicidaires ? Appelle le 3114, 24 h/24"  # (the editor keeps plain spaces; cards typeset)
    w.form.endcard_footer.setText(line)
    w.form.endcard_footer.editingFinished.emit()
    a = wait_analysis(qtbot, w, lambda a: a.project is not None and a.project.endcard.footer == line)
    assert "footer:" in w.document.text() and a.project.endcard.number == "3020"
    w.form.endcard_footer.setText("")
    w.form.endcard_footer.editingFinished.emit()
    assert "footer" not in w.document.text()


def test_caption_styles_are_offered_by_their_names_and_written_as_ids(qtbot, make_window, story_dir):
    assert i18n.install("fr") == "fr"
    try:
        w = make_window(story_dir / "lea.md")
        assert w.preview.preset.currentText() == "TikTok 9:16" and w.preview.preset_name() == "tiktok"
        combo = w.form.caption_style
        names = [combo.itemText(i) for i in range(combo.count())]
        assert names[1:] == ["Bandeau", "Contour", "Karaoké"], names
        combo.setCurrentIndex(names.index("Contour"))
        combo.activated.emit(combo.currentIndex())
        assert "\ncaption_style: outline\n" in w.document.text()
        w.document.undo_stack.undo()
        assert "caption_style" not in w.document.text()
        assert combo.currentText() == names[0]
    finally:
        i18n.install("en")
