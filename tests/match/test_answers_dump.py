"""tools/answers_dump.py: the full answers a lookup-path change must keep
identical, one line per query of a table."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from registry.review.diff import read_query_table
from tools.answers_dump import dump, main

ROOT = Path(__file__).resolve().parents[2]


def test_every_query_gets_its_whole_answer_and_two_dumps_compare_equal(reg, tmp_path):
    table = ROOT / "tests" / "queries.tsv"
    rows = read_query_table(table)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert dump(ROOT / "aliases.yaml", table, first) == len(rows)
    dump(ROOT / "aliases.yaml", table, second)
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text("utf-8").splitlines()
    assert len(lines) == len(rows)
    for line, row in list(zip(lines, rows, strict=True))[:20]:
        assert json.loads(line) == json.loads(json.dumps(
            dataclasses.asdict(reg.lookup(row.query, row.at)), ensure_ascii=False))


def test_a_missing_table_is_one_line_and_a_non_zero_exit(tmp_path, capsys):
    assert main([str(ROOT / "aliases.yaml"), str(tmp_path / "none.tsv"),
                 str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert "none.tsv" in err and "\n" not in err
