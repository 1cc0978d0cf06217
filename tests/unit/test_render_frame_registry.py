"""render_frame's registry of shared Previews: one story's frame never waits for another story's,
and a Preview evicted while a caller uses it is closed after that caller, never under it. Stories
of photos only (no process runs); a hook holds one story's caller inside composing until the test
releases it (events, no sleeps)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image

from studio.core.project import load_project
from studio.preview import Preview, render_frame, shared
from studio.preview.compositor import Compositor

WAIT_S = 60  # bounds each wait, so a regression fails instead of hanging (the events end them)
HELD = "held-story"  # the thread whose composing the hook holds


def _story(folder: Path, colour: tuple[int, int, int]) -> Path:
    folder.mkdir()
    Image.new("RGB", (300, 500), colour).save(folder / "a.png")
    story = folder / "histoire.md"
    story.write_text("---\ntitle: T\nconsent: {given: true}\n---\n\n![](a.png)\n\nUn jour, j’en ai parlé.\n",
                     encoding="utf-8")
    return story


class Held:
    """Story A's caller, on its own thread, held inside composing until `release`."""

    def __init__(self, story: Path) -> None:
        self.entered, self.release, self.done = threading.Event(), threading.Event(), threading.Event()
        self.image: Image.Image | None = None
        self.error: BaseException | None = None
        self.preview: Preview | None = None
        self.thread = threading.Thread(target=self._call, args=(story,), name=HELD, daemon=True)

    def _call(self, story: Path) -> None:
        try:
            self.image = render_frame(load_project(story, "preview"), 0.5)
        except BaseException as e:  # noqa: BLE001  (reported by the test)
            self.error = e
        finally:
            self.done.set()


@pytest.fixture
def held(tmp_path, monkeypatch):
    """(held caller of story A, story B, previews closed so far)."""
    a, b = _story(tmp_path / "a", (200, 40, 40)), _story(tmp_path / "b", (40, 40, 200))
    caller = Held(a)
    compose, frame, close = Compositor.compose, Preview.frame, Preview.close
    closed: list[Preview] = []

    def held_frame(self, *args, **kwargs):
        if threading.current_thread().name == HELD:
            caller.preview = self
        return frame(self, *args, **kwargs)

    def held_compose(self, *args, **kwargs):
        if threading.current_thread().name == HELD:
            caller.entered.set()
            caller.release.wait(WAIT_S)
        return compose(self, *args, **kwargs)

    def recorded_close(self):
        closed.append(self)
        close(self)

    monkeypatch.setattr(Preview, "frame", held_frame)
    monkeypatch.setattr(Compositor, "compose", held_compose)
    monkeypatch.setattr(Preview, "close", recorded_close)
    caller.thread.start()
    try:
        assert caller.entered.wait(WAIT_S), f"story A never reached composing: {caller.error!r}"
        yield caller, b, closed
    finally:
        caller.release.set()
        caller.thread.join(WAIT_S)


def _frame_on_a_thread(story: Path) -> tuple[threading.Event, dict]:
    done, out = threading.Event(), {}

    def call():
        try:
            out["image"] = render_frame(load_project(story, "preview"), 0.5)
        except BaseException as e:  # noqa: BLE001
            out["error"] = e
        finally:
            done.set()
    threading.Thread(target=call, daemon=True).start()
    return done, out


def test_one_storys_frame_does_not_wait_for_anothers(held):
    caller, b, _ = held
    done, out = _frame_on_a_thread(b)
    assert done.wait(WAIT_S), "story B's frame waited for story A's composing"
    assert "error" not in out, out.get("error")
    assert out["image"].size == (540, 960) and out["image"].getpixel((270, 200)) == (40, 40, 200)
    assert not caller.done.is_set()                      # A is still inside composing
    caller.release.set()
    assert caller.done.wait(WAIT_S) and caller.error is None, caller.error
    assert caller.image.size == (540, 960) and caller.image.getpixel((270, 200)) == (200, 40, 40)


def test_a_preview_evicted_while_in_use_is_closed_after_its_caller(held, monkeypatch):
    caller, b, closed = held
    monkeypatch.setattr(shared, "MAX_PREVIEWS", 1)
    done, out = _frame_on_a_thread(b)                    # B's entry pushes A's out of the registry
    assert done.wait(WAIT_S), "story B's frame waited for story A's composing"
    assert "error" not in out, out.get("error")
    assert caller.preview is not None and caller.preview not in closed   # not closed under A's caller
    caller.release.set()
    assert caller.done.wait(WAIT_S) and caller.error is None, caller.error
    assert caller.image.getpixel((270, 200)) == (200, 40, 40)
    assert caller.preview in closed                      # its last caller closed it
    assert render_frame(load_project(b, "preview"), 0.5).getpixel((270, 200)) == (40, 40, 200)
