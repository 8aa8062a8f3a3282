"""Arabic-aware normalisation: the matching key of a name, and running text with
a map back to the original character offsets.

Both go through one per-character fold so a name in the registry and the same
name inside an article always produce the same tokens. The fold removes what
means nothing in Arabic spelling (diacritics, tatweel, hamza carriers, alef
forms, ta marbuta, alef maqsura, presentation forms, invisible bidi and
zero-width marks, Persian look-alike letters, non-Latin digits) and turns
punctuation into spaces. Most characters of real text are plain Arabic letters
that map to themselves; they are copied in slices and only the rest is folded
one character at a time, which keeps the pass fast on megabytes of news.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import pyarabic.araby as araby

from registry.names import translit
from registry.names.language import language

# Letters that survive the fold unchanged. Alef with hamza or madda, hamza on
# waw or ya, alef maqsura and ta marbuta are *not* here: they fold.
_FOLDED_LETTERS = frozenset("أإآؤئىة")
_PLAIN_ARABIC = "".join(
    chr(c)
    for c in [*range(0x0621, 0x063B), *range(0x0641, 0x064B)]
    if chr(c) not in _FOLDED_LETTERS
)
_NON_PLAIN = re.compile("[^ a-z0-9" + _PLAIN_ARABIC + "]+")

# Letters that are another letter for matching purposes. pyarabic names the
# Arabic ones; the Persian and Urdu look-alikes come in with text copied from
# Persian keyboards and PDFs.
_LETTER_FOLD = {
    araby.ALEF_WASLA: araby.ALEF,
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
    "\u06cc": araby.YEH,  # Persian yeh ی
    "\u06d2": araby.YEH,  # Urdu yeh barree ے
    "\u06d0": araby.YEH,  # yeh ې
    "\u06a9": araby.KAF,  # Persian kaf ک
    "\u06af": araby.KAF,  # gaf گ, written for ك in some names
    "\u06be": araby.HEH,  # heh doachashmee ھ
    "\u06c1": araby.HEH,  # heh goal ہ
    "\u06d5": araby.HEH,  # ae ە (also what ۀ decomposes to)
}
# Deleted outright: pyarabic's diacritics (harakat, tanween, shadda, sukun,
# superscript alef, small marks) and tatweel. Any other combining mark and any
# format character (zero-width, bidi controls, BOM, soft hyphen) also goes.
# ʾ ʿ ʻ: the hamza and ayn marks of scholarly transliteration (ʿAbd al-Raḥmān),
# unwritten like diacritics, so ʿAbd is the word Abd (item W, minimal change)
_DELETE = frozenset(araby.DIACRITICS) | {araby.TATWEEL} | frozenset("\u02be\u02bf\u02bb")


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """What one original character becomes in normalised text ('' = nothing)."""
    if char in "çÇ":
        return "s"  # French ç is an s (Fayçal: فيصل), not the c its cedilla leaves
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", char):
        if ch in _DELETE:
            continue
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf"):
            continue
        ch = _LETTER_FOLD.get(ch, ch)
        if category == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif category[0] in "PSZC":
            out.append(" ")  # punctuation, symbols, spaces, controls, surrogates
        else:
            out.append(ch.casefold())
    return "".join(out)


_APOSTROPHES = frozenset("'\u2019\u02bc`")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _inner_apostrophe(text: str, k: int) -> bool:
    """An apostrophe inside a Latin name (Sa'id, Ma'mun, Sa'd): it marks ع or ء and
    is dropped, so the name stays one word. Not a possessive (Haftar's): a lone
    letter after it must not be an s."""
    if text[k] not in _APOSTROPHES or not 0 < k < len(text) - 1:
        return False
    if not (_ASCII_LETTER.match(text[k - 1]) and _ASCII_LETTER.match(text[k + 1])):
        return False
    if k + 2 < len(text) and _ASCII_LETTER.match(text[k + 2]):
        return True
    return text[k + 1] not in "sS"


_WORD_BEFORE = re.compile(r"(?:^|[^A-Za-z])([A-Za-z]{2,3})$")


def _article_hyphen(text: str, k: int) -> bool:
    """The hyphen of a Latin article that is also an English word (as-Sisi,
    at-Tayeb, an-Nahyan): dropped, so the article stays with its name."""
    if text[k] != "-" or k + 1 >= len(text) or not _ASCII_LETTER.match(text[k + 1]):
        return False
    before = _WORD_BEFORE.search(text, max(0, k - 4), k)
    return before is not None and before.group(1).lower() in translit.tables().hyphen_articles


def _is_trailing_mark(char: str) -> bool:
    """A mark written after a letter that belongs to it (diacritic, tatweel)."""
    return char == araby.TATWEEL or unicodedata.category(char) in ("Mn", "Me")


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and the map from its characters back to the original.

    Every normalised character comes from exactly one original character; a run
    of characters copied unchanged is stored as one linear segment, so the map
    costs memory only where the text was actually changed.
    """

    original: str
    text: str
    _seg_norm: tuple[int, ...]
    _seg_orig: tuple[int, ...]
    _seg_linear: tuple[bool, ...]

    def original_index(self, index: int) -> int:
        """Original offset of the normalised character at ``index``."""
        if not 0 <= index < len(self.text):
            raise IndexError(index)
        seg = bisect.bisect_right(self._seg_norm, index) - 1
        if self._seg_linear[seg]:
            return self._seg_orig[seg] + (index - self._seg_norm[seg])
        return self._seg_orig[seg]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised span; the end takes in
        diacritics and tatweel written after the last letter."""
        if start >= end:
            raise ValueError("empty span")
        return self.original_index(start), self.original_end(end)

    def original_end(self, end: int) -> int:
        """Original offset just after the normalised character ``end - 1`` and
        the diacritics and tatweel written after it: a case ending (محمدٌ) is
        part of its word, never of the space or punctuation that follows."""
        o_end = self.original_index(end - 1) + 1
        while o_end < len(self.original) and _is_trailing_mark(self.original[o_end]):
            o_end += 1
        return o_end


def normalize_text(text: str) -> NormalizedText:
    """Normalise running text, keeping a map to original offsets.

    Done in C loops, not one character at a time: the distinct characters
    that are not plain are found with one regex pass; those that fold onto
    one other character (ة أ ى ، and most punctuation, the bulk of them) are
    replaced text-wide with ``str.replace``, which keeps every offset; only
    the few that change the length (diacritics, tatweel, ligatures) or depend
    on their neighbours (an apostrophe or hyphen inside a Latin name) are
    walked one by one. Same output and same map as folding each character."""
    found = _NON_PLAIN.findall(text)
    if not found:
        return NormalizedText(text, text, *_LINEAR if text else _EMPTY)
    distinct = set("".join(found))
    irregular = []
    folded_text = text
    for char in distinct:
        folded = fold_char(char)
        if len(folded) != 1 or char in _CONTEXTUAL:
            irregular.append(char)
        elif folded != char:
            folded_text = folded_text.replace(char, folded)
    if not irregular:
        return NormalizedText(text, folded_text, *_LINEAR)
    parts: list[str] = []
    seg_norm: list[int] = []
    seg_orig: list[int] = []
    seg_linear: list[bool] = []
    n_pos = 0

    def linear(at_norm: int, at_orig: int) -> None:
        if seg_linear and seg_linear[-1] and seg_orig[-1] - seg_norm[-1] == at_orig - at_norm:
            return  # continues the previous linear segment
        seg_norm.append(at_norm)
        seg_orig.append(at_orig)
        seg_linear.append(True)

    pos = 0
    for k in map(operator.methodcaller("start"), _char_class("".join(sorted(irregular)))
                 .finditer(text)):
        if k > pos:  # a run that folds one character to one: offsets unchanged
            linear(n_pos, pos)
            parts.append(folded_text[pos:k])
            n_pos += k - pos
        pos = k + 1
        folded = "" if _inner_apostrophe(text, k) or _article_hyphen(text, k) \
            else fold_char(text[k])
        if not folded:
            continue
        if len(folded) == 1:
            linear(n_pos, k)
        else:
            seg_norm.append(n_pos)
            seg_orig.append(k)
            seg_linear.append(False)
        parts.append(folded)
        n_pos += len(folded)
    if pos < len(text):
        linear(n_pos, pos)
        parts.append(folded_text[pos:])
    return NormalizedText(text, "".join(parts), tuple(seg_norm), tuple(seg_orig), tuple(seg_linear))


# The map of a text whose every character folds to one: one linear segment.
_LINEAR: tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]] = ((0,), (0,), (True,))
_EMPTY: tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]] = ((), (), ())
# Characters whose fold depends on the characters around them.
_CONTEXTUAL = _APOSTROPHES | {"-"}


@lru_cache(maxsize=4096)
def _char_class(chars: str) -> re.Pattern[str]:
    """A regex matching any one of ``chars``."""
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


class Token(NamedTuple):
    """A word of normalised text with its ``[start, end)`` in normalised offsets.
    (A tuple: articles hold hundreds of thousands of them.)"""

    text: str
    start: int
    end: int


class Words(NamedTuple):
    """Tokens as three parallel lists (texts, start and end offsets): building
    them costs no object per word, which matters on megabytes of text."""

    texts: list[str]
    starts: list[int]
    ends: list[int]


def tokenize(normalized: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of normalised text, with compounds joined into one token: عبد/أبو
    (عبد المجيد and عبدالمجيد both give عبدالمجيد) and their Latin spellings
    (Abdel Fattah, Abu Bakr), and a Latin article written apart (El Masri,
    ash-Sharif), so both scripts cut a name into the same words; for the same
    reason a Latin name word ending in a suffix the Arabic writes apart is cut in
    two (Noureddine: نور الدين). Running text (``token_lists``) is not cut.

    ``start``/``end`` tokenise only that stretch, with offsets into the whole
    text; the caller picks bounds that cut no compound (annotate's skimming)."""
    texts, starts, ends = token_lists(normalized, start, end)
    stop = len(normalized) if end is None else end
    if _suffixed().search(normalized, start, stop) is not None:
        texts, starts, ends = _split_suffixes(Words(texts, starts, ends))
    return list(map(Token, texts, starts, ends))


# Up to this many space-separated pieces, tokenising runs as one plain loop: the
# C passes below cost more to set up than a query's few words cost to walk.
SHORT_PIECES = 12


def token_lists(normalized: str, start: int = 0, end: int | None = None) -> Words:
    """``tokenize`` as parallel lists. Words are what lies between spaces (the
    only separator left in normalised text); offsets come from the running sum
    of their lengths, all in C loops."""
    stop = len(normalized) if end is None else end
    pieces = normalized[start:stop].split(" ")
    if len(pieces) <= SHORT_PIECES:  # a name or a short phrase: one plain loop is cheaper
        texts, starts, ends = [], [], []
        at = start
        for piece in pieces:
            if piece:
                texts.append(piece)
                starts.append(at)
                ends.append(at + len(piece))
            at += len(piece) + 1
        words = Words(texts, starts, ends)
        return words if _joiners().isdisjoint(texts) else _join_compounds(words)
    ends = list(map(operator.add, itertools.accumulate(map(len, pieces)),
                    range(start, start + len(pieces))))
    present = list(map(bool, pieces))  # two spaces leave an empty piece
    texts = list(itertools.compress(pieces, present))
    ends = list(itertools.compress(ends, present))
    starts = list(map(operator.sub, ends, map(len, texts)))
    if _joiners().isdisjoint(texts):
        return Words(texts, starts, ends)
    return _join_compounds(Words(texts, starts, ends))


@lru_cache(maxsize=1)
def _suffixed() -> re.Pattern[str]:
    """A Latin word ending in one of translit.yaml's suffix words: one Latin word
    for two Arabic ones (Noureddine, Salahuddin: نور الدين, صلاح الدين; Nasrallah,
    al-Abdullah: نصر الله, العبد الله). Added for item W's cross-script matcher."""
    suffixes = sorted(translit.tables().suffix_words, key=len, reverse=True)
    return re.compile(r"[a-z]{3}(?:" + "|".join(suffixes) + r")(?![a-z])")


@lru_cache(maxsize=1)
def _suffixed_word() -> re.Pattern[str]:
    suffixes = sorted(translit.tables().suffix_words, key=len, reverse=True)
    return re.compile(r"[a-z]{3,}?(" + "|".join(suffixes) + r")")


def _split_suffixes(words: Words) -> Words:
    """The suffix as a word of its own, as the Arabic writes it; a compound
    prefix before it keeps the word whole (Abdullah is عبدالله, one Arabic word)."""
    prefixes = translit.tables().compound_prefixes
    suffixes = translit.tables().suffix_words
    out = Words([], [], [])
    for text, begin, end in zip(*words, strict=True):
        found = _suffixed_word().fullmatch(text)
        cut = found.start(1) if found else 0
        if cut and cut >= suffixes[text[cut:]] and text[:cut] not in prefixes:
            out.texts.extend((text[:cut], text[cut:]))
            out.starts.extend((begin, begin + cut))
            out.ends.extend((begin + cut, end))
        else:
            out.texts.append(text)
            out.starts.append(begin)
            out.ends.append(end)
    return out


@lru_cache(maxsize=1)
def _joiners() -> frozenset[str]:
    """Words that may be joined with the next one (none else ever is)."""
    latin = translit.tables()
    return (language().compound_prefixes | latin.compound_prefixes | latin.articles
            | latin.sun_articles)


def _join_compounds(words: Words) -> Words:
    prefixes = language().compound_prefixes
    latin = translit.tables()
    texts, starts, ends = words
    out = Words([], [], [])
    n = len(texts)
    done = 0  # words before this are copied or joined
    for i in itertools.compress(range(n), map(_joiners().__contains__, texts)):
        if i < done or i + 1 >= n:
            continue  # joined into the word before, or the last word
        joined = 1
        if texts[i] in prefixes:
            joined = 2
        elif texts[i] in latin.compound_prefixes:
            # abd al rahman: the prefix, the article and the name are one word
            joined = 3 if i + 2 < n and _latin_article(texts[i + 1], texts[i + 2]) else 2
        elif _latin_article(texts[i], texts[i + 1]):
            joined = 2
        if joined == 1:
            continue
        out.texts.extend(texts[done:i])
        out.starts.extend(starts[done:i])
        out.ends.extend(ends[done:i])
        out.texts.append("".join(texts[i : i + joined]))
        out.starts.append(starts[i])
        out.ends.append(ends[i + joined - 1])
        done = i + joined
    out.texts.extend(texts[done:])
    out.starts.extend(starts[done:])
    out.ends.extend(ends[done:])
    return out


def kunya_split(token: str) -> tuple[str, str]:
    """A joined kunya's أبو (in any case form) and the name after it (ابوعمار:
    ابو, عمار), or ("", token) for any other word. أبو + a name is one word for
    matching, but the name after أبو is what a typo or a spelling may change,
    and it keeps its own rules: أبو عمر is another man's kunya, not a misspelt
    أبو عمار. (عبد + a divine name is a closed list, in distinct_names.)"""
    for prefix in language().kunya_case_forms:
        if token.startswith(prefix) and len(token) > len(prefix) + 1:
            return prefix, token[len(prefix):]
    return "", token


def kunya_case_variants(token: str) -> list[str]:
    """The same joined kunya in its other case forms (ابيعمار, اباعمار for
    ابوعمار), or nothing for any other word."""
    prefix, name = kunya_split(token)
    if not prefix:
        return []
    return [other + name for other in language().kunya_case_forms if other != prefix]


def _latin_article(word: str, following: str) -> bool:
    """Whether ``word`` is a Latin article written apart from ``following``: al/el
    always, an assimilated one (ash, ad, ar) only before its own sound."""
    latin = translit.tables()
    if not following.isalpha() or not following.isascii():
        return False
    if word in latin.articles:
        return True
    return word in latin.sun_articles and following.startswith(word[1:])


def medial_particles(tokens: list[str]) -> set[int]:
    """Positions of بن/ابن/بنت between two names: optional connectors. At the
    start of a name (ابن خلدون) or at its end they are part of it."""
    particles = _particles()
    return {i for i, t in enumerate(tokens) if t in particles and 0 < i < len(tokens) - 1}


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    """بن/ابن/بنت and their Latin spellings (ibn, bin, ould ...)."""
    return language().nasab_particles | translit.tables().nasab_particles


def drop_medial_particles(tokens: list[str]) -> list[str]:
    """The tokens without their medial nasab particles."""
    if len(tokens) < 3 or _particles().isdisjoint(tokens):
        return tokens  # no particle can be medial (the common case, checked in C)
    drop = medial_particles(tokens)
    return [t for i, t in enumerate(tokens) if i not in drop] if drop else tokens


def after_particles(tokens: list[str]) -> frozenset[int]:
    """Positions, in ``drop_medial_particles(tokens)``, of the words that followed
    a dropped بن: a father's (or ancestor's) name, never part of a house name."""
    drop = medial_particles(tokens) if len(tokens) >= 3 else set()
    if not drop:
        return frozenset()
    kept = [i for i in range(len(tokens)) if i not in drop]
    return frozenset(n for n, i in enumerate(kept) if i - 1 in drop)


def name_tokens(name: str) -> list[str]:
    """The matching tokens of a name: folded, compounds joined, particles dropped."""
    return drop_medial_particles([t.text for t in tokenize(normalize_text(name).text)])


def name_key(name: str) -> str:
    """The matching key of a name: its tokens joined by single spaces."""
    return " ".join(name_tokens(name))


def article_variants(token: str) -> tuple[str, ...]:
    """The same word with the definite article added or removed (الدبيبة /
    دبيبة): a family name may be written either way."""
    article = language().definite_article
    bare = strip_article(token)
    return tuple(v for v in (bare, article + bare) if v != token)


def strip_article(token: str) -> str:
    """A token without its definite article, when what remains is a word."""
    article = language().definite_article
    if token.startswith(article) and len(token) - len(article) >= 2:
        return token[len(article) :]
    return token
