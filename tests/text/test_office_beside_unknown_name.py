"""An office phrase in apposition with a name the registry does not hold is
that person's office, not its recorded holder's.

'وقال وزير الخارجية المصري نبيل فهمي' gave the office to the minister of the
date although the article names who it means: a former minister the registry
does not hold. A matched name beside an office already decided it (either
order); an unknown whole name now decides too: the office names nobody the
registry holds. A chain that holds a word of the holder's own name (it ran a
word too far) still lets the office name him. Constructed registry."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def _registry() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "sameh-shoukry", "type": "person",
         "name": {"ar": "سامح حسن شكري", "en": "Sameh Shoukry"},
         "name_parts": {"given": "سامح", "father": "حسن", "family": "شكري"},
         "roles": [{"position": "fm-egypt", "start": "2014-06-17", "end": "2024-07-03",
                    "sources": SOURCE}]},
        {"id": "fm-egypt", "type": "position", "organization": "egypt-government",
         "heads": ["foreign-minister"], "title": "minister",
         "name": {"ar": "وزير الخارجية المصري", "en": "Foreign Minister of Egypt"}},
        {"id": "egypt-government", "type": "organization", "part_of": "egypt",
         "name": {"ar": "الحكومة المصرية", "en": "Government of Egypt"}},
        {"id": "egypt", "type": "place", "name": {"ar": "مصر", "en": "Egypt"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.fixture(scope="module")
def egypt() -> Registry:
    return _registry()


def _office(reg: Registry, text: str) -> tuple[str, str | None]:
    roles = [m for m in reg.annotate(text, "2020-05-01") if m.kind == "role"]
    assert len(roles) == 1, roles
    return roles[0].status, roles[0].id


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية المصري نبيل فهمي إن الوضع خطير.",
    "وقال نبيل فهمي وزير الخارجية المصري إن الوضع خطير.",
    "وحضر الندوة محمد العرابي، وزير الخارجية المصري، وعدد من السفراء.",
], ids=["office-then-name", "name-then-office", "name-comma-office"])
def test_an_unknown_name_beside_the_office_decides(egypt: Registry, text: str) -> None:
    status, entity_id = _office(egypt, text)
    assert status != "matched" and entity_id is None
    role = next(m for m in egypt.annotate(text, "2020-05-01") if m.kind == "role")
    assert "the name decides" in role.explanation[-2]


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية المصري سامح شكري إن الوضع خطير.",
    "وقال وزير الخارجية المصري إن الوضع خطير.",
    "وقال وزير الخارجية المصري سامح شكري الموسوي إن الوضع خطير.",
    "والتقى وزير الخارجية المصري ونبيل فهمي في القاهرة.",
], ids=["the-holder-named", "no-name", "a-chain-with-the-holders-words", "a-conjunction"])
def test_otherwise_the_office_names_its_holder(egypt: Registry, text: str) -> None:
    assert _office(egypt, text) == ("matched", "sameh-shoukry")
