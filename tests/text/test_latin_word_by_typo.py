"""A capitalised English word that reaches a registry person only by mending a
letter (Paris read as عباس) is not settled on the person the article names:
it is a place or another name. A spelling that is only another reading of the
same letters (Hifter for حفتر) still is. From the Palestine/Libya/Mauritania
held-out audit (tests/domains/pal_libya_maur, cause 5). Constructed registry."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile


@pytest.fixture(scope="module")
def reg() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "abbas", "type": "person", "name": {"ar": "محمود عباس", "en": "Mahmoud Abbas"},
         "name_parts": {"given": "محمود", "family": "عباس", "called_by": "family"}},
        {"id": "haftar", "type": "person", "name": {"ar": "خليفة حفتر", "en": "Khalifa Haftar"},
         "name_parts": {"given": "خليفة", "family": "حفتر", "called_by": "family"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


def test_a_place_is_not_read_as_the_man_named_before(reg: Registry) -> None:
    text = "President Mahmoud Abbas met the envoy. Abbas said the Paris conference was a chance."
    found = [(m.text, m.id) for m in reg.annotate(text, "2016-06-01") if m.kind == "name"]
    assert found == [("Mahmoud Abbas", "abbas"), ("Abbas", "abbas")]


def test_another_reading_of_the_same_letters_is_still_settled(reg: Registry) -> None:
    text = "Khalifa Haftar launched an offensive. Hifter's forces reached the suburbs."
    found = [(m.text, m.id) for m in reg.annotate(text, "2019-04-10") if m.kind == "name"]
    assert found == [("Khalifa Haftar", "haftar"), ("Hifter", "haftar")]
