"""Over a compiled store, the annotator's word sets are asked of the index's
token rows (``registry.text.wordsets``): every answer must equal the sets an
annotator builds in memory, and the store keeps only the few words the rows
do not cover."""

from __future__ import annotations

from pathlib import Path

from registry.core import load
from registry.names.language import language
from registry.text.wordsets import IndexWords
from tests.conftest import ROOT


def _words_to_ask(*sets: frozenset[str] | set[str]) -> set[str]:
    """Every word of the sets, with and without the article, with a letter
    cut off or added, and a few that are nobody's."""
    article = language().definite_article
    out = {"", "ال", "قال", "xyz", "الالال"}
    for words in sets:
        for word in words:
            out |= {word, article + word, word[len(article):], word[1:], word + "ي"}
    return out


def test_stored_word_sets_answer_as_the_in_memory_ones(seed_store: Path) -> None:
    memory = load(ROOT / "aliases.yaml", use_cache=False).annotator
    stored = load(seed_store).annotator
    assert isinstance(stored.known, IndexWords)
    assert isinstance(stored.scanner.words, IndexWords)
    assert isinstance(stored.chains.family_tokens, IndexWords)
    built = (memory.known, memory.scanner.words, memory.chains.family_tokens)
    assert all(isinstance(words, frozenset | set) for words in built)
    for word in _words_to_ask(*built):  # type: ignore[arg-type]
        assert (word in stored.known) == (word in memory.known), word
        assert (word in stored.scanner.words) == (word in memory.scanner.words), word
        assert (word in stored.chains.family_tokens) == (
            word in memory.chains.family_tokens), word


def test_the_store_keeps_no_person_token_in_its_word_sets(seed_store: Path) -> None:
    reg = load(seed_store)
    tables = reg.annotate_tables() if reg.annotate_tables is not None else None
    assert tables is not None
    person = set(load(ROOT / "aliases.yaml", use_cache=False).resolver.index.person_tokens)
    assert person and tables.known_extra.isdisjoint(person)
    assert tables.trigger_extra.isdisjoint(person)
    article = language().definite_article
    assert not {article + word for word in person} & tables.trigger_extra
