"""Office phrases a registry need not spell out: a place that is a country of the
shared vocabulary brings its adjectives; feminine and portfolio wordings of a
head are data (registry/data/offices.yaml)."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of

START = "2024-01-01"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        # No adjectives written anywhere: "lebanon" is a vocabulary country by id,
        # "land-of-cedars" is none, "misr" is Egypt by its Arabic name.
        {"id": "lebanon", "type": "place", "name": {"ar": "لبنان", "en": "Lebanon"}},
        {"id": "misr", "type": "place", "name": {"ar": "مصر", "en": "Egypt"}},
        {"id": "atlantis", "type": "place", "name": {"ar": "أطلانطس", "en": "Atlantis"}},
        {"id": "gov-lb", "type": "organization", "part_of": "lebanon",
         "name": {"ar": "الحكومة اللبنانية", "en": "Government of Lebanon"}},
        {"id": "gov-eg", "type": "organization", "part_of": "misr",
         "name": {"ar": "الحكومة المصرية", "en": "Government of Egypt"}},
        {"id": "gov-at", "type": "organization", "part_of": "atlantis",
         "name": {"ar": "حكومة أطلانطس", "en": "Government of Atlantis"}},
        position("pm-lb", "رئيس مجلس الوزراء اللبناني", "gov-lb", heads=["prime-minister"]),
        position("fm-lb", "وزير خارجية لبنان", "gov-lb", heads=["foreign-minister"]),
        position("pres-eg", "رئيس جمهورية مصر العربية", "gov-eg", heads=["president"]),
        position("pm-at", "رئيس حكومة أطلانطس", "gov-at", heads=["prime-minister"]),
        holder("pm-lb-holder", "ريما الخوري", "pm-lb", START),
        holder("fm-lb-holder", "سامر العلي", "fm-lb", START),
        holder("pres-eg-holder", "هالة منصور", "pres-eg", START),
        holder("pm-at-holder", "كريم الجزار", "pm-at", START),
    )


@pytest.mark.parametrize(("phrase", "expected"), [
    ("رئيس الوزراء اللبناني", "pm-lb-holder"),  # the vocabulary's adjective, by place id
    ("رئيسة الحكومة اللبنانية", "pm-lb-holder"),  # a feminine head wording
    ("وزير الخارجية والمغتربين اللبناني", "fm-lb-holder"),  # a ministry with its portfolio
    ("رئيس الدبلوماسية اللبنانية", "fm-lb-holder"),  # the press's synonym
    ("الرئيس المصري", "pres-eg-holder"),  # by the place's Arabic name, under another id
    ("رئيس جمهورية مصر", "pres-eg-holder"),  # رئيس جمهورية + the country's name
    ("رئيسة جمهورية مصر العربية", "pres-eg-holder"),  # the shorter head, the longer body
])
def test_composed_office_resolves(reg: Registry, phrase: str, expected: str) -> None:
    res = reg.lookup(phrase, "2025-01-01")
    assert (res.status, res.id) == ("matched", expected), res.explanation


def test_no_adjective_is_invented_for_a_place_the_vocabulary_does_not_know(reg: Registry
                                                                           ) -> None:
    assert reg.lookup("رئيس الوزراء الأطلانطسي", "2025-01-01").status != "matched"
    res = reg.lookup("رئيس حكومة أطلانطس", "2025-01-01")
    assert (res.status, res.id) == ("matched", "pm-at-holder")


def test_another_countrys_office_is_never_settled_by_the_article(reg: Registry) -> None:
    # The registry holds no United States: وزير الخارجية الأمريكي is not a bare
    # head for the Lebanese article to settle on Lebanon's foreign minister.
    # It is still an office phrase: reported, as an office nobody here holds.
    text = "بيروت - استقبل وزير الخارجية اللبناني في لبنان وزير الخارجية الأمريكي."
    found = [(m.text, m.status, m.id) for m in reg.annotate(text, "2025-01-01")
             if m.kind == "role"]
    assert found == [("وزير الخارجية اللبناني", "matched", "fm-lb-holder"),
                     ("وزير الخارجية الأمريكي", "unknown", None)], found
    bare = [m for m in reg.annotate("بيروت - قال وزير الخارجية إن لبنان يرفض الاعتداء.",
                                    "2025-01-01") if m.kind == "role"]
    assert [(m.status, m.id) for m in bare] == [("matched", "fm-lb-holder")]
