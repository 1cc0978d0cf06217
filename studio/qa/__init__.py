"""Independent checks of a finished MP4 against its preset (and, when given, its story): format,
loudness, captions, flashes, helpline, consent and care. Reads the file itself, never the render's
settings; never imports studio.render. Entry point: `check(video, preset, story=None)`."""

from .model import Report, RuleResult, Status

__all__ = ["Report", "RuleResult", "Status", "check", "check_project", "write_report"]

# (`preflight` is imported from studio.qa.preflight: a lazy name would be shadowed by its module)
_LAZY = {"check": "run", "check_project": "run", "write_report": "report"}


def __getattr__(name: str):
    """The rules (and numpy and OpenCV with them) load on first use: a shell that only names a
    Report, such as the batch at CLI start-up, does not pay for them."""
    if name in _LAZY:
        from importlib import import_module
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
