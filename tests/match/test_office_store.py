"""The office reader of a compiled store is the one compiled into it, and it
reads exactly as the reader a registry in memory builds on first use.

Building the reader means reading every position, organisation and place: at
100k entities that was the first lookup's 0.2 s, at 1M several seconds. A store
keeps its tables as rows (``OfficeTables``), read only where a phrase looks.
The tests build the stores twice: as shipped (the keyed tables as rows, the
seed registry's word sets small enough to be pickled with the object), and
with every container written as rows (``compiled.SMALL`` lowered), the layout
a large registry gets.
"""

from __future__ import annotations

import dataclasses

import pytest

from registry.core import compile_registry, load
from registry.match.offices import OfficeBuilder
from registry.names.normalize import name_tokens
from registry.store import compiled
from tests.conftest import ROOT, SEEDS
from tests.match.test_office_table import ROWS, _combinations


@pytest.fixture(scope="module")
def memory():
    return load(ROOT / "aliases.yaml", use_cache=False)


@pytest.fixture(scope="module", params=["shipped", "rows"])
def store_path(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offices")
    folder.chmod(0o700)
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "rows":
            patch.setattr(compiled, "SMALL", 1)
        return compile_registry(ROOT / "aliases.yaml", folder / "seeds.store")


def _phrases(memory) -> list[list[str]]:
    """Office queries and sentences of the office table, and every head wording
    with every wording of each office's body."""
    texts = [row.input for row in ROWS]
    texts += [f"{head} {body}" for _, head, body in _combinations(memory)]
    return [name_tokens(text) for text in texts]


def test_store_readings_equal_the_in_memory_reader(memory, store_path):
    stored = load(store_path)
    assert type(stored.entities).__name__ == "StoredEntities"
    ours, theirs = stored.resolver.offices, memory.resolver.offices
    assert ours.first_words == theirs.first_words
    assert ours.max_words == theirs.max_words
    read = 0
    for words in _phrases(memory):
        for k in range(len(words)):
            expected = theirs.read(words, k)
            assert ours.read(words, k) == expected, " ".join(words[k:])
            read += expected is not None
    assert read > 300  # the table's phrases are read as offices, not skipped


def test_opening_a_store_builds_no_office_tables(memory, store_path, monkeypatch):
    def refuse(self: OfficeBuilder) -> None:
        raise AssertionError("the office tables were built after opening a store")

    monkeypatch.setattr(OfficeBuilder, "tables", refuse)
    stored = load(store_path)
    queries = [row for row in ROWS if row.kind == "query"]
    assert len(queries) > 20
    for row in queries:
        assert stored.lookup(row.input, row.date) == memory.lookup(row.input, row.date)


def test_store_annotates_like_memory(memory, store_path):
    stored = load(store_path)
    for row in (r for r in ROWS if r.kind == "sentence"):
        assert stored.annotate(row.input, row.date) == memory.annotate(row.input, row.date)
    for path in SEEDS:
        text = path.read_text("utf-8")
        assert ([dataclasses.asdict(m) for m in stored.annotate(text)]
                == [dataclasses.asdict(m) for m in memory.annotate(text)])


def test_tables_come_out_the_same_in_any_order(memory):
    """A streamed compile adds entities in registry order, the in-memory reader
    in id order: the tables must not depend on it."""
    forward, backward = OfficeBuilder(), OfficeBuilder()
    entities = list(memory.entities.values())
    for entity in entities:
        forward.add(entity)
    for entity in reversed(entities):
        backward.add(entity)
    assert vars(forward.tables()) == vars(backward.tables())
