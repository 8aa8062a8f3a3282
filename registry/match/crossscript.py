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
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from registry.model.records import MAX_TOKEN_CHARS
from registry.names import translit
from registry.names.language import language
from registry.names.normalize import kunya_split

if TYPE_CHECKING:
    from registry.match.index import Rows


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


SEP = "\x1f"
ARABIC = "xa"  # rows: xa<skeleton of an Arabic token> -> the Arabic tokens
LATIN = "xl"  # xl<skeleton of a Latin token> -> the Latin tokens
NEAR = "xn"  # xn<a skeleton with one letter deleted> -> the Arabic tokens
COUNTS = "xm"  # xm -> how many Latin skeletons (none: Arabic queries skip the map)


def cross_script_rows(arabic_tokens: Iterable[str], latin_tokens: Iterable[str]
                      ) -> Iterator[tuple[str, bytes]]:
    """The block maps as encoded rows of the name index (``registry.match.index``):
    every Arabic person token, and the Latin tokens of people with no Arabic name."""
    arabic: dict[str, list[str]] = defaultdict(list)
    latin: dict[str, list[str]] = defaultdict(list)
    neighbours: dict[str, set[str]] = defaultdict(set)
    min_typo = translit.tables().typo_min_length - 1  # skeletons are shorter than words
    # Words longer than a name word may be (possible only for entities built
    # without the schema) are not blocked: up to 64 skeletons each would make
    # one hostile word cost 64 times its length.
    for token in _name_sized(arabic_tokens):
        for key in translit.arabic_skeletons(token):
            arabic[key].append(token)
            if len(key) >= min_typo:
                for shorter in _deletions(key):
                    neighbours[shorter].add(token)
    for token in _name_sized(latin_tokens):
        for key in translit.latin_skeletons(token):
            latin[key].append(token)
    for prefix, table in ((ARABIC, arabic), (LATIN, latin)):
        for key, tokens in table.items():
            yield prefix + key, SEP.join(tokens).encode()
    for key, near in neighbours.items():
        yield NEAR + key, SEP.join(sorted(near)).encode()
    yield COUNTS, str(len(latin)).encode()


