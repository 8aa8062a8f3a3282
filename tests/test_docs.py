"""The documentation stands alone and points at files that exist.

README, CONTRIBUTING and docs/ are read by people who have only this repository:
they must not send the reader to material outside it, and every repository path
they name in backticks must still exist after a file is moved or renamed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
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


def console_examples(document: Path) -> list[tuple[str, list[str]]]:
    """Each ``$ registry ...`` command in the document's console blocks, with the
    output lines shown under it (up to a ``...`` that elides the rest)."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", document.read_text("utf-8"), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.splitlines()
            stripped = [line.strip() for line in shown]
            if "..." in stripped:
                shown = shown[:stripped.index("...")]
            if "registry " in command:
                examples.append((command, [line.rstrip() for line in shown]))
    return examples


README_EXAMPLES = console_examples(ROOT / "README.md")


@pytest.mark.skipif(os.name != "posix", reason="the examples are POSIX shell lines")
@pytest.mark.parametrize(("command", "shown"), README_EXAMPLES,
                         ids=[f"example-{i}" for i in range(len(README_EXAMPLES))])
def test_the_readme_console_examples_print_what_they_show(command: str,
                                                          shown: list[str]) -> None:
    """A newcomer runs these first: each prints, line for line, what the README
    shows. (It once showed annotate output from before clitics were printed, and
    a stdin example without its '-' and date lines.)"""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           f"{os.environ.get('PATH', '')}"}
    env.pop("REGISTRY_PATH", None)
    proc = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)
    printed = [line.rstrip() for line in proc.stdout.splitlines()]
    assert printed[:len(shown)] == shown, proc.stderr
