"""A name chain stops at an accusative common noun after the name.

News Arabic often puts the object right after the subject's name (ألقى فلان
كلاما، أصدر فلان مرسوما، قدم فلان تقريرا): an indefinite noun in the accusative,
written with a final alef. Such a word is never a word of the name, so the
chain ends before it; the name is then read as if the sentence stopped there.
Constructed sentences (the names are not all in the registry)."""

from __future__ import annotations

import pytest

from registry.names.packaged import packaged_yaml
from registry.text.lexicon import build, chain_words


@pytest.mark.parametrize(("text", "surface", "status", "entity_id"), [
    ("وألقى الفريق علي حسين كلاما مطولا أمام الضباط.", "علي حسين", "unknown", None),
    ("وأصدر صدام حفتر مرسوما بتعيين قائد جديد.", "صدام حفتر", "matched", "saddam-haftar"),
    ("وقدم اللواء صدام حفتر شرحا مفصلا للخطة.", "صدام حفتر", "matched", "saddam-haftar"),
    ("وأبدى المشير خليفة حفتر موقفا حازما من الهجوم.", "خليفة حفتر", "matched",
     "khalifa-haftar"),
    ("وعين خليفة حفتر قائداً جديداً للمنطقة.", "خليفة حفتر", "matched", "khalifa-haftar"),
    ("وشن العقيد سالم جحا هجوما على المواقع.", "سالم جحا", "unknown", None),
], ids=["kalam", "marsum", "sharh", "mawqif", "qaid-tanween", "hujum"])
def test_the_chain_stops_before_the_accusative_noun(reg, text, surface, status, entity_id):
    names = [(m.text, m.status, m.id) for m in reg.annotate(text) if m.kind == "name"]
    assert (surface, status, entity_id) in names, names


def test_accusative_forms_are_derived_from_the_listed_nouns_and_verbs():
    """The final-alef form of each listed indefinite noun and verb is a boundary
    (so the list need not spell both); definite words, words already ending in a
    vowel letter or ة, and the function words gain none."""
    words = chain_words()
    for noun, accusative in (("كلام", "كلاما"), ("مرسوم", "مرسوما"), ("موقف", "موقفا"),
                             ("تقرير", "تقريرا"), ("بحث", "بحثا")):
        assert noun in words.boundary and accusative in words.boundary
    raw = packaged_yaml("chains.yaml")
    bare = build({**raw, "accusative_ending": None})
    derived = words.boundary - bare.boundary
    assert derived and all(w.endswith("ا") for w in derived)
    assert not {w for w in derived if w.startswith("ال") or w[:-1].endswith(("ا", "ي", "ه"))}
    assert "فيا" not in derived and "منا" not in derived  # function words gain nothing
