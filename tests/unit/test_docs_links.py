"""Every relative link and every file or folder of ours named in the README and in docs/ exists in
the repository (paths in backquotes starting with one of the repository's own folders)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
OURS = ("studio", "tests", "docs", "presets", "assets", "examples", "bench", "packaging", ".ci")
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
NAMED = re.compile(r"`((?:%s)/[^`\s*?{}<>…]*)`" % "|".join(re.escape(d) for d in OURS))
TOP_FILES = re.compile(r"`(README\.md|LICENSE|Makefile|build\.spec|pyproject\.toml|requirements\.lock)`")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # examples of story syntax are not links


def _missing(doc: Path) -> list[str]:
    text = doc.read_text("utf-8")
    found = []
    for target in LINK.findall(CODE.sub("", text)):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        if not (doc.parent / target).exists():
            found.append(f"link {target}")
    for name in NAMED.findall(text) + TOP_FILES.findall(text):
        path = name.split(":")[0].rstrip(".,;")
        path = re.sub(r"::.*$", "", path)
        if not (ROOT / path).exists():
            found.append(f"file {name}")
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(ROOT)))
def test_what_the_docs_name_exists(doc):
    assert _missing(doc) == []


def test_the_readme_is_an_editors_page_under_300_lines():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    assert len(lines) < 300
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[:2] == ["## Install", "## Make a video: write, render, read the verdict, fix it"]
