"""Office phrases in running text, held out: 401 constructed sentences over
every test registry (tests/text/offices_heldout/README.md has the tables).

The set scores office spans (found, position, holder on the date), which the
person-name scorer of tests/domains does not, so it has this module of its
own; its floors are data (``floors.yaml``), as the domain sets' are. Fails on
any confident wrong holder outside the rows marked ``KNOWN:``, on more known
ones than the floors allow, and on any shape falling below its floor.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.text.office_heldout_score import FOLDER, Key, Tally, facet, read_rows, score


@pytest.fixture(scope="module")
def floors() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((FOLDER / "floors.yaml").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def tallies() -> dict[Key, Tally]:
    return score()


def test_gold_is_well_formed(floors: dict[str, Any]) -> None:
    rows = read_rows()
    assert len(rows) >= floors["min_rows"]
    assert sum(len(row.golds) for row in rows) >= floors["min_spans"]
    assert sum(row.shape.startswith("en-") for row in rows) >= floors["min_english_rows"]
    # Sentences with no office phrase at all (office words as ordinary nouns).
    assert sum(not row.golds for row in rows) >= floors["min_rows_without_office"]


def test_no_confident_wrong_holder_outside_known_rows(tallies: dict[Key, Tally]) -> None:
    clean = facet(tallies, "shape", known=False)
    wrong = [miss for tally in clean.values() for miss in tally.misses
             if "CONFIDENT WRONG" in miss]
    assert not wrong, "\n".join(wrong)


def test_known_confident_wrong_do_not_grow(tallies: dict[Key, Tally],
                                           floors: dict[str, Any]) -> None:
    known = facet(tallies, "shape", known=True)
    assert sum(t.confident_wrong for t in known.values()) <= floors["known_confident_wrong"]


def test_every_shape_keeps_its_floor(tallies: dict[Key, Tally], floors: dict[str, Any]) -> None:
    shapes = facet(tallies, "shape")
    wanted = floors["floors"]
    assert set(shapes) == set(wanted)
    below = [f"{shape}: {shapes[shape].line()} (floor {wanted[shape]})"
             for shape in sorted(shapes)
             if shapes[shape].found < wanted[shape][0]
             or shapes[shape].holders_right < wanted[shape][1]]
    assert not below, "\n".join(below)
