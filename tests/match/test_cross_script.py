"""Latin-script names against Arabic registry entries (and back), by the same rules.

The dev pairs (tests/match/data/cross_script_pairs.jsonl) are Arabic/Latin name
pairs from peer projects' public test suites; the negatives file holds different
people whose names come close in Latin script, written for this project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from registry.core import Registry
from registry.model.schema import RegistryFile
from registry.names.normalize import name_key
from registry.names.translit import is_arabic

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
TARGET = 0.95


def build(entities: list[dict[str, Any]], titles: list[dict[str, Any]] | None = None
          ) -> Registry:
    doc = {"version": 1, "vocabulary": {"titles": titles or []}, "entities": entities}
    return Registry(RegistryFile.model_validate(doc))


def arabic_only(pid: str, arabic: str, **extra: Any) -> dict[str, Any]:
    """A person known by an Arabic name alone (the English name is a dash)."""
    return {"id": pid, "type": "person", "name": {"ar": arabic, "en": "—"}, **extra}


def rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]


def passes(reg: Registry, query: str, want: str) -> bool:
    """The right entity matched, or first among equally scored candidates."""
    res = reg.lookup(query)
    if res.status == "matched":
        return res.id == want
    return res.status == "ambiguous" and bool(res.contenders) and res.contenders[0] == want


def test_dev_pairs_reach_the_target() -> None:
    pairs = []
    for row in rows("cross_script_pairs.jsonl"):
        a, b = row["name_a"], row["name_b"]
        arabic, latin = (a, b) if any(is_arabic(c) for c in a) else (b, a)
        pairs.append((arabic, latin))
    ids: dict[str, str] = {}
    entities = []
    for arabic, _ in pairs:  # one entity per distinct Arabic name, Arabic name only
        key = name_key(arabic)
        if key not in ids:
            ids[key] = f"p{len(ids)}"
            entities.append(arabic_only(ids[key], arabic))
    reg = build(entities)
    failures = [latin for arabic, latin in pairs if not passes(reg, latin, ids[name_key(arabic)])]
    assert len(pairs) == 56
    assert 1 - len(failures) / len(pairs) >= TARGET, failures


def test_negatives_never_match() -> None:
    """Different people with close Latin names: not a single confident match."""
    wrong = []
    for row in rows("cross_script_negatives.jsonl"):
        reg = build([arabic_only("p", row["arabic"])])
        res = reg.lookup(row["latin"])
        if res.status == "matched":
            wrong.append((row["latin"], row["arabic"], res.explanation))
    assert not wrong


@pytest.fixture(scope="module")
def seeds_arabic_only() -> Registry:
    """The repository registry with every Latin name and alias taken out, so each
    Latin query below can only be answered through transliteration."""
    doc = yaml.safe_load((ROOT / "aliases.yaml").read_text("utf-8"))
    for entity in doc["entities"]:
        entity["name"]["en"] = "—"
        entity["aliases"] = [a for a in entity.get("aliases", [])
                             if any(is_arabic(c) for c in a["text"])]
    return Registry(RegistryFile.model_validate(doc))


WHY = [
    ("Field Marshal Khalifa Haftar", "khalifa-haftar"),
    ("General Saddam Haftar", "saddam-haftar"),
    ("Lt. Gen. Saddam Haftar", "saddam-haftar"),
    ("the late Khalifa Haftar", "khalifa-haftar"),
    ("Khalifa Hifter", "khalifa-haftar"),
    ("Khalīfa Ḥaftar", "khalifa-haftar"),
    ("Khalifa Belqasim Haftar", "khalifa-haftar"),
    ("Haftar, Khalifa", "khalifa-haftar"),
    ("al-Sisi", "abdel-fattah-el-sisi"),
    ("el-Sisi", "abdel-fattah-el-sisi"),
    ("Sissi", "abdel-fattah-el-sisi"),
    ("Abdelfattah al-Sisi", "abdel-fattah-el-sisi"),
    ("Abdulhamid Dbeibeh", "abdul-hamid-dbeibah"),
    ("Dbeibah", "abdul-hamid-dbeibah"),
    ("Dbaiba", "abdul-hamid-dbeibah"),
]


@pytest.mark.parametrize(("query", "want"), WHY)
def test_the_examples_of_the_issue_resolve(seeds_arabic_only: Registry, reg: Registry,
                                           query: str, want: str) -> None:
    res = seeds_arabic_only.lookup(query)
    assert (res.status, res.id) == ("matched", want), res.explanation
    assert "through transliteration" in " ".join(res.explanation)
    assert reg.lookup(query).id == want  # and with the real registry's English aliases


def test_titles_are_peeled_and_kept_as_evidence(seeds_arabic_only: Registry) -> None:
    res = seeds_arabic_only.lookup("Field Marshal Khalifa Haftar")
    assert res.titles == ["Field Marshal"]
    assert any("evidence: title field-marshal" in line for line in res.explanation)


def test_patronymic_rule_across_scripts(seeds_arabic_only: Registry) -> None:
    # Saddam Haftar is Saddam (father Khalifa dropped); Khalifa Haftar is Khalifa
    # himself, not a son whose father is Khalifa.
    assert seeds_arabic_only.lookup("Saddam Haftar").id == "saddam-haftar"
    assert seeds_arabic_only.lookup("Khalifa Haftar").id == "khalifa-haftar"
    assert seeds_arabic_only.lookup("Haftar").status == "ambiguous"


def test_a_given_name_alone_is_not_enough(seeds_arabic_only: Registry) -> None:
    res = seeds_arabic_only.lookup("Saddam")
    assert res.status == "ambiguous" and res.contenders == ["saddam-haftar"]


def test_lossy_key_is_ambiguous_and_distinct_names_stay_apart() -> None:
    reg = build([arabic_only("hasan", "حسن النعيمي"), arabic_only("hassan", "حسان النعيمي"),
                 arabic_only("hussein", "حسين النعيمي"), arabic_only("mohamed", "محمد الطاهر"),
                 arabic_only("mahmoud", "محمود الطاهر")])
    res = reg.lookup("Hassan al-Nuaimi")  # حسن and حسان are both written Hassan
    assert res.status == "ambiguous" and set(res.contenders) == {"hasan", "hassan"}
    assert reg.lookup("Hussein Nuaimi").id == "hussein"
    assert reg.lookup("Mohamed el-Taher").id == "mohamed"
    assert reg.lookup("Mahmoud Taher").id == "mahmoud"


def test_latin_typos_follow_the_arabic_rules() -> None:
    reg = build([arabic_only("d", "عبد الحميد الدبيبة"), arabic_only("m", "محمد الطاهر")])
    res = reg.lookup("Abdulhamid Dbeibek")  # one letter off a long name
    assert res.id == "d" and any("typo" in line for line in res.explanation)
    # Mahmoud is a listed distinct name: never "corrected" into محمد
    assert reg.lookup("Mahmoud Taher").status == "unknown"


def test_latin_only_entity_is_found_from_arabic() -> None:
    reg = build([{"id": "belmokhtar", "type": "person",
                  "name": {"ar": "Mokhtar Belmokhtar", "en": "Mokhtar Belmokhtar"}}])
    res = reg.lookup("مختار بلمختار")
    assert (res.status, res.id) == ("matched", "belmokhtar")
    assert "through transliteration" in " ".join(res.explanation)
    assert reg.lookup("مختار").status == "ambiguous"  # a given name alone


def test_a_latin_name_spelling_another_listed_name_is_that_name() -> None:
    """Hisham is هشام, Jamil is جميل, Zaid is زيد: read as هاشم, جمال or زياد only
    with a long vowel left unwritten, so those people are not matched; a name whose
    spellings differ only by a short vowel stays ambiguous (Hassan: حسن or حسان)."""
    for arabic, latin in [("هاشم صالح", "Hisham Saleh"), ("جمال السيد", "Jamil al-Sayed"),
                          ("زياد الرفاعي", "Zaid Rifai"), ("علاء القاسم", "Ali al-Qassem"),
                          ("كريمة بنعلي", "Karim Benali")]:
        assert build([arabic_only("p", arabic)]).lookup(latin).status == "unknown", latin
        reg = build([{"id": "p", "type": "person", "name": {"ar": latin, "en": latin}}])
        assert reg.lookup(arabic).status == "unknown", arabic
    assert build([arabic_only("p", "هشام صالح")]).lookup("Hisham Saleh").id == "p"


def test_the_hamza_seat_after_an_alef_is_the_vowel_it_carries() -> None:
    # رائد (folded to رايد) is Raed; رعد is Raad: Raed Salah is the first
    reg = build([arabic_only("raed", "رائد صلاح"), arabic_only("raad", "رعد صلاح")])
    res = reg.lookup("Raed Salah")  # رعد is read only with ع as "ae": ranked second
    assert res.id == "raed" or res.contenders[0] == "raed", res.explanation
    assert reg.lookup("Wael Kfoury").status == "unknown"
    assert build([arabic_only("w", "وائل كفوري")]).lookup("Wael Kfoury").id == "w"


def test_a_word_opening_hamza_after_the_article() -> None:
    # الإسلام: the alef after the article is the word's first letter (al-Islam)
    from registry.names.translit import reading_cost

    assert reading_cost("الاسلام", "elislam") == reading_cost("اسلام", "islam") == 0.0
    assert reading_cost("الامين", "alamin") == 0.0


SPELLINGS = [  # (Latin, the Arabic it spells): one spelling habit each
    ("ʿAbd al-Raḥmān ibn Khaldūn", "عبد الرحمن بن خلدون"),  # ʿ unwritten: ʿAbd is Abd
    ("Hādī al-ʿĀmirī", "هادي العامري"),  # al- joins a word opening with ʿ
    ("Sa'd Zaghlul", "سعد زغلول"),  # an apostrophe before one letter keeps one word
    ("Ali ibn Abi Talib", "علي بن أبي طالب"),  # Abi is a compound prefix, as Abu
    ("Moustafa Madbouli", "مصطفى مدبولي"),  # French ou for a short u
    ("Houda Abdelmoneim", "هدى عبد المنعم"),
    ("Oussama El Baz", "أسامة الباز"),  # Ou for an opening أ
    ("Naguib Sawiris", "نجيب ساويرس"),  # gu: a hard g before i
    ("Aguila Saleh", "عقيلة صالح"),
    ("Moustapha Kamel", "مصطفى كامل"),  # p for ف
    ("Fayçal ben Farhane", "فيصل بن فرحان"),  # French ç is an s
    ("Walid Joumblatt", "وليد جنبلاط"),  # ن before ب is said m
    ("Noureddine Bedoui", "نور الدين بدوي"),  # one Latin word for two Arabic ones
    ("Salahuddin al-Ayyubi", "صلاح الدين الأيوبي"),
    ("Hassan Nasrallah", "حسن نصر الله"),
    ("Rania al-Abdullah", "رانيا العبد الله"),
]


@pytest.mark.parametrize(("latin", "arabic"), SPELLINGS)
def test_spelling_habits_read_both_ways(latin: str, arabic: str) -> None:
    reg = build([arabic_only("p", arabic), arabic_only("q", "محمود عبد الله")])
    res = reg.lookup(latin)
    assert (res.status, res.id) == ("matched", "p"), res.explanation
    reg = build([{"id": "p", "type": "person", "name": {"ar": latin, "en": latin}},
                 {"id": "q", "type": "person", "name": {"ar": "Mahmoud Abdallah",
                                                        "en": "Mahmoud Abdallah"}}])
    res = reg.lookup(arabic)
    assert (res.status, res.id) == ("matched", "p"), res.explanation


def test_a_possessive_is_not_an_inner_apostrophe() -> None:
    from registry.names.normalize import normalize_text, tokenize

    assert [t.text for t in tokenize(normalize_text("Haftar's men").text)] == [
        "haftar", "s", "men"]
    assert [t.text for t in tokenize(normalize_text("Sa'd Zaghlul").text)] == ["sad", "zaghlul"]


LOOK_ALIKES = [  # (registry name, a usual spelling of a look-alike, whose it is)
    ("حمد الزين", "Hamid al-Zein", "حامد الزين"), ("سعد النجار", "Said el-Naggar", "سعيد النجار"),
    ("عمر خالد", "Amr Khaled", "عمرو خالد"), ("عمرو خالد", "Omar Khaled", "عمر خالد"),
    ("عمر الخطيب", "Ammar al-Khatib", "عمار الخطيب"),
    ("نصر القدوة", "Nasser al-Qudwa", "ناصر القدوة"),
    ("ملك البدوي", "Malik al-Badawi", "مالك البدوي"), ("زيد الرفاعي", "Ziad Rifai", "زياد الرفاعي"),
    # not even as a typo (عبيد الله is two words, which the one Latin word cannot reach)
    ("عبد الله النعيمي", "Ubaydullah al-Nuaimi", ""),
]


@pytest.mark.parametrize(("arabic", "latin", "owner"), LOOK_ALIKES)
def test_a_usual_spelling_of_a_look_alike_is_not_this_name(arabic: str, latin: str,
                                                            owner: str) -> None:
    """Hamid is حامد and Amr is عمرو in the press: the letters alone would read them
    as حمد and عمر at the cost of a short vowel (translit.yaml usual_spellings)."""
    assert build([arabic_only("p", arabic)]).lookup(latin).status == "unknown"
    latin_entity = {"id": "p", "type": "person", "name": {"ar": latin, "en": latin}}
    assert build([latin_entity]).lookup(arabic).status == "unknown"
    if owner:
        # the owner is reached (a name of two very common words, such as عمر خالد,
        # is a clue rather than a match without evidence: the contender is checked)
        assert build([arabic_only("p", owner)]).lookup(latin).contenders == ["p"]


def test_a_suffix_the_arabic_writes_apart_is_a_word_of_its_own() -> None:
    from registry.names.normalize import normalize_text, tokenize

    def words(text: str) -> list[str]:
        return [t.text for t in tokenize(normalize_text(text).text)]

    assert words("Noureddine Bedoui") == ["nour", "eddine", "bedoui"]
    assert words("Nasrallah") == ["nasr", "allah"]
    # عبدالله is one Arabic word; the place Ramallah is too short a stem to cut
    assert words("Abdullah Ramallah Hezbollah") == ["abdullah", "ramallah", "hezbollah"]
