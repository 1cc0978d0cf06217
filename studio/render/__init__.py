"""The one render path: plan (validate) -> prepare images -> one ffmpeg graph -> run -> outputs.

GUI, CLI and batch all call `render(job, on_progress, cancel)`; a preview is the same render
with the `preview` preset. The instant preview (studio.preview: any frame, playback,
`render_frame`) composes the same prepared pieces by the same timeline, from the layer above."""

from .api import RenderJob, RenderResult, render
from .plan import Plan, make_plan
from .runner import Progress

__all__ = ["Plan", "Progress", "RenderJob", "RenderResult", "make_plan", "render"]
