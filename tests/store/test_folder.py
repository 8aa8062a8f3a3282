"""A registry folder: many YAML files read as one registry, by every command."""

from __future__ import annotations

import subprocess
import sys

import pytest

import registry
from registry.core import compile_registry
from registry.errors import RegistryFileError
from tests.conftest import ROOT, split_repository_registry
from tests.query_table import read_queries

VOCABULARY = """\
version: 1
vocabulary:
  titles:
    - id: general
      kind: military-rank
      en: General
      ar: [الفريق أول]
"""
ORGANIZATIONS = """\
version: 1
entities:
  - id: some-army
    type: organization
    name: {ar: جيش ما, en: Some Army}
  - id: army-chief
    type: position
    name: {ar: قائد الجيش, en: Army chief}
    organization: some-army
"""
PEOPLE = """\
version: 1
entities:
  - id: ali-hassan
    type: person
    name: {ar: علي حسن, en: Ali Hassan}
    name_parts: {given: علي, family: حسن}
    ranks:
      - title: general
        start: "2019"
        sources:
          - url: https://example.org/ali
    roles:
      - position: army-chief
        start: "2020"
        sources:
          - url: https://example.org/ali
"""


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "registry"
    (root / "people").mkdir(parents=True)
    (root / "vocabulary.yaml").write_text(VOCABULARY, "utf-8")
    (root / "organizations.yml").write_text(ORGANIZATIONS, "utf-8")
    (root / "people" / "libya.yaml").write_text(PEOPLE, "utf-8")
    (root / ".hidden.yaml").write_text("not: [a registry", "utf-8")  # skipped
    (root / "notes.txt").write_text("not yaml", "utf-8")  # skipped
    return root


def cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "registry", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_references_and_titles_resolve_across_files(folder):
    reg = registry.load(folder)
    assert len(reg) == 3
    assert reg.lookup("الفريق أول علي حسن").id == "ali-hassan"
    assert reg.lookup("قائد الجيش", at="2021-01-01").id == "ali-hassan"
    assert reg.get("army-chief").organization == "some-army"


def test_an_id_is_unique_across_files(folder):
    extra = folder / "people" / "egypt.yaml"
    extra.write_text(ORGANIZATIONS.replace("id: army-chief", "id: other-chief")
                     .replace("قائد الجيش", "رئيس الأركان"), "utf-8")
    with pytest.raises(RegistryFileError) as info:
        registry.load(folder)
    message = str(info.value)
    assert message.startswith(f"{extra}:3:")
    assert f"duplicate id 'some-army' (first at {folder / 'organizations.yml'}:3)" in message


def test_a_reference_into_no_file_is_an_error_at_its_file_and_line(folder):
    (folder / "organizations.yml").write_text(ORGANIZATIONS.replace(
        "organization: some-army", "organization: no-such-army"), "utf-8")
    with pytest.raises(RegistryFileError) as info:
        registry.load(folder)
    assert str(info.value).startswith(f"{folder / 'organizations.yml'}:9:")
    assert "unknown id 'no-such-army'" in str(info.value)


def test_the_repository_registry_split_into_files_answers_the_query_table_alike(reg, tmp_path):
    # People before the offices they hold: order across files does not matter.
    root = split_repository_registry(tmp_path / "split", "00-vocabulary.yaml")
    split = registry.load(root)
    assert len(split) == len(reg)
    for row in read_queries():
        a, b = reg.lookup(row.query, row.at), split.lookup(row.query, row.at)
        assert (a.status, a.id, a.score) == (b.status, b.id, b.score), row.query


def test_every_command_takes_a_folder(folder, tmp_path):
    resolved = cli("resolve", "--registry", str(folder), "علي حسن")
    assert resolved.returncode == 0 and "ali-hassan" in resolved.stdout
    assert cli("show", "--registry", str(folder), "army-chief").returncode == 0
    assert cli("validate", str(folder)).returncode == 0
    # fmt works file by file: keys out of the schema's order are put back
    (folder / "organizations.yml").write_text(ORGANIZATIONS.replace(
        "    type: organization\n    name: {ar: جيش ما, en: Some Army}\n",
        "    name: {ar: جيش ما, en: Some Army}\n    type: organization\n"), "utf-8")
    check = cli("fmt", "--check", str(folder))
    assert check.returncode == 1 and "organizations.yml" in check.stderr
    assert cli("fmt", str(folder)).returncode == 0
    assert cli("fmt", "--check", str(folder)).returncode == 0
    assert registry.load(folder).lookup("علي حسن").contenders == ["ali-hassan"]
    # diff a folder against itself as one file: no entity changes
    single = tmp_path / "single.yaml"
    single.write_text(VOCABULARY + ORGANIZATIONS.removeprefix("version: 1\n")
                      + PEOPLE.removeprefix("version: 1\nentities:\n"), "utf-8")
    diff = cli("diff", "--json", str(single), str(folder))
    assert diff.returncode == 0, diff.stderr
    assert '"added": []' in diff.stdout and '"removed": []' in diff.stdout


def test_validate_reports_every_file_and_cross_file_problems(folder):
    (folder / "people" / "libya.yaml").write_text(
        PEOPLE.replace("position: army-chief", "position: some-army"), "utf-8")
    (folder / "broken.yaml").write_text("version: 1\nentities:\n  - id: [\n", "utf-8")
    result = cli("validate", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{folder / 'broken.yaml'}:4:") for line in lines)
    assert any(line.startswith(f"{folder / 'people' / 'libya.yaml'}:") and
               "'some-army' is an organization, not a position" in line for line in lines)


def test_every_vocabulary_section_of_every_file_is_read(folder, tmp_path):
    """A country (or descriptor, or month) declared in one file of a folder counts
    like one declared in a single aliases.yaml: the loader once kept only the
    titles of a folder's files."""
    (folder / "countries.yaml").write_text(
        "version: 1\nvocabulary:\n  countries:\n"
        "    - {id: atlantis, en: Atlantis, ar: [أطلانطس], adjectives: [أطلانطي]}\n", "utf-8")
    for reg in (registry.load(folder, use_cache=False),
                registry.load(compile_registry(folder, tmp_path / "r.store"))):
        assert "atlantis" in {c.id for c in reg.vocabulary.countries}
        assert "general" in {t.id for t in reg.vocabulary.titles}
