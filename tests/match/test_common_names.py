"""Names made of very common words are clues, not identities, even when they
are a person's whole registered name; an office next to the name is the
evidence that settles them. From the Palestine/Libya/Mauritania held-out audit
(tests/domains/pal_libya_maur, causes 1 and 6). Constructed registry and
sentences."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def person(pid: str, ar: str, parts: dict[str, str], **more: object) -> dict[str, object]:
    return {"id": pid, "type": "person", "name": {"ar": ar, "en": pid}, "name_parts": parts,
            **more}


@pytest.fixture(scope="module")
def common() -> Registry:
    doc = {"version": 1, "entities": [
        # a prime minister whose whole name is two very common given names
        person("mustafa-pm", "محمد مصطفى", {"given": "محمد", "family": "مصطفى"},
               roles=[{"position": "pm", "start": "2024-03-31", "sources": SOURCE}]),
        # a president whose father's name is the ordinary word الشيخ
        person("ghazouani", "محمد ولد الشيخ الغزواني",
               {"given": "محمد", "father": "الشيخ", "family": "الغزواني"}),
        # a commander known by a nickname whose canonical name is not his family name
        person("deif", "محمد الضيف", {"given": "محمد", "father": "دياب", "family": "المصري"}),
        {"id": "pm", "type": "position", "name": {"ar": "رئيس الوزراء الفلسطيني", "en": "PM"},
         "organization": "pa", "heads": ["prime-minister"], "title": "prime-minister"},
        {"id": "pa", "type": "organization", "name": {"ar": "السلطة الفلسطينية", "en": "PA"},
         "part_of": "palestine"},
        {"id": "palestine", "type": "place", "name": {"ar": "فلسطين", "en": "Palestine"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize("query", ["محمد مصطفى", "الدكتور محمد مصطفى", "محمد الشيخ"])
def test_very_common_names_alone_are_not_a_match(common: Registry, query: str) -> None:
    res = common.lookup(query, "2024-06-01")
    assert res.status == "ambiguous", res.explanation
    assert res.contenders, res.explanation  # the candidate is still offered


def test_the_office_held_settles_them(common: Registry) -> None:
    res = common.lookup("رئيس الوزراء محمد مصطفى", "2024-06-01")
    assert (res.status, res.id) == ("matched", "mustafa-pm"), res.explanation


def test_an_office_beside_the_name_settles_it_in_running_text(common: Registry) -> None:
    text = "وزار رئيس الوزراء الفلسطيني محمد مصطفى مدينة جنين."
    names = [m for m in common.annotate(text, "2024-06-01") if m.kind == "name"]
    assert [(m.text, m.status, m.id) for m in names] == [
        ("محمد مصطفى", "matched", "mustafa-pm")]
    # before his tenure the office is someone else's: the name stays open
    names = [m for m in common.annotate(text, "2020-06-01") if m.kind == "name"]
    assert all(m.status != "matched" for m in names)


def test_another_man_named_mohamed_son_of_al_sheikh_is_not_the_president(
        common: Registry) -> None:
    text = "وأقيم الحفل تحت رعاية الشيخ محمد ولد الشيخ سيديا في بوتلميت."
    assert all(m.id != "ghazouani" for m in common.annotate(text, "2023-01-01"))


def test_a_word_of_the_canonical_name_that_is_no_family_name_does_not_identify(
        common: Registry) -> None:
    assert common.lookup("الضيف").status != "matched"  # "the guest"
    assert common.lookup("محمد الضيف").id == "deif"  # the nickname whole still does
    assert common.lookup("محمد دياب المصري").id == "deif"


@pytest.fixture(scope="module")
def families() -> Registry:
    doc = {"version": 1, "entities": [
        person("sistani", "علي الحسيني السيستاني",
               {"given": "علي", "father": "محمد باقر", "family": "الحسيني", "nisba": "السيستاني"}),
        {"id": "footballer", "type": "person",
         "name": {"ar": "عمر عبد الرحمن", "en": "Omar Abdel-Rahman"},
         "name_parts": {"given": "عمر", "family": "عبد الرحمن"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize("query", ["علي الحسيني", "Omar Abdel-Rahman", "عمر عبد الرحمن"])
def test_a_very_common_given_name_with_a_family_very_many_bear(families: Registry,
                                                                query: str) -> None:
    res = families.lookup(query)
    assert res.status != "matched", res.explanation


def test_the_nisba_still_identifies(families: Registry) -> None:
    assert families.lookup("علي السيستاني").id == "sistani"
