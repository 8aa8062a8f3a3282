"""Plural and dual office phrases (وزراء الخارجية العرب، الرئيسان المصري والليبي,
Arab defence ministers) are office phrases that name no one person: reported
as offices with no holder, never given to the registry's holder of the
singular office, even when the country is the registry's."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import holder, position, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "egypt", "type": "place", "name": {"ar": "مصر", "en": "Egypt"}},
        {"id": "gov-eg", "type": "organization", "part_of": "egypt",
         "name": {"ar": "الحكومة المصرية", "en": "Government of Egypt"}},
        position("fm-eg", "وزير الخارجية المصري", "gov-eg", heads=["foreign-minister"]),
        position("president-eg", "رئيس جمهورية مصر العربية", "gov-eg", heads=["president"],
                 title="president"),
        holder("egypt-fm", "بدر عبد العاطي", "fm-eg", "2024-07-03"),
        holder("egypt-president", "عبد الفتاح السيسي", "president-eg", "2014-06-08"),
    )


@pytest.mark.parametrize(("text", "span"), [
    ("واجتمع وزراء الخارجية العرب في القاهرة.", "وزراء الخارجية"),
    ("وبحث وزيري الخارجية المصري والسوداني الأزمة.", "وزيري الخارجية المصري"),
    ("والتقى الرئيسان المصري والليبي في العلمين.", "الرئيسان المصري"),
    ("Arab foreign ministers met in Cairo.", "foreign ministers"),
])
def test_a_plural_office_is_found_and_names_nobody(reg: Registry, text: str, span: str) -> None:
    roles = [m for m in reg.annotate(text, "2025-01-10") if m.kind == "role"]
    assert [(m.text, m.status) for m in roles] == [(span, "unknown")]


def test_a_plural_query_is_nobody(reg: Registry) -> None:
    assert reg.lookup("وزراء الخارجية المصريين", "2025-01-10").status == "unknown"
