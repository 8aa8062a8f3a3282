"""Latin spellings of Arabic names, to put cross-script queries in the benchmark mix.

One plausible press spelling per name from the reviewed tables in
registry/data/translit.yaml: each letter's first listed spelling (و and ي inside
a word as the vowels ou and i), the article as al-, and a short a between two
consonants. It is a load generator, not a romaniser: the matcher is measured on
the spellings of the dev pairs, not on these.
"""

from __future__ import annotations

from registry.names.normalize import name_tokens
from registry.names.translit import tables

_VOWEL_LETTERS = frozenset("اويعء")


def _token(token: str) -> str:
    spellings = tables().spellings
    out: list[str] = []
    if token.startswith("ال") and len(token) > 3:
        out.append("al-")
        token = token[2:]
    for i, letter in enumerate(token):
        spelling = spellings.get(letter)
        if spelling is None:
            continue
        table = spelling.initial if i == 0 else spelling.final if i == len(token) - 1 \
            else spelling.all
        if letter in "وي" and 0 < i < len(token) - 1:
            out.append("ou" if letter == "و" else "i")
            continue
        out.append(next((s for s in table if s), ""))
        following = token[i + 1] if i + 1 < len(token) else ""
        final_ta = following == "ه" and i + 2 == len(token)  # Khalifa, not Khalifaa
        if following and not final_ta and letter not in _VOWEL_LETTERS \
                and following not in _VOWEL_LETTERS:
            out.append("a")
    return "".join(out).capitalize()


def latin_spelling(name: str) -> str:
    """A Latin spelling of an Arabic name (titles and office words included)."""
    return " ".join(_token(t) for t in name_tokens(name))
