"""Under a French system the CLI speaks French only: broken stories' problems and hints, the
predicted verdict, a story too long for the platform it names (90 s for Reels), the render's lines
and the QA report's words. An English sentence left anywhere in the output fails."""

from __future__ import annotations

import os
import re
import subprocess

from ..conftest import write_story

# words an English sentence cannot do without, and French never uses
ENGLISH = re.compile(r"\b(the|is|not|must|found|and|of|with|would|cannot|this|write|give|use|your|file|missing|"
                     r"unknown|should|line|hint|error|beats|captions|allows|too|preset|did you mean|publishable|"
                     r"rendered|video|warning|predicted|checked)\b", re.I)


def _run(cmd: list[str], tmp_path, lang: str = "fr_FR.UTF-8") -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": lang}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)


def _french(text: str, tmp_path) -> str:
    """The output without its paths (a folder's name is not a sentence), checked for English."""
    plain = text.replace(str(tmp_path), "DOSSIER")
    plain = re.sub(r"\S+\.(md|jpg|mp4|srt|html|json)\b", "FICHIER", plain)
    english = ENGLISH.findall(plain)
    assert not english, f"English in the French output {english}:\n{plain}"
    return plain


BROKEN = {
    "cle.md": "---\ntitre: Le couloir\n---\n\nUn moment.\n",
    "accord.md": "---\ntitle: t\nconsent: {given: peut-être}\n---\n\nUn moment.\n",
    "date.md": "---\ntitle: t\nconsent: {given: true, by: Léa, date: 03/11/2026}\n---\n\nUn moment.\n",
    "note.md": "---\ntitle: t\n---\n\nUn moment. <!-- une note jamais refermée\n",
    "media.md": "---\ntitle: t\n---\n\n![le couloir](media/Couloir.JPG)\n\nUn moment.\n",
    "duree.md": "---\ntitle: t\n---\n\n[durée : 0,5 s]\nUn moment bien trop long pour être lu en une demi-seconde par qui que ce soit.\n",
    "vide.md": "---\ntitle: t\n---\n",
    "intervalle.md": "---\ntitle: t\n---\n\n![x](media/couloir.jpg#t=8,3)\n\nUn moment.\n",
}


def test_broken_stories_are_explained_in_french_only(tmp_path, studio_cmd):
    (tmp_path / "media").mkdir()
    from PIL import Image
    Image.new("RGB", (64, 64), "gray").save(tmp_path / "media" / "couloir.jpg")
    expected = {"cle.md": "vouliez-vous dire «\u202ftitle\u202f»",
                "accord.md": "«\u202fconsent.given\u202f» doit valoir true (oui) ou false (non)",
                "date.md": "n’est pas écrite sous la forme attendue",
                "note.md": "n’est jamais refermée",
                "media.md": "vouliez-vous dire media/couloir.jpg\u202f?",
                "duree.md": "ce moment est trop court pour être lu",
                "vide.md": "l’histoire n’a pas de texte",
                "intervalle.md": "finit avant de commencer"}
    for name, body in BROKEN.items():
        story = write_story(tmp_path, body, name)
        run = _run([*studio_cmd, "validate", str(story), "-p", "preview"], tmp_path)
        assert run.returncode == 2, (name, run.stdout, run.stderr)
        _french(run.stderr, tmp_path)
        assert "erreur\u00a0:" in run.stderr and "conseil\u00a0:" in run.stderr, (name, run.stderr)
        assert expected[name] in run.stderr, (name, run.stderr)


def test_a_story_too_long_for_reels_names_90_s_in_french(tmp_path, studio_cmd):
    paragraph = "Chaque matin, je passais devant eux dans le couloir et je baissais les yeux sans rien dire. " * 2
    story = write_story(tmp_path, "---\ntitle: Trop long\npresets: [reels]\n---\n\n"
                        + "\n\n".join([paragraph] * 10) + "\n", "long.md")
    run = _run([*studio_cmd, "validate", str(story)], tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    err = _french(run.stderr, tmp_path)
    assert "la vidéo durerait au moins" in err and "le format «\u202freels\u202f» accepte de 3 à 90\u00a0s" in err.replace(
        "90 s", "90\u00a0s"), err
    english = _run([*studio_cmd, "validate", str(story)], tmp_path, lang="C.UTF-8")
    assert "preset 'reels' allows 3-90 s" in english.stderr  # the same message, in English elsewhere


def test_validate_and_render_speak_french_verdicts_included(tmp_path, studio_cmd, tiny_preset):
    story = write_story(tmp_path, "---\ntitle: Le couloir\nconsent: {given: true, by: Léa, date: 2026-05-12}\n---\n\n"
                        "Chaque matin, je baissais les yeux.\n\nUn jour, j’ai parlé à ma prof.\n", "couloir.md")
    run = _run([*studio_cmd, "validate", str(story), "-p", tiny_preset], tmp_path)
    assert run.returncode == 0, run.stderr
    out = _french(run.stdout + run.stderr, tmp_path)
    assert "moments" in out and "contrôle prévu" in out and "publiable" in out
    run = _run([*studio_cmd, "render", str(story), "-p", tiny_preset, "--out", str(tmp_path / "sortie")], tmp_path)
    assert run.returncode == 0, run.stderr
    out = _french(run.stdout + run.stderr, tmp_path)
    assert "exportée en" in out and "Contrôle" in out and ("publiable" in out)
    post = (tmp_path / "sortie" / f"couloir.{tiny_preset}.post.txt").read_text("utf-8")
    assert post.startswith("Le couloir\n\nChaque matin, je baissais les yeux.\n\n")
    assert "Appelle le 3020" in post and post.endswith("#CreateKindness #NonAuHarcèlement\n")
    html = next((tmp_path / "sortie").glob("*.qa.html")).read_text("utf-8")
    assert '<html lang="fr">' in html and "Rapport de contrôle" in html
    cells = re.findall(r"<td>([^<]*)</td>", html)  # the measured and limit columns: no English limit
    assert not [c for c in cells if ENGLISH.search(c.replace("given: true", ""))], cells


def test_validate_warns_of_a_web_address_cut_across_captions(tmp_path, studio_cmd):
    long = write_story(tmp_path, "---\ntitle: t\nconsent: {given: true}\n---\n\nPour en parler, va sur "
                       "https://www.e-enfance.org/numero-3018/besoin-d-aide-harcelement-ecole-et-cyberharcelement "
                       "maintenant.\n", "adresse.md")
    run = _run([*studio_cmd, "validate", str(long), "-p", "preview"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert ("l’adresse web https://www.e-enfance.org/numero-3018/besoin-d-aide-harcelement-ecole-et-cyberharcelement "
            "est coupée entre deux sous-titres\u202f; écrivez le domaine seul (www.e-enfance.org)") in run.stderr
    short = write_story(tmp_path, "---\ntitle: t\nconsent: {given: true}\n---\n\nPour en parler, va sur 3018.fr.\n",
                        "court.md")
    run = _run([*studio_cmd, "validate", str(short), "-p", "preview"], tmp_path)
    assert run.returncode == 0 and "adresse web" not in run.stderr, run.stderr
