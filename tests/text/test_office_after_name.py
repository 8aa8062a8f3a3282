"""A name chain ends where an office phrase composed from a head and a body
begins, even when the head's word is also a given name (أمير).

'وأصدر الشيخ مشعل الأحمد أمير الكويت مرسوما' read the span 'مشعل الأحمد أمير'
(unknown) and left the office unread. أمير alone may still be a name word
(محمد أمير حسين); only a head followed by a body or country it composes with is
the office. Constructed registry and sentences."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


@pytest.fixture(scope="module")
def emirates() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "mishal-al-ahmad", "type": "person",
         "name": {"ar": "مشعل الأحمد الجابر الصباح", "en": "Mishal al-Ahmad"},
         "name_parts": {"given": "مشعل", "father": "الأحمد", "grandfather": "الجابر",
                        "family": "الصباح"},
         "roles": [{"position": "emir-of-kuwait", "start": "2023-12-16", "sources": SOURCE}]},
        {"id": "tamim-bin-hamad", "type": "person",
         "name": {"ar": "تميم بن حمد آل ثاني", "en": "Tamim bin Hamad"},
         "name_parts": {"given": "تميم", "father": "حمد", "family": "آل ثاني"},
         "roles": [{"position": "emir-of-qatar", "start": "2013-06-25", "sources": SOURCE}]},
        {"id": "emir-of-kuwait", "type": "position", "organization": "kuwait",
         "heads": ["emir"], "name": {"ar": "أمير دولة الكويت", "en": "Emir of Kuwait"}},
        {"id": "emir-of-qatar", "type": "position", "organization": "qatar",
         "heads": ["emir"], "name": {"ar": "أمير دولة قطر", "en": "Emir of Qatar"}},
        {"id": "kuwait", "type": "place", "name": {"ar": "الكويت", "en": "Kuwait"}},
        {"id": "qatar", "type": "place", "name": {"ar": "قطر", "en": "Qatar"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize(("text", "name", "entity_id"), [
    ("وأصدر الشيخ مشعل الأحمد أمير الكويت مرسوما أميريا.", "مشعل الأحمد", "mishal-al-ahmad"),
    ("واستقبل تميم بن حمد أمير قطر الوفد.", "تميم بن حمد", "tamim-bin-hamad"),
], ids=["kuwait", "qatar"])
def test_the_name_ends_before_the_office(emirates, text, name, entity_id):
    found = [(m.kind, m.text, m.id) for m in emirates.annotate(text, "2024-05-01")]
    assert ("name", name, entity_id) in found, found
    assert any(kind == "role" and ident == entity_id for kind, _, ident in found), found


def test_a_head_word_without_a_body_stays_in_the_name(emirates):
    found = [m.text for m in emirates.annotate("وقال محمد أمير حسين إن", "2024-05-01")]
    assert all("أمير" not in text or text == "محمد أمير حسين" for text in found)
