"""A name written after an office and its modifier (وزير المالية السابق محمد
معيط) stands beside the office: the modifier is part of the office phrase, so
the name decides which past holder is meant, as it does with no modifier.
Found by the held-out office set: six such phrases stayed ambiguous."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "kuwait", "type": "place", "name": {"ar": "الكويت", "en": "Kuwait"}},
        {"id": "gov-kw", "type": "organization", "part_of": "kuwait",
         "name": {"ar": "الحكومة الكويتية", "en": "Government of Kuwait"}},
        position("pm-kw", "رئيس مجلس الوزراء الكويتي", "gov-kw", heads=["prime-minister"]),
        holder("first-pm", "صباح الخالد", "pm-kw", "2019-11-19", "2022-07-24"),
        holder("second-pm", "أحمد النواف", "pm-kw", "2022-07-24", "2024-01-04"),
        holder("third-pm", "أحمد العبد الله", "pm-kw", "2024-05-15"),
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("وقال رئيس الوزراء الكويتي السابق صباح الخالد إن الإصلاح ضروري.", "first-pm"),
    ("وقال رئيس الوزراء الكويتي الأسبق صباح الخالد إن الإصلاح ضروري.", "first-pm"),
    ("وقال رئيس الوزراء الكويتي السابق أحمد النواف إن الإصلاح ضروري.", "second-pm"),
])
def test_the_name_after_a_modifier_decides(reg: Registry, text: str, expected: str) -> None:
    (office,) = [m for m in reg.annotate(text, "2025-01-01") if m.kind == "role"]
    assert (office.text, office.status, office.id) == (
        "رئيس الوزراء الكويتي", "matched", expected), office.explanation


def test_without_a_name_the_former_holders_stay_ambiguous(reg: Registry) -> None:
    text = "وقال رئيس الوزراء الكويتي السابق إن الإصلاح ضروري."
    (office,) = [m for m in reg.annotate(text, "2025-01-01") if m.kind == "role"]
    assert office.status == "ambiguous"
