"""A man the registry does not hold, named with a registry person's called-by
family name and a given name of his own, is not that person in running text:
the given name before the family name (صدام حفتر, a son) or a name word after
it (عباس زكي, another man) makes a longer, unknown name. Nouns around the name
are still dropped (قوات حفتر, وأكد حفتر دعمه). From the Palestine/Libya/
Mauritania held-out audit (tests/domains/pal_libya_maur, cause 2).
Constructed registry and sentences."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile


@pytest.fixture(scope="module")
def reg() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "haftar", "type": "person", "name": {"ar": "خليفة بلقاسم حفتر", "en": "Haftar"},
         "name_parts": {"given": "خليفة", "father": "بلقاسم", "family": "حفتر",
                        "called_by": "family"}},
        {"id": "abbas", "type": "person", "name": {"ar": "محمود عباس", "en": "Abbas"},
         "name_parts": {"given": "محمود", "family": "عباس", "called_by": "family"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize("text", [
    "وكشف صدام حفتر عن خطة لإعادة إعمار درنة.",
    "وقال عباس زكي عضو اللجنة المركزية إن الحوار متوقف.",
])
def test_another_man_of_the_name_is_not_pinned(reg: Registry, text: str) -> None:
    assert [m.id for m in reg.annotate(text, "2021-01-01") if m.status == "matched"
            and m.type == "person"] == []


@pytest.mark.parametrize(("text", "surface", "who"), [
    ("وتقدمت قوات حفتر نحو الغرب.", "حفتر", "haftar"),
    ("وأكد حفتر دعمه للحكومة.", "حفتر", "haftar"),
    ("وقال عباس إن الحوار متوقف.", "عباس", "abbas"),
])
def test_the_called_by_name_alone_still_is(reg: Registry, text: str, surface: str,
                                           who: str) -> None:
    found = [(m.text, m.id) for m in reg.annotate(text, "2021-01-01")
             if m.status == "matched" and m.type == "person"]
    assert found == [(surface, who)]
