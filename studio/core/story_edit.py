"""Edits of a story's text made by timeline gestures: reorder beats (their backgrounds travelling
with them), set or remove a beat's `[durée : …]` line, trim a clip (`#t=START,END`), change a
photo's motion, split a beat at a word, join a beat with the next, duplicate, delete.

The text stays the one source of truth: each function takes the whole text and returns the whole
new text, touching only the lines the gesture is about (notes, spacing and the rest stay as they
were). Every result is parsed again before it is returned, so a gesture never leaves a story the
engine refuses; what cannot be written raises EditError (a StoryError naming the line).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from . import markdown
from .errors import StoryError
from .story import (_DURATION_LINE, _FRAGMENT, _IMAGE_LINE, _LINK_LINE, _TITLE, _is_audio, _strip_comments,
                    front_matter_end, parse_story)


class EditError(StoryError):
    """A gesture that cannot be written into the text (said to the editor, the text unchanged).
    `code` names the message, so that the studio says it in the editor's language."""

    def __init__(self, message: str, *, code: str, **kw):
        super().__init__(message, **kw)
        self.code = code


@dataclass(frozen=True, slots=True)
class Block:
    """Where beat `index` lives in the text, as 0-based line indices of `text.split("\\n")`."""

    index: int
    head: int                   # first line of the block: its voice, title or duration lines, else `start`
    start: int                  # first line of its paragraph
    end: int                    # one past the paragraph's last line
    duration: int | None        # its `[durée : …]` line
    background: int | None      # the picture or clip line in effect (None: the brand's background)
    voice: int | None = None
    title: int | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    text: str
    line: int                           # 1-based: the line to show in the editor (what changed)
    lost_background: tuple[int, ...] = ()  # beats (new order, 0-based) that could not keep the brand background


def blocks(text: str, path: str | Path = "<story>") -> list[Block]:
    """Each beat's block, in story order (the parser's own reading of the lines)."""
    story = parse_story(text, path)
    lines = text.split("\n")
    end = front_matter_end(lines)  # (parse_story has refused a front matter never closed)
    body_start = 0 if end is None else end + 1
    out: list[Block] = []
    background: int | None = None
    pending: dict[str, int] = {}
    start = last = duration = None

    def flush() -> None:
        nonlocal start, last, duration
        if start is not None:
            attrs = [v for k, v in pending.items() if k != "duration"]
            dur = duration if duration is not None else pending.get("duration")
            head = min([start, *attrs, *([dur] if dur is not None and dur < start else [])])
            out.append(Block(len(out), head, start, last + 1, dur, background,
                             pending.get("voice"), pending.get("title")))
            pending.clear()
            duration = None
        start = last = None

    for lineno, line, blank in _strip_comments(lines[body_start:], body_start, Path(path)):
        i = lineno - 1
        if blank:
            flush()
        elif line is None:  # a line holding only an editor note
            if start is not None:
                last = i
        elif _DURATION_LINE.match(line):
            if start is None:
                pending["duration"] = i
            else:
                duration, last = i, i
        elif (m := _LINK_LINE.match(line)) and _is_audio(m.group("target")):
            flush()
            pending["voice"] = i
        elif _IMAGE_LINE.match(line):
            flush()
            background = i
        elif start is None and markdown.heading(line) is not None:
            pending["title"] = i
        else:
            if start is None:
                start = i
            last = i
    flush()
    if len(out) != len(story.beats):  # a layout this reading does not follow: refuse rather than guess
        raise EditError("this story's layout cannot be edited from the timeline", code="layout", file=story.path,
                        hint="edit it in the text")
    return out


# --- reorder ------------------------------------------------------------------------------------

