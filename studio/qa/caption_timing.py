"""Caption timing rules (docs/standards.md §4) on the caption events, a story's timeline or an
SRT/VTT file: reading speed, line length and count, durations, gaps and style, judged by the
readability checker the render follows (studio.core.captions). No frame is read here, so
`studio validate` runs the same rules before rendering (qa/preflight.py)."""

from __future__ import annotations

from ..core.captions import Cue, Problem, Rules, check, chars
from ..core.i18n import _
from ..core.project import Project
from ..core.timeline import caption_rules
from .model import RuleResult, Status

# the readability checker's rules, as the QA's rule ids; a fail holds a video back, a warn does not
RULE_IDS: dict[str, tuple[str, Status]] = {
    "reading-speed": ("captions.cps", "fail"), "chars-per-line": ("captions.cpl", "fail"),
    "max-lines": ("captions.lines", "fail"), "min-gap": ("captions.gap", "fail"),
    "min-duration": ("captions.duration", "warn"), "max-duration": ("captions.duration", "warn"),
}
STYLE = "captions.style"  # typography, empty lines, unclosed gaps, speech sync: style guidance (warn)


def rules_for(project: Project, fps: float) -> Rules:
    """The rules the render follows for this project, at the file's frame rate."""
    p = project.preset
    return caption_rules(project.look.timing, p.captions, round(fps) if abs(fps - round(fps)) < 1e-3 else fps,
                         project.story.meta.lang)


def timing_rules(cues: list[Cue], rules: Rules) -> list[RuleResult]:
    """captions.cps, .cpl, .lines, .duration, .gap and .style from the readability checker."""
    found: dict[str, list[Problem]] = {}
    for p in check(cues, rules):
        found.setdefault(RULE_IDS.get(p.rule, (STYLE, "warn"))[0], []).append(p)
    durs = [c.end_s - c.start_s for c in cues]
    cps = max(chars(c.lines) / max(d, 1e-3) for c, d in zip(cues, durs))
    cpl = max((len(line) for c in cues for line in c.lines), default=0)
    nl = max(len(c.lines) for c in cues)
    gaps = [b.start_s - a.end_s for a, b in zip(cues, cues[1:])]
    passing = {
        "captions.cps": (_("reading speed at most {cps:.1f} characters per second", cps=cps), round(cps, 2),
                         _("≤ {cps:g} characters per second", cps=rules.cps_max)),
        "captions.cpl": (_("lines of at most {n} characters", n=cpl), cpl, _("≤ {n} characters", n=rules.max_chars)),
        "captions.lines": (_("at most {n} lines per caption", n=nl), nl, _("≤ {n} lines", n=rules.max_lines)),
        "captions.duration": (_("every caption stays {low:.2f}-{high:.2f} s", low=min(durs), high=max(durs)),
                              [round(min(durs), 3), round(max(durs), 3)],
                              _("{low:g}-{high:g} s", low=rules.min_event_s, high=rules.max_event_s)),
        "captions.gap": (_("captions are separated by at least the minimum gap") if gaps else _("a single caption"),
                         round(min(gaps), 3) if gaps else None, _("≥ {ms:.0f} ms", ms=rules.min_gap_s * 1000)),
        STYLE: (_("typography and gaps as the style guide asks"), None, None),
    }
    headline = {"captions.cps": _("too fast to read"), "captions.cpl": _("lines too long"),
                "captions.lines": _("too many lines"), "captions.duration": _("on screen too briefly or too long"),
                "captions.gap": _("too close to the previous caption"), STYLE: _("against the style guide")}
    out = []
    for rule_id, (message, measured, limit) in passing.items():
        problems = found.get(rule_id)
        if not problems:
            out.append(RuleResult(rule_id, "pass", message, measured, limit))
            continue
        status: Status = "fail" if any(RULE_IDS.get(p.rule, (STYLE, "warn"))[1] == "fail" for p in problems) else "warn"
        first = problems[0]
        events = sorted({p.event for p in problems})
        out.append(RuleResult(rule_id, status, _("{n} caption(s) {what}: caption {event} at {seconds:.2f} s, {problem}",
                                                 n=len(events), what=headline[rule_id], event=first.event,
                                                 seconds=first.time_s, problem=first.message), measured, limit,
                              tuple(sorted({p.time_s for p in problems}))))
    return out
