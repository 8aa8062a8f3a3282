"""Mauritanian names: ولد / بنت ("son / daughter of") link a nasab as بن does,
so a man called by his father's name is ولد + that name (ولد عبد العزيز), and
the Latin Ould / Mint / Walad are read the same way; الوزير الأول is the
prime minister's title there. From the Palestine/Libya/Mauritania held-out
audit (tests/domains/pal_libya_maur, cause 8). Constructed registry."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


@pytest.fixture(scope="module")
def mauritania() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "aziz", "type": "person", "name": {"ar": "محمد ولد عبد العزيز", "en": "Aziz"},
         "name_parts": {"given": "محمد", "father": "عبد العزيز", "called_by": "father"}},
        {"id": "djay", "type": "person", "name": {"ar": "المختار ولد اجاي", "en": "Djay"},
         "name_parts": {"given": "المختار", "father": "اجاي", "called_by": "father"},
         "roles": [{"position": "pm", "start": "2024-08-02", "sources": SOURCE}]},
        {"id": "naha", "type": "person", "name": {"ar": "الناها بنت حمدي ولد مكناس",
                                                  "en": "Naha"},
         "name_parts": {"given": "الناها", "father": "حمدي", "family": "مكناس"}},
        {"id": "pm", "type": "position", "name": {"ar": "الوزير الأول الموريتاني", "en": "PM"},
         "organization": "gov", "title": "prime-minister"},
        {"id": "gov", "type": "organization", "name": {"ar": "الحكومة الموريتانية",
                                                       "en": "Government"},
         "part_of": "mauritania"},
        {"id": "mauritania", "type": "place", "name": {"ar": "موريتانيا", "en": "Mauritania"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize(("query", "expected"), [
    ("ولد عبد العزيز", "aziz"),  # called by the father's name, with ولد
    ("محمد ولد عبد العزيز", "aziz"),  # the full name keeps that strength
    ("ولد اجاي", "djay"),
    ("الناها بنت مكناس", "naha"),
    ("Naha Mint Hamdi Ould Mouknass", "naha"),
])
def test_ould_links_a_nasab(mauritania: Registry, query: str, expected: str) -> None:
    res = mauritania.lookup(query)
    assert (res.status, res.id) == ("matched", expected), res.explanation


def test_without_the_particle_two_common_names_stay_open(mauritania: Registry) -> None:
    assert mauritania.lookup("محمد عبد العزيز").status != "matched"


def test_al_wazir_al_awwal_is_the_prime_minister(mauritania: Registry) -> None:
    res = mauritania.lookup("الوزير الأول المختار ولد اجاي", "2025-01-01")
    assert (res.status, res.id) == ("matched", "djay"), res.explanation
    text = "وترأس الوزير الأول المختار ولد اجاي اجتماع الحكومة، وقال ولد اجاي إن الميزانية جاهزة."
    names = [(m.text, m.id) for m in mauritania.annotate(text, "2025-01-01") if m.kind == "name"]
    assert names == [("المختار ولد اجاي", "djay"), ("ولد اجاي", "djay")]