def move_beat(text: str, i: int, j: int, path: str | Path = "<story>") -> Edit:
    """Beat `i` moved to position `j` (its index afterwards). Its background travels with it: its
    picture line goes with it when no other beat uses it, else a copy of that line is written
    before it; the beat it lands before keeps its own the same way."""
    bl = blocks(text, path)
    n = len(bl)
    if not (0 <= i < n and 0 <= j < n) or i == j:
        return Edit(text, bl[i].start + 1 if 0 <= i < n else 1)
    lines = text.split("\n")
    want = [_bg(lines, b) for b in bl]
    b = bl[i]
    travels = _alone_on(bl, i, lines)
    first = b.background if travels else b.head
    moved = lines[first:b.end]
    rest = _remove(lines, first, b.end)
    order = [k for k in range(n) if k != i]
    order.insert(j, i)
    reduced = blocks("\n".join(rest), path)
    if j < n - 1:
        y = reduced[j]
        x = reduced[j - 1] if j > 0 else None
        at = x.end if x is not None else _top(rest, y)
        if not travels and want[i] == _bg(rest, y) != _bg(rest, x):
            at = y.head  # after the picture line the beat it lands before starts with: its own
    else:
        x = reduced[-1]
        at = x.end
    if x is not None and at == x.end:
        new = rest[:at] + ["", *moved] + rest[at:]
    else:
        new = rest[:at] + [*moved, ""] + rest[at:]
    new, lost = _keep_backgrounds("\n".join(new), [want[k] for k in order], (j, j + 1), path)
    return Edit(new, blocks(new, path)[j].start + 1, lost)


def _keep_backgrounds(text: str, want: list[str | None], check: tuple[int, ...],
                      path) -> tuple[str, tuple[int, ...]]:
    """Writes a copy of a beat's picture line before it where the move changed its background."""
    lost = []
    for k in check:
        bl = blocks(text, path)
        if k >= len(bl):
            continue
        lines = text.split("\n")
        if _bg(lines, bl[k]) == want[k]:
            continue
        if want[k] is None:  # nothing in the text brings the brand's background back after a picture
            lost.append(k)
            continue
        at = bl[k].head
        lines[at:at] = [want[k], ""]
        text = "\n".join(lines)
    return text, tuple(lost)


def _bg(lines: list[str], b: Block | None) -> str | None:
    return lines[b.background].strip() if b is not None and b.background is not None else None


def _alone_on(bl: list[Block], i: int, lines: list[str]) -> bool:
    """Beat i's picture line is used by no other beat and only blank lines part it from the beat."""
    b = bl[i]
    if b.background is None or any(o.background == b.background for o in bl if o.index != i):
        return False
    return all(not lines[k].strip() for k in range(b.background + 1, b.head))


def _remove(lines: list[str], first: int, end: int) -> list[str]:
    """The lines without [first, end) and the blank lines after it (the blank before it stays)."""
    stop = end
    while stop < len(lines) and not lines[stop].strip():
        stop += 1
    out = lines[:first] + lines[stop:]
    if stop == len(lines) and lines[-1] == "" and (not out or out[-1] != ""):
        out.append("")  # the text still ends with its newline
    return out


def _top(lines: list[str], y: Block) -> int:
    """Where a beat goes to be the first: before any picture line preceding the first beat."""
    at = y.head
    k = at - 1
    while k >= 0 and (not lines[k].strip() or _IMAGE_LINE.match(lines[k])):
        if lines[k].strip():
            at = k
        k -= 1
    return at


# --- time -----------------------------------------------------------------------------------------

def seconds_for_frames(frames: int, fps: Fraction | int, at_least: float = 0.0) -> float | None:
    """The shortest-written number of seconds (at most 3 decimals), not under `at_least`, that
    lasts exactly `frames` frames as the engine counts them (it rounds a duration up to whole
    frames): 135 frames at 30 fps -> 4.5. None when no such number exists."""
    fps = Fraction(fps)
    low, high = Fraction(frames - 1) / fps, Fraction(frames) / fps
    floor = Fraction(at_least).limit_denominator(10 ** 6)
    for digits in range(0, 4):
        scale = 10 ** digits
        x = max(Fraction(math.floor(low * scale) + 1, scale), Fraction(math.ceil(floor * scale), scale))
        # the engine computes in floats: keep clear of the frame's edge
        if x <= high and math.ceil(float(x) * fps - Fraction(1, 10 ** 9)) == frames:
            return float(x)
    return None


