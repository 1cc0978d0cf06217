"""Rendering from the main window: Ctrl+R goes through the export dialog to the render queue
(the studio's panels on the batch engine), the file is real and probed; quitting while a render
runs asks first, and quitting anyway leaves no partial file and no ffmpeg."""

from __future__ import annotations


import av
from PySide6.QtWidgets import QDialog, QMessageBox

from studio.batch import Job
from studio.gui.export_dialog import ExportDialog

def test_ctrl_r_renders_a_preview_through_the_queue(qtbot, make_window, short_story, tmp_path, monkeypatch):
    out = tmp_path / "sorties"
    w = make_window(short_story)
    w.settings.output_folder = out
    asked = []

    def jobs(dialog):
        asked.append(dialog)
        return [Job(short_story, "preview", out)]
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ExportDialog, "jobs", jobs)
    with qtbot.waitSignal(w.queue.job_finished, timeout=180_000) as finished:
        w.render_action.trigger()
    assert asked and w.render_action.shortcut().toString() == "Ctrl+R"
    video = out / "court récit.preview.mp4"
    assert finished.args[0].result.video == video
    with av.open(str(video)) as f:
        stream = f.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (540, 960)
        assert f.duration / 1e6 > 3
    assert not list(out.glob(".*.part"))


def test_quitting_while_a_render_runs_asks_first(qtbot, make_window, short_story, tmp_path, monkeypatch):
    out = tmp_path / "sorties"
    w = make_window(short_story)
    started = []
    w.engine.event.connect(lambda e: started.append(e) if e.kind in ("started", "progress") else None)
    w.engine.submit([Job(short_story, "tiktok", out)])
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert not w.close() and w.isVisible()          # "Stop the renders and quit?" No
    if w.engine.has_running():
        answers[:] = [QMessageBox.StandardButton.Yes]
        assert w.close()                             # Yes: renders cancelled, joined
    assert not w.engine.has_running()
    assert not (out / "court récit.tiktok.mp4").exists()
    assert not list(out.glob(".*.part")) if out.exists() else True
