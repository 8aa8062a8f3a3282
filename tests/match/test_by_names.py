"""By-names (laqab, nickname, kunya) as item F's blind audit found them used:
each test is one generic cause (tests/domains/nicknames/README.md) and fails
without its fix.
"""

from __future__ import annotations

from typing import Any

import pytest

from registry.review.validate import validate_file
from tests.builders import registry_of


def _person(pid: str, given: str, family: str, *aliases: dict[str, Any],
            **parts: str) -> dict[str, Any]:
    return {"id": pid, "type": "person", "name": {"ar": f"{given} {family}", "en": pid},
            "name_parts": {"given": given, "family": family, **parts},
            "aliases": list(aliases)}


def _alias(text: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"text": text, "kind": kind, **more}


PEOPLE = [
    _person("gaddafi", "معمر", "القذافي", _alias("الأخ القائد", "laqab"),
            _alias("قائد الثورة", "laqab"), called_by="family"),
    _person("kishk", "عبد الحميد", "كشك", _alias("فارس المنابر", "laqab")),
    _person("intissar", "انتصار", "الوزير",
            _alias("أم جهاد", "kunya", strength="identifying")),
    _person("arafat", "ياسر", "عرفات", _alias("أبو عمار", "kunya", strength="identifying")),
    _person("khalaf", "صلاح", "خلف", _alias("أبو إياد", "kunya", strength="identifying")),
    _person("sharaa", "أحمد", "الشرع", _alias("الجولاني", "laqab")),
    _person("nasrallah", "حسن", "نصر الله", _alias("السيد حسن", "nickname")),
    _person("soleimani", "قاسم", "سليماني", _alias("الحاج قاسم", "nickname")),
    _person("naim-qassem", "نعيم", "قاسم"),
]
REG = registry_of(*PEOPLE)


def _answer(query: str) -> tuple[str, str | None]:
    res = REG.lookup(query)
    return res.status, res.id


# -- cause 3: the words of a by-name of several words are no name part alone --

@pytest.mark.parametrize("word", ["جهاد", "فارس", "المنابر", "الثورة", "الأخ"])
def test_a_word_of_a_by_name_is_nobody_alone(word: str) -> None:
    res = REG.lookup(word)
    assert res.status == "unknown" and not res.candidates, res.explanation


def test_the_tail_of_a_laqab_is_not_settled_by_the_article() -> None:
    # الأخ القائد names Gaddafi; ذكرى الثورة ("the revolution's anniversary")
    # must not become him through the document context the first mention gives.
    found = {(m.text, m.id) for m in REG.annotate(
        "وألقى الأخ القائد خطابا في سرت بمناسبة ذكرى الثورة.", "1999-09-01")
        if m.status == "matched"}
    assert found == {("الأخ القائد", "gaddafi")}


def test_the_whole_by_name_still_matches() -> None:
    assert _answer("قائد الثورة") == ("matched", "gaddafi")
    assert _answer("فارس المنابر") == ("matched", "kishk")
    assert _answer("أم جهاد") == ("matched", "intissar")


def test_a_two_word_kunya_with_the_family_name() -> None:
    # أم is written apart; أم جهاد + the family name is her, أم + the family
    # name ("the minister's mother") is nobody
    assert _answer("أم جهاد الوزير") == ("matched", "intissar")
    assert _answer("أم الوزير")[0] != "matched"


# -- the three cases of أبو ---------------------------------------------------

@pytest.mark.parametrize("query", ["أبي عمار", "أبا عمار"])
def test_a_kunya_in_another_case_is_the_same_kunya(query: str) -> None:
    assert _answer(query) == ("matched", "arafat")


def test_a_genitive_kunya_in_running_text() -> None:
    found = [(m.text, m.id) for m in REG.annotate(
        "وأشاد المتحدث بدور أبي عمار في قيادة الحركة.", "2012-01-01") if m.status == "matched"]
    assert found == [("أبي عمار", "arafat")]


def test_a_latin_kunya_is_read_as_its_two_halves() -> None:
    # abuiyad reads أبو إياد only as abu + iyad (the vowels meet)
    assert _answer("Abu Iyad") == ("matched", "khalaf")


