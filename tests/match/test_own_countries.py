"""Office phrases compose with the countries a registry declares itself.

The package's vocabulary lists the countries most news of the region names; a
registry may declare more in its own ``vocabulary: countries:``. Such a country
is as usable in an office phrase (وزير الخارجية السنغالي، وزير خارجية السنغال)
as a packaged one, whether the registry is answered from memory or from a
compiled store."""

from __future__ import annotations

from pathlib import Path

import pytest

import registry
from registry.core import Registry
from registry.names.office_words import office_words

# A constructed registry about a country the packaged vocabulary does not list.
# Its place has a different id from the vocabulary entry: the Arabic name ties them.
SECOND_COUNTRY = """\
version: 1
vocabulary:
  countries:
    - {id: senegal, en: Senegal, ar: [السنغال, جمهورية السنغال], adjectives: [سنغالي]}
entities:
  - id: amadou-diallo
    type: person
    name: {ar: أمادو ديالو, en: Amadou Diallo}
    name_parts: {given: أمادو, family: ديالو}
    roles:
      - position: foreign-minister-senegal
        start: "2022-01-01"
        sources:
          - url: https://example.org/diallo
  - id: foreign-minister-senegal
    type: position
    name: {ar: وزير خارجية السنغال, en: Minister of Foreign Affairs of Senegal}
    organization: senegal-foreign-ministry
    title: minister
    heads: [foreign-minister]
  - id: senegal-foreign-ministry
    type: organization
    name: {ar: وزارة الخارجية السنغالية, en: Ministry of Foreign Affairs (Senegal)}
    part_of: republic-of-senegal
  - id: republic-of-senegal
    type: place
    name: {ar: جمهورية السنغال, en: Senegal}
"""

PHRASES = ["وزير الخارجية السنغالي", "وزير خارجية السنغال", "رئيس الدبلوماسية السنغالية"]


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("senegal") / "aliases.yaml"
    path.write_text(SECOND_COUNTRY, "utf-8")
    return path


def test_the_country_is_not_packaged():
    assert all(c.id != "senegal" for c in office_words().countries)


@pytest.mark.parametrize("phrase", PHRASES, ids=["adjective", "name", "feminine-adjective"])
def test_an_office_of_the_registrys_own_country_resolves(second, phrase):
    reg = registry.load(second, use_cache=False)
    res = reg.lookup(phrase, "2024-05-01")
    assert (res.status, res.id) == ("matched", "amadou-diallo"), res.explanation


def test_the_same_from_a_compiled_store(second, tmp_path):
    out = tmp_path / "senegal.store"
    memory = registry.load(second, use_cache=False)
    memory.compile(out, "test")
    from registry.store.compiled import Store

    stored = Registry.from_store(Store(out), str(second))
    for phrase in PHRASES:
        assert stored.lookup(phrase, "2024-05-01").id == "amadou-diallo"


def test_in_running_text(second):
    reg = registry.load(second, use_cache=False)
    text = "وقال وزير الخارجية السنغالي إن المحادثات مثمرة."
    offices = [m for m in reg.annotate(text, "2024-05-01") if m.kind == "role"]
    assert [(m.status, m.id) for m in offices] == [("matched", "amadou-diallo")]


FOREIGN = """\
version: 1
vocabulary:
  countries:
    - {id: senegal, en: Senegal, ar: [السنغال], adjectives: [سنغالي]}
entities:
  - id: karim-nasser
    type: person
    name: {ar: كريم ناصر, en: Karim Nasser}
    name_parts: {given: كريم, family: ناصر}
    roles:
      - position: foreign-minister-egypt
        start: "2022-01-01"
        sources:
          - url: https://example.org/nasser
  - id: foreign-minister-egypt
    type: position
    name: {ar: وزير الخارجية المصري, en: Minister of Foreign Affairs of Egypt}
    organization: egypt-foreign-ministry
    heads: [foreign-minister]
  - id: egypt-foreign-ministry
    type: organization
    name: {ar: وزارة الخارجية المصرية, en: Ministry of Foreign Affairs (Egypt)}
    part_of: egypt
  - id: egypt
    type: place
    name: {ar: مصر, en: Egypt}
"""


def test_a_declared_country_the_registry_holds_no_place_for_is_foreign(tmp_path):
    """Its office is that country's, which the registry does not hold: never
    the registry's only foreign minister."""
    path = tmp_path / "aliases.yaml"
    path.write_text(FOREIGN, "utf-8")
    reg = registry.load(path, use_cache=False)
    assert reg.lookup("وزير الخارجية المصري", "2024-05-01").id == "karim-nasser"
    res = reg.lookup("وزير الخارجية السنغالي", "2024-05-01")
    assert res.status != "matched" and "karim-nasser" not in res.contenders, res.explanation
    text = "وقال وزير الخارجية السنغالي إن المحادثات مثمرة."
    assert all(m.id != "karim-nasser" and "karim-nasser" not in m.candidates
               for m in reg.annotate(text, "2024-05-01"))
