"""Office heads and holder modifiers, loaded once from ``data/offices.yaml``.

How writers name a job (رئيس الأركان, وزير الدفاع) and which holder a word after
it picks (السابق, الحالي) are facts of the language, not of any registry: they
are reviewed data, and a registry's positions point at heads by id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from registry.model.records import genders
from registry.names.language import language
from registry.names.normalize import name_tokens, strip_article
from registry.names.packaged import packaged_yaml

MODIFIER_KINDS = ("former", "before-former", "late", "resigned", "current", "new", "designate",
                  "next", "acting")


@dataclass(frozen=True)
class Head:
    """One office head with every wording of it, as normalised token tuples."""

    id: str
    en: str
    bare: bool  # an office on its own: the article must say whose
    forms: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class CountryWords:
    """A country of the shared vocabulary (data/vocabulary.yaml) as office
    phrases use it: its names and its adjectives, masculine and feminine."""

    id: str
    names: tuple[str, ...]  # as written: مصر, جمهورية مصر العربية
    adjectives: tuple[str, ...]  # مصري, مصرية (ال is added by the reader)
    # Names and adjectives in other languages, as written (Egypt; Egyptian): no
    # feminine or article is derived for them.
    other_names: tuple[str, ...] = ()
    other_adjectives: tuple[str, ...] = ()


class _Country(Protocol):
    """What a country entry of a vocabulary gives (``schema.Country`` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def ar(self) -> list[str]: ...

    @property
    def adjectives(self) -> list[str]: ...

    @property
    def en(self) -> str: ...

    @property
    def forms(self) -> dict[str, list[str]]: ...

    @property
    def other_adjectives(self) -> dict[str, list[str]]: ...


@dataclass(frozen=True)
class EnglishLinks:
    """The English words around an office phrase's parts (data/offices.yaml)."""

    linkers: frozenset[str]  # head, then one of these, then the body: "emir of Qatar"
    article: str  # "the", before a body or a whole office query
    possessive: str  # "Egypt's" read as "egypt s"


@dataclass(frozen=True)
class OfficeWords:
    heads: dict[str, Head]
    modifiers: dict[str, str]  # normalised word -> modifier kind
    countries: tuple[CountryWords, ...] = ()
    english: EnglishLinks = EnglishLinks(frozenset(), "", "")
    # Words before an office that pick its holder (القائم بأعمال: acting), as
    # normalised token tuples -> modifier kind; longest first.
    before: tuple[tuple[tuple[str, ...], str], ...] = ()
    deputies: frozenset[str] = frozenset()  # نائب: the office after it is the deputy's
    # "his counterpart" (نظيره): the office named before it, of another country
    counterparts: frozenset[str] = frozenset()
    # plural and dual wordings (وزراء الخارجية): offices that name no one person
    plurals: tuple[tuple[str, ...], ...] = ()


@cache
def office_words() -> OfficeWords:
    """The packaged office heads and modifiers (read once per process)."""
    raw = packaged_yaml("offices.yaml")
    heads = {entry["id"]: _head(entry["id"], entry["en"], bool(entry.get("bare")), entry["ar"],
                                entry.get("forms", {}))
             for entry in raw["heads"]}
    modifiers = {}
    for kind, words in raw["modifiers"].items():
        if kind not in MODIFIER_KINDS:
            raise ValueError(f"data/offices.yaml: unknown modifier kind {kind!r}")
        for word in words:
            modifiers[" ".join(name_tokens(word))] = kind
    before = []
    for kind, phrases in raw.get("modifiers_before", {}).items():
        if kind not in MODIFIER_KINDS:
            raise ValueError(f"data/offices.yaml: unknown modifier kind {kind!r}")
        before += [(tuple(name_tokens(phrase)), kind) for phrase in phrases]
    # The vocabulary's countries, read raw (no schema objects on the lookup path),
    # so that a registry's place "lebanon" needs no copy of اللبناني.
    countries = tuple(
        _country_words(entry["id"], entry["ar"], entry.get("adjectives", ()), entry["en"],
                       entry.get("forms", {}), entry.get("other_adjectives", {}))
        for entry in packaged_yaml("vocabulary.yaml")["countries"])
    english = raw["english"]
    links = EnglishLinks(frozenset(english["linkers"]), english["article"], english["possessive"])
    deputies = frozenset(" ".join(name_tokens(word)) for word in raw["deputies"])
    counterparts = frozenset(" ".join(name_tokens(word)) for word in raw.get("counterparts", ()))
    plurals = tuple(sorted({tuple(name_tokens(w)) for w in raw.get("plurals", ())} - {()},
                           key=lambda p: (-len(p), p)))
    return OfficeWords(heads, modifiers, countries, links,
                       tuple(sorted(before, key=lambda b: -len(b[0]))),
                       deputies=deputies, counterparts=counterparts, plurals=plurals)


def _head(head_id: str, en: str, bare: bool, ar: Iterable[str],
          forms: dict[str, list[str]]) -> Head:
    """A head with every wording of it, Arabic and other languages, normalised."""
    wordings = [*ar, *(w for ws in forms.values() for w in ws)]
    return Head(head_id, en, bare, tuple(dict.fromkeys(tuple(name_tokens(w)) for w in wordings)))


def _country_words(country_id: str, ar: Iterable[str], adjectives: Iterable[str], en: str,
                   forms: dict[str, list[str]], other_adjectives: dict[str, list[str]]
                   ) -> CountryWords:
    """A vocabulary country as office phrases read it: Arabic adjectives in both
    genders; the English name and every other-language form as names."""
    def other(first: str | None, by_language: dict[str, list[str]]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*([first] if first else []),
                                    *(w for words in by_language.values() for w in words)]))
    return CountryWords(country_id, tuple(ar), tuple(genders(adjectives)), other(en, forms),
                        other(None, other_adjectives))


class _Head(Protocol):
    """What a head entry of a vocabulary gives (``schema.OfficeHead`` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def en(self) -> str: ...

    @property
    def bare(self) -> bool: ...

    @property
    def ar(self) -> list[str]: ...

    @property
    def forms(self) -> dict[str, list[str]]: ...


def with_vocabulary(countries: Iterable[_Country], heads: Iterable[_Head] = ()
                    ) -> OfficeWords:
    """The packaged modifiers with a registry's merged vocabulary: its countries
    (its own first, then the packaged ones it did not replace), so a country the
    registry declares composes office phrases like a packaged one, and the
    packaged heads plus its own (one with a packaged id replaces that head), so
    a registry of clubs can read مدرب الزمالك once it declares مدرب."""
    words = office_words()
    own = {h.id: _head(h.id, h.en, h.bare, h.ar, h.forms) for h in heads}
    return dataclasses.replace(
        words,
        heads={**words.heads, **own} if own else words.heads,
        countries=tuple(_country_words(c.id, c.ar, c.adjectives, c.en, c.forms,
                                       c.other_adjectives) for c in countries))


@cache
def country_words() -> frozenset[str]:
    """The vocabulary's one-word country names and adjectives, normalised, bare
    and with the article (عمان، عماني، العماني، العمانيه): real words, which the
    matcher never reads as a misspelt name."""
    article = language().definite_article
    out: set[str] = set()
    for country in office_words().countries:
        for text in (*country.names, *country.adjectives):
            words = name_tokens(text)
            if len(words) == 1:
                bare = strip_article(words[0])
                out.update((bare, article + bare))
    return frozenset(out)
