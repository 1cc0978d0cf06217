"""Independent checks of a finished MP4 against its preset (and, when given, its story): format,
loudness, captions, flashes, helpline, consent and care. Reads the file itself, never the render's
settings; never imports studio.render. Entry point: `check(video, preset, story=None)`."""

from .model import Report, RuleResult, Status
from .preflight import preflight
from .report import write_report
from .run import check, check_project

__all__ = ["Report", "RuleResult", "Status", "check", "check_project", "preflight", "write_report"]
