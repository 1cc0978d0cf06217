"""The bits of Markdown a beat may use, and what they mean on screen (pure).

`**bold**` / `__bold__` and `*italic*` / `_italic_` become emphasis markers (drawn as another
weight or a slant, dropped from the SRT/WebVTT); `[text](url)` keeps its text; a line `# Title`
is an on-screen title (studio.core.story). Anything else that would be burned in as markup
(backticks, ~~strike~~, <tags>, a quote '>' or a list '* ', a lone '*' or '_') is reported so
the editor can fix the line."""

from __future__ import annotations

import re

from .captions.emphasis import BOLD_OFF, BOLD_ON, ITALIC_OFF, ITALIC_ON

HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
# an address may hold balanced parentheses, as CommonMark allows: [x](javascript:alert(document.cookie))
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]"
                   r"\((?P<target>(?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*)(?:\s+\"[^\"]*\")?\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<a>[^*]+?)(?<=[^\s*])\*(?![\w*])"
                     r"|(?<![\w_])_(?=[^\s_])(?P<b>[^_]+?)(?<=[^\s_])_(?![\w_])")
_STRAY = [
    (re.compile(r"`"), "a backtick (`code`)"),
    (re.compile(r"~~"), "a strikethrough (~~)"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>"), "an HTML tag"),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "an image inside the text (put it alone on its line)"),
    (re.compile(r"\]\(|\[[^\]]*\]\[|^\[[^\]]+\]:"), "a link Markdown could not read"),
    (re.compile(r"^\s*>"), "a quotation block ('>')"),
    (re.compile(r"^\s*(?:[*+]|\d+[.)])\s"), "a list item"),
    (re.compile(r"(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|\*\*|__"), "a '*' or '_' with no partner (emphasis not closed)"),
]


def inline(text: str) -> tuple[str, list[str]]:
    """One line of a beat with its Markdown read: (text with emphasis markers, problems)."""
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _BOLD.sub(lambda m: BOLD_ON + m.group("text") + BOLD_OFF, text)
    text = _ITALIC.sub(lambda m: ITALIC_ON + (m.group("a") or m.group("b")) + ITALIC_OFF, text)
    problems = [what for pattern, what in _STRAY if pattern.search(text)]
    return text, problems


def heading(line: str) -> str | None:
    """The text of a heading line (`# Title`), else None. A hashtag (#CreateKindness) is not one."""
    m = HEADING.match(line)
    return m.group("text") if m else None
