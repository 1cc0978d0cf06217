"""The front matter of a story's text, read and rewritten key by key, without Qt.

Rewriting a key replaces only that key's lines (its value, and the indented lines under it);
every other line of the front matter, its comments and the whole body stay as they were."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..core.story import FRONT_MATTER_OPEN, front_matter_end

_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")


@dataclass(frozen=True)
class FrontMatterBlock:
    start: int         # index of the opening '---' line (-1: the text has no front matter)
    end: int           # index of the closing line
    values: dict       # the parsed keys, {} when the YAML is invalid
    error: str = ""    # why it could not be read


def split_lines(text: str) -> list[str]:
    return text.split("\n")


def read(text: str) -> FrontMatterBlock:
    lines = split_lines(text)
    end = front_matter_end(lines)
    if end is None:
        return FrontMatterBlock(-1, -1, {})
    if end < 0:
        return FrontMatterBlock(0, -1, {}, "the front matter is never closed")
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as e:
        return FrontMatterBlock(0, end, {}, str(getattr(e, "problem", e)))
    if not isinstance(data, dict):
        return FrontMatterBlock(0, end, {}, "not a list of `key: value` lines")
    return FrontMatterBlock(0, end, data)


def dump_value(value: Any) -> str:
    """One YAML flow value on one line (strings quoted only when YAML needs it)."""
    out = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    out = out.strip()
    if out.endswith("\n..."):
        out = out[:-4].rstrip()
    elif out.endswith("..."):
        out = out[:-3].rstrip()
    return out


def set_key(text: str, key: str, value: Any) -> str:
    """The text with front matter `key` set to `value` (None or empty: the key removed)."""
    lines = split_lines(text)
    block = read(text)
    empty = value is None or value == "" or value == [] or value == {} or value == ()
    new_line = f"{key}: {dump_value(list(value) if isinstance(value, tuple) else value)}" if not empty else None
    if block.start < 0 or block.end < 0:
        if new_line is None:
            return text
        if block.start == 0:  # an unclosed front matter: leave the text to the user
            return text
        fence = FRONT_MATTER_OPEN
        return "\n".join([fence, new_line, fence, "", *lines]) if text else f"{fence}\n{new_line}\n{fence}\n"
    first, last = _key_lines(lines, block.start + 1, block.end, key)
    if first is None:
        if new_line is None:
            return text
        lines.insert(block.end, new_line)
    elif new_line is None:
        del lines[first:last]
    else:
        comment = _trailing_comment(lines[first]) if last - first == 1 else ""
        lines[first:last] = [new_line + comment]
    return "\n".join(lines)


def _key_lines(lines: list[str], start: int, end: int, key: str) -> tuple[int | None, int]:
    for i in range(start, end):
        m = _KEY.match(lines[i])
        if m and m.group("key") == key:
            j = i + 1
            while j < end and (lines[j].startswith((" ", "\t", "-")) and not _KEY.match(lines[j])):
                j += 1
            return i, j
    return None, 0


def _trailing_comment(line: str) -> str:
    """A ` # comment` after a plain value, kept when the value is rewritten."""
    m = re.search(r"\s+#[^'\"]*$", line)
    return m.group(0) if m else ""
