"""The post beside each export, ready to paste into the platform: a title, a description (the
front matter's `post:`, else the first beat), the hashtags (the campaign's and the brand kit's) and
the helpline line the end card gives, each within the platform's limits (the preset's `[post]`).
In the story's language, like the video's own text: it is published with the video."""

from __future__ import annotations

import re

from .captions.emphasis import strip_marks
from .project import Project


def _cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word with "…" when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)].rsplit(" ", 1)[0].rstrip(" ,;:.!?—-")
    return cut + "…"


def hashtags(project: Project) -> list[str]:
    """The campaign's hashtag first, then the brand kit's; each once, at most the platform's count."""
    tags = [project.look.hashtag, *project.brand.hashtags]
    seen: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip()
        if tag and not tag.startswith("#"):
            tag = "#" + tag
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())[: project.preset.post.max_hashtags]


def helpline(project: Project) -> list[str]:
    """The line the end card's variant gives for posts (the brand kit's `post`), and any other
    helpline its footer names (3114 for a story about suicide)."""
    card = project.endcard
    lines = [card.post or f"{card.headline} {card.body or ''}".strip()]
    if card.footer and re.search(r"\b\d{3,4}\b", card.footer) and card.number not in card.footer:
        lines.append(card.footer)
    return lines


def post_text(project: Project) -> str:
    """The post: title, blank line, description, blank line, helpline line(s), blank line, hashtags."""
    limits, story = project.preset.post, project.story
    title = _cut(story.title, limits.max_title_chars)
    tags = " ".join(hashtags(project))
    help_lines = helpline(project)
    description = story.meta.post or strip_marks(story.beats[0].text.replace("\n", " "))
    fixed = len(title) + len(tags) + sum(len(h) + 1 for h in help_lines) + 6  # the blank lines between
    description = _cut(description, max(0, limits.max_chars - fixed))
    parts = [title, description, "\n".join(help_lines), tags]
    return "\n\n".join(p for p in parts if p) + "\n"
