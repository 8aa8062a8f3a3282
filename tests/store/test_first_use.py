"""After opening a compiled store, the first lookup and the first annotate read
only the rows they need: nothing is built from every entity or every index row.

Such a pass costs little on the seed registry but seconds at a million
entities (the office reader, the annotator's word sets and phrase table):
a store carries them built (``core.write_store``). Every way of reading a whole
table is made to fail here, and the answers must still equal the in-memory
registry's.
"""

from __future__ import annotations

import dataclasses

import pytest

from registry.core import load
from registry.match.offices import OfficeBuilder
from registry.store.compiled import StoredEntities, StoredRows
from tests.conftest import ROOT, SEEDS
from tests.query_table import read_queries


def _answers(reg):
    lookups = [reg.lookup(row.query, row.at) for row in read_queries()]
    mentions = [[dataclasses.asdict(m) for m in reg.annotate(path.read_text("utf-8"))]
                for path in SEEDS]
    return lookups, mentions


def test_first_lookup_and_annotate_read_no_whole_table(seed_store, monkeypatch):
    expected = _answers(load(ROOT / "aliases.yaml", use_cache=False))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pass over every row or entity after opening a store")

    monkeypatch.setattr(StoredRows, "scan", refuse)
    monkeypatch.setattr(StoredEntities, "__iter__", refuse)
    monkeypatch.setattr(StoredEntities, "values", refuse)
    monkeypatch.setattr(OfficeBuilder, "tables", refuse)
    stored = load(seed_store)
    assert isinstance(stored.entities, StoredEntities)
    assert _answers(stored) == expected


def test_the_refusals_catch_a_rebuild(seed_store, monkeypatch):
    """The test above can fail: a registry given no stored tables rebuilds them
    on first use, through a refused pass."""
    monkeypatch.setattr(StoredRows, "scan", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("scan")))
    stored = load(seed_store)
    stored.annotate_tables = None
    with pytest.raises(AssertionError, match="scan"):
        stored.annotate("قال المشير خليفة حفتر")


def test_an_office_phrase_is_answered_without_reading_the_office(seed_store):
    """The whole query naming an office: its type comes from the phrase row,
    so the position's entity is not read (only its holders' names are); the
    answer equals the in-memory registry's."""
    memory = load(ROOT / "aliases.yaml", use_cache=False)
    position = next(e for e in memory.entities.values()
                    if e.type == "position" and memory.timeline.holdings(e.id))
    day = next(h.role.tenure.start for h in memory.timeline.holdings(position.id)
               if h.role.tenure.start is not None)
    stored = load(seed_store)
    answer = stored.lookup(position.name.ar, str(day))
    assert answer.to_json() == memory.lookup(position.name.ar, str(day)).to_json()
    assert answer.offices == [position.id] and answer.status != "unknown"
    assert position.id not in stored.entities._loaded  # type: ignore[attr-defined]
