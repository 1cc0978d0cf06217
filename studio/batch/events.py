"""What the engine tells its listeners (the CLI's display, the GUI's render queue)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import StudioError
from ..render import RenderResult
from .jobs import Job

KINDS = ("queued", "waiting", "started", "progress", "finished", "failed", "cancelled", "skipped")
ENDED = frozenset({"finished", "failed", "cancelled", "skipped"})


@dataclass(frozen=True)
class JobEvent:
    job: Job
    kind: str                            # one of KINDS
    fraction: float = 0.0                # progress 0..1
    eta_s: float | None = None           # time left
    result: RenderResult | None = None   # on "finished" (and "skipped": the outputs kept from before)
    error: StudioError | None = None     # on "failed"
    elapsed_s: float = 0.0
    note: str | None = None              # on "waiting": for whom and why

    @property
    def ended(self) -> bool:
        return self.kind in ENDED

    def to_dict(self) -> dict[str, Any]:
        """One JSON-ready record (`studio batch --json` prints one per line)."""
        out: dict[str, Any] = {"event": self.kind, "job": self.job.id, "story": str(self.job.story),
                               "preset": self.job.preset, "elapsed_s": round(self.elapsed_s, 3)}
        if self.kind == "progress":
            out["fraction"] = round(self.fraction, 4)
            out["eta_s"] = None if self.eta_s is None else round(self.eta_s, 1)
        if self.note is not None:
            out["note"] = str(self.note)
        if self.result is not None:
            out["result"] = self.result.to_dict()
        if self.error is not None:
            out["error"] = self.error.to_dict()
            if getattr(self.error, "stderr_tail", ""):
                out["error"]["stderr_tail"] = self.error.stderr_tail
        return out
