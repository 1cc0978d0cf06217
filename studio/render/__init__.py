"""The one render path: plan (validate) -> prepare images -> one ffmpeg graph -> run -> outputs.

GUI, CLI and batch all call `render(job, on_progress, cancel)`; a preview is the same render
with the `preview` preset. The instant preview (`Preview`: any frame, playback) composes the
same prepared pieces by the same timeline, and serves `render_frame`."""

from .api import RenderJob, RenderResult, render
from .plan import Plan, make_plan
from .runner import Progress

__all__ = ["Plan", "Playback", "Preview", "Progress", "RenderJob", "RenderResult", "make_plan", "render",
           "render_frame"]


def __getattr__(name: str):
    """The instant preview (and numpy with it) is loaded on first use: the CLI starts without it."""
    if name == "Playback":
        from .playback import Playback
        return Playback
    if name in ("Preview", "render_frame"):
        from . import preview
        return getattr(preview, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
