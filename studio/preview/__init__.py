"""The instant preview: any frame of a story in a fraction of a second, playback from any time,
and `render_frame`, the engine's one-frame call. It composes the render's own prepared pieces
(studio.render.prepare, studio.media.layers) by the render's timeline, and runs the short graphs
studio.render.preview_graphs builds; it is a layer above the render, beside the batch, so the CLI
and the render never load it (nor numpy with it)."""

from .playback import Playback
from .preview import Preview
from .shared import render_frame

__all__ = ["Playback", "Preview", "render_frame"]
