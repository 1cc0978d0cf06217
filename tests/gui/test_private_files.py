"""Private by default: what the studio keeps of an editor's work (recovery files, settings, crash
logs, thumbnails, face-search and loudness caches, preview work folders) is readable by this user
only, whatever the umask; deleting or renaming a story in the library takes its copies along."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import numpy as np
import pytest

from studio.core.paths import cache_root, user_data_root
from studio.gui import crash_log
from studio.session import recovery


@pytest.fixture
def umask_022(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache" / "kindness-studio"))
    old = os.umask(0o022)
    yield
    os.umask(old)


def _loose(root: Path) -> list[str]:
    """Every path under `root` (itself included) that another user could read or enter."""
    found = []
    for folder, dirs, files in os.walk(root):
        for p in [Path(folder)] + [Path(folder) / f for f in files]:
            mode = stat.S_IMODE(p.lstat().st_mode)
            if mode & 0o077:
                found.append(f"{p} {mode:o}")
    return found


def test_everything_the_studio_writes_is_private_with_umask_022(qtbot, make_window, story_dir, umask_022):
    (user_data_root() / "recovery").mkdir(parents=True, mode=0o755)  # a folder from an older version
    (user_data_root() / "recovery").chmod(0o755)
    session = crash_log.SessionLog()
    try:
        w = make_window()
        w.open_folder(story_dir)
        assert w.open_story(story_dir / "lea.md", ask=False)
        with qtbot.waitSignal(w.document.autosaved, timeout=10_000):
            w.editor.go_to_line(9)
            qtbot.keyClicks(w.editor, " Un secret.")
        thumbs = cache_root() / "thumbnails"
        qtbot.waitUntil(lambda: thumbs.is_dir() and any(thumbs.glob("*.png")), timeout=60_000)
        from studio.media import face_cache, loudness
        from studio.media.faces import FaceTrack
        loudness.store("k" * 32, loudness.Measured(-20.0, -3.0, 5.0, -30.0, 0.1))
        face_cache.save("f" * 32, FaceTrack(np.array([0.0]), (((1.0, 2.0, 3.0, 4.0),),), 64, 64))
        assert list((cache_root() / "loudness").glob("*.json")) and list((cache_root() / "faces").glob("*.npz"))
        works = list(Path(tempfile.gettempdir()).glob(f"studio-preview-{os.getpid()}-*"))
        assert works, "the preview's work folder"
        loose = _loose(user_data_root()) + _loose(cache_root().parent) + _loose(Path(os.environ["STUDIO_USER_DIR"]))
        for work in works:  # a work folder is closed to others: what is inside cannot be reached
            assert not stat.S_IMODE(work.stat().st_mode) & 0o077, work
        assert not loose, "readable by others:\n" + "\n".join(loose)
        assert [r.text for r in recovery.pending()] == [w.document.text()]
    finally:
        session.close()


def test_deleting_a_story_in_the_library_removes_its_recovery_file_and_thumbnails(
        qtbot, make_window, story_dir, umask_022, monkeypatch):
    folder = story_dir
    w = make_window()
    w.open_folder(folder)
    assert w.open_story(folder / "lea.md", ask=False)
    noah = (folder / "noah.md").resolve()
    recovery.write(noah, "", "Le texte de Noah pas encore enregistré")
    thumbs = cache_root() / "thumbnails"
    stories = len(list(folder.glob("*.md")))
    qtbot.waitUntil(lambda: len(list(thumbs.glob("*.png"))) == stories, timeout=90_000)
    qtbot.waitUntil(lambda: not w.library.is_busy(), timeout=60_000)
    monkeypatch.setattr("studio.gui.library_panel._move_to_trash", lambda p: False)
    w.library.select(noah)
    assert w.library.delete(confirm=False) == [noah]
    assert not noah.exists()
    assert [r.story for r in recovery.pending()] == []
    assert len(list(thumbs.glob("*.png"))) == stories - 1, "noah's thumbnail is gone, the others stay"
    assert w.document.path.name == "lea.md"  # the open story is another one: untouched
