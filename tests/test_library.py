"""The library surface other programs rely on: version, batch lookup, entity
iteration, and a docstring on every public name."""

from __future__ import annotations

import functools
import gc
import inspect
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata

import pytest

import registry
from registry import core
from registry.errors import InputError
from registry.match.resolver import Resolver
from tests.conftest import ROOT
from tests.query_table import read_queries


def test_version_is_one_string_everywhere():
    assert registry.__version__ == metadata.version("arabic-entity-registry")
    proc = subprocess.run([sys.executable, "-m", "registry", "--version"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"registry {registry.__version__}"


def _queries() -> list[tuple[str, str | None]]:
    return [(case.query, case.at) for case in read_queries()]


def test_lookup_many_answers_as_lookup_does(reg):
    queries = _queries()
    for at in sorted({at for _, at in queries}, key=str):
        names = [q for q, a in queries if a == at]
        batch = names + names[::-1] + ["", "حفتر"]  # repeats, an empty name
        answers = reg.lookup_many(batch, at)
        assert len(answers) == len(batch)
        for name, answer in zip(batch, answers, strict=True):
            assert answer == reg.lookup(name, at)


@pytest.fixture()
def resolved(monkeypatch) -> list[str]:
    """The queries the resolver is asked, in order (it still answers them)."""
    calls: list[str] = []
    original = Resolver.resolve

    def counting(self, query, at=None, **options):
        calls.append(query)
        return original(self, query, at, **options)

    monkeypatch.setattr(Resolver, "resolve", counting)
    return calls


def test_lookup_many_resolves_each_distinct_name_once(reg, resolved):
    calls = resolved
    answers = reg.lookup_many(["صدام حفتر", "حفتر", "صدام حفتر", "حفتر", "صدام حفتر"])
    assert sorted(calls) == sorted(["صدام حفتر", "حفتر"])
    # repeats are copies: changing one answer leaves the others alone
    answers[0].explanation.append("edited")
    assert answers[2].explanation[-1] != "edited"
    assert answers[0] is not answers[2]


def test_lookup_many_in_chunks_answers_as_lookup_does(reg, monkeypatch, resolved):
    # chunks of 3: answers cross chunk boundaries, and the memo outlives a chunk
    monkeypatch.setattr(core, "BATCH_CHUNK", 3)
    calls = resolved
    names = ["صدام حفتر", "حفتر", "خالد حفتر", "حفتر", "صدام حفتر", "", "خالد حفتر"]
    answers = reg.lookup_many(iter(names), explain=False)
    assert sorted(calls) == sorted(set(names))
    monkeypatch.undo()
    assert answers == [reg.lookup(n, explain=False) for n in names]


def _collections_during(call: Callable[[], object]) -> int:
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        call()
    finally:
        gc.callbacks.remove(count)
    return len(seen)


def test_lookup_many_pauses_the_collector_and_leaves_it_as_it_was(reg):
    batch = [q for q, _ in _queries()] * 4  # thousands of objects per chunk
    assert gc.isenabled()
    # a loop of lookups allocates enough to be collected many times over
    assert _collections_during(lambda: [reg.lookup(n) for n in batch]) > 0
    assert _collections_during(lambda: reg.lookup_many(batch)) == 0
    assert gc.isenabled()
    gc.disable()  # a caller's choice is kept
    try:
        reg.lookup_many(batch[:10])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_iter_lookups_freezes_what_is_alive_every_chunk(reg, monkeypatch):
    names = ["صدام حفتر", "حفتر", "خالد حفتر", "حفتر", "صدام حفتر"]
    for name in names:  # warm: no store rows are read (and frozen) below
        reg.lookup(name)
    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))

    def count(chunk: int) -> int:
        monkeypatch.setattr(core, "BATCH_CHUNK", chunk)
        freezes.clear()
        assert len(list(reg.iter_lookups(iter(names)))) == len(names)
        return len(freezes)

    assert count(2) - count(10**9) == 2  # after the 2nd and the 4th answers


def test_lookups_make_no_reference_cycles(reg):
    """What ``collector_paused`` relies on: a paused batch leaves no garbage
    that only the collector could free."""
    queries = _queries()
    for name, at in queries:  # first-use structures are built and kept
        reg.lookup(name, at)
    gc.collect()
    gc.disable()
    try:
        for explain in (True, False):
            for name, at in queries:
                reg.lookup(name, at, explain=explain)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_lookup_many_refuses_what_lookup_refuses(reg):
    with pytest.raises(InputError, match="not a single string"):
        reg.lookup_many("صدام حفتر")
    with pytest.raises(InputError, match="must be a string"):
        reg.lookup_many(["صدام حفتر", 7])
    with pytest.raises(InputError):
        reg.lookup_many(["صدام حفتر"], at="14/01/2026")
    assert registry.lookup_many(["خالد حفتر"])[0].id == "khaled-haftar"


def test_iter_entities_filters_by_type(reg):
    everything = list(reg.iter_entities())
    assert everything == list(reg) and len(everything) == len(reg)
    people = list(reg.iter_entities("person"))
    assert people and all(e.type == "person" for e in people)
    both = list(reg.iter_entities(["organization", "place"]))
    assert {e.type for e in both} == {"organization", "place"}
    assert [e.id for e in both] == [e.id for e in everything
                                    if e.type in ("organization", "place")]
    with pytest.raises(InputError, match="unknown entity type 'people'"):
        list(reg.iter_entities("people"))


def _public_members(obj: object) -> list[tuple[str, object]]:
    own = vars(obj) if inspect.isclass(obj) else {}
    return [(name, value) for name, value in own.items()
            if not name.startswith("_") and (inspect.isfunction(value)
                                             or isinstance(value, (property, classmethod,
                                                                functools.cached_property)))]


def test_every_public_name_has_a_docstring():
    missing = []
    for name in registry.__all__:
        obj = getattr(registry, name)
        if not inspect.getdoc(obj):
            missing.append(name)
        for member, value in _public_members(obj):
            if not (inspect.getdoc(value) or "").strip():
                missing.append(f"{name}.{member}")
    assert not missing, f"no docstring: {', '.join(missing)}"
