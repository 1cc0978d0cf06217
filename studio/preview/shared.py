"""`render_frame`, the engine's one-frame call, served by a Preview kept per story and preset, so
a loop of calls (new Projects from an edited story included) redraws only what changed.

The registry's lock guards only its dict (look-up, insert, eviction): composing happens outside
it, under the entry's own lock, so one story's frame never waits for another's. An entry evicted
while a caller still uses it is closed by its last caller, never under it."""

from __future__ import annotations

import threading
from collections import OrderedDict

from PIL import Image

from ..core.project import Project
from .preview import Preview

MAX_PREVIEWS = 4  # previews kept (the least recently used is closed beyond that)


class _Entry:
    """One story's Preview; `lock` serialises its callers (a Preview serves one frame at a time)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.preview: Preview | None = None
        self.users = 0        # callers between look-up and return (counted under the registry's lock)
        self.evicted = False  # out of the registry: closed when its last caller is done

    def close(self) -> None:
        with self.lock:
            if self.preview is not None:
                self.preview.close()
                self.preview = None


_entries: OrderedDict[tuple, _Entry] = OrderedDict()
_lock = threading.Lock()


def render_frame(project: Project, t: float) -> Image.Image:
    """The frame at `t` seconds at the project's canvas size, as the export shows it."""
    c = project.preset.canvas
    key = (str(project.story.path), project.preset.name, c.width, c.height)
    with _lock:
        entry = _entries.pop(key, None) or _Entry()
        _entries[key] = entry  # the most recently used last
        entry.users += 1
        idle = []
        while len(_entries) > MAX_PREVIEWS:
            _, old = _entries.popitem(last=False)
            old.evicted = True
            if old.users == 0:
                idle.append(old)
    for old in idle:  # closed outside the registry's lock (no one can reach them any more)
        old.close()
    try:
        with entry.lock:
            if entry.preview is None:
                entry.preview = Preview(project, (c.width, c.height))
            else:
                try:
                    entry.preview.update(project)
                except BaseException:
                    entry.preview.close()
                    entry.preview = None
                    raise
            return entry.preview.frame(t, wait=True)
    finally:
        with _lock:
            entry.users -= 1
            last = entry.evicted and entry.users == 0
        if last:
            entry.close()