def shortest_frames(floor_s: float, fps: Fraction | int) -> int:
    """The fewest frames a beat may be given by a written duration at or above `floor_s`."""
    n = max(1, math.ceil(floor_s * Fraction(fps) - Fraction(1, 10 ** 9)))
    while seconds_for_frames(n, fps, floor_s) is None:
        n += 1
    return n


def duration_line(seconds: float, lang: str) -> str:
    """`[durée : 4,5 s]` in a French story, `[duration: 4.5 s]` otherwise."""
    value = f"{seconds:.6f}".rstrip("0").rstrip(".")
    if lang.split("-")[0] == "fr":
        return f"[durée : {value.replace('.', ',')} s]"
    return f"[duration: {value} s]"


def set_duration(text: str, i: int, seconds: float, path: str | Path = "<story>") -> Edit:
    """Beat i lasts `seconds`: its duration line rewritten, or one written just above its paragraph."""
    story = parse_story(text, path)
    b = _block(text, i, path)
    lines = text.split("\n")
    line = duration_line(seconds, story.meta.lang)
    if b.duration is not None:
        lines[b.duration] = line
        at = b.duration
    else:
        lines[b.start:b.start] = [line]
        at = b.start
    return Edit(_checked("\n".join(lines), path), at + 1)


def clear_duration(text: str, i: int, path: str | Path = "<story>") -> Edit:
    """Beat i goes back to automatic timing: its duration line removed."""
    b = _block(text, i, path)
    if b.duration is None:
        return Edit(text, b.start + 1)
    lines = text.split("\n")
    k = b.duration
    drop = 1
    if k + 1 < len(lines) and not lines[k + 1].strip() and (k == 0 or not lines[k - 1].strip()):
        drop = 2  # a duration line standing alone between blank lines: one blank goes with it
    del lines[k:k + drop]
    new = _checked("\n".join(lines), path)
    return Edit(new, blocks(new, path)[i].start + 1)


# --- backgrounds ----------------------------------------------------------------------------------

def _media_line(text: str, line: int) -> tuple[list[str], re.Match, str, str, str]:
    """(lines, match, path part, options, title part) of the picture or clip line `line` (1-based)."""
    lines = text.split("\n")
    if not 0 < line <= len(lines) or not (m := _IMAGE_LINE.match(lines[line - 1])):
        raise EditError("this line holds no picture or clip", code="not-media", line=line, hint="choose a background line")
    target = m.group("target")
    head, title = target, ""
    if not target.lstrip().startswith("<") and (t := _TITLE.match(target)):
        head, title = t.group("path"), target[len(t.group("path")):]
    if head.lstrip().startswith("<") and ">" in head:
        close = head.index(">") + 1
        base, frag = head[:close], head[close:].strip().lstrip("#")
    elif f := _FRAGMENT.match(head):
        base, frag = f.group("path"), f.group("frag")
    else:
        base, frag = head, ""
    return lines, m, base, frag, title


def _write_target(text: str, line: int, lines: list[str], m: re.Match, base: str, parts: list[str],
                  title: str, path) -> Edit:
    old = lines[line - 1]
    target = base + ("#" + "&".join(parts) if parts else "") + title
    lines[line - 1] = old[:m.start("target")] + target + old[m.end("target"):]
    return Edit(_checked("\n".join(lines), path), line)


def set_media_option(text: str, line: int, key: str, value: str | None, path: str | Path = "<story>") -> Edit:
    """The picture or clip line `line` (1-based) with option `key` (t, motion, fit…) set to
    `value`, or removed when None; its other options, description and path stay as written."""
    lines, m, base, frag, title = _media_line(text, line)
    options = [p for p in frag.split("&") if p]
    parts = [p for p in options if p.partition("=")[0] != key]
    if value is not None:
        keys = [p.partition("=")[0] for p in options]
        parts.insert(keys.index(key) if key in keys else len(parts), f"{key}={value}")
    return _write_target(text, line, lines, m, base, parts, title, path)


