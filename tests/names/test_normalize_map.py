"""normalize_text folds in C loops (str.replace on whole texts, a regex for the
few characters that change length or depend on their neighbours); this checks
it against the plain definition: fold each character on its own, remember
where each output character came from."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.names.normalize import (
    _article_hyphen,
    _inner_apostrophe,
    fold_char,
    normalize_text,
)

# Plain letters, letters that fold one to one, marks that are deleted, ligatures
# that expand, apostrophes and hyphens that go or stay by context, other scripts.
ALPHABET = ("abcXYZ'’ʼ`- \n\t.،ـًٌّٰأإآؤئىةﻻﷲیکھ٢٠ÉßﬁⅫ😀אД\u200f\u200d\ufeff\u0301e"
            "صدامحفترخليفةالنقيب")


def reference(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its source offset."""
    out: list[str] = []
    source: list[int] = []
    for k, char in enumerate(text):
        folded = "" if _inner_apostrophe(text, k) or _article_hyphen(text, k) \
            else fold_char(char)
        out.append(folded)
        source.extend([k] * len(folded))
    return "".join(out), source


def check(text: str) -> None:
    nt = normalize_text(text)
    expected, source = reference(text)
    assert nt.text == expected, text
    assert [nt.original_index(i) for i in range(len(nt.text))] == source, text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40) | st.text(max_size=20))
def test_fold_and_offsets_equal_folding_each_character(text: str) -> None:
    check(text)


def test_long_mixed_texts_and_edges() -> None:
    rng = random.Random(16)
    for _ in range(300):
        check("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200))))
    for text in ("", "ً", "ًً حفتر", "حفتر", "Sa'id al-Sisi", "as-Sisi's", "ﻻ", "ـحفترـ"):
        check(text)
