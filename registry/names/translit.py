"""Cross-script keys: an Arabic name token and its Latin spellings meet in one space.

Two functions of the reviewed tables in ``data/translit.yaml``:

- ``skeletons(token)``: the consonant classes of a name token in either script
  (خليفة, Khalifa and Khalīfa all give XLF). It is the blocking key: equal
  skeletons put a Latin query token next to the few Arabic registry tokens it may
  be, with one dictionary probe. Lossy on purpose (محمد and محمود, Mohamed and
  Mahmoud are all MHMD), so it never decides alone.
- ``reading_cost(arabic, latin)``: the cheapest way to spell the Arabic token
  letter by letter into the Latin one (a small dynamic programme over the
  spelling table), counting unwritten long vowels and unexplained Latin vowels.
  It decides which of the blocked tokens the Latin one is, and by how much:
  Mahmoud reads as محمود at 0.02 and as محمد at 0.46 (over the limit).

Tokens come in normalised (``registry.names.normalize``): Arabic letters folded,
Latin lower-cased with its diacritics stripped; only modifier letters such as ʿ
and ʾ may remain, and they are ignored here. No library does this job (see
the commit that added this module): anyascii, unidecode and ICU give one
romanisation per Arabic word (محمد → mhmd or muhammad), not the set of ways the
press spells it, and rigour leaves Arabic to normality (the same single form).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from registry.names.packaged import packaged_yaml

_VOWELS = frozenset("aeiou")
_LONG_VOWELS = frozenset("اوي")  # Arabic letters that spell long vowels
_VOWEL_CARRIERS = frozenset("اويعء")  # and those written as a vowel (Saeed: ع is e)
_LATIN = re.compile(r"[a-z]+")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")
MAX_SKELETONS = 64  # options per token; beyond it the rarer spellings are dropped


@dataclass(frozen=True)
class Spelling:
    """Latin spellings of one Arabic letter: anywhere, word-initially, word-finally,
    and inside a word right after an alef (the hamza seat of رائد, folded into ي)."""

    all: dict[str, float]
    initial: dict[str, float]
    final: dict[str, float]
    after_alef: dict[str, float]


@dataclass(frozen=True)
class Tables:
    """``data/translit.yaml``, read once."""

    arabic_classes: dict[str, tuple[str, ...]]
    latin_groups: dict[str, tuple[str, ...]]
    latin_letters: dict[str, str]
    spellings: dict[str, Spelling]
    article_alef: dict[str, float]
    article_lam: dict[str, float]
    article_dropped: float
    sun_letters: frozenset[str]
    short_vowel: float
    vowel_run: float
    ou_short: float
    initial_vowel: float
    final_vowel: float
    final_e: float
    max_cost: float
    rival_margin: float
    latin_rivals: frozenset[str]
    usual_spellings: dict[str, frozenset[str]]  # Arabic name -> its usual Latin words
    usual_names: dict[str, frozenset[str]]  # and back: Latin word -> the names it spells
    typo_cost: float
    typo_min_length: int
    compound_prefixes: frozenset[str]
    assimilated: dict[str, tuple[str, str, float]]  # letter pair -> class, spelling, cost
    suffix_words: dict[str, int]  # a Latin word's end the Arabic writes apart -> least stem
    articles: frozenset[str]
    sun_articles: frozenset[str]
    hyphen_articles: frozenset[str]
    nasab_particles: frozenset[str]
    latin_descriptors: tuple[str, ...]


def _spelling(raw: dict[str, object]) -> Spelling:
    if "all" not in raw:
        table = {str(k): float(v) for k, v in raw.items()}  # type: ignore[arg-type]
        return Spelling(table, table, table, table)
    parts = {key: {str(k): float(v) for k, v in value.items()}  # type: ignore[attr-defined]
             for key, value in raw.items()}
    return Spelling(parts["all"], parts.get("initial", parts["all"]),
                    parts.get("final", parts["all"]), parts.get("after_alef", parts["all"]))


def _by_spelling(usual: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for name, words in usual.items():
        for word in words:
            names.setdefault(word, set()).add(name)
    return {word: frozenset(found) for word, found in names.items()}


@cache
def tables() -> Tables:
    """The packaged transliteration tables (read once per process)."""
    raw = packaged_yaml("translit.yaml")
    article = raw["article"]
    usual = {str(name): frozenset(spelled_letters(str(w)) for w in words)
             for name, words in raw["usual_spellings"].items()}
    return Tables(
        arabic_classes={k: tuple(v) for k, v in raw["arabic_classes"].items()},
        latin_groups={k: tuple(v) for k, v in raw["latin_groups"].items()},
        latin_letters=dict(raw["latin_letters"]),
        spellings={k: _spelling(v) for k, v in raw["spellings"].items()},
        article_alef={str(k): float(v) for k, v in article["alef"].items()},
        article_lam={str(k): float(v) for k, v in article["lam_before_sun"].items()},
        article_dropped=float(article["dropped"]),
        sun_letters=frozenset(raw["sun_letters"]),
        short_vowel=float(raw["short_vowel"]),
        vowel_run=float(raw["vowel_run"]),
        ou_short=float(raw["ou_short"]),
        initial_vowel=float(raw["initial_vowel"]),
        final_vowel=float(raw["final_vowel"]),
        final_e=float(raw["final_e"]),
        max_cost=float(raw["max_cost"]),
        rival_margin=float(raw["rival_margin"]),
        latin_rivals=frozenset(raw["latin_rivals"]),
        usual_spellings=usual,
        usual_names=_by_spelling(usual),
        typo_cost=float(raw["typo_cost"]),
        typo_min_length=int(raw["typo_min_length"]),
        compound_prefixes=frozenset(raw["latin_compound_prefixes"]),
        suffix_words={str(k): int(v) for k, v in raw["latin_suffix_words"].items()},
        assimilated={str(pair): (str(v["class"]), str(v["spelling"]), float(v["cost"]))
                     for pair, v in raw["assimilated"].items()},
        articles=frozenset(raw["latin_articles"]),
        sun_articles=frozenset(raw["latin_sun_articles"]),
        hyphen_articles=frozenset(raw["latin_hyphen_articles"]),
        nasab_particles=frozenset(raw["latin_nasab_particles"]),
        latin_descriptors=tuple(raw["latin_descriptors"]),
    )


# -- scripts -------------------------------------------------------------------

def spelled_letters(token: str) -> str:
    """The a-z letters of a Latin word as written (ʿ, ʾ, apostrophes dropped;
    doubled letters kept), for the usual-spellings lists."""
    return "".join(_LATIN.findall(token.lower()))


def usual_rival(arabic: str, latin: str) -> str | None:
    """A listed name ``latin`` is a usual spelling of, when ``arabic`` is a listed
    name too and ``latin`` is none of its usual spellings (Amr for عمر: عمرو).
    None when either name is unlisted or the word is usual for ``arabic``."""
    t = tables()
    own = t.usual_spellings.get(arabic)
    if own is None:
        return None
    word = spelled_letters(latin)
    if word in own:
        return None
    return min(t.usual_names.get(word, ()), default=None)


def usual_name(latin: str) -> bool:
    """Whether a Latin word is a usual spelling of a listed look-alike name."""
    return spelled_letters(latin) in tables().usual_names


def latin_letters(token: str) -> str:
    """The a-z letters of a normalised Latin token (ʿ, ʾ and the like dropped), with
    doubled consonants written once (Hassan → hasan): Arabic does not write them."""
    letters = "".join(_LATIN.findall(token))
    return re.sub(r"([b-df-hj-np-tv-z])\1+", r"\1", letters)


def is_latin(token: str) -> bool:
    """A Latin-script name word: letters a-z (and modifier letters) only."""
    return (bool(_LATIN.search(token)) and not _ARABIC_LETTERS.search(token)
            and all(c.isalpha() for c in token))


def is_arabic(token: str) -> bool:
    """An Arabic-script word (normalised Arabic letters only)."""
    return bool(token) and all("\u0621" <= c <= "\u064a" for c in token)


def _collapse(classes: list[str]) -> str:
    """Adjacent equal classes once (a doubled letter in either script)."""
    out: list[str] = []
    for c in classes:
        for letter in c:
            if not out or out[-1] != letter:
                out.append(letter)
    return "".join(out)


def _article_end(token: str) -> int:
    """Index just past an article inside an Arabic token (ال at its start, or after
    عبد/ابو), or 0 when there is none."""
    for start in (0, 3):
        if token[start:start + 2] == "ال" and len(token) - start > 3 and (
                start == 0 or token[:3] in ("عبد", "ابو", "ابي")):
            return start + 2
    return 0


# -- skeletons -----------------------------------------------------------------

@lru_cache(maxsize=65536)
def arabic_skeletons(token: str) -> frozenset[str]:
    """Skeletons of a normalised Arabic token: every consonant reading of و, ي,
    a final ه, a sun-letter article lam, and the token without its leading article."""
    t = tables()
    article = _article_end(token)
    options: list[tuple[str, ...]] = []
    last = len(token) - 1
    for i, letter in enumerate(token):
        classes = t.arabic_classes.get(letter)
        if classes is None:
            continue  # ا ع ء: vowels and glottal stops
        if letter in "وي":
            classes = classes if i == 0 else ("",) if i == last else (*classes, "")
        else:
            silent_end = letter == "ه" and i == last and i > 0  # ة: -a, -e
            sun_lam = letter == "ل" and article and i == article - 1 and (
                token[i + 1] in t.sun_letters)
            if silent_end or sun_lam:
                classes = (*classes, "")
            said = t.assimilated.get(letter + token[i + 1:i + 2])
            if said is not None:  # ن before ب is said m (Jumblatt)
                classes = (*classes, said[0])
        options.append(classes)
    out = {_collapse(list(p)) for p in itertools.islice(itertools.product(*options),
                                                       MAX_SKELETONS)}
    if article == 2:
        out |= arabic_skeletons(token[2:])
    out.discard("")
    return frozenset(out)


@lru_cache(maxsize=65536)
def latin_skeletons(token: str) -> frozenset[str]:
    """Skeletons of a normalised Latin token; a leading al-/el- is also read away."""
    word = latin_letters(token)
    out = set(_latin_skeletons(word))
    t = tables()
    if word[:2] in t.articles and len(word) > 4:
        out |= _latin_skeletons(word[2:])
    out.discard("")
    return frozenset(out)


def _latin_skeletons(word: str) -> set[str]:
    t = tables()
    options: list[tuple[str, ...]] = []
    i = 0
    n = len(word)
    while i < n:
        group = next((g for g in (word[i:i + 3], word[i:i + 2]) if len(g) > 1
                      and g in t.latin_groups), None)
        if group is not None:
            options.append(t.latin_groups[group])
            i += len(group)
            continue
        c = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        if c in _VOWELS:
            if c == "o" and nxt == "u" and i + 2 < n and word[i + 2] in _VOWELS:
                options.append(("W", ""))  # Marouane: ou before a vowel is w
                i += 2
                continue
        elif c == "y":
            if i == 0 or nxt in _VOWELS:
                options.append(("Y",))
        elif c == "c":
            options.append(("S",) if nxt in ("e", "i", "y") else ("K",))
        elif c == "h" and i == n - 1 and i > 0 and word[i - 1] in _VOWELS:
            options.append(("H", ""))
        elif c in t.latin_letters:
            options.append((t.latin_letters[c],))
        i += 1
    return {_collapse(list(p)) for p in itertools.islice(itertools.product(*options),
                                                        MAX_SKELETONS)}


def skeletons(token: str) -> frozenset[str]:
    """Skeletons of a token in either script (none for digits or other scripts)."""
    if is_arabic(token):
        return arabic_skeletons(token)
    if is_latin(token):
        return latin_skeletons(token)
    return frozenset()


# -- reading cost --------------------------------------------------------------

def _letter_spellings(token: str) -> list[dict[str, float]]:
    """For each letter of an Arabic token, its Latin spellings and their costs."""
    t = tables()
    article = _article_end(token)
    out: list[dict[str, float]] = []
    last = len(token) - 1
    for i, letter in enumerate(token):
        if article and i == article - 2:
            out.append(t.article_alef)
            continue
        if article and i == article - 1:
            table = dict(t.spellings["ل"].all)
            if i + 1 <= last and token[i + 1] in t.sun_letters:
                # assimilated: unwritten, or written as the sun letter (ash-Sharif)
                table.update(t.article_lam)
                table.update(t.spellings[token[i + 1]].all)
            out.append(table)
            continue
        spelling = t.spellings.get(letter)
        if spelling is None:
            out.append({"": 0.0})  # a letter with no Latin spelling (should not happen)
        elif i == 0 or (i == article and letter == "ا"):
            # a word's opening hamza, after the article too (al-Islam, El Imam)
            out.append(spelling.initial)
        elif i == last:
            out.append(spelling.final)
        elif token[i - 1] == "ا":
            out.append(spelling.after_alef)
        else:
            out.append(spelling.all)
        said = t.assimilated.get(letter + token[i + 1:i + 2])
        if said is not None:
            out[-1] = {**out[-1], said[1]: said[2]}
    return out


def _vowel_costs(word: str) -> list[float]:
    """What each Latin letter costs when no Arabic letter spells it (vowels only)."""
    t = tables()
    costs = []
    last = len(word) - 1
    for j, c in enumerate(word):
        if c not in _VOWELS:
            costs.append(float("inf"))
        elif j == last and j > 0:
            costs.append(t.final_e if c == "e" and word[j - 1] not in _VOWELS else t.final_vowel)
        elif j == 0:
            costs.append(t.initial_vowel)
        elif c == "u" and word[j - 1] == "o" and any(v in "aeiouy" for v in word[j + 1:]):
            # French ou: one short u (Moustafa), not in the last syllable, where it
            # is the long u of محمود, منصور, مسعود (Mahmoud is not محمد)
            costs.append(t.ou_short)
        elif word[j - 1] in _VOWELS:
            costs.append(t.vowel_run)
        else:
            costs.append(t.short_vowel)
    return costs


def _collapse_arabic(token: str) -> str:
    """Adjacent equal Arabic letters once (الله → اله), as Latin doubles are.
    A final يي after a consonant stays two letters: normalisation folds ى into
    ي, and the ي then ى of يحيى are a consonant and a vowel, both written (Yahya,
    Yehia). After a long vowel it is the hamza seat ئ and a ي, written as one
    vowel (السامرائي, Samarrai), and collapses as before."""
    if token.endswith("يي") and len(token) >= 3 and token[-3] not in "اوي":
        return re.sub(r"(.)\1+", r"\1", token[:-1]) + "ي"
    return re.sub(r"(.)\1+", r"\1", token)


@lru_cache(maxsize=262144)
def reading_cost(arabic: str, latin: str, typos: bool = False) -> float:
    """The cheapest spelling of ``arabic`` (normalised) as ``latin`` (normalised),
    or infinity. With ``typos``, one letter changed, added or dropped costs
    ``typo_cost`` (for at most one typo: the result stays under
    ``max_cost + typo_cost`` only then)."""
    t = tables()
    word = latin_letters(latin)
    token = _collapse_arabic(arabic)
    if not word or not token:
        return float("inf")
    limit = t.max_cost + (t.typo_cost if typos else 0.0)
    spell = _letter_spellings(token)
    vowel = _vowel_costs(word)
    n, m = len(token), len(word)
    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    vowel_run = [letter in _LONG_VOWELS and (i == 0 or token[i - 1] not in _VOWEL_CARRIERS)
                 for i, letter in enumerate(token)]
    article = _article_end(token)
    if article == 2:  # the article left out: Sisi for السيسي
        dp[2][0] = t.article_dropped
    elif word[:2] in t.articles and m > 4:  # a Latin article the Arabic lacks
        dp[0][2] = t.article_dropped
    for i in range(n + 1):
        row = dp[i]
        for j in range(m + 1):
            cost = row[j]
            if cost > limit:
                continue
            if j < m:
                step = vowel[j]
                if cost + step < row[j + 1]:
                    row[j + 1] = cost + step
                if typos and cost + t.typo_cost < row[j + 1]:
                    row[j + 1] = cost + t.typo_cost  # an extra Latin letter
            if i == n:
                continue
            following = dp[i + 1]
            # A long vowel right after a Latin vowel no letter spelled is a vowel
            # run (Alaa is not علي: its first a spells nothing). The u of a French
            # "gu" is no vowel (Naguib).
            run = (vowel_run[i] and j > 0 and word[j - 1] in _VOWELS
                   and word[j - 2:j] != "gu")
            for text, step in spell[i].items():
                if run and text and text[0] in _VOWELS:
                    step += t.vowel_run
                end = j + len(text)
                if end <= m and word.startswith(text, j) and cost + step < following[end]:
                    following[end] = cost + step
            if typos:
                if cost + t.typo_cost < following[j]:
                    following[j] = cost + t.typo_cost  # an Arabic letter not written
                if j < m and cost + t.typo_cost < following[j + 1]:
                    following[j + 1] = cost + t.typo_cost  # a letter changed
    result = dp[n][m]
    return round(result, 3) if result <= limit else inf


def latin_word_count(token: str) -> int:
    """Latin letters of a token, for the typo length rule."""
    return len(latin_letters(token))


def surname_first(query: str) -> str | None:
    """A Latin "Surname, Given" query in reading order ("Haftar, Khalifa" →
    "Khalifa Haftar"), or None when the query is not of that shape (one comma,
    words on both sides, no Arabic letters)."""
    if query.count(",") != 1 or _ARABIC_LETTERS.search(query):
        return None
    surname, given = (part.strip() for part in query.split(","))
    if not surname or not given or not _LATIN.search(surname.lower() + given.lower()):
        return None
    return f"{given} {surname}"
