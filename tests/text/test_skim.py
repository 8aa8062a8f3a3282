"""Skimming (``Annotator.skim``): reading only around trigger words gives exactly
what reading every word gives, and the scanner's cuts are safe.

The reference is the same annotator with ``skim=False`` (every token read in
order); the texts are the seed articles, the hand-checked corpus, and
constructed texts that shuffle their words with punctuation, clitics, line
breaks and Latin names, so a trigger lands next to every kind of boundary.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

import registry
from registry.names.normalize import normalize_text, token_lists, tokenize
from registry.text.annotate import Annotator

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "text" / "corpus" / "paragraphs.yaml"
GLUE = [" ", " ", " ", " ", "، ", ". ", "\n", " - ", ": ", " (", ") ", "«", "» ", ",", ".",
        "  ", "\u200f ", "ـ ", "؛ ", "\n\n"]
LATIN = ["Khalifa Haftar", "Saddam", "Gen.", "President", "al-", "bin", "Abdel Fattah",
         "el Sisi", "Burhan", "the", "said", "Lt. Gen.", "Sa'id", "Haftar's", "abd al"]
CLITICS = ["و", "ف", "ب", "ل", "لل", "وب", "ول"]


def _articles() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p["text"] for p in yaml.safe_load(CORPUS.read_text("utf-8"))]
    return texts


def _shuffled(texts: list[str], count: int, seed: int) -> list[str]:
    """Constructed texts: runs of real article words, re-glued at random."""
    rnd = random.Random(seed)
    words = [w for text in texts for w in text.split()]
    out = []
    for _ in range(count):
        start = rnd.randrange(len(words))
        parts = []
        for j in range(rnd.randint(3, 50)):
            word = rnd.choice(words) if rnd.random() < 0.3 else words[(start + j) % len(words)]
            if rnd.random() < 0.06:
                word = rnd.choice(LATIN)
            if rnd.random() < 0.06:
                word = rnd.choice(CLITICS) + word
            parts += [word, rnd.choice(GLUE)]
        out.append("".join(parts))
    return out


def _mentions(annotator: Annotator, text: str, skim: bool) -> list[dict[str, Any]]:
    return [m.to_json() for m in annotator.annotate_article(text, skim=skim).mentions]


@pytest.fixture(scope="module")
def seed_annotator() -> Annotator:
    return registry.load(ROOT / "aliases.yaml").annotator


def test_skimming_finds_what_reading_every_word_finds(seed_annotator: Annotator) -> None:
    articles = _articles()
    texts = articles + _shuffled(articles, 300, seed=16)
    differ = [text[:60] for text in texts
              if _mentions(seed_annotator, text, True) != _mentions(seed_annotator, text, False)]
    assert differ == []
    assert sum(len(_mentions(seed_annotator, t, True)) for t in articles) > 300  # not vacuous


def test_skimming_with_another_registry() -> None:
    """A registry with other names has other triggers and other stop points."""
    domain = ROOT / "tests" / "domains" / "sudan_syria"
    annotator = registry.load(domain / "registry.yaml").annotator
    lines = (domain / "sentences.tsv").read_text("utf-8").splitlines()[1:]
    sentences = [line.split("\t")[1] for line in lines if line.strip()]
    texts = ["\n".join(sentences), *_shuffled(sentences, 100, seed=7)]
    for text in texts:
        assert _mentions(annotator, text, True) == _mentions(annotator, text, False), text[:60]


def test_skimming_reads_a_fraction_of_the_words(seed_annotator: Annotator) -> None:
    """The point of skimming: most words of an article are never tokenised
    into the reading, or never read."""
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text("utf-8")
    padding = "وأكد البيان أن الاجتماع تناول سبل التعاون في المجالات المختلفة. " * 200
    nt = normalize_text(padding + text)
    scanner = seed_annotator.scanner
    assert not any(scanner.is_trigger(w) for w in normalize_text(padding).text.split())
    doc, spans = seed_annotator.skim(nt, None)
    assert len(doc.words) < len(tokenize(nt.text)) / 3
    assert spans


def test_triggers_bare_behind_a_clitic_and_latin(seed_annotator: Annotator) -> None:
    scanner = seed_annotator.scanner
    text = normalize_text("قال حفتر ثم وحفتر وللجيش الليبي ثم Haftar وبنى الرجل حلق صقر").text
    starts = scanner.triggers(text)
    found = [text[s:].split(" ", 1)[0] for s in starts]
    assert "حفتر" in found and "وحفتر" in found and "haftar" in found
    assert "قال" not in found and "ثم" not in found
    for word in found:  # the one-word test agrees with the automaton
        assert scanner.is_trigger(word)


def test_stop_words_and_cuts_respect_compounds(seed_annotator: Annotator) -> None:
    scanner = seed_annotator.scanner
    assert scanner.stop_word("في") and scanner.stop_word("2025")
    assert not scanner.stop_word("حفتر") and not scanner.stop_word("عبد")
    # في right after عبد is glued to it by the tokenizer: never a place to start reading
    text = normalize_text("ثم قال عبد في حفتر").text
    trigger = text.index("حفتر")
    sync = scanner.sync_before(text, trigger, 0)
    assert sync == text.index("قال") or sync == -1 or text[:sync].split()[-1] != "عبد"
    cut = scanner.stable_end(text, text.index("عبد"))
    assert text[:cut].split()[-1] != "عبد"


def test_tokenising_a_stretch_between_cuts_matches_the_whole(
        seed_annotator: Annotator) -> None:
    """Tokens of a stretch that starts at a stop word and ends at a stable cut
    are the whole text's tokens there (compounds never cut)."""
    scanner = seed_annotator.scanner
    rnd = random.Random(3)
    texts = _shuffled(_articles(), 60, seed=3)
    for raw in texts:
        text = normalize_text(raw).text
        whole = tokenize(text)
        for _ in range(5):
            begin = scanner.sync_before(text, len(text), rnd.randrange(len(text) // 2 + 1))
            begin = 0 if begin < 0 else begin
            if begin and text[begin - 1] != " ":
                continue  # not a word start: sync_before only answers word starts
            end = scanner.stable_end(text, begin + rnd.randrange(200))
            part = token_lists(text, begin, end)
            expected = [t for t in whole if begin <= t.start and t.end <= end]
            assert list(zip(*part, strict=True)) == [tuple(t) for t in expected]


def test_long_trigger_words_sharing_their_ending_are_all_found() -> None:
    """Words past the automaton's pattern length are matched by their ending
    and compared whole (a hostile 1 MB alias must not make scanning quadratic)."""
    from registry.text.scanner import LONGEST, Scanner

    tail = "ب" * LONGEST
    long_a, long_b = "ت" * 10 + tail, "ث" * 20 + tail
    scanner = Scanner([long_a, long_b, "ال" + long_a, "حفتر"], ["و", "ل"], [],
                      lambda word: word == "في", "ال")
    text = f"في {long_b} و{long_a} {'ج' + tail} للـ {'ل' + long_a} حفتر"
    text = text.replace("ـ", "")
    found = {text[s:].split(" ", 1)[0] for s in scanner.triggers(text)}
    assert found == {long_b, "و" + long_a, "ل" + long_a, "حفتر"}
