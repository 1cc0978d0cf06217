"""The story library with real widgets: the example stories with their facts, new / duplicate /
rename / delete on real files, media dropped onto the library, and thumbnails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPixmap

from studio.gui.library_panel import INFO_ROLE, PATH_ROLE, THUMB_ROLE, LibraryPanel

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "stories"

pytestmark = pytest.mark.usefixtures("panel_leak_guard")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the example stories (and their media) plus one story without consent."""
    f = tmp_path / "mes histoires"
    shutil.copytree(EXAMPLES, f)
    (f / "sans accord.md").write_text("---\ntitle: « Sans accord »\n---\n\nUn premier moment.\n", "utf-8")
    return f


@pytest.fixture
def panel(qtbot):
    p = LibraryPanel(thumbnails=False)
    qtbot.addWidget(p)
    yield p
    p.shutdown()


def loaded(qtbot, panel: LibraryPanel, count: int) -> dict[str, object]:
    """Waits until the panel shows `count` stories with their facts read; name -> StoryInfo."""
    def done():
        assert panel.list.count() == count
        assert all(panel.list.item(i).data(INFO_ROLE) is not None for i in range(count))
    qtbot.waitUntil(done, timeout=10_000)
    return {panel.list.item(i).data(PATH_ROLE).name: panel.list.item(i).data(INFO_ROLE) for i in range(count)}


def test_lists_the_example_stories_with_title_duration_and_consent(qtbot, panel, folder):
    panel.set_folder(folder)
    infos = loaded(qtbot, panel, 5)
    assert sorted(infos) == ["ines.md", "lea.md", "noah.md", "samir.md", "sans accord.md"]
    lea = infos["lea.md"]
    assert lea.title == "Léa, 14 ans"
    assert lea.consent_given and lea.consent_by == "Léa et sa mère"
    assert 38 < lea.duration_s < 46  # about 42 s of story and end card at reading speed
    assert infos["noah.md"].title == "Noah, 13 ans"
    assert not infos["sans accord.md"].consent_given
    assert infos["sans accord.md"].title == "« Sans accord »"
    # what the row shows: the title as its text, the facts in its tooltip
    texts = {panel.list.item(i).text() for i in range(5)}
    assert {"Léa, 14 ans", "Inès, 16 ans", "Samir, 15 ans"} <= texts


def test_a_broken_story_is_listed_with_its_error(qtbot, panel, folder):
    (folder / "cassée.md").write_text("---\ntitle: [oops\n---\n\nTexte.\n", "utf-8")
    panel.set_folder(folder)
    infos = loaded(qtbot, panel, 6)
    assert infos["cassée.md"].error is not None
    item = next(panel.list.item(i) for i in range(6) if panel.list.item(i).data(PATH_ROLE).name == "cassée.md")
    assert "cassée.md" in item.toolTip()


def test_new_duplicate_rename_delete(qtbot, panel, folder, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the trash of this test, not the user's
    panel.set_folder(folder)
    loaded(qtbot, panel, 5)
    with qtbot.waitSignal(panel.stories_changed):
        new = panel.new_story("ma nouvelle histoire")
    assert new == (folder / "ma nouvelle histoire.md").resolve()
    assert "title: Mon histoire" in new.read_text("utf-8")
    infos = loaded(qtbot, panel, 6)
    assert infos["ma nouvelle histoire.md"].title == "Mon histoire"
    assert infos["ma nouvelle histoire.md"].error is None  # the template is a valid story

    copy = panel.duplicate(folder / "lea.md", "léa copie")
    assert copy.read_bytes() == (folder / "lea.md").read_bytes()
    loaded(qtbot, panel, 7)
    assert panel.current_stories() == [copy]

    renamed = panel.rename(copy, "Léa — version 2")
    assert renamed.name == "Léa — version 2.md" and renamed.is_file() and not copy.exists()
    infos = loaded(qtbot, panel, 7)
    assert infos["Léa — version 2.md"].title == "Léa, 14 ans"

    removed = panel.delete([renamed], confirm=False)
    assert removed == [renamed] and not renamed.exists()
    loaded(qtbot, panel, 6)
    assert (tmp_path / "xdg" / "Trash" / "files" / "Léa — version 2.md").is_file()  # in the trash, not gone


def test_rename_refuses_an_existing_name(qtbot, panel, folder, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    panel.set_folder(folder)
    loaded(qtbot, panel, 5)
    assert panel.rename(folder / "lea.md", "noah") is None
    assert "noah.md" in warned[0] and (folder / "lea.md").is_file()
    assert panel.new_story("a/b") is None and "/" in warned[1]


def test_dropping_media_copies_it_into_the_folder_media(qtbot, panel, folder, tmp_path):
    panel.set_folder(folder)
    loaded(qtbot, panel, 5)
    outside = tmp_path / "Photos de l'été"
    outside.mkdir()
    photo = outside / "plage d'août.jpg"
    shutil.copy(EXAMPLES / "media" / "cour.jpg", photo)
    text = outside / "notes.txt"
    text.write_text("pas un média")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(text))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.media_added) as sig:
        panel.dropEvent(event)
    assert sig.args[0] == [folder / "media" / "plage d'août.jpg"]
    assert (folder / "media" / "plage d'août.jpg").read_bytes() == photo.read_bytes()
    assert not (folder / "media" / "notes.txt").exists()


