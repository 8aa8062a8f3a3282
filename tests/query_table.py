"""The query table, tests/queries.tsv, read with the package's own reader
(``registry diff`` runs the same table)."""

from __future__ import annotations

from pathlib import Path

from registry.review.diff import QueryRow, read_query_table

TABLE = Path(__file__).resolve().parent / "queries.tsv"


def read_queries(path: Path = TABLE) -> list[QueryRow]:
    return read_query_table(path)
