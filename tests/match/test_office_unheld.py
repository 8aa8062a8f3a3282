"""An office of a body or country the registry knows, but of a position it
does not hold (وزير الخارجية العراقي where only Iraq's prime minister is
registered), is still an office phrase: reported with no holder. Before, the
reader dropped it and started again one word later (a deputy's office, نائب
القائد العام للجيش الوطني الليبي with no deputy position registered, was then
read as the commander-in-chief's until item A's deputy rule)."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "iraq", "type": "place", "name": {"ar": "العراق", "en": "Iraq"}},
        {"id": "libya", "type": "place", "name": {"ar": "ليبيا", "en": "Libya"}},
        {"id": "gov-iq", "type": "organization", "part_of": "iraq",
         "name": {"ar": "الحكومة العراقية", "en": "Government of Iraq"}},
        {"id": "lna", "type": "organization", "country": "libya",
         "name": {"ar": "الجيش الوطني الليبي", "en": "Libyan National Army"}},
        position("pm-iq", "رئيس مجلس الوزراء العراقي", "gov-iq", heads=["prime-minister"]),
        position("cinc-lna", "القائد العام للجيش الوطني الليبي", "lna",
                 heads=["commander-in-chief"]),
        holder("iraq-pm", "محمد السوداني", "pm-iq", "2022-10-27"),
        holder("lna-chief", "خليفة حفتر", "cinc-lna", "2015-03-02"),
    )


def roles(reg: Registry, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.status, m.id) for m in reg.annotate(text, "2024-01-10")
            if m.kind == "role"]


@pytest.mark.parametrize(("text", "span"), [
    ("وقال وزير الخارجية العراقي إن بغداد تدعم الحوار.", "وزير الخارجية العراقي"),
    ("وزار نائب القائد العام للجيش الوطني الليبي مدينة سرت.",
     "نائب القائد العام للجيش الوطني الليبي"),
])
def test_an_office_nobody_holds_is_reported_with_no_holder(reg: Registry, text: str,
                                                          span: str) -> None:
    assert roles(reg, text) == [(span, "unknown", None)]


def test_the_registered_office_still_answers(reg: Registry) -> None:
    assert roles(reg, "وقال رئيس الوزراء العراقي إن الحكومة مستمرة.") == [
        ("رئيس الوزراء العراقي", "matched", "iraq-pm")]
    assert roles(reg, "وقال القائد العام للجيش الوطني الليبي إن الجيش جاهز.") == [
        ("القائد العام للجيش الوطني الليبي", "matched", "lna-chief")]
