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
    if not c.given:
        return RuleResult("care.consent", "fail",
                          "no recorded consent (consent.given is not true): a draft, not publishable",
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
