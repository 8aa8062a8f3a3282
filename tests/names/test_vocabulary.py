"""The shipped default vocabulary and a registry's own entries on top of it."""

from __future__ import annotations

from pathlib import Path

from registry.core import Registry
from registry.model.schema import RegistryFile, Vocabulary
from registry.names.normalize import name_key
from registry.names.vocabulary import default_vocabulary, merged_vocabulary
from registry.review.validate import validate_file

SOURCE = [{"url": "https://example.org/source"}]


def test_default_vocabulary_covers_every_section():
    vocab = default_vocabulary()
    ids = {section: {item.id for item in getattr(vocab, section)}
           for section in ("titles", "descriptors", "countries", "months")}
    assert {"field-marshal", "general", "major-general", "minister", "doctor",
            "sheikh"} <= ids["titles"]
    assert {"former", "retired", "late"} <= ids["descriptors"]
    assert {"sudan", "syria", "iraq", "yemen", "egypt"} <= ids["countries"]
    assert len(ids["months"]) == 12
    sudan = next(c for c in vocab.countries if c.id == "sudan")
    assert "السودانية" in sudan.adjective_forms()
    assert sudan.capital is not None and sudan.capital.ar == ["الخرطوم"]
    forms = {name_key(form) for m in vocab.months for form in m.ar}
    assert {"كانون الثاني", "يناير", "جانفي"} <= forms


def test_a_registry_without_vocabulary_gets_ranks_and_titles():
    doc = RegistryFile.model_validate({"version": 1, "entities": [
        {"id": "kabbashi", "type": "person", "name": {"ar": "شمس الدين كباشي", "en": "K"},
         "name_parts": {"given": "شمس الدين", "family": "كباشي"},
         "ranks": [{"title": "general", "start": "2019", "sources": SOURCE}]}]})
    reg = Registry(doc)
    res = reg.lookup("الفريق أول ركن شمس الدين كباشي")
    assert (res.status, res.id) == ("matched", "kabbashi")
    assert res.titles == ["الفريق أول", "ركن"]


def test_own_entries_add_and_override_by_id():
    own = Vocabulary.model_validate({"titles": [
        {"id": "general", "kind": "military-rank", "en": "General", "ar": ["الفريق أول"]},
        {"id": "emir-of-the-faithful", "kind": "civil", "en": "Commander of the Faithful",
         "ar": ["أمير المؤمنين"]},
    ]})
    merged = merged_vocabulary(own)
    general = [t for t in merged.titles if t.id == "general"]
    assert len(general) == 1 and general[0].loosely == []  # replaced, not doubled
    assert any(t.id == "emir-of-the-faithful" for t in merged.titles)
    assert any(t.id == "major-general" for t in merged.titles)


def test_validate_warns_when_an_entry_repeats_a_default(tmp_path: Path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "version: 1\n"
        "vocabulary:\n"
        "  titles:\n"
        "    - id: colonel\n"
        "      kind: military-rank\n"
        "      en: Colonel\n"
        "      forms: {en: [Colonel, Col.]}\n"
        "      ar: [العقيد, عقيد]\n"
        "    - id: brigadier\n"
        "      kind: military-rank\n"
        "      en: Brigadier General\n"
        "      ar: [العميد]\n"
        "entities: []\n", encoding="utf-8")
    problems = [str(p) for p in validate_file(path)]
    assert any(":4:" in p and "repeats the shipped default" in p and "colonel" in p
               for p in problems), problems
    assert not any("brigadier" in p for p in problems)  # an override, not a copy
