"""An adjective after an office is never a family name, in a query as in
running text: with a registry whose place عمان is Amman (so العماني names no
office it holds), "وزير الخارجية العماني" was read as the office + the name
"العماني", which a typo made Saadeddine Othmani (العثماني), matched."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "jordan", "type": "place", "name": {"ar": "الأردن", "en": "Jordan"}},
        {"id": "morocco", "type": "place", "name": {"ar": "المغرب", "en": "Morocco"}},
        {"id": "amman", "type": "place", "name": {"ar": "عمان", "en": "Amman"},
         "part_of": "jordan"},
        {"id": "gov-jo", "type": "organization", "part_of": "jordan",
         "name": {"ar": "الحكومة الأردنية", "en": "Government of Jordan"}},
        {"id": "gov-ma", "type": "organization", "part_of": "morocco",
         "name": {"ar": "الحكومة المغربية", "en": "Government of Morocco"}},
        position("fm-jo", "وزير الخارجية الأردني", "gov-jo", heads=["foreign-minister"]),
        position("hog-ma", "رئيس الحكومة المغربية", "gov-ma", heads=["prime-minister"]),
        holder("jordan-fm", "أيمن الصفدي", "fm-jo", "2017-01-15"),
        {**holder("moroccan-hog", "سعد الدين العثماني", "hog-ma", "2017-03-17", "2021-10-07"),
         "name_parts": {"given": "سعد الدين", "family": "العثماني"}},
    )


@pytest.mark.parametrize("query", ["وزير الخارجية العماني", "رئيس الحكومة العماني"])
def test_an_adjective_after_an_office_is_no_name(reg: Registry, query: str) -> None:
    res = reg.lookup(query, "2020-01-01")
    assert res.status == "unknown", res.explanation


def test_the_office_of_a_held_country_still_answers(reg: Registry) -> None:
    assert reg.lookup("وزير الخارجية الأردني", "2020-01-01").id == "jordan-fm"
    assert reg.lookup("رئيس الحكومة المغربية", "2020-01-01").id == "moroccan-hog"
