"""The one render path: plan (validate) -> prepare images -> one ffmpeg graph -> run -> outputs.

GUI, CLI and batch all call `render(job, on_progress, cancel)`; a preview is the same render
with the `preview` preset. The instant preview (`Preview`: any frame, playback) composes the
same prepared pieces by the same timeline, and serves `render_frame`."""

from .api import RenderJob, RenderResult, render
from .plan import Plan, make_plan
from .playback import Playback
from .preview import Preview, render_frame
from .runner import Progress

__all__ = ["Plan", "Playback", "Preview", "Progress", "RenderJob", "RenderResult", "make_plan", "render",
           "render_frame"]
