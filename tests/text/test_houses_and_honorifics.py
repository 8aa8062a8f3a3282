"""Gulf-style names in running text: house names (آل مرزوق) and honorifics.

Registries rarely record honorifics, so one the person is not recorded with
rules out only people recorded with a military rank, who are addressed by it
(the trap الشيخ صدام after a general is in tests/text/corpus, h07). A house
name ends a name chain as a one-word family name does."""

from __future__ import annotations

import pytest

from registry.core import Registry
from tests.builders import SOURCE, registry_of


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry_of(
        {"id": "ruler", "type": "person", "name": {"ar": "راشد بن سيف آل مرزوق", "en": "R"},
         "name_parts": {"given": "راشد", "father": "سيف", "family": "آل مرزوق"}},
        {"id": "general", "type": "person", "name": {"ar": "راشد حمدان الزيدي", "en": "G"},
         "name_parts": {"given": "راشد", "father": "حمدان", "family": "الزيدي"},
         "ranks": [{"title": "lieutenant-general", "start": "2020", "sources": SOURCE}]},
    )


def mentions(reg: Registry, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.status, m.id) for m in reg.annotate(text, "2024-01-01")]


def test_an_unrecorded_honorific_does_not_rule_out_a_civilian(reg: Registry) -> None:
    text = "افتتح الشيخ راشد بن سيف آل مرزوق المؤتمر. وقال الشيخ راشد إن الاقتصاد ينمو."
    assert ("راشد", "matched", "ruler") in mentions(reg, text), mentions(reg, text)


def test_an_honorific_rules_out_a_general(reg: Registry) -> None:
    text = "التقى الفريق راشد حمدان الزيدي الوفد. وقال الشيخ راشد إن القبيلة تدعم الاتفاق."
    found = mentions(reg, text)
    assert ("راشد", "matched", "general") not in found, found


def test_a_house_name_ends_the_chain(reg: Registry) -> None:
    """A definite noun after آل مرزوق is not a nisba of the name: the chain
    stops at the house, as it does after a one-word family name."""
    found = mentions(reg, "افتتح راشد بن سيف آل مرزوق المعرض الدولي.")
    assert found == [("راشد بن سيف آل مرزوق", "matched", "ruler")], found