# -- cause 2: one word through a typo -----------------------------------------

@pytest.mark.parametrize("query", ["الجولان", "الجيلاني", "Golan", "Jilani"])
def test_one_word_one_letter_off_a_long_by_name_only_supports(query: str) -> None:
    res = REG.lookup(query)
    assert res.status == "ambiguous" and res.contenders == ["sharaa"], res.explanation
    assert any("read only through a typo" in line for line in res.explanation)


def test_the_by_name_itself_and_its_transliteration_still_identify() -> None:
    assert _answer("الجولاني") == ("matched", "sharaa")
    assert _answer("Jolani") == ("matched", "sharaa")


# -- cause 5: a declared by-name that starts with an honorific -----------------

def test_a_declared_honorific_by_name_is_read_whole() -> None:
    assert _answer("السيد حسن") == ("matched", "nasrallah")
    # peeled, الحاج قاسم would be an honorific + Naim Qassem's family name
    assert _answer("الحاج قاسم") == ("matched", "soleimani")
    # the honorific before a name that is no declared by-name is still peeled
    assert _answer("السيد حسن نصر الله") == ("matched", "nasrallah")
    assert _answer("الشيخ نعيم قاسم") == ("matched", "naim-qassem")
    assert _answer("الحاج حسن")[0] != "matched"


def test_validate_no_longer_asks_for_a_false_shared_alias(tmp_path: Any) -> None:
    import yaml

    path = tmp_path / "reg.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "entities": PEOPLE}, allow_unicode=True),
                    "utf-8")
    errors = [str(p) for p in validate_file(path) if p.severity == "error"]
    assert errors == []


# -- a by-name beside the name ---------------------------------------------------

BESIDE = registry_of(
    _person("hemedti", "محمد", "دقلو", _alias("حميدتي", "nickname"), father="حمدان"),
    _person("abdelrahim", "عبد الرحيم", "دقلو", father="حمدان"),
    _person("abbas", "محمود", "عباس", _alias("أبو مازن", "kunya", strength="identifying"),
            called_by="family"),
    _person("geagea", "سمير", "جعجع", _alias("الحكيم", "nickname")),
    _person("hadary", "عصام", "الحضري", _alias("السد العالي", "nickname", shared=True)),
    {"id": "high-dam", "type": "place", "name": {"ar": "السد العالي", "en": "High Dam"},
     "aliases": [{"text": "السد العالي", "kind": "full", "shared": True}]},
)


@pytest.mark.parametrize(("query", "expected"), [
    ("محمد حمدان دقلو حميدتي", "hemedti"),  # after the name
    ("محمد حمدان دقلو (حميدتي)", "hemedti"),  # in brackets
    ("محمود عباس أبو مازن", "abbas"),
    ("حميدتي دقلو", "hemedti"),  # the by-name picks one of the brothers
    ("الحكيم سمير جعجع", "geagea"),  # a supporting by-name the person declares
    ("السد العالي عصام الحضري", "hadary"),  # a by-name shared with a place
])
def test_a_by_name_beside_the_same_person_s_name(query: str, expected: str) -> None:
    res = BESIDE.lookup(query)
    assert (res.status, res.id) == ("matched", expected), res.explanation


@pytest.mark.parametrize("query", [
    "عبد الرحيم دقلو حميدتي",  # two people
    "عباس محمود",  # a reversed name: عباس is a called-by name, not a by-name
    "أبو مازن سمير جعجع",
])
def test_a_by_name_beside_another_name_is_nobody(query: str) -> None:
    assert BESIDE.lookup(query).status != "matched"


def test_a_by_name_shared_with_a_place_is_ambiguous_alone() -> None:
    res = BESIDE.lookup("السد العالي")
    assert res.status == "ambiguous"
    assert {c.id for c in res.candidates} == {"hadary", "high-dam"}


# -- by-names that are everyday words, and words before a by-name ----------------

