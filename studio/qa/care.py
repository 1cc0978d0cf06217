"""Responsibility rules: the consent of the person whose story it is, and the care a story about
suicide or self-harm needs (the 3114 line on the end card). Read from the story, not the file."""

from __future__ import annotations

from ..core.care import CareTexts, self_harm_mentions
from ..core.project import Project
from ..core.i18n import _
from .model import RuleResult


def consent_rule(project: Project | None) -> RuleResult:
    if project is None:
        return RuleResult("care.consent", "warn", _("no story given: consent cannot be verified"), None, "given: true")
    c = project.story.meta.consent
    if project.story.meta.is_draft:
        return RuleResult("care.consent", "fail",
                          _("no recorded consent: the video is a watermarked draft, not publishable; once the person "
                              "has agreed, write consent: {given: true, by: \"Name\", date: 2026-05-12} in the front matter"),
                          False, "given: true")
    message = (_("consent given by {by} on {date}", by=c.by, date=c.date) if c.by and c.date else
               _("consent given by {by}", by=c.by) if c.by else _("consent given on {date}", date=c.date) if c.date
               else _("consent given"))
    return RuleResult("care.consent", "pass", message, True, "given: true")


def self_harm_rule(project: Project, care: CareTexts) -> RuleResult:
    found = self_harm_mentions(project.story, care)
    if not found:
        return RuleResult("care.self_harm", "pass", _("the story does not mention suicide or self-harm"), None, None)
    card = project.endcard
    on_card = any(care.helpline in (x or "") for x in (card.headline, card.number, card.body, card.footer))
    where = ", ".join(str(_("'{word}' line {line}", word=m.word, line=m.line)) for m in found[:3])
    if on_card:
        return RuleResult("care.self_harm", "pass", _("mentions suicide or self-harm ({where}); "
                          "the end card shows {helpline}", where=where, helpline=care.helpline), where, care.helpline)
    return RuleResult("care.self_harm", "warn", f"{care.self_harm_message} ({where}); {care.self_harm_hint}",
                      where, _("{helpline} on the end card", helpline=care.helpline))


def endcard_fields_rule(project: Project) -> RuleResult:
    """The end card needs a headline and a helpline number (the brand kit's variant, or the story's
    `endcard:` fields): a card without them sends nobody anywhere."""
    card = project.endcard
    missing = [k for k in ("headline", "number") if not (getattr(card, k) or "").strip()]
    if missing:
        names = {"headline": _("headline"), "number": _("helpline number")}
        return RuleResult("helpline.fields", "fail",
                          _("the end card has no {fields}: give it in the story's `endcard:` "
                            "or choose a variant of the brand kit that has one",
                            fields=str(_(" and no ")).join(str(names[k]) for k in missing)),
                          ", ".join(missing), _("headline, number"))
    return RuleResult("helpline.fields", "pass", _("end card: '{headline}' · {number}", headline=card.headline,
                                                   number=card.number), card.number, _("headline, number"))
