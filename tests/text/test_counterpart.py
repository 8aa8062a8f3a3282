""""His counterpart" and a country (نظيره العماني) repeats the office named
just before it, of that country: التقى وزير الخارجية السعودي نظيره العماني is
Saudi Arabia's foreign minister meeting Oman's. Found by the held-out office
set, where eleven such phrases were not read at all."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "saudi-arabia", "type": "place", "name": {"ar": "السعودية", "en": "Saudi Arabia"}},
        {"id": "oman", "type": "place", "name": {"ar": "سلطنة عمان", "en": "Oman"}},
        {"id": "gov-sa", "type": "organization", "part_of": "saudi-arabia",
         "name": {"ar": "الحكومة السعودية", "en": "Government of Saudi Arabia"}},
        {"id": "gov-om", "type": "organization", "part_of": "oman",
         "name": {"ar": "الحكومة العمانية", "en": "Government of Oman"}},
        position("fm-sa", "وزير الخارجية السعودي", "gov-sa", heads=["foreign-minister"]),
        position("fm-om", "وزير الخارجية العماني", "gov-om", heads=["foreign-minister"]),
        holder("saudi-fm", "فيصل الفرحان", "fm-sa", "2019-10-23"),
        holder("omani-fm", "بدر البوسعيدي", "fm-om", "2020-08-18"),
    )


def roles(reg: Registry, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.status, m.id) for m in reg.annotate(text, "2023-01-10")
            if m.kind == "role"]


def test_the_counterpart_is_the_same_office_of_the_other_country(reg: Registry) -> None:
    assert roles(reg, "التقى وزير الخارجية السعودي نظيره العماني في الرياض.") == [
        ("وزير الخارجية السعودي", "matched", "saudi-fm"),
        ("نظيره العماني", "matched", "omani-fm")]
    # a clitic, and the feminine
    assert roles(reg, "واتصل وزير الخارجية السعودي بنظيرته العمانية.")[1] == (
        "نظيرته العمانية", "matched", "omani-fm")


def test_the_counterpart_is_never_the_man_named_before_it(reg: Registry) -> None:
    text = "التقى وزير الخارجية السعودي فيصل الفرحان نظيره العماني في مسقط."
    assert roles(reg, text)[1] == ("نظيره العماني", "matched", "omani-fm")


def test_a_counterpart_nobody_holds_is_no_answer(reg: Registry) -> None:
    found = roles(reg, "التقى وزير الخارجية السعودي نظيره الإثيوبي.")
    assert [status for _, status, _ in found] == ["matched", "unknown"], found


def test_the_office_before_may_be_one_nobody_holds(reg: Registry) -> None:
    found = roles(reg, "وقال وزير الخارجية الإيراني إن نظيره السعودي سيزور طهران.")
    assert found == [("وزير الخارجية الإيراني", "unknown", None),
                     ("نظيره السعودي", "matched", "saudi-fm")]


def test_no_office_before_it_in_the_sentence_no_counterpart(reg: Registry) -> None:
    assert roles(reg, "وصل وزير الخارجية السعودي. وقال نظيره العماني إن الزيارة مهمة.") == [
        ("وزير الخارجية السعودي", "matched", "saudi-fm")]
    assert roles(reg, "وقال الطالب إن نظيره العماني فاز بالمسابقة.") == []
