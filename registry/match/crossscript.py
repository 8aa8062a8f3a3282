"""The cross-script block map: which registry tokens a word in the other script
may be, found by skeleton (one dictionary probe per skeleton), never by a scan.

Arabic registry tokens are blocked under their skeletons for Latin queries
(Khalifa → خليفه). Latin registry tokens are blocked too, but only those of
people with no Arabic name at all (an entry imported from a sanctions list): an
Arabic query reaches them the same way (خليفه → khalifa). A person written in
both scripts is already reached through the Arabic tokens.

Each blocked token is then read against the query with
``translit.reading_cost``: only readings under the cost limit count. Typos
follow the Arabic rules: only in long words, only when the word reads as no
registry token, and never when it reads as a listed distinct name (Mahmoud is
never "corrected" to محمد).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from registry.model.records import MAX_TOKEN_CHARS
from registry.names import translit
from registry.names.language import language


class CrossReading(NamedTuple):
    """A registry token a query word in the other script reads as."""

    token: str
    cost: float  # reading cost (a typo adds translit typo_cost)
    typo: bool


def _deletions(key: str) -> set[str]:
    """One-letter deletions of a skeleton; none for one longer than a name word
    may be (n deletions of n letters: one hostile word would cost n²)."""
    if len(key) > MAX_TOKEN_CHARS:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _name_sized(tokens: Iterable[str]) -> Iterator[str]:
    return (token for token in tokens if len(token) <= MAX_TOKEN_CHARS)


class CrossScriptIndex:
    """Skeleton block maps for both directions, and a typo neighbourhood."""

    def __init__(self, arabic_tokens: Iterable[str], latin_tokens: Iterable[str],
                 fuzzy_min_len: int) -> None:
        self.fuzzy_min_len = fuzzy_min_len  # the index's rule: no typos in short words
        self.arabic: dict[str, list[str]] = defaultdict(list)
        self.latin: dict[str, list[str]] = defaultdict(list)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        min_typo = translit.tables().typo_min_length - 1  # skeletons are shorter than words
        # Words longer than a name word may be (possible only for entities built
        # without the schema) are not blocked: up to 64 skeletons each would make
        # one hostile word cost 64 times its length.
        for token in _name_sized(arabic_tokens):
            for key in translit.arabic_skeletons(token):
                self.arabic[key].append(token)
                if len(key) >= min_typo:
                    for shorter in _deletions(key):
                        self._neighbours[shorter].add(token)
        for token in _name_sized(latin_tokens):
            for key in translit.latin_skeletons(token):
                self.latin[key].append(token)
        self.arabic = dict(self.arabic)
        self.latin = dict(self.latin)
        self._neighbours = dict(self._neighbours)
        distinct: dict[str, list[str]] = defaultdict(list)
        for name in language().distinct_names:
            for key in translit.arabic_skeletons(name):
                distinct[key].append(name)
        self._distinct = dict(distinct)

    def readings(self, token: str) -> list[CrossReading]:
        """Registry tokens in the other script that ``token`` reads as, cheapest first."""
        if translit.is_latin(token):
            return self._latin_query(token)
        if translit.is_arabic(token) and self.latin:
            out = []
            for key in translit.arabic_skeletons(token):
                for latin in self.latin.get(key, ()):
                    cost = translit.reading_cost(token, latin)
                    if cost != float("inf"):
                        out.append(CrossReading(latin, cost, False))
            return _best(out)
        return []

    def _latin_query(self, token: str) -> list[CrossReading]:
        keys = translit.latin_skeletons(token)
        out = []
        for key in keys:
            for arabic in self.arabic.get(key, ()):
                cost = translit.reading_cost(arabic, token)
                if cost != float("inf"):
                    out.append(CrossReading(arabic, cost, False))
        if out or translit.latin_word_count(token) < translit.tables().typo_min_length:
            return _best(out)
        if self.spells_distinct_name(token):
            return []
        seen: set[str] = set()
        for key in keys:
            probes = [key, *_deletions(key)]
            for probe in probes:
                seen.update(self.arabic.get(probe, ()))
                seen.update(self._neighbours.get(probe, ()))
        for arabic in seen:
            if len(arabic) < self.fuzzy_min_len:
                continue  # as in Arabic: one letter off a short name is another name
            cost = translit.reading_cost(arabic, token, typos=True)
            if cost != float("inf"):
                out.append(CrossReading(arabic, cost, True))
        return _best(out)

    def spells_distinct_name(self, token: str) -> bool:
        """Whether a Latin word is a spelling of one of the listed distinct names
        (language.yaml), which are never read as another name through a typo."""
        return any(translit.reading_cost(name, token) != float("inf")
                   for key in translit.latin_skeletons(token)
                   for name in self._distinct.get(key, ()))


def _best(readings: list[CrossReading]) -> list[CrossReading]:
    """One reading per registry token (its cheapest), cheapest first."""
    best: dict[str, CrossReading] = {}
    for reading in readings:
        known = best.get(reading.token)
        if known is None or reading.cost < known.cost:
            best[reading.token] = reading
    return sorted(best.values(), key=lambda r: (r.cost, r.token))
