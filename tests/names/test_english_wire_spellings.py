"""Latin spellings and English titles of English wire copy that the English-wire
audit (tests/domains/english_wire) found unread, checked against small
registries."""

from __future__ import annotations

import pytest

from registry.names.translit import reading_cost
from tests.builders import registry_of


@pytest.mark.parametrize("latin", ["yahya", "yehya", "yahia", "yehia", "yahiya"])
def test_the_two_final_letters_of_yahya_are_both_written(latin: str) -> None:
    # يحيى normalises to يحيي: a consonant ي and the vowel ى, not one doubled letter
    assert reading_cost("يحيي", latin) < 0.1


def test_a_doubled_letter_inside_a_word_is_still_written_once() -> None:
    assert reading_cost("الله", "allah") < 0.1
    assert reading_cost("عمار", "ammar") < 0.1


@pytest.mark.parametrize("query", ["Yehya al-Sinwar", "Yahia Sinwar", "Yahya al-Sinwar"])
def test_unlisted_spellings_of_yahya_find_him(query: str) -> None:
    reg = registry_of({"id": "sinwar", "type": "person",
                       "name": {"ar": "يحيى السنوار", "en": "Yahya Sinwar"},
                       "name_parts": {"given": "يحيى", "family": "السنوار"}})
    res = reg.lookup(query)
    assert (res.status, res.id) == ("matched", "sinwar"), res.explanation


def test_emir_is_the_english_form_of_the_title_amir() -> None:
    # الأمير is "Prince" in Riyadh and "Emir" in Doha and Kuwait: one title
    reg = registry_of(
        {"id": "qatar", "type": "place", "name": {"ar": "قطر", "en": "Qatar"}},
        {"id": "gov-qa", "type": "organization", "part_of": "qatar",
         "name": {"ar": "حكومة قطر", "en": "Government of Qatar"}},
        {"id": "emir-qa", "type": "position", "name": {"ar": "أمير قطر", "en": "Emir of Qatar"},
         "organization": "gov-qa", "title": "prince"},
        {"id": "tamim", "type": "person", "name": {"ar": "تميم بن حمد آل ثاني", "en": "Tamim"},
         "name_parts": {"given": "تميم", "father": "حمد", "family": "آل ثاني"},
         "roles": [{"position": "emir-qa", "start": "2013-06-25",
                    "sources": [{"url": "https://example.org/source"}]}]},
        {"id": "tamim-2", "type": "person", "name": {"ar": "تميم البرغوثي", "en": "Tamim B"},
         "name_parts": {"given": "تميم", "family": "البرغوثي"}})
    for query in ("Emir Tamim", "الأمير تميم"):
        res = reg.lookup(query, "2023-01-01")
        assert (res.status, res.id) == ("matched", "tamim"), (query, res.explanation)


@pytest.mark.parametrize(("arabic", "latin"), [("السامرايي", "alsamarrai"), ("الطايي", "altai")])
def test_a_hamza_seat_and_ya_after_a_long_vowel_are_one_written_vowel(
        arabic: str, latin: str) -> None:
    # ائي normalises to ايي: Samarrai, al-Tai write it as one i
    assert reading_cost(arabic, latin) < 0.1
