"""The words right after a kinship noun are a relative's whole name: its first
word is his given name even when no list knows it.

'وقال نجله حافظ قائد السبسي' gave 'قائد السبسي' to Beji Caid Essebsi (called
by that family name): حافظ is in no given-name list and is also a word
("keeper"), so the chain reader dropped it as a stray word before the family
name, and the son became his father. chains.yaml ``kinship``. Constructed
registry."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def _registry() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "beji-caid-essebsi", "type": "person",
         "name": {"ar": "محمد الباجي قائد السبسي", "en": "Beji Caid Essebsi"},
         "name_parts": {"given": "محمد الباجي", "family": "قائد السبسي",
                        "called_by": "family"}},
        {"id": "abdelaziz-bouteflika", "type": "person",
         "name": {"ar": "عبد العزيز بوتفليقة", "en": "Abdelaziz Bouteflika"},
         "name_parts": {"given": "عبد العزيز", "family": "بوتفليقة", "called_by": "family"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.fixture(scope="module")
def reg() -> Registry:
    return _registry()


def _matched(reg: Registry, text: str) -> list[str | None]:
    return [m.id for m in reg.annotate(text, "2025-07-25") if m.status == "matched"]


@pytest.mark.parametrize("text", [
    "وقال نجله حافظ قائد السبسي إن والده كان رجل دولة.",
    "وأكد الرئيس الراحل، ونجله حافظ قائد السبسي حاضر، أن الحزب باق.",
    "وكتبت ابنته سلوى قائد السبسي أن العائلة ممتنة.",
    "وقال شقيقه ناصر بوتفليقة إن العائلة لن تعلق.",
], ids=["son", "son-with-clitic", "daughter", "brother"])
def test_a_relative_is_not_the_registry_person(reg: Registry, text: str) -> None:
    assert _matched(reg, text) == []


@pytest.mark.parametrize(("text", "entity_id"), [
    ("وقال قائد السبسي إن الانتخابات ستجرى في موعدها.", "beji-caid-essebsi"),
    ("وقال نجله إن بوتفليقة لم يعد قادرا على الحكم.", "abdelaziz-bouteflika"),
], ids=["the-father", "kinship-word-not-before-the-name"])
def test_the_registry_person_is_still_found(reg: Registry, text: str, entity_id: str) -> None:
    assert _matched(reg, text) == [entity_id]
