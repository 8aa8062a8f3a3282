"""Tashkeel written on names: a fully vowelled article reads like a bare one.

News text, school texts and Quranic quotations often carry harakat and tanween,
most often on a word's last letter (the case ending: محمدٌ، بنُ، سلمانَ). A mark
after the last letter belongs to that word, never to the space after it, so a
name chain runs through it exactly as through the bare text."""

from __future__ import annotations

import random
import re

import pytest

from registry.names.normalize import normalize_text
from tests.conftest import SEEDS

# Case endings and other marks written after a word's last letter: damma,
# fatha, kasra, the three tanween, sukun, and shadda followed by a haraka.
ENDINGS = ("\u064f", "\u064e", "\u0650", "\u064c", "\u064b", "\u064d", "\u0652",
           "\u0651\u064e")
ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")

SENTENCES = [
    "التقى محمد بن سلمان بالوفد في الرياض.",
    "وصل صدام بن خليفة حفتر إلى بنغازي أمس.",
    "وقال خليفة حفتر إن الاجتماع ناجح.",
    "التقى الفريق أحمد خليفة بالوفد. وقال اللواء أحمد المسماري إن الاجتماع ناجح.",
    "وحضر خالد خليفة حفتر الاجتماع مع صدام حفتر.",
    "وقال نائب القائد العام للجيش الوطني الليبي إن الاجتماع ناجح.",  # an office phrase
]


def vowelled(text: str, seed: int) -> str:
    """``text`` with a case ending after the last letter of every Arabic word."""
    rnd = random.Random(seed)
    return ARABIC_WORD.sub(lambda m: m.group(0) + rnd.choice(ENDINGS), text)


def reading(reg, text):
    """What annotate found, independent of the marks: kind, status, id and the
    surface folded."""
    return [(m.kind, m.status, m.id, normalize_text(m.text).text) for m in reg.annotate(text)]


@pytest.mark.parametrize("text", SENTENCES, ids=range(len(SENTENCES)))
def test_a_case_ending_on_every_word_changes_nothing(reg, text):
    bare = reading(reg, text)
    assert bare  # a name chain is found in the bare text
    for seed in range(3):
        marked = vowelled(text, seed)
        assert reading(reg, marked) == bare, marked


def test_the_mention_takes_in_the_mark_on_its_last_letter(reg):
    text = "التقى صدامُ بنُ خليفةَ حفترٍ بالوفدِ."
    (mention,) = [m for m in reg.annotate(text) if m.id == "saddam-haftar"]
    assert mention.text == "صدامُ بنُ خليفةَ حفترٍ"
    assert text[mention.start:mention.end] == mention.text


def test_vowelled_seed_articles_read_like_the_bare_ones(reg):
    for path in SEEDS:
        text = path.read_text("utf-8")
        assert reading(reg, vowelled(text, 7)) == reading(reg, text), path.name
