"""The verdict before rendering: every rule a story can be judged by without the finished file
(consent, caption readability, care words, the end card's fields), by the same functions the QA
of the rendered file runs, so `studio validate` predicts the verdict `studio render` gives unless
the encoding itself breaks a rule (format, loudness, flashes, what the frames show)."""

from __future__ import annotations

from ..core.care import project_care
from ..core.project import Project
from ..core.timeline import Timeline, cues
from .caption_timing import rules_for, timing_rules
from .care import consent_rule, endcard_fields_rule, self_harm_rule
from .model import Report, RuleResult


def preflight(project: Project, timeline: Timeline) -> Report:
    results: list[RuleResult] = []
    events = cues(timeline)
    if events:
        results += timing_rules(events, rules_for(project, float(timeline.fps)))
    results.append(consent_rule(project))
    results.append(self_harm_rule(project, project_care(project)))
    results.append(endcard_fields_rule(project))
    return Report(video="", preset=project.preset.name, results=tuple(results), story=str(project.story.path),
                  lang=project.story.meta.lang)
