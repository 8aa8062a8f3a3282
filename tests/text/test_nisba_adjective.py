"""A nationality adjective after a noun is the noun's adjective, not a person.

Some people are called by a family name that is also a nationality adjective
(محمد شياع السوداني, called السوداني). Once the article names him in full, a
bare السوداني later is him (وقال السوداني إن) -- but not in الجيش السوداني
("the Sudanese army"), المتحدث السوداني or رئيس الوزراء السوداني, where the word
agrees with the definite noun or title before it. Such a word is never read as
a name; the honest alternative, when the cue is absent, stays as before.
Constructed sentences; the registry is the Iraq/Yemen test domain."""

from __future__ import annotations

import pytest

import registry
from tests.conftest import ROOT

LEAD = "استقبل رئيس الوزراء العراقي محمد شياع السوداني في بغداد وفدا تركيا. "
SUDANI = "mohammed-shia-al-sudani"


@pytest.fixture(scope="module")
def iraq() -> registry.Registry:
    return registry.load(ROOT / "tests" / "domains" / "iraq_yemen" / "registry.yaml",
                         use_cache=False)


def later(reg: registry.Registry, sentence: str) -> list[tuple[str, str | None]]:
    """(surface, id) of the person mentions in ``sentence`` after the lead."""
    return [(m.text, m.id) for m in reg.annotate(LEAD + sentence, "2024-05-01")
            if m.start >= len(LEAD) and m.kind == "name"]


@pytest.mark.parametrize("sentence", [
    "وأعلن الجيش السوداني سيطرته على مواقع جديدة.",
    "والتقى الوفد السوداني بالمسؤولين.",
    "وقال المتحدث السوداني إن المفاوضات متعثرة.",
    "وأكد الخبير السوداني أن الأزمة طويلة.",
    "وأشاد المواطن السوداني بالقرار.",
    "وقال نظيره السوداني إن العلاقات جيدة.",
    "وقال رئيس الوزراء السوداني إن بلاده تدعم الحوار.",
    "وقال وزير الخارجية السوداني إن",
    "وقالت الصحيفة السودانية إن الاتفاق وشيك.",
    "ووصل الرئيس السوداني إلى بغداد.",
], ids=range(10))
def test_an_adjective_after_a_noun_is_nobody(iraq, sentence):
    assert all(entity_id != SUDANI for _, entity_id in later(iraq, sentence))


@pytest.mark.parametrize("sentence", [
    "وقال السوداني إن الحكومة ماضية في تنفيذ برنامجها.",
    "والتقى السوداني بالوفد في القصر الحكومي.",
    "ورد المالكي على تصريحات السوداني.",
    "واجتمع الوفد بالسوداني في مكتبه.",  # a preposition: the man, not an adjective
], ids=range(4))
def test_the_called_by_name_after_a_verb_or_a_construct_noun_is_still_him(iraq, sentence):
    assert ("السوداني", SUDANI) in later(iraq, sentence)
