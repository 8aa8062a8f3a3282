"""The nicknames blind set (tests/domains/nicknames, held to its floors by
test_blind_sets.py) asks one thing the shared scorer does not: a query whose
honest answer is ``ambiguous`` names, in a sixth column, who must be among the
candidates (السد العالي: the goalkeeper and the dam; دقلو: both brothers). An
ambiguous answer that leaves the right person out is no help to a reader.
"""

from __future__ import annotations

from pathlib import Path

import registry

QUERIES = Path(__file__).resolve().parent / "nicknames" / "queries.tsv"
CANDIDATES_COLUMN = 5


def test_ambiguous_answers_list_their_candidates() -> None:
    reg = registry.load(QUERIES.parent / "registry.yaml", use_cache=False)
    missing, checked = [], 0
    for line in QUERIES.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) <= CANDIDATES_COLUMN or cells[2] != "ambiguous":
            continue
        answer = reg.lookup(cells[0], None if cells[1] == "-" else cells[1])
        wanted = set(cells[CANDIDATES_COLUMN].split(","))
        got = {c.id for c in answer.candidates}
        checked += 1
        if answer.status == "ambiguous" and not wanted <= got:
            missing.append(f"{cells[0]}: candidates {sorted(got)}, gold {sorted(wanted)}")
    assert checked >= 5
    assert missing == []
