"""Editing on the timeline with the mouse and the keyboard: each gesture rewrites the story's text
(reordered paragraphs and their pictures, the `[durée : …]` line, the split words) as one undo
step named after it, and Undo gives the text back byte for byte."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from studio.core.story_edit import seconds_for_frames, shortest_frames
from tests.gui.conftest import wait_analysis

L = Qt.MouseButton.LeftButton
NO = Qt.KeyboardModifier.NoModifier

FIRST = "En quatrième, j’ai changé de collège. Je ne connaissais personne."
SECOND = "Très vite, il y a eu des rires dans le couloir. Toujours derrière moi."
COULOIR = "![Le couloir du collège](media/couloir.jpg)"


def _drag(strip, start: QPointF, end: QPointF, steps: int = 6, during=None) -> None:
    """A real press, moves and release on the strip (what a hand does)."""
    a, b = start.toPoint(), end.toPoint()
    QTest.mousePress(strip, L, NO, a)
    for k in range(1, steps + 1):
        QTest.mouseMove(strip, QPoint(a.x() + (b.x() - a.x()) * k // steps, a.y()))
    if during is not None:
        during()
    QTest.mouseRelease(strip, L, NO, b)


def _beat(strip, k: int):
    return strip.beats()[k]


def _undo_all(qtbot, w, original: str) -> None:
    while w.document.undo_stack.canUndo():
        w.document.undo_stack.undo()
    assert w.document.text() == original
    wait_analysis(qtbot, w, lambda a: a.plan is not None)


def test_drag_the_second_beat_onto_the_first_swaps_their_paragraphs(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    second, first = s._rect(_beat(s, 1)), s._rect(_beat(s, 0))

    def while_dragging():  # the text waits for the drop; the preview shows the beat where it would land
        assert w.document.text() == original
        qtbot.waitUntil(lambda: w.preview.shown_project is not None
                        and w.preview.shown_project.story.beats[0].text == SECOND, timeout=30_000)
        assert w.preview.playhead == 0.0
    _drag(s, second.center(), QPointF(first.left() + 3, first.center().y()), during=while_dragging)
    text = w.document.text()
    # the moved beat takes its picture with it (a copy of the line: the beats after it keep theirs)
    assert text.split("---\n")[2].startswith(f"\n{COULOIR}\n\n{SECOND}\n\n{FIRST}\n\n{COULOIR}\n\nPuis des surnoms.")
    assert w.document.undo_stack.count() == 1 and w.document.undo_stack.undoText() == "Move beat 2"
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    beats = a.story.beats
    assert [b.text for b in beats[:3]] == [SECOND, FIRST, "Puis des surnoms. Tous les jours, les mêmes."]
    assert beats[0].background.path.name == "couloir.jpg" and beats[2].background.path.name == "couloir.jpg"
    assert "brand" in w.statusBar().currentMessage()  # the first beat cannot keep the brand background
    assert w.editor.textCursor().selectedText() == SECOND  # the editor shows what moved
    w.document.undo_stack.undo()
    assert w.document.text() == original
    # dropped just past the middle of the next beat: it goes after it (both on the same picture)
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    third = s._rect(_beat(s, 2))
    _drag(s, s._rect(_beat(s, 1)).center(), QPointF(third.center().x() + 4, third.center().y()))
    assert w.document.text() == original.replace(f"{SECOND}\n\nPuis des surnoms. Tous les jours, les mêmes.",
                                                 f"Puis des surnoms. Tous les jours, les mêmes.\n\n{SECOND}")
    _undo_all(qtbot, w, original)


def test_alt_arrows_move_the_selected_beat(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    QTest.mouseClick(s, L, NO, s._rect(_beat(s, 2)).center().toPoint())
    assert s.selected == 2
    QTest.keyClick(s, Qt.Key.Key_Right)  # the arrows select (and go to) the next beat, then back
    assert s.selected == 3 and s.hasFocus() and w.editor.current_line() == w.analysis.story.beats[3].line
    QTest.keyClick(s, Qt.Key.Key_Left)
    assert s.selected == 2 and w.document.text() == original
    QTest.keyClick(s, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert "\n\nPuis des surnoms. Tous les jours, les mêmes.\n\n" + SECOND + "\n\nJe faisais" in w.document.text()
    assert w.document.undo_stack.undoText() == "Move beat 3" and s.selected == 1
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    QTest.keyClick(s, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert w.document.text() == original  # moved back: the same text, as two steps
    assert w.document.undo_stack.count() == 2
    _undo_all(qtbot, w, original)


def test_drag_the_right_edge_times_the_beat_and_double_click_gives_automatic_time(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    item = _beat(s, 1)
    floor = w.analysis.plan.timeline.floors_s[1]
    target = item.end_s + 2.0
    seen = []

    def while_dragging():  # the text waits for the release; the preview shows the frame at the edge
        assert w.document.text() == original
        qtbot.waitUntil(lambda: w.preview.shown_project is not None
                        and w.preview.shown_project.story.beats[1].duration_s is not None, timeout=30_000)
        seen.append(w.preview.shown_project.story.beats[1].duration_s)
        assert s._drag is not None and s._drag.floor == shortest_frames(floor, 30)
    _drag(s, s.edge_point(1), QPointF(s.x_at(target), s.edge_point(1).y()), during=while_dragging)
    text = w.document.text()
    m = re.search(r"\n\[durée : (\d+(?:,\d+)?) s\]\n" + re.escape(SECOND), text)
    assert m, text
    assert text == original.replace(SECOND, f"[durée : {m.group(1)} s]\n{SECOND}")
    seconds = float(m.group(1).replace(",", "."))
    assert abs(seconds - (item.end_s - item.start_s + 2.0)) < 3 * w.analysis.plan.timeline.duration_s / s.width() + 0.04
    assert abs(seen[-1] - seconds) < 1 / 30 + 1e-9
    assert w.document.undo_stack.undoText() == f"Duration of beat 2: {m.group(1).replace(',', '.')} s"
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    assert a.error is None and a.plan.timeline.beats[1].frames == math.ceil(seconds * 30 - 1e-9)
    assert abs(w.preview.playhead - a.plan.timeline.seconds(a.plan.timeline.beats[1].end - 1)) < 0.05

    # double-clicking the edge removes the line: back to automatic timing, the original text
    QTest.mouseDClick(s, L, NO, s.edge_point(1).toPoint())
    assert w.document.text() == original
    assert w.document.undo_stack.undoText() == "Automatic duration of beat 2"
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    w.document.undo_stack.undo()
    assert w.document.text() == text
    w.document.undo_stack.undo()
    assert w.document.text() == original


def test_the_edge_stops_at_the_reading_floor(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    floor = w.analysis.plan.timeline.floors_s[0]
    item = _beat(s, 0)
    _drag(s, s.edge_point(0), QPointF(s.x_at(item.start_s + 0.3), s.edge_point(0).y()))
    n = shortest_frames(floor, 30)
    written = seconds_for_frames(n, 30, floor)
    assert written >= floor
    value = f"{written:g}".replace(".", ",")
    assert w.document.text() == original.replace(FIRST, f"[durée : {value} s]\n{FIRST}")
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None or a.error is not None)
    assert a.error is None and a.plan.timeline.beats[0].frames == n  # the engine takes it
    w.document.undo_stack.undo()
    assert w.document.text() == original


def test_ctrl_b_splits_the_beat_at_the_word_shown(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    tl = w.analysis.plan.timeline
    w.strip.setFocus()  # the playhead on the first word: nothing to split, the status bar says why
    QTest.keyClick(w.strip, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w.document.text() == original
    assert w.statusBar().currentMessage() == ("Line 9: A beat is split between two of its words: put the "
                                              "playhead on a word after the first.")
    event = next(e for e in tl.events if e.beat == 0 and "Je" in e.text.split(" "))
    frame = next(start for word, start, _ in event.word_spans() if word == "Je")
    with qtbot.waitSignal(w.preview.frame_shown, timeout=60_000):
        w.preview.seek(tl.seconds(frame) + 0.01)
    w.strip.setFocus()
    QTest.keyClick(w.strip, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w.document.text() == original.replace(FIRST, "En quatrième, j’ai changé de collège.\n\n"
                                                        "Je ne connaissais personne.")
    assert w.document.undo_stack.undoText() == "Split beat 1"
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    assert [b.text for b in a.story.beats[:2]] == ["En quatrième, j’ai changé de collège.", "Je ne connaissais personne."]
    # join them again from the beat's menu (a right click's context menu)
    s = w.strip
    pos = s._rect(_beat(s, 0)).center().toPoint()
    QApplication.sendEvent(s, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, s.mapToGlobal(pos)))
    menu = s.findChild(QMenu)
    next(a for a in menu.actions() if a.text() == "Join with the next beat").trigger()
    menu.close()
    assert w.document.text() == original.replace(FIRST, "En quatrième, j’ai changé de collège.\n"
                                                        "Je ne connaissais personne.")
    assert w.document.undo_stack.undoText() == "Join beats 1 and 2"
    _undo_all(qtbot, w, original)


def test_duplicate_and_delete_from_the_menu(qtbot, make_window, story_dir):
    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    s.menu(1).actions()[2].trigger()  # Duplicate
    assert w.document.text() == original.replace(SECOND, f"{SECOND}\n\n{SECOND}")
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    s.menu(2).actions()[3].trigger()  # Delete (the copy)
    assert w.document.text() == original
    assert [w.document.undo_stack.text(k) for k in range(2)] == ["Duplicate beat 2", "Delete beat 3"]
    _undo_all(qtbot, w, original)


def test_the_beats_menu_emphasizes_the_words_selected_in_the_text(qtbot, make_window, story_dir):
    from PySide6.QtGui import QTextCursor

    w = make_window(story_dir / "samir.md")
    original = w.document.text()
    line = "Le lendemain, à la cantine, je me suis assis à côté de lui. 🤝"
    block = w.document.doc.findBlockByNumber(original.split("\n").index(line))
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + line.index("à côté"), QTextCursor.MoveMode.MoveAnchor)
    cursor.setPosition(block.position() + len("Le lendemain, à la cantine, je me suis assis à cô"),
                       QTextCursor.MoveMode.KeepAnchor)
    w.editor.setTextCursor(cursor)
    next(a for a in w.strip.menu(4).actions() if a.text() == "Emphasize the selected words").trigger()
    assert w.document.text() == original.replace(line, line.replace("à côté", "**à côté**"))
    assert w.document.undo_stack.undoText() == "Emphasize words"
    _undo_all(qtbot, w, original)


def test_gestures_are_named_in_french(qtbot, make_window, story_dir):
    from studio.gui import i18n

    assert i18n.install("fr") == "fr"
    try:
        w = make_window(story_dir / "lea.md")
        s = w.strip
        second, first = s._rect(_beat(s, 1)), s._rect(_beat(s, 0))
        _drag(s, second.center(), QPointF(first.left() + 3, first.center().y()))
        assert w.document.undo_stack.undoText() == "Déplacer le moment 2"
        wait_analysis(qtbot, w, lambda a: a.plan is not None)
        item = _beat(s, 1)
        _drag(s, s.edge_point(1), QPointF(s.x_at(item.start_s + 6.0), s.edge_point(1).y()))
        assert re.fullmatch(r"Durée du moment 2 : \d+(,\d+)? s", w.document.undo_stack.undoText())
        assert "\n[durée : " in w.document.text()
    finally:
        i18n.install("en")


def test_drag_a_clips_start_and_end_edits_its_trim(qtbot, make_window, story_dir):
    from studio.gui import timeline_thumbs

    w = make_window(story_dir / "ines.md")
    original = w.document.text()
    s = w.strip
    clip = next(i for i in s.items if i.row == 2 and i.kind == "video")
    assert clip.label == "rue.mp4" and clip.source_s == 8.0
    # its thumbnail: the clip's first frame, read by ffmpeg in a worker
    qtbot.waitUntil(lambda: timeline_thumbs.cached(clip.background.path, 0.0) is not None, timeout=30_000)
    assert timeline_thumbs.cached(clip.background.path, 0.0).height() == 44

    start = s.item_point(2, 0, "left")
    one_second = s.x_at(1.0) - s.x_at(0.0)

    def while_dragging():
        assert w.document.text() == original
        qtbot.waitUntil(lambda: w.preview.shown_project is not None
                        and w.preview.shown_project.story.beats[0].background.trim_start, timeout=30_000)
    _drag(s, start, QPointF(start.x() + one_second, start.y()), during=while_dragging)
    m = re.search(r"media/rue\.mp4#fit=blur&t=(\d+(?:\.\d+)?)\)", w.document.text())
    assert m and abs(float(m.group(1)) - 1.0) <= 2 / one_second + 0.01
    assert w.document.text() == original.replace("media/rue.mp4#fit=blur", f"media/rue.mp4#fit=blur&t={m.group(1)}")
    assert w.document.undo_stack.undoText() == f"Trim rue.mp4: {m.group(1)}–8 s"
    a = wait_analysis(qtbot, w, lambda a: a.plan is not None)
    assert a.story.beats[0].background.trim_start == float(m.group(1))

    # the end, 2 s earlier: the clip plays from its start to there
    end = s.item_point(2, 0, "right")
    _drag(s, QPointF(end.x() + 1, end.y()), QPointF(end.x() + 1 - 2 * one_second, end.y()))
    m2 = re.search(r"media/rue\.mp4#fit=blur&t=(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)\)", w.document.text())
    assert m2 and m2.group(1) == m.group(1) and abs(float(m2.group(2)) - 6.0) <= 2 / one_second + 0.01
    _undo_all(qtbot, w, original)


def test_a_photos_menu_sets_its_motion_and_another_file_replaces_it(qtbot, make_window, story_dir, tmp_path):
    from PIL import Image

    w = make_window(story_dir / "lea.md")
    original = w.document.text()
    s = w.strip
    photo = next(i for i in s.items if i.row == 2 and i.label == "couloir.jpg")
    menu = s.background_menu(photo)
    motion = next(a for a in menu.actions() if a.text() == "Motion").menu()
    next(a for a in motion.actions() if a.text() == "Zoom in").trigger()
    menu.close()
    assert w.document.text() == original.replace("(media/couloir.jpg)", "(media/couloir.jpg#motion=zoom-in)")
    assert w.document.undo_stack.undoText() == "Motion of couloir.jpg: Zoom in"
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    # another file, from outside the story's folder: copied into media/ (as a drop is)
    other = tmp_path / "ma photo.png"
    Image.new("RGB", (64, 96), (200, 40, 40)).save(other)
    w._copy_media = True
    w.timeline_edits.replace_with(photo.background, other)
    assert (story_dir / "media" / "ma photo.png").read_bytes() == other.read_bytes()
    assert w.document.text() == original.replace("(media/couloir.jpg)", "(<media/ma photo.png>#motion=zoom-in)")
    wait_analysis(qtbot, w, lambda a: a.plan is not None)
    _undo_all(qtbot, w, original)


def test_ctrl_wheel_zooms_and_the_view_follows_the_playhead(qtbot, make_window, story_dir):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    w = make_window(story_dir / "lea.md")
    s = w.strip
    assert s.limits == [("tiktok", 600.0), ("square", 600.0)] or s.limits == [("tiktok, square", 600.0)]
    x = s.width() // 4
    before = s.t_at(x)

    def wheel(mods):
        QApplication.sendEvent(s, QWheelEvent(QPointF(x, 10), QPointF(s.mapToGlobal(QPoint(x, 10))), QPoint(0, 0),
                                              QPoint(0, 120), Qt.MouseButton.NoButton, mods,
                                              Qt.ScrollPhase.NoScrollPhase, False))
    for _ in range(4):
        wheel(Qt.KeyboardModifier.ControlModifier)
    assert s.zoom == 1.25 ** 4 and abs(s.t_at(x) - before) < 1e-6  # zoomed about the pointer
    s.set_playhead(s.duration_s - 1)
    assert s.offset_s <= s.duration_s - 1 <= s.offset_s + s.visible_s()
    next(a for a in s.view_menu().actions() if a.text() == "Fit the timeline to the window").trigger()
    assert s.zoom == 1 and s.offset_s == 0


def test_music_and_voice_show_as_waveforms_at_their_places(qtbot, make_window, story_dir):
    import subprocess

    from studio.gui import timeline_waves
    from studio.media.ffmpeg_binary import ffmpeg_exe

    voice = story_dir / "media" / "voix.wav"  # 2 s of a 440 Hz tone at half the full scale (sine: 1/8, x4)
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=2:sample_rate=48000",
                    "-af", "volume=4", str(voice)], check=True)
    story = story_dir / "lea.md"
    story.write_text(story.read_text("utf-8").replace(SECOND, f"![voix](media/voix.wav)\n\n{SECOND}"), "utf-8")
    w = make_window(story)
    s = w.strip
    tl = w.analysis.plan.timeline
    assert s.sounds == [timeline_waves.Sound("music", (story_dir / "media" / "calme.mp3").resolve(), 0.0),
                        timeline_waves.Sound("voice", voice.resolve(), tl.seconds(tl.beats[1].start))]
    qtbot.waitUntil(lambda: all(timeline_waves.peaks(x.path) is not None for x in s.sounds), timeout=30_000)
    tone = timeline_waves.peaks(voice.resolve())
    assert abs(len(tone) - 2 * timeline_waves.RATE) <= 1
    assert 0.48 <= float(tone[5:-5].min()) and float(tone.max()) <= 0.52
    s.grab()  # paints the row (the loop over pixels runs)
