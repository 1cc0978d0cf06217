"""Responsibility rules: the consent of the person whose story it is, and the care a story about
suicide or self-harm needs (the 3114 line on the end card). Read from the story, not the file."""

from __future__ import annotations

from ..core.care import CareTexts, self_harm_mentions
from ..core.project import Project
from .model import RuleResult


def consent_rule(project: Project | None) -> RuleResult:
    if project is None:
        return RuleResult("care.consent", "warn", "no story given: consent cannot be verified", None, "given: true")
    c = project.story.meta.consent
    if project.story.meta.is_draft:
        return RuleResult("care.consent", "fail",
                          "no recorded consent: the video is a watermarked draft, not publishable; once the person "
                          "has agreed, write consent: {given: true, by: \"Name\", date: 2026-05-12} in the front matter",
                          False, "given: true")
    who = f" by {c.by}" if c.by else ""
    when = f" on {c.date}" if c.date else ""
    return RuleResult("care.consent", "pass", f"consent given{who}{when}", True, "given: true")


def self_harm_rule(project: Project, care: CareTexts) -> RuleResult:
    found = self_harm_mentions(project.story, care)
    if not found:
        return RuleResult("care.self_harm", "pass", "the story does not mention suicide or self-harm", None, None)
    card = project.endcard
    on_card = any(care.helpline in (x or "") for x in (card.headline, card.number, card.body, card.footer))
    where = ", ".join(f"'{m.word}' line {m.line}" for m in found[:3])
    if on_card:
        return RuleResult("care.self_harm", "pass", f"mentions suicide or self-harm ({where}); "
                          f"the end card shows {care.helpline}", where, care.helpline)
    return RuleResult("care.self_harm", "warn", f"{care.self_harm_message} ({where}); {care.self_harm_hint}",
                      where, f"{care.helpline} on the end card")


def endcard_fields_rule(project: Project) -> RuleResult:
    """The end card needs a headline and a helpline number (the brand kit's variant, or the story's
    `endcard:` fields): a card without them sends nobody anywhere."""
    card = project.endcard
    missing = [k for k in ("headline", "number") if not (getattr(card, k) or "").strip()]
    if missing:
        return RuleResult("helpline.fields", "fail",
                          f"the end card has no {' and no '.join(missing)}: give it in the story's `endcard:` "
                          "or choose a variant of the brand kit that has one", ", ".join(missing), "headline, number")
    return RuleResult("helpline.fields", "pass", f"end card: '{card.headline}' · {card.number}", card.number,
                      "headline, number")
