"""The one message catalogue: every marked string of the code has a French translation, the
committed .mo is the .po compiled, a translation keeps its parameters, and numbers are written as
the reader writes them."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from studio.core import i18n
from studio.core.i18n import _, n_

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402  (tools/messages.py: what `make messages` runs)

MARKERS = {"_", "n_", "N_", "tr", "ntr"}


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def _key(m) -> str:
    return m.id if isinstance(m.id, str) else m.id[0]


def test_every_message_of_the_code_has_a_french_translation():
    po = messages.read()
    code = {_key(m) for m in messages.template() if m.id}
    done = set(code) - set(messages.missing(po)) & {_key(m) for m in po if m.id}
    missing = sorted(code - done)
    assert not missing, f"run `make messages` and translate in {messages.PO.relative_to(ROOT)}: {missing}"


def test_the_committed_mo_is_the_po_compiled():
    assert messages.PO.with_suffix(".mo").read_bytes() == messages.mo_bytes(messages.read()), \
        "run `make messages`"


def test_a_translation_keeps_the_parameters_of_its_message():
    fields = re.compile(r"\{(\w*)[^{}]*\}|%n|%\d")
    for m in messages.read():
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        want = set(fields.findall(ids[-1])) | set(fields.findall(ids[0]))
        for s in strings:
            assert set(fields.findall(s)) <= want | {"n"} and set(fields.findall(s)) >= set(fields.findall(ids[0])) - {"n"}, (m.id, s)


def test_every_marked_string_is_a_literal_the_extractor_can_read():
    """`_(f"...")` or `tr(name)` would never reach the catalogue: the extractor skips them."""
    bad = []
    for path in (ROOT / "studio").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS
                    and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, f"a marked string must be a literal (use gettext(value) for data): {bad}"


def test_messages_are_translated_when_shown_with_french_numbers(french):
    m = _("the video would last {seconds:.1f} s; preset '{preset}' allows {low}-{high} s",
          seconds=102.07, preset="reels", low=3, high=90)
    assert str(m) == "la vidéo durerait 102,1 s\u202f; le format «\u202freels\u202f» accepte de 3 à 90 s"
    i18n.set_language("en")
    assert str(m) == "the video would last 102.1 s; preset 'reels' allows 3-90 s"
    i18n.set_language("fr")
    assert i18n.number(12.5) == "12,5" and i18n.number(3) == "3"


def test_the_language_comes_from_the_environment_unless_chosen():
    assert i18n.env_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.env_language({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}) == "en"
    assert i18n.env_language({"LANGUAGE": "de:fr", "LANG": "de_DE.UTF-8"}) == "fr"
    assert i18n.env_language({}) == "en"
    assert i18n.set_language("fr_FR") == "fr"
    i18n.set_language("en")


def test_no_function_hides_the_message_marker():
    """`key, _, value = ...` in a function that also calls `_()` makes `_` a local string there."""
    bad = []
    for path in (ROOT / "studio").rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                        for n in ast.walk(fn))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                        for n in _own_nodes(fn))
            if calls and binds:
                bad.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert not bad, f"rename the throwaway `_` (e.g. `_sep`): {bad}"


def _own_nodes(fn):
    """The nodes of a function outside its comprehensions (which have their own scope)."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def test_the_extractor_sees_every_marked_string():
    """A marker inside an f-string's braces is invisible to the extractor: never translated."""
    seen = {_key(m) for m in messages.template() if m.id}
    unseen = []
    for path in (ROOT / "studio").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS | {"gettext", "ngettext"} and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value not in seen):
                unseen.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value!r}")
    assert not unseen, f"take these out of f-strings' braces: {unseen}"
