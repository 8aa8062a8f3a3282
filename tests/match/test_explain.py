"""Answers without explanations (``explain=False``, ``resolve --brief``): the
decision is the one the explained answer carries, on the query table, the
office table and a synthetic registry's known-answer set."""

from __future__ import annotations

from typing import Any

import pytest

import registry
from registry.match.resolver import Resolution
from tests.match.test_office_table import read_table
from tests.query_table import read_queries
from tools.make_synthetic import generate


def decision(res: Resolution) -> tuple[Any, ...]:
    """Everything an answer decides; only the explanation and candidate names
    are left out."""
    return (res.query, res.status, res.id, res.name, res.score, res.type, res.kind,
            res.alone, res.titles, res.contenders, res.offices,
            [(c.id, c.score) for c in res.candidates])


def assert_same_decisions(reg: registry.Registry, queries: list[tuple[str, str | None]]
                          ) -> None:
    differ = []
    for query, at in queries:
        full = reg.lookup(query, at)
        brief = reg.lookup(query, at, explain=False)
        assert brief.explanation == [] and all(c.name == "" for c in brief.candidates)
        if decision(full) != decision(brief):
            differ.append((query, at, decision(full), decision(brief)))
    assert not differ, differ[:3]


def test_query_table_decides_the_same_without_explanations(reg):
    rows = read_queries()
    assert len(rows) >= 80
    assert_same_decisions(reg, [(q.query, q.at) for q in rows])


def test_office_table_decides_the_same_without_explanations(reg):
    rows = [r for r in read_table() if r.kind == "query"]
    assert len(rows) >= 50
    assert_same_decisions(reg, [(r.input, r.date) for r in rows])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[registry.Registry, list[tuple[str, str | None]]]:
    text, rows = generate(1500, seed=16)
    path = tmp_path_factory.mktemp("synthetic") / "aliases.yaml"
    path.write_text(text, "utf-8")
    return registry.load(path, use_cache=False), [(q, at or None) for q, at, *_ in rows]


def test_synthetic_known_answers_decide_the_same_without_explanations(synthetic):
    reg, queries = synthetic
    statuses = {reg.lookup(q, at, explain=False).status for q, at in queries}
    assert statuses == {"matched", "ambiguous", "unknown"}  # every branch is exercised
    assert_same_decisions(reg, queries)


def test_the_explained_answer_still_says_why(reg):
    full = reg.lookup("حفتر")
    assert full.status == "ambiguous" and full.explanation
    assert all(c.name for c in full.candidates)
    assert reg.lookup("حفتر", explain=False).explanation == []
