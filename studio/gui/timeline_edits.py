"""Writes the timeline strip's gestures into the story's text: each one edit of the document (one
undo step named after the gesture), made by studio.core.story_edit; the editor then shows the
line that changed. While a beat's edge is dragged, the preview shows the frame at the edge of the
story as it would be; the text is written once, on release."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QFileDialog

from ..core import story_edit
from ..core.errors import StudioError
from ..session import media_drop
from ..session.analysis import Analysis, text_hash
from .i18n import tr
from .timeline_strip import motion_names

if TYPE_CHECKING:
    from .main_window import MainWindow


class TimelineEdits(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.w = window
        s = window.strip
        s.move_requested.connect(self.move)
        s.duration_requested.connect(self.set_duration)
        s.duration_cleared.connect(self.clear_duration)
        s.edge_dragged.connect(self.preview_edge)
        s.beat_dragged.connect(self.preview_move)
        s.drag_cancelled.connect(self.restore_preview)
        s.split_requested.connect(self.split_at_playhead)
        s.join_requested.connect(self.join)
        s.duplicate_requested.connect(self.duplicate)
        s.delete_requested.connect(self.delete)
        s.emphasis_requested.connect(self.emphasize_selection)
        s.trim_dragged.connect(self.preview_trim)
        s.trim_requested.connect(self.trim)
        s.motion_requested.connect(self.motion)
        s.replace_requested.connect(self.replace_media)

    # --- the analysis the gesture was made on -------------------------------------------------
    def current(self) -> Analysis | None:
        """The analysis shown, if it is of the text as it is now (else the gesture waits)."""
        a = self.w.analysis
        if a is None or a.plan is None or a.text_hash != text_hash(self.w.document.text()):
            self.w.statusBar().showMessage(tr("The timeline is being updated: try again in a moment."), 5000)
            return None
        return a

    def _apply(self, label: str, edit, *args) -> story_edit.Edit | None:
        path = self.w.document.path or self.w.analysis.path
        try:
            done = edit(self.w.document.text(), *args, path=path)
        except story_edit.EditError as e:  # a gesture the text cannot take: said, nothing changes
            self.w.statusBar().showMessage(edit_error_text(e), 10_000)
            self.restore_preview()
            return None
        except StudioError as e:
            self.w.show_error(e)
            self.restore_preview()
            return None
        self.w.document.apply_text(done.text, label)
        self.w.editor.show_line(done.line)
        if done.lost_background:
            beats = ", ".join(str(k + 1) for k in done.lost_background)
            self.w.statusBar().showMessage(tr(
                "Beat {n} now shows the picture before it: after a picture, no line gives back the "
                "brand's background.").format(n=beats), 10_000)
        return done

    # --- gestures -------------------------------------------------------------------------------
    def move(self, beat: int, to: int) -> None:
        if self.current() is not None:
            self._apply(tr("Move beat {n}").format(n=beat + 1), story_edit.move_beat, beat, to)

    def set_duration(self, beat: int, frames: int, floor_s: float) -> None:
        a = self.current()
        if a is None:
            return
        seconds = story_edit.seconds_for_frames(frames, a.plan.timeline.fps, floor_s)
        if seconds is None:  # (the strip snaps above the floor; a frame past it always has a value)
            seconds = story_edit.seconds_for_frames(frames + 1, a.plan.timeline.fps, floor_s)
        label = tr("Duration of beat {n}: {seconds} s").format(n=beat + 1, seconds=QLocale().toString(seconds, "g", 6))
        self._apply(label, story_edit.set_duration, beat, seconds)

    def clear_duration(self, beat: int) -> None:
        a = self.current()
        if a is not None and a.plan.project.story.beats[beat].duration_s is not None:
            self._apply(tr("Automatic duration of beat {n}").format(n=beat + 1), story_edit.clear_duration, beat)

    def split_at_playhead(self) -> None:
        a = self.current()
        if a is None:
            return
        tl = a.plan.timeline
        frame = round(self.w.preview.playhead * tl.fps)
        beat = next((i for i, span in enumerate(tl.beats) if span.start <= frame < span.end), None)
        if beat is None:
            self.w.statusBar().showMessage(tr("Put the playhead on a beat to split it."), 5000)
            return
        before: list[str] = []
        for e in tl.events:
            if e.beat != beat:
                continue
            if e.start > frame:
                break
            shown = [w for w, start, _ in e.word_spans() if start <= frame]
            if e.end <= frame:
                before.append(e.text)
            else:
                before.extend(shown[:-1] if shown else [])
        written = story_edit.words(self.w.document.text(), beat, a.path)
        at = story_edit.word_index(written, " ".join(before))
        self._apply(tr("Split beat {n}").format(n=beat + 1), story_edit.split_beat, beat, at)

    def join(self, beat: int) -> None:
        if self.current() is not None:
            self._apply(tr("Join beats {n} and {m}").format(n=beat + 1, m=beat + 2), story_edit.join_beats, beat)

    def duplicate(self, beat: int) -> None:
        if self.current() is not None:
            self._apply(tr("Duplicate beat {n}").format(n=beat + 1), story_edit.duplicate_beat, beat)

    def delete(self, beat: int) -> None:
        if self.current() is not None:
            self._apply(tr("Delete beat {n}").format(n=beat + 1), story_edit.delete_beat, beat)

    def emphasize_selection(self) -> None:
        """The words selected in the text (on one line) in bold: the caption's emphasis."""
        cursor = self.w.editor.textCursor()
        if not cursor.hasSelection():
            self.w.statusBar().showMessage(tr("Select words of a beat in the text first."), 6000)
            return
        if self.current() is None:
            return
        block = self.w.document.doc.findBlock(cursor.selectionStart())
        text = block.text()
        a = _column(text, cursor.selectionStart() - block.position())
        b = _column(text, min(cursor.selectionEnd() - block.position(), _utf16(text)))
        self._apply(tr("Emphasize words"), story_edit.emphasize, block.blockNumber() + 1, a, b)

    def trim(self, bg, start: float, end: float) -> None:
        a = self.current()
        if a is None:
            return
        info = a.plan.media.get(bg.path)
        whole = info is not None and end >= info.duration_s - 0.01  # to the file's end: no end written
        label = tr("Trim {name}: {start}–{end} s").format(
            name=bg.path.name, start=QLocale().toString(start, "g", 6), end=QLocale().toString(end, "g", 6))
        self._apply(label, story_edit.set_trim, bg.line, start or None if whole else start, None if whole else end)

    def motion(self, bg, motion: str) -> None:
        if self.current() is not None:
            label = tr("Motion of {name}: {motion}").format(name=bg.path.name, motion=motion_names()[motion])
            self._apply(label, story_edit.set_media_option, bg.line, "motion", None if motion == "auto" else motion)

    def replace_media(self, bg) -> None:
        if self.current() is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self.w, tr("Choose a picture or clip"), str(bg.path.parent),
                                                tr("Pictures and clips (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.webm)"))
        if chosen:
            self.replace_with(bg, chosen)

    def replace_with(self, bg, chosen: str | Path) -> None:
        """The background's line shows `chosen` (copied into media/ as a dropped file is)."""
        chosen = Path(chosen)
        if not self.w.has_folder() or (found := self.w.media_file(chosen)) is None:
            return
        ref = media_drop.reference(self.w.document.path.parent, found)
        label = tr("Replace {old} with {new}").format(old=bg.path.name, new=chosen.name)
        self._apply(label, story_edit.set_media_path, bg.line, ref)

    # --- the preview while dragging -------------------------------------------------------------
    def preview_edge(self, beat: int, frames: int) -> None:
        """The frame at the dragged edge (the beat's last frame at its new length), of the story
        as it would be: the same project with that beat's duration, no text parsed."""
        a = self.w.analysis
        if a is None or a.plan is None:
            return
        tl, project = a.plan.timeline, a.plan.project
        story = project.story
        seconds = float(frames / tl.fps)
        beats = tuple(replace(b, duration_s=seconds) if i == beat else b for i, b in enumerate(story.beats))
        variant = replace(project, story=replace(story, beats=beats))
        edge = tl.seconds(tl.beats[beat].start + frames - 1)
        self.w.preview.show_edit(variant, edge)

    def preview_move(self, beat: int, to: int) -> None:
        """The dragged beat's first frame where it would land: the beats reordered, each with the
        background it has now (what the text gains on release), no text parsed."""
        a = self.w.analysis
        if a is None or a.plan is None:
            return
        tl, project = a.plan.timeline, a.plan.project
        order = [k for k in range(len(tl.beats)) if k != beat]
        order.insert(to, beat)
        story = project.story
        variant = replace(project, story=replace(story, beats=tuple(story.beats[k] for k in order)))
        start = tl.intro.end + sum(tl.beats[k].frames for k in order[:to])
        self.w.preview.show_edit(variant, tl.seconds(start))

    def preview_trim(self, bg, start: float, end: float) -> None:
        """The frame at the dragged end of a clip (its first frame, or the one showing its new end)."""
        a = self.w.analysis
        if a is None or a.plan is None:
            return
        tl, project = a.plan.timeline, a.plan.project
        new = replace(bg, trim_start=start, trim_end=end)
        story = project.story
        beats = tuple(replace(b, background=new) if b.background == bg else b for b in story.beats)
        variant = replace(project, story=replace(story, beats=beats))
        seg = next((g for g in tl.segments if g.background == bg), None)
        if seg is None:
            return
        at = seg.start
        if start == (bg.trim_start or 0.0):  # the end moved: where the clip reaches it
            at = seg.start + min(seg.frames, round((end - start) * tl.fps)) - 1
        self.w.preview.show_edit(variant, tl.seconds(max(seg.start, at)))

    def restore_preview(self) -> None:
        a = self.w.analysis
        if a is not None and a.plan is not None and self.w.preview.project is not a.project:
            self.w.preview.set_project(a.project, a.plan.timeline.duration_s)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _column(text: str, units: int) -> int:
    """The index in `text` of a position Qt counts in UTF-16 units (an emoji counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")[:units * 2].decode("utf-16-le", "surrogatepass"))


def edit_error_text(e: story_edit.EditError) -> str:
    """What a refused gesture tells the editor, in their language (the engine's own reason, for a
    change that would break the story, as the engine words it)."""
    said = {
        "layout": tr("This story's layout cannot be edited from the timeline: edit it in the text."),
        "not-media": tr("This line holds no picture or clip."),
        "split-first-word": tr("A beat is split between two of its words: put the playhead on a word after the first."),
        "join-last": tr("The last beat has no next beat to join."),
        "join-own-line": tr("The next beat has its own voice-over or title line: move or remove it first."),
        "last-beat": tr("A story keeps at least one beat."),
        "emphasis-not-beat": tr("Select words of a beat to emphasize them."),
        "emphasis-empty": tr("Select the words to emphasize."),
        "no-beat": tr("There is no such beat."),
        "would-break": tr("This change would break the story: {reason}").format(reason=e.message.split(": ", 1)[-1]),
    }.get(e.code, e.message)
    return f"{tr('Line {n}').format(n=e.line)}: {said}" if e.line else said