class _Words:
    """Registry tokens by skeleton: one family of the index's rows, decoded once."""

    def __init__(self, rows: Rows, prefix: str) -> None:
        self._rows = rows
        self._prefix = prefix
        self._seen: dict[str, list[str]] = {}

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the rows of many keys at once (one query in a store): a Latin word
        has several skeletons, and a typo search probes each with its deletions."""
        wanted = [self._prefix + k for k in dict.fromkeys(keys) if k not in self._seen]
        if not wanted:
            return
        found = self._rows.get_many(wanted)
        for key in wanted:
            row = found.get(key)
            self._rows.remember(self._seen, key[len(self._prefix):],
                                row.decode().split(SEP) if row else [])

    def get(self, key: str, default: Sequence[str] = ()) -> Sequence[str]:
        found = self._seen.get(key)
        if found is None:
            row = self._rows.get(self._prefix + key)
            found = row.decode().split(SEP) if row else []
            self._rows.remember(self._seen, key, found)
        return found or default


class CrossScriptIndex:
    """Skeleton block maps for both directions, and a typo neighbourhood, read
    from the name index's rows."""

    def __init__(self, rows: Rows, fuzzy_min_len: int) -> None:
        self.fuzzy_min_len = fuzzy_min_len  # the index's rule: no typos in short words
        self.arabic = _Words(rows, ARABIC)
        self.latin = _Words(rows, LATIN)
        self._neighbours = _Words(rows, NEAR)
        self.has_latin = int(rows.get(COUNTS) or b"0") > 0

    @cached_property
    def _distinct(self) -> dict[str, list[str]]:
        distinct: dict[str, list[str]] = defaultdict(list)
        for name in language().distinct_names:
            for key in translit.arabic_skeletons(name):
                distinct[key].append(name)
        return dict(distinct)

    @cached_property
    def _rivals(self) -> dict[str, list[str]]:
        """The listed distinct names and the Latin look-alikes of translit.yaml,
        by skeleton: the names a Latin word may be the usual spelling of."""
        rivals: dict[str, list[str]] = defaultdict(list)
        for name in language().distinct_names | translit.tables().latin_rivals:
            for key in translit.arabic_skeletons(name):
                rivals[key].append(name)
        return dict(rivals)

    def spells_a_rival(self, arabic: str, latin: str, cost: float) -> str | None:
        """A listed name other than ``arabic`` that ``latin`` spells clearly better
        (by translit's rival_margin): then ``latin`` is that name, not this one
        (Hisham is هشام, not هاشم; Jamil is جميل, not جمال). None when no rival
        reads better, and for readings of the listed names' own spellings. A word
        that is a usual spelling of another listed name and not of this one
        (translit.yaml usual_spellings) is that name whatever the costs."""
        rival = translit.usual_rival(arabic, latin)
        if rival is not None:
            return rival
        margin = translit.tables().rival_margin
        if cost < margin:
            return None
        for key in translit.latin_skeletons(latin):
            for rival in self._rivals.get(key, ()):
                if rival != arabic and translit.reading_cost(rival, latin) + margin <= cost:
                    return rival
        return None

    def readings(self, token: str) -> list[CrossReading]:
        """Registry tokens in the other script that ``token`` reads as, cheapest first."""
        if translit.is_latin(token):
            return self._latin_query(token)
        if translit.is_arabic(token) and self.has_latin:
            out = []
            keys = translit.arabic_skeletons(token)
            self.latin.prefetch(keys)
            for key in keys:
                for latin in self.latin.get(key, ()):
                    cost = translit.reading_cost(token, latin)
                    if cost != float("inf") and not self.spells_a_rival(token, latin, cost):
                        out.append(CrossReading(latin, cost, False))
            return _best(out)
        return []

    def _latin_query(self, token: str) -> list[CrossReading]:
        keys = translit.latin_skeletons(token)
        self.arabic.prefetch(keys)
        out = []
        for key in keys:
            for arabic in self.arabic.get(key, ()):
                cost = translit.reading_cost(arabic, token)
                if (cost != float("inf") and not self.spells_a_rival(arabic, token, cost)
                        and not self._another_compound(arabic, token, typos=False)):
                    out.append(CrossReading(arabic, cost, False))
        if out or translit.latin_word_count(token) < translit.tables().typo_min_length:
            return _best(out)
        if self.spells_distinct_name(token) or translit.usual_name(token):
            return []  # Ubaydullah is عبيد الله, never a misspelt عبد الله
        seen: set[str] = set()
        probes = [probe for key in keys for probe in (key, *_deletions(key))]
        self.arabic.prefetch(probes)
        self._neighbours.prefetch(probes)
        for key in keys:
            for probe in (key, *_deletions(key)):
                seen.update(self.arabic.get(probe, ()))
                seen.update(self._neighbours.get(probe, ()))
        for arabic in seen:
            apart = self._read_apart(arabic, token)
            if apart is not None:  # Abu Iyad: no typo, read as أبو and إياد apart
                out.append(CrossReading(arabic, apart, False))
                continue
            if len(arabic) < self.fuzzy_min_len:
                continue  # as in Arabic: one letter off a short name is another name
            cost = translit.reading_cost(arabic, token, typos=True)
            if cost != float("inf") and not self._another_compound(arabic, token, typos=True):
                out.append(CrossReading(arabic, cost, True))
        return _best(out)

    def _compound_heads(self, prefix: str, word: str) -> list[str]:
        """The Latin spellings of a compound's first half (abu, abou, abd ...)
        that ``word`` starts with, longest first."""
        return [head for head in sorted(translit.tables().compound_prefixes, key=len,
                                        reverse=True)
                if word.startswith(head) and len(word) > len(head)
                and translit.reading_cost(prefix, head) != float("inf")]

    def _read_apart(self, arabic: str, latin: str) -> float | None:
        """The reading cost of a joined compound (ابواياد) read as its two halves
        (Abu + Iyad), when the whole does not read without a typo because the
        halves' vowels meet (abuiyad); None when it does not read so, or reads
        as another name after the prefix."""
        prefix, name = kunya_split(arabic)
        if not prefix:
            return None
        word = translit.latin_letters(latin)
        for head in self._compound_heads(prefix, word):
            rest = word[len(head):]
            cost = translit.reading_cost(name, rest)
            if cost != float("inf") and self.spells_a_rival(name, rest, cost) is None:
                return min(cost + translit.reading_cost(prefix, head),
                           translit.tables().max_cost)
        return None

    def _another_compound(self, arabic: str, latin: str, *, typos: bool) -> bool:
        """Whether a Latin kunya or عبد name spells another name after its prefix
        than the joined Arabic compound has: Abu Omar is أبو عمر, not أبو عمار
        (Omar spells عمر better), and Abu Ziad is no misspelt أبو إياد (the name
        after أبو is short, and Ziad is a listed name). The Arabic side keeps the
        same rules (``NameIndex._same_script``)."""
        prefix, name = kunya_split(arabic)
        if not prefix:
            return False
        word = translit.latin_letters(latin)
        heads = self._compound_heads(prefix, word)
        for head in heads:
            rest = word[len(head):]
            cost = translit.reading_cost(name, rest)
            if cost != float("inf"):
                return self.spells_a_rival(name, rest, cost) is not None
        if typos:
            for head in heads:
                rest = word[len(head):]
                if translit.reading_cost(name, rest, typos=True) != float("inf"):
                    return (len(name) < self.fuzzy_min_len or self.spells_distinct_name(rest)
                            or translit.usual_name(rest))
        return False

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
