"""A job is plain data: one story x one preset x its overrides. Picklable, so it can travel to a
Dask worker; equal jobs are the same job (the engine cancels and de-duplicates by equality)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import StudioError


@dataclass(frozen=True)
class Job:
    story: Path
    preset: str
    out_dir: Path
    brand: str | None = None
    endcard: str | None = None        # end-card variant, e.g. "3018"
    caption_style: str | None = None  # a caption style of the brand kit
    name: str | None = None           # output file stem; default "<story>.<preset>"

    @property
    def id(self) -> str:
        """Stable and unique within a batch: the output stem ("lea.tiktok", or the name)."""
        return self.name or f"{Path(self.story).stem}.{self.preset}"

    def overrides(self) -> dict[str, Any]:
        """The job's own layer of the look (the last one merged, winning over the story)."""
        out: dict[str, Any] = {}
        if self.endcard:
            out["endcard"] = {"variant": str(self.endcard)}
        if self.caption_style:
            out["caption_style"] = self.caption_style
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "story": str(self.story), "preset": self.preset, "out_dir": str(self.out_dir),
                "brand": self.brand, "endcard": self.endcard, "caption_style": self.caption_style,
                "name": self.name}


class JobFailed(StudioError):
    """A job ended without a typed error of its own (a bug, a worker that died too often)."""

    exit_code = 1
