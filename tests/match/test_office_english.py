"""English office phrases, as wire copy writes them: the country first ("the
Saudi foreign minister", "Egypt's president"), or after "of" ("the emir of
Qatar"), with English modifiers ("former"). Head wordings and country
adjectives are data (offices.yaml ``forms``, vocabulary ``other_adjectives``)."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "saudi-arabia", "type": "place", "name": {"ar": "السعودية", "en": "Saudi Arabia"}},
        {"id": "qatar", "type": "place", "name": {"ar": "قطر", "en": "Qatar"}},
        {"id": "gov-sa", "type": "organization", "part_of": "saudi-arabia",
         "name": {"ar": "الحكومة السعودية", "en": "Government of Saudi Arabia"}},
        {"id": "gov-qa", "type": "organization", "part_of": "qatar",
         "name": {"ar": "الحكومة القطرية", "en": "Government of Qatar"}},
        {"id": "fm-sa", "type": "position", "name": {"ar": "وزير الخارجية السعودي", "en": "x"},
         "organization": "gov-sa", "heads": ["foreign-minister"]},
        {"id": "emir-qa", "type": "position", "name": {"ar": "أمير قطر", "en": "Emir of Qatar"},
         "organization": "gov-qa"},  # no heads: read off the Arabic name
        holder("old-fm", "سعود الفيصل", "fm-sa", "1975-01-01", "2015-04-29", "Saud al-Faisal"),
        holder("new-fm", "عادل الجبير", "fm-sa", "2015-04-29", en="Adel al-Jubeir"),
        holder("emir", "تميم آل ثاني", "emir-qa", "2013-06-25", en="Tamim Al Thani"),
    )


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Saudi foreign minister", "new-fm"),  # adjective, head
    ("Saudi Arabia's foreign minister", "new-fm"),  # name 's, head
    ("the foreign minister of Saudi Arabia", "new-fm"),  # head of (the) name
    ("former Saudi foreign minister", "old-fm"),  # an English modifier first
    ("Qatari emir", "emir"),  # a head inferred from the Arabic name أمير قطر
    ("the Emir of Qatar", "emir"),
])
def test_english_office_phrases(reg: Registry, phrase: str, expected: str) -> None:
    res = reg.lookup(phrase, "2020-01-01")
    assert (res.status, res.id) == ("matched", expected), res.explanation


@pytest.mark.parametrize("phrase", [
    "American foreign minister",  # a country the registry does not hold
    "Russia's foreign minister",
    "foreign minister of Russia",
])
def test_another_countrys_english_office_is_nobody_here(reg: Registry, phrase: str) -> None:
    assert reg.lookup(phrase, "2020-01-01").status != "matched"


def test_annotate_reads_english_offices_in_running_text(reg: Registry) -> None:
    text = ("Qatar's Emir Sheikh Tamim Al Thani received the former Saudi foreign minister, "
            "while the American foreign minister met the Saudi foreign minister.")
    found = [(m.text, m.kind, m.status, m.id) for m in reg.annotate(text, "2020-01-01")]
    assert ("Qatar's Emir", "role", "matched", "emir") in found, found
    assert ("former Saudi foreign minister", "role", "matched", "old-fm") in found, found
    assert ("Saudi foreign minister", "role", "matched", "new-fm") in found, found
    assert [m for m in found if m[3] == "new-fm"] == [
        ("Saudi foreign minister", "role", "matched", "new-fm")], found
