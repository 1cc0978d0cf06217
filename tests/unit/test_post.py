"""The post beside each export: title, text, helpline line and hashtags, within each platform's
limits written in the presets."""

from __future__ import annotations

from studio.core.post import post_text
from studio.core.project import load_project


def _story(tmp_path, front: str, body: str = "Chaque matin, je baissais les yeux dans le couloir.") -> object:
    path = tmp_path / "couloir.md"
    path.write_text(f"---\n{front}---\n\n{body}\n\nUn jour, j’ai parlé à ma prof.\n", "utf-8")
    return path


def test_the_post_has_title_text_helpline_and_hashtags(tmp_path):
    post = post_text(load_project(_story(tmp_path, "title: Le couloir\n"), "tiktok"))
    assert post == ("Le couloir\n\nChaque matin, je baissais les yeux dans le couloir.\n\n"
                    "Besoin d’aide\u202f? Appelle le 3020, gratuit et anonyme.\n\n#CreateKindness #NonAuHarcèlement\n")


def test_the_post_text_3018_and_3114_as_the_end_card_says(tmp_path):
    front = ("title: Le couloir\npost: \"Léa raconte ce qui a changé quand elle en a parlé.\"\n"
             "endcard: {variant: \"3018\", footer: \"Idées suicidaires\u00a0? Appelle le 3114, 24\u00a0h/24\"}\n")
    post = post_text(load_project(_story(tmp_path, front), "reels"))
    lines = post.splitlines()
    assert lines[2] == "Léa raconte ce qui a changé quand elle en a parlé."
    assert "3018" in lines[4] and "3018.fr" in lines[4] and lines[5] == "Idées suicidaires\u00a0? Appelle le 3114, 24\u00a0h/24"
    assert lines[-1] == "#CreateKindness #NonAuHarcèlement"


def test_the_post_keeps_within_each_platform_limits(tmp_path):
    long_title = "Un titre " * 20  # 180 characters
    body = "Une phrase qui revient encore et encore dans cette histoire. " * 100  # 6000 characters
    story = _story(tmp_path, f"title: \"{long_title.strip()}\"\nhashtag: \"#Solidarité\"\n", body)
    shorts = post_text(load_project(story, "shorts"))
    title = shorts.splitlines()[0]
    assert len(title) <= 100 and title.endswith("…") and len(shorts.rstrip("\n")) <= 5000
    reels = post_text(load_project(story, "reels"))
    assert len(reels.rstrip("\n")) <= 2200 and "Appelle le 3020" in reels  # the text is cut, never the helpline
    assert reels.splitlines()[-1] == "#Solidarité #NonAuHarcèlement"
