"""Collects every `tr("...")` string of studio/gui into studio_fr.ts (keeping the translations
already there), then compiles it to studio_fr.qm with pyside6-lrelease:

    python studio/gui/resources/i18n/update_ts.py

Strings without a translation are marked unfinished; tests/gui/test_i18n.py fails on them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUI = HERE.parents[1]
TS = HERE / "studio_fr.ts"


def source_strings() -> dict[str, list[str]]:
    """Every literal passed to tr(), with where it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, []).append(f"{path.name}:{node.lineno}")
    return found


Translation = str | tuple[str, ...]  # a plural (`tr(..., n=count)`, "%n") has one form per number


def read_ts(path: Path = TS) -> dict[str, Translation]:
    if not path.exists():
        return {}
    out: dict[str, Translation] = {}
    for msg in ET.parse(path).getroot().iter("message"):
        t = msg.find("translation")
        if t is None or t.get("type") in ("unfinished", "obsolete"):
            continue
        forms = tuple(f.text for f in t.iter("numerusform") if f.text and f.text.strip())
        if forms:
            out[msg.findtext("source")] = forms
        elif t.text and t.text.strip():
            out[msg.findtext("source")] = t.text
    return out


def write_ts(strings: dict[str, list[str]], translations: dict[str, Translation], path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="fr_FR", sourcelanguage="en")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = "studio"
    for source in sorted(strings):
        msg = ET.SubElement(ctx, "message")
        for where in strings[source][:1]:  # the file only: line numbers would churn on every edit
            ET.SubElement(msg, "location", filename=f"../../{where.split(':')[0]}")
        ET.SubElement(msg, "source").text = source
        t = ET.SubElement(msg, "translation")
        if isinstance(translations.get(source), tuple):
            msg.set("numerus", "yes")
            for form in translations[source]:
                ET.SubElement(t, "numerusform").text = form
        elif source in translations:
            t.text = translations[source]
        else:
            t.set("type", "unfinished")
    ET.indent(root)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    + ET.tostring(root, encoding="unicode") + "\n", "utf-8")


def compile_qm(path: Path = TS) -> None:
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([tool, "-silent", str(path), "-qm", str(path.with_suffix(".qm"))], check=True)


def all_translations() -> dict[str, Translation]:
    """studio_fr.ts first, then any other *_fr.ts dropped in this folder (e.g. a translator's file)
    for the strings it does not have; run this script, then remove that file."""
    merged: dict[str, str] = {}
    for path in sorted(HERE.glob("*_fr.ts"), key=lambda p: p != TS):
        for source, text in read_ts(path).items():
            merged.setdefault(source, text)
    return merged


if __name__ == "__main__":
    strings = source_strings()
    translations = all_translations()
    write_ts(strings, translations)
    missing = [s for s in strings if s not in translations]
    compile_qm()
    print(f"{len(strings)} strings, {len(missing)} without a French translation")
    for s in missing:
        print("  ", repr(s))
