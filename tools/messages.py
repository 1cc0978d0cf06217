"""Keeps the message catalogue in step with the code: extracts every marked string of studio/
(`_()`, `n_()`, `N_()`, `gettext()`, `ngettext()`, the GUI's `tr()`/`ntr()`) and the shipped
presets' descriptions, updates studio/locale/fr/LC_MESSAGES/studio.po (translations kept, new
strings empty, strings gone dropped) and compiles studio.mo beside it:

    make messages            # or: python tools/messages.py

Then translate the empty entries in the .po (and remove `#, fuzzy` after checking a guess) and
run it again. tests/unit/test_catalogue.py fails while one has no French translation or when the
committed .mo is not the .po's."""

from __future__ import annotations

import ast
import io
import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "studio"
PO = STUDIO / "locale" / "fr" / "LC_MESSAGES" / "studio.po"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "tr": None, "n_": (1, 2), "ngettext": (1, 2), "ntr": (1, 2)}


# what argparse says to someone who typed a command wrong (the CLI has it speak our catalogue)
ARGPARSE = ("usage: ", "positional arguments", "options", "show this help message and exit",
            "%(prog)s: error: %(message)s\n", "the following arguments are required: %s",
            "invalid choice: %(value)r (choose from %(choices)s)", "unrecognized arguments: %s",
            "argument %(argument_name)s: %(message)s", "expected one argument", "invalid %(type)s value: %(value)r",
            "ambiguous option: %(option)s could match %(matches)s", "expected at least one argument")


def template() -> Catalog:
    """Every message of the code and the presets, with where it is used (files only: line numbers
    would churn the .po on every edit)."""
    cat = Catalog(project="kindness-studio", fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
            str(STUDIO), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        cat.add(message, locations=[(f"studio/{filename}", None)], auto_comments=comments, context=context)
    for message, where in _unseen_by_babel():
        if message not in cat:
            cat.add(message, locations=[(where, None)])
    for message in ARGPARSE:
        cat.add(message, locations=[("argparse", None)])
    for path in sorted((ROOT / "presets").glob("*.toml")):
        description = tomllib.loads(path.read_text("utf-8")).get("description")
        if description:
            cat.add(description, locations=[(f"presets/{path.name}", None)])
    return cat


def _unseen_by_babel():
    """Marked literals Babel's tokenizer cannot see: inside an f-string's braces (`f"{tr('Line')} 3"`)
    or inside another marked call's arguments (`_("{a}", a=_("b"))`)."""
    singular = {k for k, v in KEYWORDS.items() if v is None}
    for path in sorted(STUDIO.rglob("*.py")):
        for call in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in singular
                    and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                yield call.args[0].value, f"studio/{path.relative_to(STUDIO).as_posix()}"


def read(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return _header(read_po(f, locale="fr", domain="studio"))


def _header(cat: Catalog) -> Catalog:
    """GNU gettext's French plural rule (one form for 0 and 1, one for the rest; CLDR's third form
    for millions is of no use to us), and a header that is not fuzzy, so the .mo carries it."""
    cat._num_plurals, cat._plural_expr = 2, "(n > 1)"
    for m in cat:  # read_po padded the plurals to CLDR's three forms
        if m.id and m.pluralizable:
            m.string = tuple(m.string)[:2]
    cat.fuzzy = False
    cat.project, cat.version = "kindness-studio", "1"
    cat.last_translator = cat.language_team = "Kindness Studio <studio@invalid>"
    return cat


def missing(cat: Catalog) -> list[str]:
    """Ids of messages without a (checked) translation."""
    out = []
    for m in cat:
        if not m.id:
            continue
        strings = m.string[:cat.num_plurals] if isinstance(m.string, (tuple, list)) else (m.string,)
        if m.fuzzy or not all(s for s in strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def mo_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=True, omit_header=False, include_lineno=False, ignore_obsolete=True)
    return buf.getvalue()


def update() -> list[str]:
    cat = read() if PO.exists() else _header(Catalog(locale="fr", domain="studio"))
    cat.update(template(), no_fuzzy_matching=True)
    cat.revision_date = cat.creation_date  # no date churn in the committed file
    PO.write_bytes(po_bytes(cat))
    cat = read()
    PO.with_suffix(".mo").write_bytes(mo_bytes(cat))
    return missing(cat)


if __name__ == "__main__":
    left = update()
    print(f"{len(read())} messages, {len(left)} without a French translation ({PO.relative_to(ROOT)})")
    for m in left:
        print("  ", repr(m))
    sys.exit(1 if left and "--check" in sys.argv else 0)
