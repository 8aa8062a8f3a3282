"""The streamed build: a registry compiled entity by entity answers, and fails,
exactly as the registry held whole does."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import pytest

import registry
from registry.core import compile_registry
from registry.errors import RegistryFileError
from registry.store.stream import RegistryStream
from tests.conftest import ROOT, split_repository_registry
from tests.query_table import read_queries
from tests.store import test_loader
from tests.store.test_folder import ORGANIZATIONS, PEOPLE, VOCABULARY


def built(tmp_path, source) -> registry.Registry:
    return registry.load(compile_registry(source, tmp_path / "built.store"))


def streamed_error(tmp_path, source) -> str:
    with pytest.raises(RegistryFileError) as info:
        compile_registry(source, tmp_path / "failed.store")
    assert not (tmp_path / "failed.store").exists()
    return str(info.value)


def whole_error(source) -> str:
    with pytest.raises(RegistryFileError) as info:
        registry.load(source, use_cache=False)
    return str(info.value)


def test_the_repository_registry_streamed_answers_the_query_table_alike(reg, tmp_path):
    store = built(tmp_path, ROOT / "aliases.yaml")
    assert list(store.entities) == list(reg.entities)
    for row in read_queries():
        expected, got = reg.lookup(row.query, row.at), store.lookup(row.query, row.at)
        assert got.to_json() == expected.to_json(), row.query


def test_a_folder_streamed_with_people_before_their_offices_answers_alike(reg, tmp_path):
    # The vocabulary file sorts last: titles are read after the people holding them.
    root = split_repository_registry(tmp_path / "split", "zz-vocabulary.yaml")
    store = built(tmp_path, root)
    whole = registry.load(root, use_cache=False)
    assert list(store.entities) == list(whole.entities)
    for row in read_queries():
        expected, got = whole.lookup(row.query, row.at), store.lookup(row.query, row.at)
        assert got.to_json() == expected.to_json(), row.query
        assert (got.status, got.id) == (reg.lookup(row.query, row.at).status,
                                        reg.lookup(row.query, row.at).id)


BROKEN = test_loader.test_broken_file_reports_line_and_message.pytestmark[0].args[1]


@pytest.mark.parametrize(("old", "new", "line", "message"), BROKEN)
def test_a_streamed_build_fails_at_the_same_file_line_and_words(tmp_path, old, new, line,
                                                                  message):
    path = test_loader.write(tmp_path, test_loader.GOOD.replace(old, new, 1))
    error = streamed_error(tmp_path, path)
    assert error == whole_error(path)
    assert error.startswith(f"{path}:{line}") and message in error


@pytest.mark.parametrize(("file", "old", "new"), [
    # a reference to an office read later, into no file at all
    ("people/libya.yaml", "position: army-chief", "position: navy-chief"),
    # a title only a later file defines, and one that no file defines
    ("people/libya.yaml", "title: general", "title: admiral"),
    # an id taken in another file
    ("people/libya.yaml", "id: ali-hassan", "id: some-army"),
    # a role naming another organisation than its office's
    ("people/libya.yaml", "position: army-chief\n",
     "position: army-chief\n        organization: other-army\n"),
])
def test_references_across_files_fail_alike(tmp_path, file, old, new):
    root = tmp_path / "registry"
    (root / "people").mkdir(parents=True)
    (root / "zz-vocabulary.yaml").write_text(VOCABULARY, "utf-8")
    (root / "organizations.yml").write_text(
        ORGANIZATIONS + "  - id: other-army\n    type: organization\n"
        "    name: {ar: جيش آخر, en: Other Army}\n", "utf-8")
    (root / "people" / "libya.yaml").write_text(PEOPLE, "utf-8")
    assert built(tmp_path, root).lookup("الفريق أول علي حسن").id == "ali-hassan"
    target = root / file
    assert old in target.read_text("utf-8")
    target.write_text(target.read_text("utf-8").replace(old, new, 1), "utf-8")
    error = streamed_error(tmp_path, root)
    assert error == whole_error(root)
    assert error.startswith(f"{target}:")


def test_encoding_problems_are_the_loader_s(tmp_path):
    data = test_loader.GOOD.encode("utf-8").replace(b"Some Army", b"Some \xff Army", 1)
    path = test_loader.write(tmp_path, data)
    assert streamed_error(tmp_path, path) == whole_error(path)
    path.write_text(test_loader.GOOD, "utf-16")
    assert "UTF-16: convert to UTF-8" in streamed_error(tmp_path, path)


HOSTILE = {
    "deep nesting inside an entity": test_loader.GOOD.replace(
        "    type: person\n", "    type: person\n    notes: " + "[" * 100 + "]" * 100 + "\n"),
    "an alias bomb": test_loader.GOOD.replace(
        "    type: person\n", "    type: person\n    notes: &a [x, x]\n    more: [*a, *a]\n"),
    "duplicate keys": test_loader.GOOD.replace(
        "    type: person\n", "    type: person\n    type: place\n"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_registry_build_refuses_hostile_files_in_one_line(tmp_path, case):
    path = test_loader.write(tmp_path, HOSTILE[case])
    out = tmp_path / "built.store"
    result = subprocess.run(
        [sys.executable, "-m", "registry", "build", "--registry", str(path), "--out", str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def synthetic(path, n: int):
    lines = ["version: 1", "entities:"]
    for i in range(n):
        lines += [f"  - id: person-{i}", "    type: person",
                  f"    name: {{ar: علي حسن {i}, en: Ali Hassan {i}}}",
                  "    aliases:", f"      - text: أبو حسن {i}", "        kind: kunya"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def peak_bytes(path) -> tuple[int, int]:
    """(peak traced bytes while streaming, entities read)."""
    stream = RegistryStream(path)
    stream.source_key()
    tracemalloc.start()
    try:
        count = sum(1 for _ in stream.entities())
        return tracemalloc.get_traced_memory()[1], count
    finally:
        tracemalloc.stop()


def test_streaming_holds_one_entity_not_the_registry(tmp_path):
    peak_bytes(synthetic(tmp_path / "small.yaml", 300))  # first use fills caches
    small, n_small = peak_bytes(tmp_path / "small.yaml")
    large, n_large = peak_bytes(synthetic(tmp_path / "large.yaml", 2000))
    assert (n_small, n_large) == (300, 2000)
    # What grows is the id table of the reference checks (about 150 bytes an
    # entity); the same entities held in a list grow it by 2.6 kB an entity.
    assert (large - small) / (n_large - n_small) < 600


def test_the_node_limit_counts_what_is_held_not_what_was_let_go(tmp_path, monkeypatch):
    from registry.store import loader

    path = synthetic(tmp_path / "many.yaml", 100)  # about 1,300 nodes, 13 an entity
    monkeypatch.setattr(loader, "MAX_NODES", 200)
    assert "more than 200 YAML nodes" in whole_error(path)
    assert len(built(tmp_path, path)) == 100
    path.write_text(path.read_text("utf-8").replace(
        "    type: person\n", "    type: person\n    notes: [" + "x, " * 300 + "x]\n", 1))
    assert "more than 200 YAML nodes" in streamed_error(tmp_path, path)
