"""English titles before a Latin name come from the vocabulary's English forms
(one list: chains.yaml keeps only descriptors that are not titles)."""

from __future__ import annotations

import registry
from registry.names.vocabulary import default_vocabulary
from registry.text.lexicon import chain_words, fold

SQUADRON = """version: 1
vocabulary:
  titles:
    - id: squadron-leader
      kind: military-rank
      en: Squadron Leader
      forms: {en: [Squadron Leader, Sqn. Ldr.]}
      ar: [قائد السرب]
entities:
  - id: omar-farouk
    type: person
    name: {ar: عمر فاروق, en: Omar Farouk}
    name_parts: {given: عمر, family: فاروق}
"""


def test_no_english_title_is_listed_in_chains_yaml():
    english = {tuple(fold(text).split()) for title in default_vocabulary().titles
               for text in (title.en, *title.forms.get("en", ()))}
    assert chain_words().latin_descriptors
    assert not chain_words().latin_descriptors & english


def test_the_chain_reader_takes_english_titles_from_the_registry_vocabulary(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(SQUADRON, "utf-8")
    reg = registry.load(path)
    table = reg.annotator.chains.latin_title_ids
    assert table[("sqn", "ldr")] == ("squadron-leader", "military-rank")
    assert table[("maj",)] == ("major", "military-rank")  # a default title's English form
    assert table[("strongman",)] == (None, "descriptor")
    [mention] = reg.annotate("Officials said Sqn. Ldr. Omar Farouk arrived on Monday.")
    assert (mention.text, mention.titles, mention.id) == ("Omar Farouk", ["Sqn. Ldr"],
                                                          "omar-farouk")