def test_last_qa_verdict_per_preset_and_cover_from_the_outputs(qtbot, folder):
    """Verdicts and cover are read from the .qa.json the render writes beside its outputs."""
    out = folder / "out"
    out.mkdir()
    shutil.copy(EXAMPLES / "media" / "cour.jpg", out / "lea.tiktok.jpg")
    for stem, preset, status, verdict in (("lea.tiktok", "tiktok", "pass", "publishable"),
                                          ("lea.square", "square", "fail", "not publishable")):
        (out / f"{stem}.qa.json").write_text(json.dumps({
            "video": str(out / f"{stem}.mp4"), "preset": preset, "story": str(folder / "lea.md"),
            "status": status, "verdict": verdict}), "utf-8")
    panel = LibraryPanel(thumbnails=False)  # covers of renders still show
    qtbot.addWidget(panel)
    panel.set_folder(folder)
    infos = loaded(qtbot, panel, 5)
    v = infos["lea.md"].verdicts
    assert (v["tiktok"].verdict, v["square"].verdict) == ("publishable", "not publishable")
    assert v["tiktok"].report_html == out / "lea.tiktok.qa.html"
    assert infos["samir.md"].verdicts == {}
    item = next(panel.list.item(i) for i in range(5) if panel.list.item(i).data(PATH_ROLE).name == "lea.md")
    qtbot.waitUntil(lambda: isinstance(item.data(THUMB_ROLE), QPixmap), timeout=10_000)
    assert item.data(THUMB_ROLE).height() > 0
    panel.shutdown()


def test_a_story_never_rendered_gets_a_first_frame_thumbnail_cached_on_disk(qtbot, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copytree(EXAMPLES / "media", folder / "media")
    shutil.copy(EXAMPLES / "samir.md", folder / "samir.md")
    cache = tmp_path / "cache"
    panel = LibraryPanel(cache_dir=cache)
    qtbot.addWidget(panel)
    panel.set_folder(folder)
    item = panel.list.item(0)
    qtbot.waitUntil(lambda: isinstance(item.data(THUMB_ROLE), QPixmap), timeout=60_000)
    image = item.data(THUMB_ROLE).toImage()
    assert image.height() == 192 and 100 <= image.width() <= 110  # a 9:16 frame, 192 px tall
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 9) for y in range(0, 192, 16)}
    assert len(colours) > 5  # a drawn frame, not a flat placeholder
    panel.shutdown()
    [png] = cache.glob("*.png")  # kept for the next start
    from studio.gui import library_workers
    library_workers._thumbs.clear()
    called = []
    real = library_workers._first_frame
    library_workers._first_frame = lambda story: called.append(story) or real(story)
    try:
        again = LibraryPanel(cache_dir=cache)
        qtbot.addWidget(again)
        again.set_folder(folder)
        qtbot.waitUntil(lambda: isinstance(again.list.item(0).data(THUMB_ROLE), QPixmap), timeout=60_000)
        again.shutdown()
    finally:
        library_workers._first_frame = real
    assert called == []  # read from the disk cache, not drawn again


def test_changes_made_outside_the_app_show(qtbot, panel, folder):
    """A story added by another program and a render made by the CLI appear without a click."""
    panel.set_folder(folder)
    loaded(qtbot, panel, 5)
    panel.list.setCurrentRow(1)
    (folder / "ajoutée dehors.md").write_text("---\ntitle: Ajoutée dehors\n---\n\nTexte.\n", "utf-8")
    infos = loaded(qtbot, panel, 6)
    assert infos["ajoutée dehors.md"].title == "Ajoutée dehors"
    assert panel.current_stories() == [(folder / "lea.md").resolve()]  # the selection stayed
    (folder / "samir.md").unlink()
    qtbot.waitUntil(lambda: panel.list.count() == 5, timeout=10_000)


def test_the_thumbnail_is_the_cover_the_exports_will_get(qapp, tmp_path):
    """`cover: picture` shows that picture; `cover: T` the frame at T, not the first frame."""
    from PIL import Image

    from studio.gui.library_workers import thumbnail
    from studio.session.story_info import read_info

    (tmp_path / "media").mkdir()
    Image.new("RGB", (400, 600), (200, 20, 20)).save(tmp_path / "media" / "une.png")
    Image.new("RGB", (1080, 1920), (20, 20, 200)).save(tmp_path / "media" / "bleu.png")
    head = "---\ntitle: T\nconsent: {given: true}\n"
    body = "---\n\nUn premier moment.\n\n![](media/bleu.png)\n\nUn second moment, sur le bleu.\n"

    def centre(cover: str) -> tuple[int, int, int]:
        story = tmp_path / f"s{len(list(tmp_path.glob('*.md')))}.md"
        story.write_text(head + cover + body, "utf-8")
        image = thumbnail(read_info(story), tmp_path / "thumbs")
        assert image is not None
        c = image.pixelColor(image.width() // 2, image.height() // 4)
        return c.red(), c.green(), c.blue()

    r, g, b = centre("cover: media/une.png\n")
    assert r > 150 and g < 80 and b < 80
    r, g, b = centre("cover: 4\n")  # the second beat, over the blue picture
    assert b > 120 and r < 90
    r, g, b = centre("")  # the first beat, on the brand's gradient: not blue
    assert not (b > 120 and r < 90)
