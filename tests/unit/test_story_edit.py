"""Timeline gestures written as text (studio.core.story_edit): each result checked byte for byte."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from studio.core.story import parse_story
from studio.core.story_edit import (EditError, blocks, clear_duration, delete_beat, duplicate_beat,
                                    duration_line, emphasize, join_beats, shortest_frames, move_beat, seconds_for_frames, set_duration,
                                    set_media_option, set_media_path, set_trim, split_beat, word_index, words)

HEAD = "---\ntitle: Test\nlang: fr\n---\n\n"
BODY = """Avant la première image.

![Le couloir](media/couloir.jpg)

Au collège, un surnom.

Puis les messages.
Chaque soir.

<!-- note -->

![](<media/ma rue.mp4>#t=1,4&fit=blur)

[durée : 5 s]
J'avais peur d'ouvrir mon téléphone.
"""
STORY = HEAD + BODY


def backgrounds(text: str) -> list[str | None]:
    return [b.background.path.name if b.background else None for b in parse_story(text).beats]


def test_blocks_follow_the_parser():
    bl = blocks(STORY)
    assert [(b.head, b.start, b.end, b.duration, b.background) for b in bl] == [
        (5, 5, 6, None, None), (9, 9, 10, None, 7), (11, 11, 13, None, 7), (18, 19, 20, 18, 16)]


def test_move_a_beat_with_its_own_clip_line():
    edit = move_beat(STORY, 3, 1)
    assert edit.text == HEAD + """Avant la première image.

![](<media/ma rue.mp4>#t=1,4&fit=blur)

[durée : 5 s]
J'avais peur d'ouvrir mon téléphone.

![Le couloir](media/couloir.jpg)

Au collège, un surnom.

Puis les messages.
Chaque soir.

<!-- note -->
"""
    assert edit.line == 11 and edit.lost_background == ()
    assert backgrounds(edit.text) == [None, "ma rue.mp4", "couloir.jpg", "couloir.jpg"]


def test_move_a_beat_sharing_its_picture_gains_a_copy_of_the_line():
    edit = move_beat(STORY, 2, 0)
    assert edit.text == HEAD + """![Le couloir](media/couloir.jpg)

Puis les messages.
Chaque soir.

Avant la première image.

![Le couloir](media/couloir.jpg)

Au collège, un surnom.

<!-- note -->

![](<media/ma rue.mp4>#t=1,4&fit=blur)

[durée : 5 s]
J'avais peur d'ouvrir mon téléphone.
"""
    # the first beat had the brand's background: no line can bring it back after a picture
    assert edit.lost_background == (1,)
    assert backgrounds(edit.text) == ["couloir.jpg", "couloir.jpg", "couloir.jpg", "ma rue.mp4"]


def test_swap_two_beats_on_one_picture():
    edit = move_beat(STORY, 1, 2)
    assert edit.text == HEAD + """Avant la première image.

![Le couloir](media/couloir.jpg)

Puis les messages.
Chaque soir.

Au collège, un surnom.

<!-- note -->

![](<media/ma rue.mp4>#t=1,4&fit=blur)

[durée : 5 s]
J'avais peur d'ouvrir mon téléphone.
"""
    assert edit.line == 13


def test_move_to_the_end_and_back_gives_the_text_back():
    there = move_beat(STORY, 1, 3)
    assert parse_story(there.text).beats[3].text == "Au collège, un surnom."
    assert backgrounds(there.text) == [None, "couloir.jpg", "ma rue.mp4", "couloir.jpg"]
    assert there.text == HEAD + """Avant la première image.

![Le couloir](media/couloir.jpg)

Puis les messages.
Chaque soir.

<!-- note -->

![](<media/ma rue.mp4>#t=1,4&fit=blur)

[durée : 5 s]
J'avais peur d'ouvrir mon téléphone.

![Le couloir](media/couloir.jpg)

Au collège, un surnom.
"""


def test_set_and_remove_a_duration_in_the_story_language():
    edit = set_duration(STORY, 1, 4.5)
    assert edit.text == STORY.replace("Au collège", "[durée : 4,5 s]\nAu collège")
    assert edit.line == 10
    assert set_duration(STORY, 3, 6.25).text == STORY.replace("[durée : 5 s]", "[durée : 6,25 s]")
    assert clear_duration(STORY, 3).text == STORY.replace("[durée : 5 s]\n", "")
    english = STORY.replace("lang: fr", "lang: en")
    assert set_duration(english, 0, 3.0).text == english.replace("Avant", "[duration: 3 s]\nAvant")
    alone = HEAD + "[durée : 3 s]\n\nUn.\n\nDeux.\n"
    assert clear_duration(alone, 0).text == HEAD + "Un.\n\nDeux.\n"
    assert duration_line(12.0, "fr-BE") == "[durée : 12 s]"


@pytest.mark.parametrize("fps", [30, 25, 24, Fraction(30000, 1001), 15])
def test_seconds_for_frames_last_exactly_those_frames(fps):
    for n in range(1, 400):
        s = seconds_for_frames(n, fps)
        assert math.ceil(s * Fraction(fps) - 1e-9) == n  # the engine's own rounding (timeline._frames_up)
    assert seconds_for_frames(135, 30) == 4.5
    assert seconds_for_frames(136, 30) == 4.51


def test_trim_and_motion_keep_the_rest_of_the_line():
    assert set_trim(STORY, 17, 2.5, 6).text == STORY.replace("#t=1,4&fit=blur", "#t=2.5,6&fit=blur")
    assert set_trim(STORY, 17, 1.25, None).text == STORY.replace("#t=1,4&fit=blur", "#t=1.25&fit=blur")
    assert set_trim(STORY, 17, None, None).text == STORY.replace("#t=1,4&fit=blur", "#fit=blur")
    assert set_media_option(STORY, 8, "motion", "zoom-in").text == STORY.replace(
        "media/couloir.jpg)", "media/couloir.jpg#motion=zoom-in)")
    titled = HEAD + '![x](media/a.jpg#fit=blur "Titre : 1")\n\nUn.\n'
    assert set_media_option(titled, 6, "motion", "pan-left").text == HEAD + \
        '![x](media/a.jpg#fit=blur&motion=pan-left "Titre : 1")\n\nUn.\n'
    assert set_media_path(STORY, 17, "media/autre.mp4").text == STORY.replace(
        "<media/ma rue.mp4>#t=1,4&fit=blur", "media/autre.mp4#fit=blur")
    assert set_media_path(titled, 6, "media/b.png").text == HEAD + '![x](media/b.png#fit=blur "Titre : 1")\n\nUn.\n'
    with pytest.raises(EditError, match="no picture"):
        set_trim(STORY, 6, 1, 2)
    with pytest.raises(EditError, match="ends before it starts"):
        set_trim(STORY, 17, 5, 2)


def test_split_at_a_word_and_join_again():
    assert words(STORY, 2) == ["Puis", "les", "messages.", "Chaque", "soir."]
    split = split_beat(STORY, 2, 3)
    assert split.text == STORY.replace("messages.\nChaque", "messages.\n\nChaque")
    mid = split_beat(STORY, 1, 2)
    assert mid.text == STORY.replace("Au collège, un surnom.", "Au collège,\n\nun surnom.")
    assert mid.line == 12
    assert [b.text for b in parse_story(mid.text).beats][1:3] == ["Au collège,", "un surnom."]
    assert join_beats(mid.text, 1).text == STORY.replace("Au collège, un surnom.", "Au collège,\nun surnom.")
    with pytest.raises(EditError, match="between two of its words") as refused:
        split_beat(STORY, 1, 0)
    assert refused.value.code == "split-first-word" and refused.value.line == 10


def test_join_moves_what_lies_between_and_adds_durations():
    assert join_beats(STORY, 1).text == STORY.replace("surnom.\n\nPuis", "surnom.\nPuis")
    # the clip line served only the beat joined: it goes; the note stays after the paragraph
    assert join_beats(STORY, 2).text == HEAD + """Avant la première image.

![Le couloir](media/couloir.jpg)

Au collège, un surnom.

Puis les messages.
Chaque soir.
J'avais peur d'ouvrir mon téléphone.

<!-- note -->
"""
    timed = HEAD + "[durée : 3 s]\nUn.\n\n[durée : 2,5 s]\nDeux.\n\n![](media/b.jpg)\n\nTrois.\n"
    assert join_beats(timed, 0).text == HEAD + "[durée : 5,5 s]\nUn.\nDeux.\n\n![](media/b.jpg)\n\nTrois.\n"
    with pytest.raises(EditError, match="no next beat"):
        join_beats(STORY, 3)


def test_duplicate_and_delete():
    assert duplicate_beat(STORY, 3).text == STORY + "\n[durée : 5 s]\nJ'avais peur d'ouvrir mon téléphone.\n"
    assert duplicate_beat(STORY, 1).text == STORY.replace(
        "Au collège, un surnom.\n", "Au collège, un surnom.\n\nAu collège, un surnom.\n")
    # the clip line served only this beat: it goes with it
    assert delete_beat(STORY, 3).text == HEAD + BODY[:BODY.index("\n![](<media")]
    assert delete_beat(STORY, 1).text == STORY.replace("Au collège, un surnom.\n\n", "")
    assert delete_beat(STORY, 0).text == HEAD + BODY[len("Avant la première image.\n\n"):]
    with pytest.raises(EditError, match="at least one beat"):
        delete_beat(HEAD + "Seul.\n", 0)


def test_word_under_the_playhead_maps_to_the_written_word():
    beat = "Elle m'a dit : « Tu n'es pas **obligé** de rester seul. »"
    # the caption shows typeset text: ’ for ', a no-break space before ':' and inside « »
    written = words(HEAD + beat + "\n", 0)
    assert word_index(written, "Elle m’a dit\u00a0: «\u202fTu") == 6 and written[6] == "n'es"
    assert word_index(written, "Elle m’a dit\u00a0: «\u202fTu n’es pas obligé") == 9 and written[9] == "de"


def test_story_text_stays_data():
    odd = HEAD + '"%{}[]\\ : 100 % 🤝\n\n![](<media/a b.jpg>)\n\nDeux.\n'
    edit = move_beat(odd, 1, 0)
    assert edit.text == HEAD + '![](<media/a b.jpg>)\n\nDeux.\n\n"%{}[]\\ : 100 % 🤝\n'
    assert edit.lost_background == (1,)
    # moved back, it keeps the picture it now has: it goes after the picture line
    assert move_beat(edit.text, 1, 0).text == HEAD + '![](<media/a b.jpg>)\n\n"%{}[]\\ : 100 % 🤝\n\nDeux.\n'


@pytest.mark.parametrize("name", ["lea", "ines", "noah", "samir"])
def test_every_move_of_the_examples_keeps_what_each_beat_showed(name):
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / f"{name}.md").read_text("utf-8")
    before = parse_story(text, EXAMPLES / f"{name}.md").beats

    def shown(b):
        return (b.text, b.duration_s, b.background and (b.background.path, b.background.trim_start,
                                                         b.background.fit, b.background.motion))
    n = len(before)
    for i in range(n):
        for j in range(n):
            edit = move_beat(text, i, j, EXAMPLES / f"{name}.md")
            after = parse_story(edit.text, EXAMPLES / f"{name}.md").beats
            order = [k for k in range(n) if k != i]
            order.insert(j, i)
            assert [b.text for b in after] == [before[k].text for k in order]
            for pos, k in enumerate(order):
                if pos not in edit.lost_background:
                    assert shown(after[pos]) == shown(before[k]), (i, j, pos)
                else:
                    assert before[k].background is None
            assert "Note de montage" not in text or edit.text.count("<!--") == text.count("<!--")


def test_a_duration_never_under_the_engines_floor():
    from studio.core.project import load_project
    from studio.core.timeline import project_timeline

    text = HEAD + "Un matin, j’ai tout raconté à une amie, puis à ma mère, et on a appelé.\n"
    tl = project_timeline(load_project(parse_story(text), "tiktok"))
    floor = tl.floors_s[0]
    # down to what 17 characters a second needs (each caption's reading time in whole frames and its
    # gap), well under the automatic timing of 15 characters a second plus 0.6 s
    chars = len(parse_story(text).beats[0].text)
    assert chars / 17 <= floor < chars / 17 + 0.1 and floor < chars / 15 + 0.6 - 2 / 30
    n = shortest_frames(floor, 30)
    assert n in (math.ceil(floor * 30 - 1e-9), math.ceil(floor * 30 - 1e-9) + 1)
    s = seconds_for_frames(n, 30, floor)
    assert s >= floor and math.ceil(s * 30 - 1e-9) == n
    tl2 = project_timeline(load_project(parse_story(set_duration(text, 0, s).text), "tiktok"))
    assert tl2.beats[0].frames == n
    with pytest.raises(Exception, match="too short to read"):
        project_timeline(load_project(parse_story(set_duration(text, 0, floor - 0.05).text), "tiktok"))


def test_emphasis_wraps_whole_words_and_toggles():
    line = STORY.split("\n").index("Au collège, un surnom.") + 1
    on = emphasize(STORY, line, 3, 7)  # "coll" of "collège,": the whole word, not its comma
    assert on.text == STORY.replace("Au collège, un surnom.", "Au **collège**, un surnom.")
    assert parse_story(on.text).beats[1].text == "Au \ue000collège\ue001, un surnom."  # the caption's bold marks
    assert emphasize(on.text, line, 6, 12).text == STORY
    assert emphasize(STORY, line, 12, 22).text == STORY.replace("un surnom.", "**un surnom**.")
    with pytest.raises(EditError, match="not a beat"):
        emphasize(STORY, 8, 0, 3)  # the picture line
