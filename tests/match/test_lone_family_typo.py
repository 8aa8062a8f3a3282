"""A country's name or adjective (العماني, "the Omani") is a word of its own,
never read through a typo as a name one letter away (العثماني, Othmani), alone,
after a title or after an office; a misspelt name that is no such word still
reads through its typo."""

from __future__ import annotations

import pytest

from tests.builders import registry_of

REG = registry_of(
    {"id": "othmani", "type": "person", "name": {"ar": "سعد الدين العثماني", "en": "Othmani"},
     "name_parts": {"given": "سعد الدين", "family": "العثماني"}},
    {"id": "tarhouni", "type": "person", "name": {"ar": "علي الترهوني", "en": "Tarhouni"},
     "name_parts": {"given": "علي", "family": "الترهوني"}},
)


@pytest.mark.parametrize("query", ["العماني", "الدكتور العماني", "السيد العماني", "عماني"])
def test_a_country_adjective_is_not_a_misspelt_name(query: str) -> None:
    res = REG.lookup(query)
    assert res.status == "unknown", res.explanation


@pytest.mark.parametrize(("query", "expected"), [
    ("العثماني", "othmani"), ("سعد الدين العتماني", "othmani"), ("الترهوتي", "tarhouni")])
def test_names_and_their_typos_still_read(query: str, expected: str) -> None:
    assert REG.lookup(query).id == expected
