"""`render_frame`, the engine's one-frame call, served by a Preview kept per story and preset, so
a loop of calls (new Projects from an edited story included) redraws only what changed."""

from __future__ import annotations

import threading
from collections import OrderedDict

from PIL import Image

from ..core.project import Project
from .preview import Preview

_SHARED: OrderedDict[tuple, Preview] = OrderedDict()
_SHARED_LOCK = threading.Lock()
_SHARED_MAX = 4


def render_frame(project: Project, t: float) -> Image.Image:
    """The frame at `t` seconds at the project's canvas size, as the export shows it. A Preview
    kept per story and preset serves it, so a loop of calls (new Projects from an edited story
    included) redraws only what changed."""
    c = project.preset.canvas
    key = (str(project.story.path), project.preset.name, c.width, c.height)
    with _SHARED_LOCK:
        preview = _SHARED.pop(key, None)
        if preview is None:
            preview = Preview(project, (c.width, c.height))
        else:
            try:
                preview.update(project)
            except BaseException:
                preview.close()
                raise
        _SHARED[key] = preview
        while len(_SHARED) > _SHARED_MAX:
            _SHARED.popitem(last=False)[1].close()
        return preview.frame(t, wait=True)
