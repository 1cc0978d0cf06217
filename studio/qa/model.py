"""The QA data model: plain, frozen data any shell can show (the CLI prints it, the desktop app
lists it next to each job, the HTML report draws it). Seconds and plain numbers only."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..core.i18n import Msg, N_, gettext

Status = Literal["pass", "warn", "fail"]
# the verdict's words are data (JSON, the render's result) in English; people read `verdict_text`
VERDICTS = {"pass": N_("publishable"), "warn": N_("publishable with warnings"), "fail": N_("not publishable")}


def verdict_text(verdict_or_status: str) -> str:
    """The verdict in the reader's language, from a status ("fail") or the English words."""
    return gettext(VERDICTS.get(verdict_or_status, verdict_or_status))


def _plain(value: Any) -> Any:
    """A message (Msg) as text, for JSON; anything else as it is."""
    return str(value) if isinstance(value, Msg) else value


@dataclass(frozen=True)
class RuleResult:
    rule: str                      # stable id, e.g. "format.pix_fmt", "flashes.general"
    status: Status
    message: str | Msg             # one sentence for people (translated when shown)
    measured: Any = None           # what the file shows (number, string or None)
    limit: Any = None              # what the preset allows, e.g. "<= 17" or "yuv420p"
    times: tuple[float, ...] = ()  # seconds in the video where it happens (failures first)

    @property
    def group(self) -> str:
        return self.rule.split(".")[0]


@dataclass(frozen=True)
class Report:
    video: str
    preset: str
    results: tuple[RuleResult, ...]
    story: str | None = None
    consent: dict[str, Any] | None = None  # the story's consent details: in the report, never the video
    data: dict[str, Any] = field(default_factory=dict)  # curves and boxes for the HTML page
    elapsed_s: float = 0.0
    lang: str = "en"  # the story's language: the HTML page speaks it (French or English)
    thumbs: tuple[tuple[float, Any], ...] = field(default=(), repr=False, compare=False)  # (s, RGB array): HTML only

    @property
    def status(self) -> Status:
        states = {r.status for r in self.results}
        return "fail" if "fail" in states else "warn" if "warn" in states else "pass"

    @property
    def verdict(self) -> str:
        return VERDICTS[self.status]

    @property
    def verdict_text(self) -> str:
        return verdict_text(self.status)

    @property
    def failures(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == "fail"]

    def rule(self, rule_id: str) -> RuleResult:
        return next(r for r in self.results if r.rule == rule_id)

    def to_dict(self, with_data: bool = True) -> dict[str, Any]:
        out = {"video": self.video, "preset": self.preset, "story": self.story, "status": self.status,
               "verdict": self.verdict, "lang": self.lang, "consent": self.consent, "elapsed_s": round(self.elapsed_s, 3),
               "results": [{**{k: _plain(v) for k, v in asdict(r).items()}, "times": [round(t, 3) for t in r.times]}
                           for r in self.results]}
        if with_data:
            out["data"] = self.data
        return out