DEIF = registry_of(_person("deif", "محمد", "المصري", _alias("الضيف", "nickname"),
                           father="دياب"),
                   _person("kishk", "عبد الحميد", "كشك", called_by="family"))


def test_an_ordinary_word_by_name_is_not_a_person_in_running_text() -> None:
    for text in ("ورحب رئيس البلدية بالضيف القادم من عمان.",
                 "وافتتحت البلدية كشك بيع الصحف الجديد."):
        assert not [m for m in DEIF.annotate(text, "2022-01-01") if m.status == "matched"]
    alone = DEIF.lookup("الضيف")  # still his, but only with other evidence
    assert alone.status == "ambiguous" and alone.contenders == ["deif"]


@pytest.mark.parametrize(("query", "expected"), [
    ("المطرب الشاب خالد", "khaled"), ("الشهيد أبو جهاد", "wazir"),
    ("الإمام موسى الصدر", "sadr"),
])
def test_a_job_word_or_honorific_before_a_by_name(query: str, expected: str) -> None:
    reg = registry_of(
        _person("khaled", "خالد", "إبراهيم", _alias("الشاب خالد", "nickname")),
        _person("wazir", "خليل", "الوزير", _alias("أبو جهاد", "kunya", strength="identifying")),
        _person("sadr", "موسى", "الصدر"))
    res = reg.lookup(query)
    assert (res.status, res.id) == ("matched", expected), res.explanation


def test_validate_takes_a_by_name_of_title_words_but_not_one_title(tmp_path: Any) -> None:
    import yaml

    people = [_person("abduh", "محمد", "عبده", _alias("الأستاذ الإمام", "laqab")),
              _person("hassan", "أحمد", "حسن", _alias("العميد", "nickname"))]
    path = tmp_path / "reg.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "entities": people}, allow_unicode=True),
                    "utf-8")
    errors = [str(p) for p in validate_file(path) if p.severity == "error"]
    assert len(errors) == 1 and "العميد" in errors[0] and "ranks:" in errors[0]
    assert registry_of(*people).lookup("الأستاذ الإمام").id == "abduh"


def test_a_stage_name_that_is_the_canonical_name_is_read_as_a_by_name() -> None:
    # ميدو is both the registry's name for the player and his declared
    # nickname: as a by-name it names him alone in running text (it was a
    # partial one-word name there, needing the article to name him in full)
    reg = registry_of({"id": "mido", "type": "person", "name": {"ar": "ميدو", "en": "Mido"},
                       "name_parts": {"given": "أحمد", "father": "حسام"},
                       "aliases": [{"text": "ميدو", "kind": "nickname"}]},
                      {"id": "sabah", "type": "person", "name": {"ar": "صباح", "en": "Sabah"},
                       "name_parts": {"given": "جانيت", "family": "الفغالي"},
                       "aliases": [{"text": "صباح", "kind": "nickname"}]})
    assert [(m.text, m.id) for m in reg.annotate("وقال ميدو إنه سعيد بالعودة.", "2005-01-10")
            if m.status == "matched"] == [("ميدو", "mido")]
    # ... but a stage name that is an everyday word (صباح, morning) still is not
    assert not [m for m in reg.annotate("وعقد الاجتماع صباح اليوم في الوزارة.", "2021-06-01")
                if m.status == "matched"]


def test_title_words_that_open_a_by_name_before_the_name() -> None:
    # the title reader peels الأستاذ and الحاج; the words it peeled begin a
    # declared by-name that picks one of two men called محمد عبده
    reg = registry_of(
        _person("abduh", "محمد", "عبده", _alias("الأستاذ الإمام", "laqab"), father="حسن"),
        _person("abdu", "محمد", "عبده", _alias("فنان العرب", "laqab"), father="علي"),
        _person("mughniyeh", "عماد", "مغنية", _alias("الحاج رضوان", "nickname")))
    assert reg.lookup("الأستاذ الإمام محمد عبده").id == "abduh"
    assert reg.lookup("الحاج رضوان عماد مغنية").id == "mughniyeh"
    assert reg.lookup("الأستاذ محمد عبده").status == "ambiguous"  # a title alone picks nobody
