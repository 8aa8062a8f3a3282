"""--registry PATH in every command, and `registry new` templates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from registry.cli import build_parser, main
from registry.model.schema import ENTITY_TYPES
from tests.conftest import ROOT


class Ran:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def run(capsys, monkeypatch):
    """The CLI in-process (a subprocess per call costs seconds on a busy machine)."""
    monkeypatch.delenv("REGISTRY_PATH", raising=False)

    def call(*args: str, cwd: Path = ROOT) -> Ran:
        monkeypatch.chdir(cwd)
        code = main(list(args))
        out = capsys.readouterr()
        return Ran(code, out.out, out.err)
    return call


def test_every_registry_command_takes_registry_option():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        if name == "new":
            continue  # prints a template; reads no registry
        options = {o for a in command._actions for o in a.option_strings}
        assert "--registry" in options, name


def test_validate_and_fmt_take_registry_option(tmp_path: Path, run):
    path = tmp_path / "r.yaml"
    shutil.copy(ROOT / "aliases.yaml", path)
    proc = run("validate", "--registry", str(path), cwd=tmp_path)
    assert str(path) in proc.stdout or proc.stdout == "", proc.stdout
    assert proc.returncode in (0, 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nentities:\n  - id: Bad Id\n", encoding="utf-8")
    proc = run("validate", "--registry", str(broken), cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith(f"{broken}:3:"), proc.stdout
    proc = run("validate", str(broken), cwd=tmp_path)  # the positional path still works
    assert proc.returncode == 1
    proc = run("fmt", "--check", "--registry", str(path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("diff", "--registry", str(path), str(path), "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("kind", ENTITY_TYPES)
def test_new_prints_a_commented_template(kind: str, run):
    proc = run("new", kind)
    assert proc.returncode == 0, proc.stderr
    assert f"type: {kind}" in proc.stdout
    assert proc.stdout.count("#") >= 5  # every field says where to look it up


def test_templates_validate_once_their_references_are_filled(tmp_path: Path, run):
    body = "".join(run("new", kind).stdout for kind in ENTITY_TYPES)
    # the only organisation: no parent body (itself would be a part_of cycle)
    body = re.sub(r"\n *part_of: parent-id[^\n]*", "", body)
    # the only person: no relative (a relation to itself is an error)
    body = re.sub(r"\n *relations:[^\n]*(\n {6,}[^\n]*)*", "", body)
    for placeholder, real in (("organization-id", "organization-slug"),
                              ("position-id", "office-slug")):
        body = re.sub(f"(?<=: ){placeholder}(?=\\s)", real, body)
    body = re.sub(r"\n *part_of: parent-place-id[^\n]*", "", body)  # the only place: no parent
    path = tmp_path / "new.yaml"
    path.write_text("version: 1\nentities:\n" + body, encoding="utf-8")
    proc = run("validate", "--registry", str(path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_show_prints_alias_strength_and_called_by(run):
    domain = str(ROOT / "tests" / "domains" / "sudan_syria" / "registry.yaml")
    shown = run("show", "--registry", domain, "ahmed-al-sharaa", "shams-al-din-kabbashi")
    assert shown.returncode == 0, shown.stderr
    assert "alias: الجولاني (ar, laqab, identifying)" in shown.stdout
    assert "called by: father name" in shown.stdout


@pytest.mark.parametrize("kind", ENTITY_TYPES)
def test_a_new_template_is_already_formatted(kind: str, tmp_path: Path, run):
    """A file started from a template passes `registry fmt --check` (its keys in
    canonical order, so fmt has no comment block to move)."""
    from registry.review.fmt import format_text

    path = tmp_path / "new.yaml"
    path.write_text("version: 1\nentities:\n" + run("new", kind).stdout, encoding="utf-8")
    before, after = format_text(path)
    assert before == after
