"""One version of a story as the preview shows it: its plan at the preview's size. Plain data,
shared by the facade, the compositor and playback (a playback keeps the state it started with)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.preset import PREVIEW_HEIGHT
from ..core.project import Project
from ..render.plan import Plan, make_plan


@dataclass(frozen=True)
class State:
    """One version of the story: its plan at the preview size. A playback keeps the state it
    started with; `Preview.update` swaps in a new one."""

    plan: Plan

    @property
    def project(self) -> Project:
        return self.plan.project


def make_state(project: Project, size: tuple[int, int] | None) -> State:
    return State(make_plan(at_size(project, size)))


def frame_index(state: State, t: float) -> int:
    """The frame shown at `t` seconds, clamped to the story."""
    tl = state.plan.timeline
    return min(max(0, round(t * tl.fps)), tl.total_frames - 1)


def at_size(project: Project, size: tuple[int, int] | None) -> Project:
    """The project drawn at the preview's size (default: scaled to PREVIEW_HEIGHT, 960 px tall): the same design,
    since every layer is sized from the canvas and its safe zone. A size of another shape than
    the canvas gets the largest canvas-shaped picture inside it (even sides, as the export's)."""
    c = project.preset.canvas
    box_w, box_h = size if size is not None else (c.width * PREVIEW_HEIGHT / c.height, PREVIEW_HEIGHT)
    scale = min(box_w / c.width, box_h / c.height)
    w, h = (2 * max(1, round(side * scale / 2)) for side in (c.width, c.height))
    if (w, h) == (c.width, c.height):
        return project
    canvas = c.model_copy(update={"width": int(w), "height": int(h)})
    return replace(project, preset=project.preset.model_copy(update={"canvas": canvas}))
