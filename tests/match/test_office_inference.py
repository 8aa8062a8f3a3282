"""A position that lists no ``heads:`` takes the head its own name spells.

A maintainer new to the registry writes "وزير الداخلية السعودي" and nothing else;
every other wording of that office (وزير داخلية السعودية, وزيرة الداخلية
السعودية) should still name its holder, but only with the body the name names:
the speaker of a parliament is never "the president" of the country."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of

START = "2020-01-01"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "saudi-arabia", "type": "place",
         "name": {"ar": "السعودية", "en": "Saudi Arabia"}},
        {"id": "lebanon", "type": "place", "name": {"ar": "لبنان", "en": "Lebanon"}},
        {"id": "gov-sa", "type": "organization", "part_of": "saudi-arabia",
         "name": {"ar": "الحكومة السعودية", "en": "Government of Saudi Arabia"}},
        {"id": "gov-lb", "type": "organization", "part_of": "lebanon",
         "name": {"ar": "الحكومة اللبنانية", "en": "Government of Lebanon"}},
        {"id": "parliament-lb", "type": "organization", "part_of": "lebanon",
         "name": {"ar": "مجلس النواب اللبناني", "en": "Parliament of Lebanon"},
         "aliases": [{"text": "مجلس النواب", "kind": "short"},
                     {"text": "البرلمان اللبناني", "kind": "full"}],
         "short_names": ["البرلمان"]},
        # None of these positions lists heads.
        position("interior-sa", "وزير الداخلية السعودي", "gov-sa"),
        position("pm-sa", "رئيس مجلس الوزراء السعودي", "gov-sa"),
        position("speaker-lb", "رئيس مجلس النواب اللبناني", "parliament-lb"),
        position("president-lb", "رئيس الجمهورية اللبنانية", "gov-lb"),
        # A name that is no head's wording followed by bodies: nothing to infer.
        position("state-fm-sa", "وزير الدولة للشؤون الخارجية", "gov-sa"),
        holder("interior-holder", "عبد العزيز الفهيد", "interior-sa", START),
        holder("pm-holder", "فيصل المطيري", "pm-sa", START),
        holder("speaker-holder", "نبيل الحداد", "speaker-lb", START),
        holder("president-holder", "جورج الخوري", "president-lb", START),
        holder("state-fm-holder", "عادل الزهراني", "state-fm-sa", START),
    )


@pytest.mark.parametrize(("phrase", "expected"), [
    ("وزير الداخلية السعودي", "interior-holder"),  # as written
    ("وزير داخلية السعودية", "interior-holder"),  # construct + the country's name
    ("وزيرة الداخلية السعودية", "interior-holder"),  # another wording of the head
    ("رئيس الوزراء السعودي", "pm-holder"),  # رئيس مجلس الوزراء is a PM wording
    ("رئيس الحكومة السعودية", "pm-holder"),
    ("رئيس البرلمان اللبناني", "speaker-holder"),  # president + another name of the body
    ("الرئيس اللبناني", "president-holder"),  # never the speaker
    ("رئيس لبنان", "president-holder"),
])
def test_a_position_without_heads_composes_from_its_name(reg: Registry, phrase: str,
                                                         expected: str) -> None:
    res = reg.lookup(phrase, "2024-01-01")
    assert (res.status, res.id) == ("matched", expected), res.explanation


@pytest.mark.parametrize("phrase", [
    "وزير المالية السعودي",  # no finance minister: never the interior minister
    "وزير الخارجية السعودي",  # the minister of state is not the foreign minister
])
def test_inference_invents_no_office(reg: Registry, phrase: str) -> None:
    res = reg.lookup(phrase, "2024-01-01")
    assert res.status != "matched", (phrase, res.id, res.explanation)


def test_annotate_reads_the_inferred_wordings(reg: Registry) -> None:
    text = "الرياض - أعلن وزير داخلية السعودية أمس أن رئيس البرلمان اللبناني سيزور المملكة."
    found = [(m.text, m.status, m.id) for m in reg.annotate(text, "2024-01-01")
             if m.kind == "role"]
    assert found == [("وزير داخلية السعودية", "matched", "interior-holder"),
                     ("رئيس البرلمان اللبناني", "matched", "speaker-holder")], found
