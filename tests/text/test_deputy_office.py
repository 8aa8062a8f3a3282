"""An office phrase right after a deputy word (نائب, مساعد, وكيل; deputy, vice)
names the deputy, not the office's holder.

'وقال رامي أبو النجا نائب محافظ البنك المركزي' gave 'محافظ البنك المركزي' to the
governor himself, and 'نائب رئيس الوزراء' to the prime minister: the reader
passed over نائب (no registry office starts with it) and read the office after
it. A registry position that IS a deputy's office (heads: [deputy-chair]) is
still read whole. Constructed registry and sentences (data/offices.yaml
``deputies``)."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def _registry() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "hassan-abdalla", "type": "person",
         "name": {"ar": "حسن عبد الله", "en": "Hassan Abdalla"},
         "name_parts": {"given": "حسن", "father": "عبد الله"},
         "roles": [{"position": "cbe-governor", "start": "2022-08-18", "sources": SOURCE}]},
        {"id": "mostafa-madbouly", "type": "person",
         "name": {"ar": "مصطفى كمال مدبولي", "en": "Mostafa Madbouly"},
         "name_parts": {"given": "مصطفى", "father": "كمال", "family": "مدبولي"},
         "roles": [{"position": "pm-egypt", "start": "2018-06-07", "sources": SOURCE}]},
        {"id": "hussein-al-sheikh", "type": "person",
         "name": {"ar": "حسين الشيخ", "en": "Hussein al-Sheikh"},
         "name_parts": {"given": "حسين", "family": "الشيخ"},
         "roles": [{"position": "vp-council", "start": "2025-04-26", "sources": SOURCE}]},
        {"id": "cbe-governor", "type": "position", "organization": "cbe", "heads": ["ruler"],
         "name": {"ar": "محافظ البنك المركزي المصري", "en": "Governor of the CBE"}},
        {"id": "pm-egypt", "type": "position", "organization": "egypt-government",
         "heads": ["prime-minister"], "title": "prime-minister",
         "name": {"ar": "رئيس مجلس الوزراء المصري", "en": "Prime Minister of Egypt"}},
        {"id": "vp-council", "type": "position", "organization": "council",
         "heads": ["deputy-chair"], "name": {"ar": "نائب رئيس المجلس الوطني", "en": "VP"}},
        {"id": "cbe", "type": "organization", "part_of": "egypt",
         "name": {"ar": "البنك المركزي المصري", "en": "Central Bank of Egypt"},
         "aliases": [{"text": "البنك المركزي", "kind": "short"}]},
        {"id": "egypt-government", "type": "organization", "part_of": "egypt",
         "name": {"ar": "الحكومة المصرية", "en": "Government of Egypt"}},
        {"id": "council", "type": "organization",
         "name": {"ar": "المجلس الوطني", "en": "National Council"}},
        {"id": "egypt", "type": "place", "name": {"ar": "مصر", "en": "Egypt"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.fixture(scope="module")
def egypt() -> Registry:
    return _registry()


def _people(reg: Registry, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in reg.annotate(text, "2025-06-01") if m.status == "matched"]


# The article names the holder first, so even a bare office would be his.
@pytest.mark.parametrize(("text", "deputy"), [
    ("قال حسن عبد الله محافظ البنك المركزي إن الفائدة ثابتة. وقال رامي أبو النجا نائب محافظ "
     "البنك المركزي إن التضخم تراجع.", "نائب محافظ البنك المركزي"),
    ("وقال نائب محافظ البنك المركزي المصري إن الاحتياطي ارتفع.",
     "نائب محافظ البنك المركزي المصري"),
    ("التقى مصطفى مدبولي رئيس الوزراء المستثمرين بحضور الفريق كامل الوزير نائب رئيس الوزراء "
     "للتنمية الصناعية.", "نائب رئيس الوزراء"),
    ("وترأس مصطفى مدبولي الاجتماع، وشارك فيه مساعد رئيس الوزراء للشؤون الاقتصادية.",
     "مساعد رئيس الوزراء"),
    ("وعين نائبا لرئيس الوزراء المصري في الحكومة الجديدة.", "نائبا لرئيس الوزراء المصري"),
    ("Egyptian Prime Minister Mostafa Madbouly opened the port. Deputy Prime Minister "
     "Kamel al-Wazir said it would double trade.", "Deputy Prime Minister"),
], ids=["deputy-governor", "deputy-governor-country", "deputy-pm", "assistant",
        "accusative-clitic", "english"])
def test_a_deputy_is_not_the_holder(egypt: Registry, text: str, deputy: str) -> None:
    start = text.index(deputy)
    end = start + len(deputy)
    wrong = [(m.text, m.id) for m in egypt.annotate(text, "2025-06-01")
             if m.status == "matched" and m.start < end and start < m.end]
    assert wrong == []


@pytest.mark.parametrize(("text", "entity_id"), [
    ("وقال محافظ البنك المركزي المصري إن الاحتياطي ارتفع.", "hassan-abdalla"),
    ("وقال رئيس الوزراء المصري إن الحكومة مستمرة.", "mostafa-madbouly"),
    ("وقال نائب رئيس المجلس الوطني إن الإصلاحات ستستمر.", "hussein-al-sheikh"),
], ids=["governor", "prime-minister", "a-registered-deputy-office"])
def test_the_office_itself_still_names_its_holder(egypt: Registry, text: str,
                                                   entity_id: str) -> None:
    assert [i for _, i in _people(egypt, text)] == [entity_id]
