"""The held-out third region (Lebanon, Tunisia, Egypt): a registry written from
CONTRIBUTING.md and README.md alone, and 89 constructed paragraphs (12 in
English) with hand-checked gold for every person mention, by name and by
office, scored per category by tests/domains/paragraphs.py.

The set was scored once blind, before any matcher change (the figures are in
levant_maghreb/README.md); the floors below hold today's figures so that a
regression fails, and no answer may ever be confidently wrong.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from registry.review.validate import validate_file
from tests.domains.paragraphs import Report, load, score_folder

DOMAIN = Path(__file__).resolve().parent / "levant_maghreb"
# Per-category F1 floors, just under the figures measured after the fixes (the
# README has blind and current figures; the fixes were made against this set,
# so the current figures are not blind any more). shared-name and descriptors are mostly
# people the registry does not hold: there the test is "nobody attributed".
FLOORS = {"full-names": 0.95, "short-forms": 0.95, "title-names": 0.95, "dated-office": 0.95,
          "composed": 0.95, "bare-head": 0.95, "nicknames": 0.8, "descriptors": 0.95,
          "english": 0.9}
OVERALL_FLOOR = 0.95


@pytest.fixture(scope="module")
def report() -> Report:
    return score_folder(DOMAIN)


def test_registry_validates_without_errors_or_copied_vocabulary() -> None:
    assert "vocabulary:" not in (DOMAIN / "registry.yaml").read_text("utf-8")
    errors = [str(p) for p in validate_file(DOMAIN / "registry.yaml") if p.severity == "error"]
    assert errors == []


def test_set_is_substantial_in_every_category() -> None:
    paragraphs = load(DOMAIN / "paragraphs.yaml")
    counts = Counter(p["category"] for p in paragraphs)
    assert len(paragraphs) >= 50 and counts["english"] >= 10, counts
    assert min(counts.values()) >= 5, counts
    assert set(counts) == set(FLOORS) | {"shared-name"}
    assert len({p["id"] for p in paragraphs}) == len(paragraphs)


def test_no_confident_wrong_answer(report: Report) -> None:
    total = report.total
    print(report.table())
    assert total.wrong == 0, "\n".join(total.misses)
    assert total.unknown_clear == total.unknown_total, "\n".join(total.misses)


def test_f1_floors_per_category(report: Report) -> None:
    low = [c for c, floor in FLOORS.items() if report.categories[c].f1 < floor]
    assert not low, report.table() + "\n" + "\n".join(report.total.misses)
    assert report.total.f1 >= OVERALL_FLOOR, report.table()
