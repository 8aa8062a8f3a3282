"""The documentation stands alone and points at files that exist.

README, CONTRIBUTING and docs/ are read by people who have only this repository:
they must not send the reader to material outside it, and every repository path
they name in backticks must still exist after a file is moved or renamed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP_FOLDERS = ("registry/", "tests/", "tools/", "docs/", "seeds/", ".github/")
PATH = re.compile(r"`([A-Za-z0-9_./-]+\.(?:py|yaml|yml|md|tsv|jsonl|json|txt))`")


def test_the_naming_guide_exists() -> None:
    assert (ROOT / "docs" / "naming-guide.md").is_file()


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_no_document_sends_the_reader_outside_the_repository(document: Path) -> None:
    text = document.read_text("utf-8")
    assert "../shared" not in text, f"{document.name} refers to ../shared"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_named_repository_path_exists(document: Path) -> None:
    missing = sorted({
        path for path in PATH.findall(document.read_text("utf-8"))
        if path.startswith(TOP_FOLDERS) and "*" not in path and not (ROOT / path).exists()
    })
    assert not missing, f"{document.name} names files that do not exist: {missing}"