def set_media_path(text: str, line: int, reference: str, path: str | Path = "<story>") -> Edit:
    """The picture or clip line `line` showing `reference` (a path as the story writes it, in <>
    when it holds spaces) instead; its description and options stay, but a clip's trim, which
    belonged to the old clip, goes."""
    lines, m, base, frag, title = _media_line(text, line)
    parts = [p for p in frag.split("&") if p and p.partition("=")[0] != "t"]
    return _write_target(text, line, lines, m, reference, parts, title, path)


def set_trim(text: str, line: int, start: float | None, end: float | None, path: str | Path = "<story>") -> Edit:
    """The clip on `line` plays from `start` to `end` seconds (`#t=START,END`; None: no trim)."""
    if start is None and end is None:
        return set_media_option(text, line, "t", None, path)
    value = _num(start or 0) + (f",{_num(end)}" if end is not None else "")
    return set_media_option(text, line, "t", value, path)


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


# --- split, join, duplicate, delete ----------------------------------------------------------

_TOKEN = re.compile(r"\S+")


def words(text: str, i: int, path: str | Path = "<story>") -> list[str]:
    """The words of beat i's paragraph as written (markup included), in reading order."""
    b = _block(text, i, path)
    lines = text.split("\n")
    return [m.group() for k in _text_lines(lines, b) for m in _TOKEN.finditer(lines[k])]


def word_index(written: list[str], typeset_before: str) -> int:
    """The index, among a beat's written words (`words()`), of the word shown right after
    `typeset_before` (the caption text before it, typeset: no-break spaces, ’ for '). Written and
    shown words are matched by their count of letters and signs, which typesetting keeps
    (emphasis marks aside)."""
    target = sum(1 for c in typeset_before if not c.isspace() and c not in "*_")
    count = 0
    for k, word in enumerate(written):
        if count >= target:
            return k
        count += sum(1 for c in word if c not in "*_")
    return len(written)


def split_beat(text: str, i: int, at_word: int, path: str | Path = "<story>") -> Edit:
    """Beat i cut before its word `at_word` (0-based among `words()`): a blank line there, the
    second part a new beat on the same background."""
    b = _block(text, i, path)
    lines = text.split("\n")
    found = [(k, m.start()) for k in _text_lines(lines, b) for m in _TOKEN.finditer(lines[k])]
    if not 0 < at_word < len(found):
        raise EditError("a beat is split between two of its words", code="split-first-word", line=b.start + 1,
                        hint="put the playhead on a word after the first")
    k, col = found[at_word]
    before, after = lines[k][:col].rstrip(), lines[k][col:]
    if before.strip():
        lines[k:k + 1] = [before, "", after]
        at = k + 2
    else:
        lines[k:k] = [""]
        at = k + 1
    return Edit(_checked("\n".join(lines), path), at + 1)


def join_beats(text: str, i: int, path: str | Path = "<story>") -> Edit:
    """Beat i and beat i+1 made one paragraph. The lines between them (blank lines, a picture line
    the next beats still need) go after the joined paragraph; their durations add up when both
    have one, else the joined beat is timed automatically."""
    bl = blocks(text, path)
    if not 0 <= i < len(bl) - 1:
        raise EditError("the last beat has no next beat to join", code="join-last", line=bl[-1].start + 1 if bl else None)
    a, c = bl[i], bl[i + 1]
    lines = text.split("\n")
    if c.voice is not None or c.title is not None:
        raise EditError("the next beat has its own voice-over or title line", code="join-own-line", line=(c.voice or c.title) + 1,
                        hint="move or remove that line first")
    story = parse_story(text, path)
    both = [story.beats[i].duration_s, story.beats[i + 1].duration_s]
    keep_pictures = [k for k in range(a.end, c.head) if _IMAGE_LINE.match(lines[k])
                     and any(o.background == k for o in bl[i + 2:])]
    notes = [k for k in range(a.end, c.head) if lines[k].strip() and k not in keep_pictures
             and not _IMAGE_LINE.match(lines[k])]
    second = [k for k in range(c.head, c.end) if k != c.duration]
    first = [k for k in range(a.head, a.end) if k != a.duration]
    body = [lines[k] for k in first] + [lines[k] for k in second]
    if None not in both:
        body.insert(first.index(a.start), duration_line(both[0] + both[1], story.meta.lang))
    after = [lines[k] for k in keep_pictures + notes]
    new = lines[:a.head] + body + (["", *after] if after else []) + lines[c.end:]
    out = _checked("\n".join(new), path)
    return Edit(out, blocks(out, path)[i].start + 1)


