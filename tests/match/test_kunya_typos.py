"""A kunya is أبو + a name, joined into one word before matching (ابوعمار), but
a typo may only change the name after أبو under that name's own rules: a
four-letter name forgives only the listed slips and a listed name none, so
another man's kunya one letter away is never read as a registry kunya (item
F's audit, cause 1: أبو عمر and أبو عماد were Yasser Arafat, أبو زياد was Abu
Iyad, all "matched"). The same holds for a Latin kunya: Omar spells عمر.
"""

from __future__ import annotations

import pytest

from tests.builders import registry_of


def _person(pid: str, given: str, family: str, kunya: str) -> dict[str, object]:
    return {"id": pid, "type": "person", "name": {"ar": f"{given} {family}", "en": pid},
            "name_parts": {"given": given, "family": family},
            "aliases": [{"text": kunya, "kind": "kunya", "strength": "identifying"}]}


REG = registry_of(_person("yasser-arafat", "ياسر", "عرفات", "أبو عمار"),
                  _person("salah-khalaf", "صلاح", "خلف", "أبو إياد"),
                  _person("khalil-al-wazir", "خليل", "الوزير", "أبو جهاد"),
                  _person("mahmoud-abbas", "محمود", "عباس", "أبو مازن"),
                  _person("abu-mahdi", "جمال", "جعفر", "أبو مهدي المهندس"))


@pytest.mark.parametrize("query", [
    "أبو عمر", "أبو عماد", "أبو عامر",  # عمر and عامر are listed names; عماد four letters
    "أبو زياد", "أبو جواد", "أبو مازم",  # four letters, not one of the listed slips
    "Abu Omar", "Abu Amer", "Abu Ziad", "Abu Jawad",
])
def test_another_name_s_kunya_is_not_a_registry_kunya(query: str) -> None:
    assert REG.lookup(query).status != "matched"


@pytest.mark.parametrize(("query", "expected"), [
    ("أبو عمار", "yasser-arafat"), ("ابو اياد", "salah-khalaf"), ("أبومازن", "mahmoud-abbas"),
    ("Abu Ammar", "yasser-arafat"), ("Abou Ammar", "yasser-arafat"), ("Abu Iyad", "salah-khalaf"),
    ("Abu Jihad", "khalil-al-wazir"), ("Abou Mazen", "mahmoud-abbas"),
])
def test_the_kunya_itself_still_matches(query: str, expected: str) -> None:
    res = REG.lookup(query)
    assert (res.status, res.id) == ("matched", expected)


def test_a_slip_in_a_long_word_of_a_war_name_is_still_forgiven() -> None:
    res = REG.lookup("أبو مهدي المهندز")
    assert res.contenders == ["abu-mahdi"]
    assert any("المهندز" in line and "typo" in line for line in res.explanation)


def test_a_listed_short_slip_in_the_name_after_abu_is_still_forgiven() -> None:
    # a final alef added (the typo_rules' slip), in the name after أبو
    res = REG.lookup("أبو مازنا")
    assert res.contenders == ["mahmoud-abbas"]
