"""A family name matched alone through a one-letter typo: nisbas with the
article come in families one letter apart (العماني "the Omani", العثماني), so
one such word, even after a title or an office, only supports the person it
is read as; the name itself, and a longer name through a typo, still decide."""

from __future__ import annotations

import pytest

from tests.builders import registry_of

REG = registry_of(
    {"id": "othmani", "type": "person", "name": {"ar": "سعد الدين العثماني", "en": "Othmani"},
     "name_parts": {"given": "سعد الدين", "family": "العثماني"}},
)


@pytest.mark.parametrize("query", ["العماني", "الدكتور العماني", "السيد العماني"])
def test_one_family_word_one_letter_off_only_supports(query: str) -> None:
    res = REG.lookup(query)
    assert res.status == "ambiguous" and res.contenders == ["othmani"], res.explanation
    assert any("read only through a typo" in line for line in res.explanation)


@pytest.mark.parametrize("query", ["العثماني", "سعد الدين العثماني", "سعد الدين العتماني"])
def test_the_family_name_itself_and_a_longer_name_still_decide(query: str) -> None:
    assert REG.lookup(query).id == "othmani"