def duplicate_beat(text: str, i: int, path: str | Path = "<story>") -> Edit:
    """A copy of beat i (with its duration and voice lines) right after it, on the same background."""
    b = _block(text, i, path)
    lines = text.split("\n")
    lines[b.end:b.end] = ["", *lines[b.head:b.end]]
    out = _checked("\n".join(lines), path)
    return Edit(out, blocks(out, path)[i + 1].start + 1)


def delete_beat(text: str, i: int, path: str | Path = "<story>") -> Edit:
    """Beat i removed with its duration and voice lines, and its picture line when no other beat
    uses it. Notes stay."""
    bl = blocks(text, path)
    if len(bl) < 2:
        raise EditError("a story keeps at least one beat", code="last-beat", line=bl[0].start + 1, hint="write another beat first")
    lines = text.split("\n")
    first = bl[i].background if _alone_on(bl, i, lines) else bl[i].head
    out = _checked("\n".join(_remove(lines, first, bl[i].end)), path)
    show = blocks(out, path)[min(i, len(bl) - 2)]
    return Edit(out, show.start + 1)


_AFTER_WORD = ",.;:!?…»)\u00a0\u202f"


def emphasize(text: str, line: int, start: int, end: int, path: str | Path = "<story>") -> Edit:
    """The words of `line` (1-based) touched by columns [start, end) in `**bold**`, the caption's
    emphasis; the same words already in `**…**` lose it instead."""
    lines = text.split("\n")
    if not any(k == line - 1 for b in blocks(text, path) for k in _text_lines(lines, b)):
        raise EditError("select words of a beat to emphasize them", code="emphasis-not-beat", line=line,
                        hint="the selection is on a line that is not a beat's text")
    s = lines[line - 1]
    start, end = max(0, min(start, end)), min(len(s), max(start, end))
    while start < end and s[start].isspace():
        start += 1
    while end > start and (s[end - 1].isspace() or s[end - 1] in _AFTER_WORD):
        end -= 1  # the words, not the punctuation after them
    if start == end:
        raise EditError("select the words to emphasize", code="emphasis-empty", line=line)
    while start > 0 and not s[start - 1].isspace() and s[start - 1] != "*":
        start -= 1  # whole words
    while end < len(s) and not s[end].isspace() and s[end] not in "*" + _AFTER_WORD:
        end += 1
    if s[max(0, start - 2):start] == "**" and s[end:end + 2] == "**":
        s = s[:start - 2] + s[start:end] + s[end + 2:]
    else:
        s = s[:start] + "**" + s[start:end] + "**" + s[end:]
    lines[line - 1] = s
    return Edit(_checked("\n".join(lines), path), line)


# --- helpers --------------------------------------------------------------------------------------

def _block(text: str, i: int, path) -> Block:
    bl = blocks(text, path)
    if not 0 <= i < len(bl):
        raise EditError(f"there is no beat {i + 1}", code="no-beat", hint=f"the story has {len(bl)} beats")
    return bl[i]


def _text_lines(lines: list[str], b: Block) -> list[int]:
    """The paragraph's lines that hold its words (not its duration line nor notes)."""
    return [k for k in range(b.start, b.end) if k != b.duration and lines[k].strip()
            and not lines[k].lstrip().startswith("<!--")]


def _checked(text: str, path) -> str:
    """The new text, parsed as the engine will read it: an edit never writes a story it refuses."""
    try:
        parse_story(text, path)
    except StoryError as e:
        raise EditError(f"this change would break the story: {e.message}", code="would-break", file=e.file, line=e.line,
                        hint=e.hint) from None
    return text
