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
from registry.names.normalize import normalize_text, token_lists
from registry.text.annotate import Annotator
from registry.text.chains import Document
from registry.text.scanner import Scanner

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


def test_skimming_reads_a_fraction_of_the_words(seed_annotator: Annotator,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of skimming: most words of an article are never read."""
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text("utf-8")
    padding = "وأكد البيان أن الاجتماع تناول سبل التعاون في المجالات المختلفة. " * 200
    nt = normalize_text(padding + text)
    scanner = seed_annotator.scanner
    assert not any(scanner.is_trigger(w) for w in normalize_text(padding).text.split())
    read: list[int] = []
    step = Annotator._step

    def counting(self: Annotator, doc: Document, i: int, day: None, spans: list[Any]) -> int:
        read.append(i)
        return step(self, doc, i, day, spans)

    monkeypatch.setattr(Annotator, "_step", counting)
    doc, spans = seed_annotator.skim(nt, None)
    assert len(read) < len(doc.words) / 10
    assert spans


def _trigger_words(scanner: Scanner, raw: str) -> list[str]:
    text = normalize_text(raw).text
    tokens = token_lists(text)
    return [tokens.texts[k] for k in scanner.triggers(text, tokens)]


def test_triggers_bare_behind_a_clitic_and_latin(seed_annotator: Annotator) -> None:
    scanner = seed_annotator.scanner
    found = _trigger_words(scanner, "قال حفتر ثم وحفتر وللجيش الليبي ثم Haftar وبنى الرجل حلق صقر")
    assert {"حفتر", "وحفتر", "وللجيش", "haftar", "صقر"} <= set(found)
    assert "قال" not in found and "ثم" not in found and "وبني" not in found
    for word in found:  # remembered per word: the same answer the second time
        assert scanner.is_trigger(word)
        assert _trigger_words(scanner, word) == [word]


def test_a_joined_token_is_a_trigger_when_one_of_its_words_is() -> None:
    """عبد is a trigger; عبدالسلام written as one word is not (no such
    person), but عبد السلام joined by the tokenizer holds عبد: the answer for
    the joined token is not taken from the memo of the one-word spelling."""
    scanner = Scanner(["عبد", "حفتر"], ["و"], ["عبد"], lambda word: word == "في", "ال")
    assert _trigger_words(scanner, "في عبدالسلام في") == []
    assert _trigger_words(scanner, "في عبد السلام في") == ["عبدالسلام"]
    assert _trigger_words(scanner, "في عبدالسلام في") == []


def test_stop_words_and_compounds(seed_annotator: Annotator) -> None:
    scanner = seed_annotator.scanner
    assert scanner.stop_word("في") and scanner.stop_word("2025")
    assert not scanner.stop_word("حفتر") and not scanner.stop_word("عبد")
    assert not scanner.stop_word("x")  # a Latin letter is a trigger


def test_skimming_reads_from_the_stop_word_before_a_trigger(
        seed_annotator: Annotator, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown word right before a name is read with it (a given name the
    registry lacks), a stop word before that is not read at all."""
    read: list[str] = []
    step = Annotator._step

    def recording(self: Annotator, doc: Document, i: int, day: None, spans: list[Any]) -> int:
        read.append(doc.words[i])
        return step(self, doc, i, day, spans)

    monkeypatch.setattr(Annotator, "_step", recording)
    seed_annotator.skim(normalize_text("وقال البيان إن بلقاسم حفتر وصل"), None)
    assert read[0] == "بلقاسم" and "ان" not in read and "البيان" not in read


# A registry where a function word and a nationality adjective are also name
# words: على folds onto the given name علي, الليبي is a family name.
_PASSIVE = [
    "وقال المتحدث إن الوفد حصل على ما أراد في الموعد، واستقبله علي المبروك في المطار.",
    "وأعلن الجيش الليبي أن سالم الليبي التقى الوفد على هامش القمة.",
    "وأكد سالم الليبي على الرغم من ذلك أن علي الرغم كلمة لا اسم، وبن علي حاضر.",
    "وتحدث للجيش الليبي وعلى لسان الناطق باسم الجيش الليبي سالم الليبي نفسه.",
    "قال الليبي علي المبروك: وصلنا على عجل.\nالجيش\nالليبي على",
    "وصرح ابراهيم العبيدي الليبي بأن الوفد وصل.",  # an unknown man, read from ابراهيم
]


def _passive_annotator() -> Annotator:
    from tests.builders import registry_of

    def person(pid: str, given: str, family: str) -> dict[str, Any]:
        return {"id": pid, "type": "person", "name": {"ar": f"{given} {family}", "en": pid},
                "name_parts": {"given": given, "family": family}}

    return registry_of(person("salem-libi", "سالم", "الليبي"),
                       person("ali-mabrouk", "علي", "المبروك")).annotator


def test_passive_triggers_are_passed_over_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """على spelled as the preposition, and a name word read as an adjective
    after a noun the reader stops at (الجيش الليبي), start nothing and end any
    chain: the skimming reader does not read there, and finds what reading
    every word finds, around them and in any order of the words."""
    annotator = _passive_annotator()
    texts = _PASSIVE + _shuffled(_PASSIVE, 200, seed=3)
    for text in texts:
        assert _mentions(annotator, text, True) == _mentions(annotator, text, False), text
    found = {m["text"] for t in _PASSIVE for m in _mentions(annotator, t, True)}
    assert {"سالم الليبي", "علي المبروك"} <= found  # the names are still read

    read: list[str] = []
    step = Annotator._step

    def counting(self: Annotator, doc: Document, i: int, day: None, spans: list[Any]) -> int:
        read.append(doc.original(i))
        return step(self, doc, i, day, spans)

    monkeypatch.setattr(Annotator, "_step", counting)
    annotator.annotate_article(_PASSIVE[0] + " " + _PASSIVE[1])
    assert "على" not in read  # the preposition is never read (ما after it: a stop word)
    assert "الليبي" not in read  # after الجيش; in سالم الليبي it is read from سالم
    assert "علي" in read and "سالم" in read  # the names are read
