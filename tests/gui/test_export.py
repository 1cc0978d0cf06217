"""The export dialog builds the batch jobs: selected stories x checked presets, with the output
folder, end-card variant and caption style chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from studio.batch import Job
from studio.gui.export_dialog import ExportDialog

ROOT = Path(__file__).resolve().parents[2]
LEA, SAMIR = ROOT / "examples" / "stories" / "lea.md", ROOT / "examples" / "stories" / "samir.md"

pytestmark = pytest.mark.usefixtures("panel_leak_guard")


def items(w):
    return {w.item(i).data(Qt.ItemDataRole.UserRole): w.item(i) for i in range(w.count())}


def test_builds_one_job_per_story_and_preset(qtbot, tmp_path):
    out = tmp_path / "vidéos à publier"
    dialog = ExportDialog([LEA, SAMIR], out)
    qtbot.addWidget(dialog)
    presets = items(dialog.preset_list)
    assert {"tiktok", "reels", "shorts", "square", "feed45", "landscape", "preview"} <= set(presets)
    # the presets Léa's story asks for are checked to begin with
    assert {p for p, i in presets.items() if i.checkState() == Qt.CheckState.Checked} == {"tiktok", "square"}
    assert [dialog.story_list.item(i).text() for i in range(2)] == ["Léa, 14 ans", "Samir, 15 ans"]
    for name, item in presets.items():
        item.setCheckState(Qt.CheckState.Checked if name in ("preview", "reels") else Qt.CheckState.Unchecked)
    dialog.endcard_combo.setCurrentIndex(dialog.endcard_combo.findData("3018"))
    dialog.caption_combo.setCurrentIndex(dialog.caption_combo.findData("karaoke"))
    assert dialog.summary.text().startswith("4 ")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    jobs = dialog.jobs()
    assert jobs == [Job(LEA, "preview", out, endcard="3018", caption_style="karaoke"),
                    Job(LEA, "reels", out, endcard="3018", caption_style="karaoke"),
                    Job(SAMIR, "preview", out, endcard="3018", caption_style="karaoke"),
                    Job(SAMIR, "reels", out, endcard="3018", caption_style="karaoke")]


def test_nothing_checked_cannot_be_queued_and_defaults_follow_the_story(qtbot, tmp_path):
    dialog = ExportDialog([SAMIR], tmp_path)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # Samir's story names no preset: the default, tiktok, is checked; end card and style as the story says
    assert dialog.jobs() == [Job(SAMIR, "tiktok", tmp_path)]
    items(dialog.story_list)[SAMIR].setCheckState(Qt.CheckState.Unchecked)
    assert not ok.isEnabled() and dialog.jobs() == []
    items(dialog.story_list)[SAMIR].setCheckState(Qt.CheckState.Checked)
    dialog.out_edit.setText("  ")
    assert not ok.isEnabled()


def test_the_settings_brand_kit_goes_into_every_job(qtbot, tmp_path):
    """The preview shows the Settings' brand kit over the story's: the export renders with it too."""
    dialog = ExportDialog([LEA, SAMIR], tmp_path, brand="createkindness-fr")
    qtbot.addWidget(dialog)
    assert dialog.endcard_combo.findData("3018") >= 0  # the kit's variants are offered
    assert {job.brand for job in dialog.jobs()} == {"createkindness-fr"}
    plain = ExportDialog([LEA], tmp_path)
    qtbot.addWidget(plain)
    assert {job.brand for job in plain.jobs()} == {None}


def test_each_story_shows_the_cover_its_exports_will_get(qtbot, make_window, story_dir):
    """The library's thumbnails (the cover each story's exports will get) beside the stories."""
    w = make_window(story_dir / "lea.md")
    w.library.set_folder(story_dir)
    qtbot.waitUntil(lambda: story_dir / "lea.md" in w.library.covers(), timeout=60_000)
    covers = w.library.covers()
    dialog = ExportDialog([story_dir / "lea.md", story_dir / "samir.md"], story_dir / "out", covers=covers)
    qtbot.addWidget(dialog)
    shown = items(dialog.story_list)
    assert not shown[story_dir / "lea.md"].icon().isNull()
    if story_dir / "samir.md" not in covers:
        assert shown[story_dir / "samir.md"].icon().isNull()
