"""The one render path: plan (validate) -> prepare images -> one ffmpeg graph -> run -> outputs.

GUI, CLI and batch all call `render(job, on_progress, cancel)`; a preview is the same render
with the `preview` preset, and `render_frame` is the same graph stopped at one frame."""

from .api import RenderJob, RenderResult, render, render_frame
from .plan import Plan, make_plan
from .runner import Progress

__all__ = ["Plan", "Progress", "RenderJob", "RenderResult", "make_plan", "render", "render_frame"]
