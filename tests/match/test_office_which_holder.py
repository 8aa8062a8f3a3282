"""Words around an office that say which holder is meant, beyond "former":
the designate and the next holder (المكلف, المقبل) are the incoming one, not
the one in office on the date; an acting official (القائم بأعمال, بالإنابة,
acting) stands in for the holder, who is then a candidate only; a deposed
president (المخلوع, المعزول, ousted) is a past holder.

Found by the held-out office set (tests/text/offices_heldout): each of these
gave the holder on the date, with confidence."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "lebanon", "type": "place", "name": {"ar": "لبنان", "en": "Lebanon"}},
        {"id": "egypt", "type": "place", "name": {"ar": "مصر", "en": "Egypt"}},
        {"id": "gov-lb", "type": "organization", "part_of": "lebanon",
         "name": {"ar": "الحكومة اللبنانية", "en": "Government of Lebanon"}},
        {"id": "gov-eg", "type": "organization", "part_of": "egypt",
         "name": {"ar": "الحكومة المصرية", "en": "Government of Egypt"}},
        position("pm-lb", "رئيس مجلس الوزراء اللبناني", "gov-lb", heads=["prime-minister"]),
        position("health-eg", "وزير الصحة المصري", "gov-eg", heads=["health-minister"]),
        position("president-eg", "رئيس جمهورية مصر العربية", "gov-eg", heads=["president"],
                 title="president"),
        holder("outgoing", "نجيب الخوري", "pm-lb", "2021-09-10", "2025-02-08"),
        holder("incoming", "نواف الحداد", "pm-lb", "2025-02-08"),
        holder("minister", "هالة عامر", "health-eg", "2018-06-14"),
        holder("first-president", "حسن فهمي", "president-eg", "1981-10-14", "2011-02-11"),
        holder("second-president", "عادل منصور", "president-eg", "2014-06-08"),
    )


@pytest.mark.parametrize(("phrase", "date", "expected"), [
    # The designate takes office within a year: the incoming holder.
    ("رئيس الحكومة اللبنانية المكلف", "2025-01-20", "incoming"),
    ("رئيس الوزراء اللبناني المكلف", "2025-01-20", "incoming"),
    # No incoming holder recorded: the holder on the date (asked again to form
    # a government), as before.
    ("رئيس الحكومة اللبنانية المكلف", "2025-06-01", "incoming"),
    # The next one: whoever starts after the date.
    ("رئيس الوزراء اللبناني المقبل", "2023-01-01", "incoming"),
    # Deposed: a past holder, never the one in office.
    ("الرئيس المصري المخلوع", "2020-01-01", "first-president"),
    ("الرئيس المصري المعزول", "2020-01-01", "first-president"),
    ("the ousted Egyptian president", "2020-01-01", "first-president"),
])
def test_which_holder(reg: Registry, phrase: str, date: str, expected: str) -> None:
    res = reg.lookup(phrase, date)
    assert (res.status, res.id) == ("matched", expected), res.explanation


@pytest.mark.parametrize(("phrase", "date"), [
    ("رئيس الوزراء اللبناني المقبل", "2025-06-01"),  # nobody recorded after
    ("رئيس الحكومة اللبنانية القادم", "2025-06-01"),
])
def test_next_is_never_the_one_in_office(reg: Registry, phrase: str, date: str) -> None:
    res = reg.lookup(phrase, date)
    assert res.status == "unknown", res.explanation


@pytest.mark.parametrize("phrase", [
    "القائم بأعمال وزير الصحة المصري",
    "وزير الصحة المصري بالإنابة",
    "وزيرة الصحة المصرية بالوكالة",
    "Egypt's acting health minister",
])
def test_acting_is_not_the_holder(reg: Registry, phrase: str) -> None:
    res = reg.lookup(phrase, "2022-03-15")
    assert res.status == "ambiguous", res.explanation
    assert [c.id for c in res.candidates] == ["minister"]
    assert any("acting" in line for line in res.explanation)


def test_acting_in_running_text(reg: Registry) -> None:
    text = "وتفقد القائم بأعمال وزير الصحة المصري مستشفى الجيزة."
    (mention,) = [m for m in reg.annotate(text, "2022-03-15") if m.kind == "role"]
    assert mention.text == "القائم بأعمال وزير الصحة المصري"
    assert mention.status == "ambiguous"
