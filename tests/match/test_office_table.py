"""The office table (tests/match/offices.tsv): office queries and sentences with
dates, each with the answer a careful reader gives, plus every head wording with
every wording of each office's organisation or country.

Prints the accuracy of dated office queries and the number of confidently wrong
answers (matched, but to the wrong id or where the table says ambiguous/unknown).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from registry.names.normalize import name_tokens, strip_article
from registry.names.office_words import office_words

TABLE = Path(__file__).resolve().parent / "offices.tsv"


class Row(NamedTuple):
    kind: str
    input: str
    date: str | None
    mention: str
    status: str
    id: str | None
    category: str
    line: int


def read_table() -> list[Row]:
    rows = []
    for number, line in enumerate(TABLE.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, date, mention, status, entity_id, category = line.split("\t")
        rows.append(Row(kind, text.replace("\\n", "\n"), date or None, mention, status,
                        entity_id or None, category, number))
    return rows


ROWS = read_table()


def answer(reg, row: Row) -> tuple[str, str | None, list[str]]:
    if row.kind == "query":
        res = reg.lookup(row.input, row.date)
        return res.status, res.id, res.explanation
    mentions = reg.annotate(row.input, row.date)
    found = [m for m in mentions if m.text == row.mention]
    if not found:
        return "missing", None, [f"{m.text}: {m.status} {m.id}" for m in mentions]
    return found[0].status, found[0].id, found[0].explanation


def test_table_has_enough_dated_rows():
    assert len(ROWS) >= 80
    assert sum(r.kind == "sentence" for r in ROWS) >= 10


@pytest.mark.parametrize("row", ROWS, ids=[f"L{r.line}" for r in ROWS])
def test_office_row(reg, row):
    status, entity_id, why = answer(reg, row)
    assert (status, entity_id) == (row.status, row.id), (
        f"{row.input!r} at {row.date}: {row.category}\n" + "\n".join(why))


def test_figures(reg, capsys):
    """Accuracy and confident-wrong count over the whole table (reported, and
    bounded: the table is the target)."""
    right = wrong_confident = 0
    for row in ROWS:
        status, entity_id, _ = answer(reg, row)
        right += (status, entity_id) == (row.status, row.id)
        wrong_confident += status == "matched" and entity_id != row.id
    with capsys.disabled():
        print(f"\noffice table: {right}/{len(ROWS)} = {right / len(ROWS):.3f}; "
              f"confident wrong {wrong_confident}")
    assert wrong_confident == 0
    assert right / len(ROWS) >= 0.95


def _body_wordings(reg, organization: str) -> list[str]:
    """Every way the table's registry lets a writer name an office's body: names,
    aliases and short names of the organisation and what it belongs to, and the
    adjectives (with ال) of those that have them."""
    offices = reg.resolver.offices
    out = []
    for entity_id in offices.ancestry(organization):
        entity = reg.entities[entity_id]
        out += [entity.name.ar, *(a.text for a in entity.aliases if a.lang == "ar"),
                *entity.short_names]
        out += ["ال" + strip_article(a) for a in entity.adjectives]
    return out


def _combinations(reg):
    words = office_words()
    for position in (e for e in reg.entities.values() if e.type == "position"):
        assert position.organization is not None
        for head_id in position.heads:
            for form in words.heads[head_id].forms:
                for body in _body_wordings(reg, position.organization):
                    yield position.id, " ".join(form), body


def test_every_head_wording_with_every_body_wording(reg):
    """Each combination is read as an office that includes the position (several
    offices may share a wording, e.g. الجيش for two armies: context decides)."""
    offices = reg.resolver.offices
    failures = []
    count = 0
    for position_id, head, body in _combinations(reg):
        count += 1
        words = name_tokens(f"{head} {body}")
        joined = name_tokens(f"{head} لل{body[2:]}") if body.startswith("ال") else words
        readings = [offices.read(w, 0) for w in (words, joined)]
        if not any(r is not None and r.end == len(w) and position_id in r.positions
                   for r, w in zip(readings, (words, joined), strict=True)):
            failures.append(f"{position_id}: {head} + {body}")
    assert count > 300
    assert not failures, failures[:20]
