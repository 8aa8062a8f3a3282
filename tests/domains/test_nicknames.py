"""The nicknames held-out set: a registry and gold written blind, before reading
the matcher's code, to audit how the system treats the by-names Arabic news
calls people by: kunyas (أبو مازن، أم جهاد), laqabs and noms de guerre
(حميدتي، الجولاني), stage names that are ordinary words (فيروز، صباح), pet
forms (ميدو، زيزو), an honorific with a given name (السيد حسن، الحاج رضوان),
a by-name joined to the name (محمد حمدان دقلو "حميدتي"), in Arabic and Latin;
and whether a by-name identifies someone it should not: a kunya of an unknown
man, a kunya the registry does not declare, a by-name that is a word or a
place (السفاح، السد العالي، الجولان), or one letter from another man's name
(أبو عمر is not أبو عمار).

Same gold format and scorer as the other blind sets (``tests/domains/categories.py``),
plus a sixth query column: the candidates an ``ambiguous`` answer must list.
Run ``python -m tests.domains.test_nicknames`` for the table and every miss.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import registry
from registry.core import Registry
from registry.review.validate import validate_file
from tests.domains.categories import (
    STRICT,
    Part,
    assert_floor,
    assert_known_wrong_within,
    assert_no_confident_wrong_outside_known,
    report,
    score_by_category,
)

DOMAIN = Path(__file__).resolve().parent / "nicknames"
CANDIDATES_COLUMN = 5


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry.load(DOMAIN / "registry.yaml", use_cache=False)


@pytest.fixture(scope="module")
def parts(reg: Registry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Part]:
    return score_by_category(DOMAIN, reg, tmp_path_factory.mktemp("nicknames"))


# validate errors a maintainer meets today on this registry, each a cause in
# nicknames/README.md: the list may only shrink.
KNOWN_VALIDATE_ERRORS = {
    "qasem-soleimani: aliases[0].text: 'الحاج قاسم'",
    "muhammad-abduh: aliases[1].text: 'الأستاذ الإمام'",
}


def test_registry_validates_without_unknown_errors() -> None:
    errors = [str(p) for p in validate_file(DOMAIN / "registry.yaml") if p.severity == "error"]
    unexpected = [e for e in errors if not any(k in e for k in KNOWN_VALIDATE_ERRORS)]
    assert unexpected == []


def test_gold_is_substantial(parts: dict[str, Part]) -> None:
    assert sum(p.total.queries for p in parts.values()) >= 220
    assert sum(p.total.tp + p.total.fn for p in parts.values()) >= 60
    assert set(STRICT) <= set(parts)


def test_ambiguous_answers_list_their_candidates(reg: Registry) -> None:
    """An ``ambiguous`` gold row names who must be among the candidates: an
    ambiguous answer that leaves the right person out is no help to a reader."""
    missing = []
    for line in (DOMAIN / "queries.tsv").read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) <= CANDIDATES_COLUMN or cells[2] != "ambiguous":
            continue
        answer = reg.lookup(cells[0], None if cells[1] == "-" else cells[1])
        wanted = set(cells[CANDIDATES_COLUMN].split(","))
        got = {c.id for c in answer.candidates}
        if answer.status == "ambiguous" and not wanted <= got:
            missing.append(f"{cells[0]}: candidates {sorted(got)}, gold {sorted(wanted)}")
    assert missing == []


# Measured (nicknames/README.md has the blind figures and every miss's cause):
# per category, the name queries answered right and the gold mentions found.
FLOORS: dict[str, tuple[int, int]] = {
    "context": (0, 5),
    "full-name": (43, 0),
    "kunya": (18, 9),
    "kunya-alone": (10, 0),
    "laqab": (33, 10),
    "latin": (29, 6),
    "misspelled": (13, 0),
    "negative": (24, 0),
    "nickname-name": (12, 1),
    "quoted": (10, 4),
    "shared": (12, 6),
    "title-nickname": (27, 5),
    "undeclared": (7, 0),
    "unknown-shared": (27, 0),
}
# Confident wrong answers today on rows marked KNOWN (the reasons are in the
# gold files): the count may only shrink.
KNOWN_CONFIDENT_WRONG = 20


def test_no_confident_wrong_answer_outside_the_known_failures(parts: dict[str, Part]) -> None:
    assert_no_confident_wrong_outside_known(parts)


def test_known_confident_wrong_answers_do_not_grow(parts: dict[str, Part]) -> None:
    assert_known_wrong_within(parts, KNOWN_CONFIDENT_WRONG)


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_category_floor(parts: dict[str, Part], category: str) -> None:
    assert_floor(parts, category, FLOORS)


if __name__ == "__main__":
    sys.exit(report(DOMAIN))
