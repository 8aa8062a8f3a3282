"""Reads tests/queries.tsv: (query, at, expected status, expected id, note)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "queries.tsv"


@dataclass(frozen=True)
class Query:
    query: str
    at: str | None
    status: str
    id: str | None
    note: str
    line: int


def read_queries(path: Path = TABLE) -> list[Query]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        assert len(fields) == 5, f"{path}:{number}: expected 5 tab-separated fields"
        query, at, status, entity_id, note = fields
        rows.append(Query(query, at or None, status, entity_id or None, note, number))
    return rows
