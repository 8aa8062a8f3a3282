"""The reviewed word lists that decide where a name chain ends (``data/chains.yaml``).

They are data so a reviewer can argue with a single word without reading the
annotator. Every entry is folded exactly like article text when loaded, so the
file is written in ordinary spelling and compared with normalised tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from registry.names.normalize import normalize_text
from registry.names.packaged import packaged_yaml


def fold(text: str) -> str:
    """A word or phrase as annotate sees it in normalised text."""
    return " ".join(normalize_text(text).text.split())


@dataclass(frozen=True)
class Trap:
    """A function word (``word``) whose folded key is also a name's (``name``)."""

    word: str  # original spelling of the function word (e.g. على)
    key: str  # the folded key both share (علي)


@dataclass(frozen=True)
class Idiom:
    """A clitic + name look-alike that is one word (لصالح), optionally only
    before a given next word (لحسن الحظ)."""

    key: str
    next_word: str | None


@dataclass(frozen=True)
class ChainWords:
    """Folded word lists: what can never be a word of a person's name."""

    boundary: frozenset[str]  # function words, verbs, common nouns, calendar, adjectives
    common_nouns: frozenset[str]
    verbs: frozenset[str]
    kinship: frozenset[str]  # نجله: a relative's whole name follows
    possessive_endings: tuple[str, ...]  # نظيره: a noun made definite by its pronoun
    verb_conjunctions: frozenset[str]  # و، ف written onto a verb
    place_words: frozenset[str]
    traps: dict[str, Trap]  # by folded key
    idioms: dict[str, Idiom]
    courtesy_titles: frozenset[str]
    reigning_titles: frozenset[str]  # vocabulary title ids
    honorifics: frozenset[str]
    latin_connectors: frozenset[str]
    latin_inside_connectors: frozenset[str]  # never open a chain (English "as", "at")
    latin_articles: tuple[str, ...]  # al, el: written joined to a Latin name
    latin_stopwords: frozenset[str]
    latin_stopword_names: frozenset[str]  # stopwords that are given names (Said)
    # Folded tokens of English descriptors (strongman); English titles come from
    # the vocabulary (ChainReader).
    latin_descriptors: frozenset[tuple[str, ...]]
    accusative_ending: str = ""  # ا of an indefinite accusative (تقريرا)


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in raw.get(key) or [] if fold(str(w)))


def _accusatives(raw: dict[str, Any], words: frozenset[str]) -> frozenset[str]:
    """The accusative forms of indefinite nouns (and the duals of verbs) that
    end in a consonant: ``accusative_ending`` appended (see chains.yaml)."""
    ending = fold(str(raw.get("accusative_ending") or ""))
    if not ending:
        return frozenset()
    article = fold("ال")
    no_alef = tuple(_words(raw, "accusative_without_alef"))  # folded: ة is ه, ى is ي
    return frozenset(w + ending for w in words if " " not in w and len(w) >= 3
                     and not w.startswith(article) and not w.endswith(no_alef))


def build(raw: dict[str, Any]) -> ChainWords:
    """Fold the raw lists; a list entry that folds onto a trap's name would hide
    that name everywhere, so it is refused (it belongs in ``folding_traps``)."""
    traps = {fold(t["name"]): Trap(t["word"], fold(t["name"])) for t in raw["folding_traps"]}
    kinship = _words(raw, "kinship")
    common = _words(raw, "common_nouns") | _words(raw, "descriptions") | kinship
    verbs = _words(raw, "verbs")
    boundary = (_words(raw, "function_words") | verbs | common | _accusatives(
        raw, common | verbs) | _words(raw, "calendar") | _words(raw, "adjectives"))
    clash = sorted(boundary & set(traps))
    if clash:
        raise ValueError(f"chains.yaml: {', '.join(clash)} fold onto a name; "
                         "list them under folding_traps instead")
    idioms = {fold(i["word"]): Idiom(fold(i["word"]), fold(i["next"]) if i.get("next") else None)
              for i in raw["clitic_idioms"]}
    descriptors = frozenset(tuple(fold(str(k)).split()) for k in raw["latin_descriptors"])
    return ChainWords(
        boundary=boundary, common_nouns=common, verbs=verbs, kinship=kinship,
        possessive_endings=tuple(str(e) for e in raw.get("possessive_endings") or ()),
        verb_conjunctions=frozenset(str(c) for c in raw.get("verb_conjunctions") or ()),
        place_words=_words(raw, "place_words"),
        traps=traps, idioms=idioms, courtesy_titles=_words(raw, "courtesy_titles"),
        reigning_titles=frozenset(str(t) for t in raw.get("reigning_titles") or ()),
        honorifics=_words(raw, "honorifics"),
        latin_connectors=_words(raw, "latin_connectors"),
        latin_inside_connectors=_words(raw, "latin_inside_connectors"),
        latin_articles=tuple(sorted(_words(raw, "latin_articles"))),
        latin_stopwords=_words(raw, "latin_stopwords"),
        latin_stopword_names=_words(raw, "latin_stopword_names"),
        latin_descriptors=frozenset(d for d in descriptors if d),
        accusative_ending=fold(str(raw.get("accusative_ending") or "")))


@cache
def chain_words() -> ChainWords:
    """The packaged lists (read once per process)."""
    return build(packaged_yaml("chains.yaml"))
