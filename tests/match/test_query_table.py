"""The query table: seed spellings, constructed variants, offices on dates,
ambiguous and hard-negative queries, each with its expected answer."""

from __future__ import annotations

import pytest

from tests.query_table import read_queries

QUERIES = read_queries()


def test_table_is_large_and_balanced():
    statuses = [q.status for q in QUERIES]
    assert len(QUERIES) >= 80
    assert statuses.count("unknown") >= 10 and statuses.count("ambiguous") >= 5


@pytest.mark.parametrize("q", QUERIES, ids=[f"L{q.line}" for q in QUERIES])
def test_query(reg, q):
    res = reg.lookup(q.query, q.at)
    assert (res.status, res.id) == (q.status, q.id), (
        f"{q.query!r} at {q.at}: {q.note}\n" + "\n".join(res.explanation))
    assert 0.0 <= res.score <= 1.0
    if res.status == "ambiguous":
        assert len(res.candidates) >= 1
