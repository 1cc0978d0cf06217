"""What an edit makes the instant preview redraw: counted by Preview.redraws, not timed. Stories
of photos only, so no process runs (pictures are composed in numpy from the prepared layers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studio.core.project import load_project
from studio.preview import Preview

BEATS = ["Le premier jour, tout allait bien.", "Puis les messages ont commencé, chaque soir.",
         "Aujourd'hui, j'en parle : ça aide."]


def _write(folder: Path, beats: list[str]) -> Path:
    story = folder / "histoire.md"
    story.write_text("---\ntitle: T\nconsent: {given: true}\ncaption_style: karaoke\n---\n\n"
                     f"![](a.png)\n\n{beats[0]}\n\n![](b.png)\n\n{beats[1]}\n\n{beats[2]}\n", encoding="utf-8")
    return story


@pytest.fixture
def story(tmp_path) -> Path:
    Image.new("RGB", (300, 500), (200, 40, 40)).save(tmp_path / "a.png")
    Image.new("RGB", (300, 500), (40, 40, 200)).save(tmp_path / "b.png")
    return _write(tmp_path, BEATS)


def _show_everything(preview: Preview) -> None:
    """A frame at every caption event and every background: every piece gets drawn."""
    tl = preview.timeline
    for e in tl.events:
        preview.frame(tl.seconds(e.start))
    for s in tl.segments:
        preview.frame(tl.seconds(s.start))
    preview.frame(tl.seconds(tl.endcard.start))


def _drawn(preview: Preview) -> dict[str, int]:
    return dict(preview.redraws)


def _delta(before: dict, after: dict) -> dict[str, int]:
    return {k: after.get(k, 0) - before.get(k, 0) for k in set(before) | set(after) if after.get(k, 0) != before.get(k, 0)}


def test_first_frames_draw_each_piece_once(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        first = _drawn(preview)
        _show_everything(preview)
        assert _drawn(preview) == first
    assert first["still"] == 2 and first["brand"] == 1 and first["endcard"] == 1
    assert first["caption"] == len(preview.timeline.events)


def test_no_change_redraws_nothing(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        before = _drawn(preview)
        preview.update(load_project(story, "preview"))      # a new Project from the same file
        _show_everything(preview)
        assert _delta(before, _drawn(preview)) == {}


def test_editing_one_beat_redraws_its_captions_only(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        before = _drawn(preview)
        _write(story.parent, [BEATS[0], "Puis les « messages » ont commencé, 47 chaque soir.", BEATS[2]])
        preview.update(load_project(story, "preview"))
        _show_everything(preview)
        new_events = [e for e in preview.timeline.events if e.beat == 1]
    assert _delta(before, _drawn(preview)) == {"caption": len(new_events)}


def test_caption_style_change_redraws_captions_not_stills(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        before = _drawn(preview)
        preview.update(load_project(story, "preview", overrides={"caption": {"highlight_color": "#00FF00"}}))
        _show_everything(preview)
        assert _delta(before, _drawn(preview)) == {"caption": len(preview.timeline.events)}


def test_a_changed_photo_file_is_drawn_again(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        before = _drawn(preview)
        Image.new("RGB", (300, 500), (40, 200, 40)).save(story.parent / "b.png")
        preview.update(load_project(story, "preview"))
        _show_everything(preview)
        assert _delta(before, _drawn(preview)) == {"still": 1}
        b = preview.timeline.segments[1]
        assert preview.frame(preview.timeline.seconds(b.start) + 0.1).getpixel((54, 40))[1] > 150


def test_face_searches_kept_on_disk_in_the_cache_folder_bounded(tmp_path, monkeypatch):
    import numpy as np
    from studio.media import face_cache
    from studio.media.faces import FaceTrack
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache"))
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x" * 100)
    track = FaceTrack(np.array([0.0, 0.5]), (((0.1, 0.2, 0.3, 0.4),), ()), 640, 360)
    k = face_cache.key(clip, (0.0, 1.0, 320, 10.0))
    face_cache.save(k, track)
    back = face_cache.load(k)
    assert back is not None and back.boxes == track.boxes and (back.width, back.height) == (640, 360)
    assert [p.parent for p in (tmp_path / "cache").rglob("*.npz")] == [tmp_path / "cache" / "faces"]
    clip.write_bytes(b"y" * 101)                                  # a changed clip is a new key
    assert face_cache.key(clip, (0.0, 1.0, 320, 10.0)) != k
    monkeypatch.setattr(face_cache, "LIMIT_BYTES", 1)             # bounded: the oldest go first
    face_cache.save(face_cache.key(clip, ("other",)), track)
    assert len(list((tmp_path / "cache" / "faces").glob("*.npz"))) <= 1


def test_a_clip_is_searched_for_faces_once_by_render_and_preview_alike(tmp_path, monkeypatch):
    """analyse_footage (the render's, the batch's and the preview's) searches through the disk
    cache: the second search of the same clip and arguments reads it."""
    import numpy as np
    from studio.media import face_cache, faces
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(tmp_path / "cache"))
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x" * 100)
    searched = []

    def search(path, *args):
        searched.append(args)
        return faces.FaceTrack(np.array([0.0]), (((0.1, 0.2, 0.3, 0.4),),), 640, 360)
    monkeypatch.setattr(faces, "scan_video", search)
    first = face_cache.scan(clip, 0.0, 1.0, 320, 10.0)
    again = face_cache.scan(clip, 0.0, 1.0, 320, 10.0)
    assert len(searched) == 1 and again.boxes == first.boxes
    face_cache.scan(clip, 0.0, 2.0, 320, 10.0)                    # another window: searched
    assert len(searched) == 2

def test_render_frame_in_a_loop_reuses_what_it_drew(story):
    from studio.preview import render_frame
    from studio.preview import shared as registry
    first = render_frame(load_project(story, "preview"), 1.0)
    shared = next(e.preview for (path, *_), e in registry._entries.items() if path == str(story))
    before = _drawn(shared)
    again = render_frame(load_project(story, "preview"), 1.0)      # a new Project, same story
    assert _delta(before, _drawn(shared)) == {}
    assert first.size == again.size == (540, 960) and first.tobytes() == again.tobytes()


def test_a_broken_photo_is_a_clear_error(story):
    from studio.core.errors import MediaError
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        good = preview.frame(0.5).tobytes()                            # on a.png, which stays good
        (story.parent / "b.png").write_bytes(b"not a picture")
        with pytest.raises(MediaError) as e:
            preview.update(load_project(story, "preview"))
        assert "b.png" in str(e.value) and e.value.line is not None
        assert preview.frame(0.5).tobytes() == good                  # the last good version still shows


def test_undoing_an_edit_redraws_nothing(story):
    with Preview(load_project(story, "preview"), (108, 192)) as preview:
        _show_everything(preview)
        _write(story.parent, [BEATS[0], BEATS[1] + " Vraiment.", BEATS[2]])
        preview.update(load_project(story, "preview"))
        _show_everything(preview)
        before = _drawn(preview)
        _write(story.parent, BEATS)                                     # undo
        preview.update(load_project(story, "preview"))
        _show_everything(preview)
        assert _delta(before, _drawn(preview)) == {}
