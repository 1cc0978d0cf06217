"""The app as a whole: the smoke test the bundle runs, first run, the French UI with every string
translated, the UI thread never stalling while previews run, playback without a sound device,
and the platforms' safe zones read from the presets."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from studio.gui import i18n
from tests.conftest import EXAMPLES, ROOT
from tests.gui.conftest import wait_analysis


def _run_app(*args, timeout=120):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "studio.gui.app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_smoke_test_prints_ready_and_exits_0():
    done = _run_app("--smoke-test", str(EXAMPLES / "lea.md"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "ready"


def test_smoke_test_of_a_broken_story_fails_with_a_message(tmp_path):
    bad = tmp_path / "bad story.md"
    bad.write_text("---\nlang: french\n---\n\nUn texte.\n", "utf-8")
    done = _run_app("--smoke-test", str(bad))
    assert done.returncode != 0 and "ready" not in done.stdout
    assert "lang" in done.stderr and "bad story.md" in done.stderr


def test_first_run_shows_the_examples_and_a_new_story(qtbot, make_window):
    w = make_window()
    w.open_start(None)
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    from PySide6.QtCore import Qt
    qtbot.waitUntil(lambda: w.library.list.count() >= 4)
    stories = {Path(w.library.list.item(i).data(Qt.ItemDataRole.UserRole)).stem for i in range(w.library.list.count())}
    assert {"lea", "noah", "ines", "samir"} <= stories
    assert w.document.path is None and w.windowTitle().startswith("New story")
    assert "title:" in w.document.text()


def test_french_ui(qtbot, make_window, story_dir):
    """The studio speaks French from the one catalogue (that every string has a translation is
    tests/unit/test_catalogue.py's test)."""
    assert i18n.install("fr") == "fr"
    try:
        w = make_window(story_dir / "lea.md")
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus == ["&Fichier", "É&dition", "&Vidéo"]
        assert w.preview.play_button.text() == "Lecture"
        assert w.problems.item(0).text() == "Aucun problème : l’histoire est prête à exporter."
        assert w.form_dock.windowTitle() == "Fiche de l’histoire"
    finally:
        i18n.install("en")


def test_ui_thread_never_stalls_while_previews_run(qtbot, make_window, story_dir):
    """A 5 ms timer probe on the UI thread while six edits each re-analyse the story and redraw the
    preview in workers. Two measures per gap: the wall clock, and the UI thread's own CPU time
    (what our code spent on it, immune to other processes). The CPU measure must stay under 50 ms
    always; the wall clock too whenever the machine is not overloaded by other work."""
    w = make_window(story_dir / "lea.md")
    gaps: list[tuple[float, float]] = []  # (wall, UI thread CPU)
    last = [time.perf_counter(), time.thread_time()]

    def probe():
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append((now - last[0], cpu - last[1]))
        last[:] = [now, cpu]

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    timer.start()
    try:
        frames = w.preview.frames_drawn
        for k in range(6):  # six edits, each redrawing the preview (analysis + frame in workers)
            w.editor.go_to_line(9 + 2 * (k % 3))
            w.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
            qtbot.keyClicks(w.editor, " ok")
            last[:] = [time.perf_counter(), time.thread_time()]  # the typing is the test's, not a stall
            a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
            qtbot.waitUntil(lambda: w.preview.shown_project == a.project, timeout=30_000)
        assert w.preview.frames_drawn >= frames + 3
    finally:
        timer.stop()
    wall, cpu = max(g[0] for g in gaps), max(g[1] for g in gaps)
    print(f"worst gap {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms of UI-thread CPU "
          f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    assert cpu < 0.050, f"the UI thread worked {cpu * 1000:.0f} ms without returning to the event loop"
    if os.getloadavg()[0] < (os.cpu_count() or 1):
        # the wall clock also counts waiting for Python's lock while workers run Python (measured
        # 40-45 ms at worst on an idle machine, 50-90 ms before workers.pool() shortened the switch
        # interval): 99 % of the gaps within 50 ms, none over 100 ms
        walls = sorted(g[0] for g in gaps)
        p99 = walls[int(0.99 * (len(walls) - 1))]
        assert p99 < 0.050 and wall < 0.100, f"the UI thread stalled {wall * 1000:.0f} ms (99 %: {p99 * 1000:.0f} ms)"


def test_play_without_a_sound_device_runs_on_the_wall_clock(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    start = w.preview.frames_drawn
    w.preview.toggle_play()
    assert w.preview.player.is_playing()
    qtbot.waitUntil(lambda: w.preview.frames_drawn >= start + 10 and w.preview.playhead > 0.5, timeout=20_000)
    assert w.preview.play_button.text() == "Pause"
    w.preview.toggle_play()
    assert not w.preview.player.is_playing() and w.preview.play_button.text() == "Play"


def test_safe_zones_come_from_the_platform_presets(make_window, story_dir):
    from studio.core.catalog import Catalog
    from studio.gui.preview_panel import safe_zones

    zones = dict(safe_zones(Catalog(), 9 / 16))
    assert any("tiktok" in name and "reels" in name and "shorts" in name for name in zones)
    zone = next(z for n, z in zones.items() if "tiktok" in n)
    assert zone.box(1080, 1920) == (90, 270, 900, 1248)  # docs/standards.md: the box every platform clears
    assert "preview" not in " ".join(zones)  # not a platform


def test_settings_are_kept_and_the_ffmpeg_override_applies(make_window, monkeypatch, tmp_path):
    from studio.gui.dialogs import SettingsDialog
    from studio.gui.settings import Settings
    from studio.media.ffmpeg_binary import ffmpeg_exe

    monkeypatch.setenv("STUDIO_FFMPEG", "")  # restored (unset) after the test, whatever the dialog sets
    w = make_window()
    dialog = SettingsDialog(w.settings, w.catalog, w)
    dialog.output.setText(str(tmp_path / "sorties"))
    dialog.ffmpeg.setText("/opt/ffmpeg/bin/ffmpeg")
    dialog.brand.setCurrentIndex(dialog.brand.findData("createkindness-fr"))
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.apply() is True  # the language changed
    dialog.deleteLater()
    again = Settings()  # a new start reads them back
    assert again.output_folder == tmp_path / "sorties"
    assert again.brand == "createkindness-fr" and again.language == "fr"
    assert ffmpeg_exe() == "/opt/ffmpeg/bin/ffmpeg"


def test_studio_gui_is_a_cli_command(studio_cmd):
    done = subprocess.run([*studio_cmd, "gui", "--help"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0 and "STORY_OR_FOLDER" in done.stdout


def test_space_types_in_the_text_and_plays_elsewhere(qtbot, make_window, story_dir):
    from PySide6.QtCore import Qt

    w = make_window(story_dir / "lea.md")
    w.editor.setFocus()
    w.editor.go_to_line(9)
    before = w.document.text()
    qtbot.keyClick(w.editor, Qt.Key.Key_Space)
    assert len(w.document.text()) == len(before) + 1 and not w.preview.player.is_playing()
    w.preview.scrubber.setFocus()
    qtbot.keyClick(w.preview.scrubber, Qt.Key.Key_Space)
    assert w.preview.player.is_playing()
    qtbot.keyClick(w.preview.scrubber, Qt.Key.Key_Space)
    assert not w.preview.player.is_playing()


def test_canvas_switch_previews_the_square_preset(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    w.preview.preset.setCurrentIndex(w.preview.preset.findData("square"))
    a = wait_analysis(qtbot, w, lambda a: a.project is not None and a.project.preset.name == "square")
    qtbot.waitUntil(lambda: w.preview.shown_project == a.project, timeout=30_000)
    image = w.preview.view.image
    assert image.width() == image.height()
    assert w.preview.view.ratio == 1.0
