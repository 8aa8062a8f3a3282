"""A reigning title before a lone given name names the one registry holder.

السلطان هيثم on a day when Haitham bin Tariq reigns is him, although the article
never writes his full name: few people hold a monarch's title on any day
(chains.yaml reigning_titles). Other titles, other days and undated articles
keep the old honest answer (ambiguous without a full mention). Constructed
registry and sentences."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


@pytest.fixture(scope="module")
def monarchs() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "haitham-bin-tariq", "type": "person",
         "name": {"ar": "هيثم بن طارق آل سعيد", "en": "Haitham bin Tariq"},
         "name_parts": {"given": "هيثم", "father": "طارق", "family": "آل سعيد"},
         "roles": [{"position": "sultan-of-oman", "start": "2020-01-11", "sources": SOURCE}]},
        {"id": "haitham-al-ghais", "type": "person",
         "name": {"ar": "هيثم الغيص", "en": "Haitham al-Ghais"},
         "name_parts": {"given": "هيثم", "family": "الغيص"}},
        {"id": "salman-bin-abdulaziz", "type": "person",
         "name": {"ar": "سلمان بن عبد العزيز آل سعود", "en": "Salman bin Abdulaziz"},
         "name_parts": {"given": "سلمان", "father": "عبد العزيز", "family": "آل سعود"},
         "roles": [{"position": "king-of-saudi-arabia", "start": "2015-01-23",
                    "sources": SOURCE}]},
        {"id": "salman-al-awda", "type": "person",
         "name": {"ar": "سلمان العودة", "en": "Salman al-Awda"},
         "name_parts": {"given": "سلمان", "family": "العودة"}},
        {"id": "sultan-of-oman", "type": "position", "title": "sultan",
         "organization": "oman", "name": {"ar": "سلطان عمان", "en": "Sultan of Oman"}},
        {"id": "king-of-saudi-arabia", "type": "position", "title": "king",
         "organization": "saudi-arabia",
         "name": {"ar": "ملك السعودية", "en": "King of Saudi Arabia"}},
        {"id": "oman", "type": "place", "name": {"ar": "سلطنة عمان", "en": "Oman"}},
        {"id": "saudi-arabia", "type": "place", "name": {"ar": "السعودية", "en": "Saudi Arabia"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


def names(reg: Registry, text: str, day: str | None) -> list[tuple[str, str | None]]:
    return [(m.status, m.id) for m in reg.annotate(text, day) if m.kind == "name"]


@pytest.mark.parametrize(("text", "day", "entity_id"), [
    ("وترأس السلطان هيثم اجتماع مجلس الوزراء.", "2023-05-01", "haitham-bin-tariq"),
    ("وأصدر الملك سلمان أمرا ملكيا بتعيين سفير جديد.", "2021-04-01", "salman-bin-abdulaziz"),
], ids=["sultan", "king"])
def test_the_reigning_holder_on_the_day(monarchs, text, day, entity_id):
    assert names(monarchs, text, day) == [("matched", entity_id)]


@pytest.mark.parametrize(("text", "day"), [
    ("وترأس السلطان هيثم اجتماع مجلس الوزراء.", "2015-05-01"),  # before his reign
    ("وترأس السلطان هيثم اجتماع مجلس الوزراء.", None),  # no date: no day to reign on
    ("وزار الشيخ هيثم المعرض.", "2023-05-01"),  # not a reigning title
], ids=["before-reign", "undated", "sheikh"])
def test_no_reigning_holder_no_answer(monarchs, text, day):
    assert all(status != "matched" for status, _ in names(monarchs, text, day))


@pytest.fixture(scope="module")
def church() -> Registry:
    # A registry that declares a church's titles (the shipped vocabulary has no
    # religious ones): the pope of a see is one man at a time, like a king.
    doc = {"version": 1,
           "vocabulary": {"titles": [
               {"id": "pope", "kind": "civil", "en": "Pope", "ar": ["البابا"]}]},
           "entities": [
               {"id": "tawadros-ii", "type": "person",
                "name": {"ar": "تواضروس الثاني", "en": "Tawadros II"},
                "name_parts": {"given": "تواضروس"},
                "roles": [{"position": "coptic-pope", "start": "2012-11-18",
                           "sources": SOURCE}]},
               {"id": "coptic-pope", "type": "position", "title": "pope",
                "organization": "coptic-church",
                "name": {"ar": "بابا الإسكندرية", "en": "Pope of Alexandria"}},
               {"id": "coptic-church", "type": "organization",
                "name": {"ar": "الكنيسة القبطية", "en": "Coptic Church"}},
           ]}
    return Registry(RegistryFile.model_validate(doc))


def test_a_popes_regnal_name_after_the_title(church):
    text = "والتقى البابا تواضروس وفدا من الكنيسة الإثيوبية."
    assert names(church, text, "2024-05-10") == [("matched", "tawadros-ii")]
    assert all(s != "matched" for s, _ in names(church, text, "2010-01-01"))  # before
    assert all(s != "matched" for s, _ in names(church, "والتقى البابا فرنسيس وفدا.",
                                                    "2024-05-10"))
