"""The candidate index: every name a reader may meet, in forms the resolver can
look up without scanning the registry.

People become *name forms*: token sequences with the slot of each token (given,
father, grandfather, family), derived from their name parts, canonical names and
aliases, so short forms (صدام حفتر) never need listing. Organisations, places and
positions become *phrases*: exact normalised keys. Blocking maps (given name;
family name; given name plus any later token) give a query's candidate forms
with one dictionary probe; a deletion-neighbourhood map gives the
vocabulary tokens one typo away from an unknown token, so fuzzy lookup costs a
few dictionary probes, not a pass over all aliases.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import os
import sqlite3
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from rapidfuzz.distance import OSA

from registry.match.crossscript import CrossScriptIndex, cross_script_rows
from registry.match.strength import (
    Strength,
    alias_strength,
    called_strength,
    called_words_strength,
    family_strength,
    token_strength,
    very_common_reason,
)
from registry.model.records import MAX_NAME_CHARS, MAX_TOKEN_CHARS
from registry.names.frequency import frequency
from registry.names.language import language
from registry.names.normalize import (
    article_variants,
    kunya_case_variants,
    kunya_split,
    name_tokens,
    strip_article,
)
from registry.names.office_words import country_words
from registry.names.translit import is_arabic, is_latin
from registry.names.typos import short_typo_rules

if TYPE_CHECKING:
    from registry.model.schema import Entity, NameParts
    from registry.store.compiled import Store, Writer

# Typos are forgiven only in words this long (normalised letters): in shorter
# ones a single letter usually makes another name (حسن / حسين).
FUZZY_MIN_LEN = 5
MAX_WHOLE_PROBES = 16  # whole-name key probes per query (readings multiply)
# ... and only in words no longer than a name word may be. A word of n letters
# has n one-letter deletions of n letters each: unbounded, one hostile 60,000-
# letter alias or query word costs n² time and memory. Bounded, the
# neighbourhood is at most MAX_TOKEN_CHARS entries per vocabulary word.
FUZZY_MAX_LEN = MAX_TOKEN_CHARS


def _fuzzy(token: str) -> bool:
    return FUZZY_MIN_LEN <= len(token) <= FUZZY_MAX_LEN


class NameForm(NamedTuple):
    """One way a person's name is written, as slotted tokens. (A tuple: a large
    registry has hundreds of thousands, and the index cache loads them fast.)"""

    entity_id: str
    tokens: tuple[str, ...]
    # "given", "father", "grandfather", "ancestor", "family", "nisba", "other", or
    # "called" for a form that only fits whole (the name a person is called by).
    slots: tuple[str, ...]
    label: str  # where it comes from, for explanations
    strength: int = Strength.IDENTIFYING  # a Strength: what the form is worth matched whole
    explicit: bool = False  # written out in the registry (a name or alias), not derived
    why: str = ""  # why the strength is below identifying, for explanations


@dataclass(frozen=True)
class Phrase:
    """A name of an organisation, place or position (or a person's exact alias)."""

    entity_id: str
    text: str
    canonical: bool
    shared: bool
    type: str  # the entity's type: a position phrase names an office


@dataclass(frozen=True)
class TokenMatch:
    """A vocabulary token that a query token stands for."""

    token: str
    fuzzy: bool
    rule: str = ""  # which typo rule, for short words
    cost: float = 0.0  # transliteration reading cost (0 for same-script readings)
    translit: bool = False  # read across scripts (Khalifa for خليفه)


_SLOTS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(tokens: list[str], slots: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The same string and tuple objects for equal tokens and slot patterns:
    memory for a large registry, and the index cache writes each only once."""
    return tuple(sys.intern(t) for t in tokens), _SLOTS.setdefault(slots, slots)


def _structured_form(entity: Entity) -> NameForm | None:
    """The full name from its parts. Particles inside one part stay (a family
    name بن علي or آل ثاني is one name); each part is tokenised alone."""
    parts = entity.name_parts
    if parts is None:
        return None
    tokens: list[str] = []
    slots: list[str] = []
    for slot, text in parts.slots():
        part_tokens = name_tokens(text)
        tokens.extend(part_tokens)
        slots.extend([slot] * len(part_tokens))
    if not tokens:
        return None
    shared_tokens, shared_slots = _shared(tokens, tuple(slots))
    return NameForm(entity.id, shared_tokens, shared_slots, STRUCTURED)


def _whole_form(entity_id: str, tokens: list[str], label: str,
                rated: tuple[Strength, str | None]) -> NameForm:
    """A form that fits only whole: the name the press calls a person by."""
    shared_tokens, shared_slots = _shared(tokens, ("called",) * len(tokens))
    strength, why = rated
    return NameForm(entity_id, shared_tokens, shared_slots, label, strength, why=why or "")


def called_forms(entity_id: str, parts: NameParts) -> list[NameForm]:
    """Short forms derived from name parts that stand alone: the part named by
    ``called_by`` (كباشي, الكباشي, and بن كباشي for a father's name), and a
    family name of several words (آل ثاني, بن علي) as a whole."""
    out: list[NameForm] = []
    if parts.called_by is not None:
        text = getattr(parts, parts.called_by) or ""
        tokens = name_tokens(text)
        if tokens:
            bare = [strip_article(tokens[0]), *tokens[1:]]
            variants = [bare, ["ال" + bare[0], *bare[1:]]]
            if parts.called_by == "father":
                variants += [[p, *bare] for p in sorted(language().nasab_particles - {"بنت"})]
            label = f"called by {parts.called_by} name '{text}'"
            # The bare word alone is lowered if it is any listed common name
            # (سلمان); with ال or بن it is specific unless very common.
            # Several words (قايد صالح, بن علي) are judged whole, not by the last.
            # (A house name declared called-by keeps the word's own strength:
            # validate then warns when two of the house declare it.)
            whole = (called_words_strength(tokens) if len(bare) > 1
                     and tokens[0] != language().house_particle else None)
            out.append(_whole_form(entity_id, bare, label, whole or token_strength(bare[-1])))
            for variant in variants[1:]:
                out.append(_whole_form(entity_id, variant, label,
                                       whole or called_strength(bare[-1])))
    if parts.family:
        family = name_tokens(parts.family)
        if len(family) > 1:  # آل ثاني, بن علي: the particle makes it a family name
            out.append(_whole_form(entity_id, family, f"family name '{parts.family}' alone",
                                   family_strength(family)))
    return out


def _text_form(entity_id: str, text: str, label: str,
               rated: tuple[Strength, str | None] = (Strength.IDENTIFYING, None),
               surnames: frozenset[str] | None = None) -> NameForm | None:
    """A name written out whole (the canonical name, an alias): its first word
    is read as the given name and its last as the family name, unless
    ``surnames`` (the person's family name and nisba from name_parts, without
    ال) says the last word is none of them: محمد الضيف, whose family name is
    المصري, is not called الضيف ("the guest") alone. A middle word that is one
    of them is a family name too (علي الحسيني السيستاني)."""
    tokens = name_tokens(text)
    if not tokens:
        return None
    slots: tuple[str, ...]
    if len(tokens) == 1:
        slots = ("given",)
    else:
        last = "family" if surnames is None or strip_article(tokens[-1]) in surnames else "other"
        middle = ["family" if surnames and strip_article(t) in surnames else "other"
                  for t in tokens[1:-1]]
        slots = ("given", *middle, last)
    shared_tokens, shared_slots = _shared(tokens, slots)
    strength, why = rated
    return NameForm(entity_id, shared_tokens, shared_slots, label, strength, explicit=True,
                    why=why or "")


# Alias kinds that are a by-name, not a name in parts: their words are no given
# name or family name alone (فارس is not فارس المنابر, جهاد is not أم جهاد,
# الثورة is not قائد الثورة), so a by-name of several words fits only whole.
# Written before another name (الكينج محمد منير) or after it, it is split off
# by the resolver; a one-word kunya also fits with the family name after it.
BY_NAME_KINDS = frozenset({"kunya", "laqab", "nickname", "phrase"})


def _by_name_form(entity_id: str, text: str, label: str,
                  rated: tuple[Strength, str | None]) -> NameForm | None:
    """A by-name alias: one word is matched as a one-word name (the whole of
    it); several words only whole."""
    tokens = name_tokens(text)
    if len(tokens) < 2:
        return _text_form(entity_id, text, label, rated)
    form = _whole_form(entity_id, tokens, label, rated)
    return form._replace(explicit=True)


EN_CANONICAL = "canonical name (en)"  # the label of a person's English-name form
STRUCTURED = "name parts"  # the label of the form built from a person's name parts


def person_forms(entity: Entity) -> list[NameForm]:
    """All name forms of a person, structured first, without duplicates."""
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()

    def add(form: NameForm | None, by_name: bool = False) -> None:
        if form is None:
            return
        if form.tokens not in seen:
            seen.add(form.tokens)
            forms.append(form)
        elif by_name:
            # A stage name that is the canonical name (فيروز, ميدو): declared a
            # by-name, it is read as one (alone in running text), not as a
            # one-word name whose word is partial.
            forms[:] = [form if f.tokens == form.tokens and f.label == "canonical name" else f
                        for f in forms]

    add(_structured_form(entity))
    surnames = None
    if entity.name_parts is not None:
        parts = entity.name_parts
        surnames = frozenset(strip_article(t) for text in (parts.family, parts.nisba) if text
                             for t in name_tokens(text))
    canonical = name_tokens(entity.name.ar)
    common = very_common_reason(canonical)
    add(_text_form(entity.id, entity.name.ar, "canonical name",
                   (Strength.SUPPORTING, common) if common else (Strength.IDENTIFYING, None),
                   surnames))
    # The English name is the same name: weighed as the Arabic one is (Omar
    # Abdel-Rahman is عمر عبد الرحمن, two very common names).
    add(_text_form(entity.id, entity.name.en, EN_CANONICAL,
                   (Strength.SUPPORTING, common) if common else (Strength.IDENTIFYING, None)))
    for alias in entity.aliases:
        label = f"alias '{_shown(alias.text)}' ({alias.kind})"
        if alias.kind in BY_NAME_KINDS:
            add(_by_name_form(entity.id, alias.text, label, alias_strength(alias)), True)
        else:
            add(_text_form(entity.id, alias.text, label, alias_strength(alias)))
    if entity.name_parts is not None:
        for form in called_forms(entity.id, entity.name_parts):
            add(form)
        add(_kunya_family_form(entity))
    return forms


def _shown(text: str) -> str:
    """An alias as a label quotes it: cut at the longest name the schema allows
    (only an entity built without the schema has a longer one; each stored copy
    of the form would repeat it)."""
    return text if len(text) <= MAX_NAME_CHARS else text[:MAX_NAME_CHARS] + "…"


def _kunya_family_form(entity: Entity) -> NameForm | None:
    """A kunya followed by the family name (أبو إسراء المالكي، أم جهاد الوزير),
    which writers use like a given name: as strong as the family name alone.
    Only a kunya alone (أبو + a name, joined; أم + a name, two words), not a
    war name that already ends in a laqab."""
    parts = entity.name_parts
    if parts is None or parts.family is None:
        return None
    family = name_tokens(parts.family)
    apart = language().kunya_words_apart
    for alias in entity.aliases:
        kunya = name_tokens(alias.text)
        if alias.kind == "kunya" and family and (
                len(kunya) == 1 or (len(kunya) == 2 and kunya[0] in apart)):
            tokens = [*kunya, *family]
            label = f"kunya '{alias.text}' + family name"
            rated = token_strength(family[-1])
            if len(kunya) > 1:  # no word of it may be dropped: أم الوزير is no kunya
                return _whole_form(entity.id, tokens, label, rated)._replace(explicit=True)
            shared_tokens, shared_slots = _shared(tokens, ("given", *["family"] * len(family)))
            strength, why = rated
            return NameForm(entity.id, shared_tokens, shared_slots, label, strength,
                            explicit=True, why=why or "")
    return None


def family_token(form: NameForm) -> str | None:
    """The family name of a form when it is one token after other names: what a
    query of one word may stand for (السيسي)."""
    where = [i for i, slot in enumerate(form.slots) if slot == "family"]
    if len(where) == 1 and where[0] > 0:
        return form.tokens[where[0]]
    return None


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


# -- the compact form: encoded rows -----------------------------------------------
#
# The index is a table of rows, bytes by key, the same in memory (a dict) and in
# a compiled store (the store's ``ix`` table), decoded on first use and kept.
# The first character of a key says what the row is:
TOKEN = "t"  # t<token>: flags (is it a word of the registry, and what kind)
# A word's postings are rows of their own: most lookups ask only whether a word
# is in the vocabulary, and a common given name starts tens of thousands of forms.
GIVEN_IDS = "i"  # i<token>: the forms it starts (as given name)
FAMILY_IDS = "j"  # j<token>: the forms whose family name it is
PAIR = "p"  # p<given>\x1f<token>: forms with that given name and that later token
WHOLE = "k"  # k<tokens joined by spaces>: forms that are exactly that name
NEAR = "n"  # n<word or a one-letter deletion>: vocabulary tokens a typo away
PHRASE = "h"  # h<normalised key>: the organisations, places, offices it names
PERSON = "P"  # P<ordinal>: one person's entity id and name forms, together
# The forms a probe finds, stored with it: a query reads the forms it fits from
# the rows it probed, not one person row per candidate (a common name's
# candidates are hundreds of people). In chunks of CHUNK forms, in the
# postings' order, read as the fitting reaches them (it stops at MAX_FITS people).
GIVEN_FORMS = "G"  # G<token>\x1f<chunk>: the forms of the token's given postings
FAMILY_FORMS = "F"  # F<token>\x1f<chunk>: the forms of its family postings
PAIR_FORMS = "q"  # q<given>\x1f<token>\x1f<chunk>: the forms of a pair's postings
CHUNK = 64
# Every later word narrows the candidates (a form lacking one cannot fit). A
# list more than this much longer than what is kept is not walked: each kept
# form is looked up in it by binary search instead (``_PairRow``). Narrowing
# never changes an answer, only which forms are decoded and fitted: the fit
# rejects a form lacking a word anyway, and the walk keeps the rarest list's order.
NARROW_RATIO = 16
FEW_FORMS = 2  # forms kept from a chunk that are read from their people's rows instead
# Building: the pair rows of one given name are held while its whole names are
# written (``_alone``), up to this many; a whole name of a given name with more
# is written as not alone (its queries read their pairs, as before).
MAX_HELD_PAIRS = 65_536
MAX_REMEMBERED_HOLDER_SETS = 64  # title holders' ordinals kept per set of holders
# Building: postings spilled to a scratch file every SPILL_EVERY, grouped by
# key suffixes (one character each, sorting after SEP and before any letter).
SPILL_EVERY = 200_000
_GIVEN, _FAMILY = "\x1d", "\x1e"  # t<token><_GIVEN|_FAMILY>
_FIRST, _REST = "\x1d", "\x1e"  # p<given>\x1f<token><_FIRST|_REST>
ORDINAL = "o"  # o<entity id>: the person's ordinal (title holders -> form ids) and name
META = "m"  # m: counts and the longest phrase
# x<a|l|n|m>...: the cross-script maps' rows (registry.match.crossscript)
SEP = "\x1f"
# A form id is the person's ordinal and the form's place among that person's
# forms: the person is read off the id (a shift) without decoding the form, and a
# person's forms are one row, fetched together.
SHIFT = 16
MAX_FORMS = 1 << SHIFT
# Token flags.
PERSON_TOKEN = 1  # in some person's name form
FAMILY_TOKEN = 2  # the family name of some form (family_token)
PHRASE_START = 4  # the first word of some organisation, place or position phrase
GIVEN_TOKEN = 8  # the given name (first token) of some form
_NO_IDS = array("q")


class Rows(Protocol):
    """Where the index's rows live: a dict in memory, or a compiled store."""

    def get(self, key: str) -> bytes | None: ...

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]: ...

    def scan(self, prefix: str) -> Iterator[tuple[str, bytes]]: ...

    def remember(self, cache: dict[Any, Any], key: Any, value: Any) -> Any: ...


class MemoryRows:
    """Rows held in a dict (a registry loaded without a store)."""

    def __init__(self, rows: dict[str, bytes]) -> None:
        self._rows = rows

    def get(self, key: str) -> bytes | None:
        return self._rows.get(key)

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        return {k: self._rows[k] for k in keys if k in self._rows}

    def scan(self, prefix: str) -> Iterator[tuple[str, bytes]]:
        return ((k, self._rows[k]) for k in sorted(self._rows) if k.startswith(prefix))

    def remember(self, cache: dict[Any, Any], key: Any, value: Any) -> Any:
        cache[key] = value
        return value


def _decode_ids(blob: bytes) -> array[int]:
    ids = array("q")
    ids.frombytes(blob)
    return ids


class _PairRow(NamedTuple):
    """A pair's postings: the forms whose family name is the later word, then
    the rest, each run in ascending form id (the order postings are made in), so
    a form is looked up in it by two binary searches, not a set of all."""

    ids: array[int]
    split: int  # where the second run starts

    def __contains__(self, form_id: object) -> bool:
        if type(form_id) is not int:
            return False
        ids, split = self.ids, self.split
        at = bisect_left(ids, form_id, 0, split)
        if at < split and ids[at] == form_id:
            return True
        at = bisect_left(ids, form_id, split)
        return at < len(ids) and ids[at] == form_id


def _ids(rows: list[_PairRow]) -> Iterable[int]:
    """The form ids of some pair rows (one row, for a word with one reading:
    its array itself, no chain to step through)."""
    if len(rows) == 1:
        return rows[0].ids
    return itertools.chain.from_iterable(row.ids for row in rows)


def _encode_pair(ids: array[int], split: int) -> bytes:
    return array("q", [split]).tobytes() + ids.tobytes()


def _decode_pair(row: bytes) -> _PairRow:
    ids = _decode_ids(row)
    split = ids.pop(0)
    return _PairRow(ids, split)


_NO_PAIR = _PairRow(array("q"), 0)


class _WholeRow(NamedTuple):
    """A whole-name row: the forms that are exactly the name, and whether the
    pair rows of its words can add any other (``_alone``)."""

    ids: array[int]
    alone: bool


class _Token(NamedTuple):
    flags: int


class IndexBuilder:
    """Builds the index one entity at a time (a streamed compile feeds it).

    Memory stays small whatever the registry's size: postings (which forms a
    token, a pair or a whole name leads to) and each person's encoded forms are
    spilled, as they come, to a scratch SQLite file in the temporary folder, and
    grouped by SQL (an on-disk sort) when the rows are written. What stays in
    memory is the set of person tokens and the non-person phrases. ``rows`` then
    yields the encoded rows, for a store (``save``) or an index in memory
    (``finish``); the scratch file is removed after.

    Interface agreed with the streamed build: ``add(entity)`` for every entity
    in registry order, then ``save(writer)`` (or ``finish()`` for an index in
    memory). ``add`` reads id, type, names, name parts and aliases only.
    """

    _person: Callable[[int], tuple[str, list[Any], str]]  # a spilled person, while writing

    def __init__(self) -> None:
        self._persons = 0
        self._person_tokens: set[str] = set()
        self._phrases: dict[str, list[tuple[str, str, bool, bool, str]]] = {}
        self._posts: list[tuple[str, int]] = []  # (group key, form id), not yet spilled
        # (ordinal, id, row, canonical name), not yet spilled
        self._people: list[tuple[int, str, bytes, str]] = []
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None
        self._done = False

    def add(self, entity: Entity) -> None:
        """Index one entity's names."""
        if entity.type == "person":
            self._add_person(entity.id, person_forms(entity), entity.name.ar)
            return
        shared = {a.text for a in entity.aliases if a.shared}
        for i, text in enumerate(entity.all_name_texts):
            key = " ".join(name_tokens(text))
            if not key:
                continue
            entries = self._phrases.setdefault(key, [])
            if all(e[0] != entity.id for e in entries):
                entries.append((entity.id, text, i < 2, text in shared, entity.type))

    def _add_person(self, entity_id: str, forms: list[NameForm], name: str) -> None:
        if len(forms) > MAX_FORMS:
            raise ValueError(f"{entity_id}: more than {MAX_FORMS} name forms")
        ordinal = self._persons
        self._persons += 1
        self._people.append((ordinal, entity_id, marshal.dumps(
            [(f.tokens, f.slots, f.label, int(f.strength), f.explicit, f.why) for f in forms]),
            name))
        posts = self._posts
        for k, form in enumerate(forms):
            form_id = (ordinal << SHIFT) | k
            self._person_tokens.update(form.tokens)
            posts.append((WHOLE + " ".join(form.tokens), form_id))
            first = form.tokens[0]
            if form.slots[0] == "called":
                if form.explicit and len(form.tokens) > 1:
                    # A by-name alias fits only whole, but its first and last
                    # words keep the flags the text reader starts and ends a
                    # name on (وزيرة السعادة after a verb), as written names do.
                    posts.append((TOKEN + first + _GIVEN, form_id))
                    posts.append((TOKEN + form.tokens[-1] + _FAMILY, form_id))
                continue  # fits only whole: found through the whole-name key alone
            posts.append((TOKEN + first + _GIVEN, form_id))
            family = family_token(form)
            if family is not None:
                posts.append((TOKEN + family + _FAMILY, form_id))
            for token in set(form.tokens[1:]):
                # the given name's best tier first: a form whose family name is
                # the token fits a two-word query (given + family) best
                posts.append((PAIR + first + SEP + token + (_FIRST if token == family
                                                              else _REST), form_id))
        if len(posts) >= SPILL_EVERY:
            self._spill()

    def _spill(self) -> sqlite3.Connection:
        if self._db is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="registry-index-")
            self._db = sqlite3.connect(os.path.join(self._scratch.name, "spill.db"))
            self._db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                "CREATE TABLE post (key TEXT NOT NULL, form INTEGER NOT NULL);"
                "CREATE TABLE person (ordinal INTEGER PRIMARY KEY, id TEXT NOT NULL,"
                "                     row BLOB NOT NULL, name TEXT);"
                "CREATE TABLE near (variant TEXT NOT NULL, token TEXT NOT NULL);")
        self._db.executemany("INSERT INTO post VALUES (?, ?)", self._posts)
        self._db.executemany("INSERT INTO person VALUES (?, ?, ?, ?)", self._people)
        self._posts, self._people = [], []
        return self._db

    def rows(self) -> Iterator[tuple[str, bytes]]:
        """Every row of the index, encoded (the builder is spent after)."""
        if self._done:
            raise RuntimeError("an IndexBuilder yields its rows once")
        self._done = True
        db = self._spill()
        self._person = functools.lru_cache(maxsize=4096)(functools.partial(_spilled_person, db))
        try:
            yield from self._rows(db)
        finally:
            self._person = _spilled_person_gone
            db.close()
            if self._scratch is not None:
                self._scratch.cleanup()

    def _rows(self, db: sqlite3.Connection) -> Iterator[tuple[str, bytes]]:
        phrase_starts = {key.split(" ", 1)[0] for key in self._phrases}
        vocabulary = set(self._person_tokens)
        for key in self._phrases:
            vocabulary.update(key.split())
        def ranged(low: str) -> Iterator[tuple[str, array[int]]]:
            """The postings of one kind of key (its first character), by key."""
            return _groups(db.execute("SELECT key, form FROM post WHERE key >= ? AND key < ? "
                                      "ORDER BY key, rowid", (low, chr(ord(low) + 1))))

        # Whole names (k) and pairs (p) side by side, one given name at a time: a
        # whole-name row records whether its pairs can list any other form
        # (``_alone``), so a query of that exact name reads no pair row.
        pieces = _pairs_by_given(ranged(PAIR))
        piece = next(pieces, None)
        last = ""
        held: Mapping[str, _PairRow] | None = {}  # the pairs of ``last``; None: not held
        for key, ids in ranged(WHOLE):
            words = key[1:].split(" ")
            if words[0] < last:
                raise AssertionError(f"index build: whole names out of order at {key!r}")
            if words[0] != last:
                last, held = words[0], {}  # no pair row: the pairs keep no form
                while piece is not None and piece[0] <= last:
                    yield from self._pair_rows(piece[0], piece[1])
                    if piece[0] == last:
                        held = piece[1] if piece[2] else None
                    piece = next(pieces, None)
            # with the people's canonical names: a query matching a whole name
            # shows the name without reading the person's ``o`` row (at 1M
            # entities, one more random page of the store per query)
            yield key, marshal.dumps((ids.tobytes(), [self._record(i) for i in ids],
                                      {self._person(i >> SHIFT)[0]: self._person(i >> SHIFT)[2]
                                       for i in ids},
                                      len(words) > 1 and held is not None
                                      and _alone(words[1:], ids, held)))
        while piece is not None:
            yield from self._pair_rows(piece[0], piece[1])
            piece = next(pieces, None)
        grouped = ranged(TOKEN)
        pending = next(grouped, None)
        # Token rows: every vocabulary word's flags, then its given and family
        # postings (every posted word is a person token, so in the vocabulary).
        for token in sorted(vocabulary):
            lists: dict[str, array[int]] = {}
            while pending is not None and pending[0][:-1] == TOKEN + token:
                lists[pending[0][-1]] = pending[1]
                pending = next(grouped, None)
            given = lists.get(_GIVEN, _NO_IDS)
            family = lists.get(_FAMILY, _NO_IDS)
            flags = ((PERSON_TOKEN if token in self._person_tokens else 0)
                     | (FAMILY_TOKEN if family else 0)
                     | (GIVEN_TOKEN if given else 0)
                     | (PHRASE_START if token in phrase_starts else 0))
            yield TOKEN + token, marshal.dumps(flags)
            if given:
                yield GIVEN_IDS + token, given.tobytes()
            if family:
                yield FAMILY_IDS + token, family.tobytes()
            yield from self._records(GIVEN_FORMS + token, given)
            yield from self._records(FAMILY_FORMS + token, family)
        if pending is not None:
            raise AssertionError(f"index build: postings of {pending[0]!r} not written")
        db.executemany("INSERT INTO near VALUES (?, ?)",
                       ((variant, token) for token in vocabulary if _fuzzy(token)
                        for variant in {token, *_deletions(token)}))
        for variant, tokens in itertools.groupby(
                db.execute("SELECT variant, token FROM near ORDER BY variant, token"),
                key=lambda row: row[0]):
            yield NEAR + variant, SEP.join(t for _, t in tokens).encode()
        for key, entries in self._phrases.items():
            yield PHRASE + key, marshal.dumps(entries)
        arabic: set[str] = set()
        latin: set[str] = set()
        for ordinal, entity_id, row, name in db.execute(
                "SELECT ordinal, id, row, name FROM person"):
            yield PERSON + str(ordinal), marshal.dumps((entity_id, marshal.loads(row)))
            yield ORDINAL + entity_id, marshal.dumps((ordinal, name))
            # the cross-script map: Arabic person tokens, and the Latin tokens of
            # people with no Arabic name form at all (registry.match.crossscript)
            words = [t for form in marshal.loads(row) for t in form[0]]
            if any(is_arabic(t) for t in words):
                arabic.update(t for t in words if is_arabic(t))
            else:
                latin.update(t for t in words if is_latin(t))
        meta = {"persons": self._persons, "phrases": len(self._phrases),
                "tokens": len(vocabulary), "person_tokens": len(self._person_tokens),
                "phrase_max_len": max((k.count(" ") + 1 for k in self._phrases), default=0)}
        yield META, marshal.dumps(meta)
        yield from cross_script_rows(sorted(arabic), sorted(latin))

    def _pair_rows(self, given: str, lists: dict[str, _PairRow]) -> Iterator[tuple[str, bytes]]:
        """The pair rows of one given name, with the chunks of their forms."""
        for token, row in lists.items():
            yield PAIR + given + SEP + token, _encode_pair(row.ids, row.split)
            yield from self._records(PAIR_FORMS + given + SEP + token, row.ids)

    def _record(self, form_id: int) -> tuple[Any, ...]:
        """A form as stored: (entity id, tokens, slots, label, strength, explicit, why)."""
        entity_id, forms, _ = self._person(form_id >> SHIFT)
        return (entity_id, *forms[form_id & (MAX_FORMS - 1)])

    def _records(self, prefix: str, ids: array[int]) -> Iterator[tuple[str, bytes]]:
        for n, start in enumerate(range(0, len(ids), CHUNK)):
            yield (f"{prefix}{SEP}{n}",
                   marshal.dumps([self._record(i) for i in ids[start : start + CHUNK]]))

    def finish(self) -> NameIndex:
        """The index in memory (small registries, tests): the same rows as a store."""
        return NameIndex.from_rows(MemoryRows(dict(self.rows())))

    def save(self, writer: Writer) -> None:
        """Write the index into a compiled store, row by row."""
        writer.add_rows(self.rows())


def _spilled_person_gone(ordinal: int) -> tuple[str, list[Any], str]:
    raise RuntimeError("the index builder's scratch file is gone")


def _spilled_person(db: sqlite3.Connection, ordinal: int) -> tuple[str, list[Any], str]:
    """A person's id, encoded forms and canonical name from a builder's scratch
    file (postings name the same people again and again: the builder keeps the
    recent ones)."""
    entity_id, row, name = db.execute("SELECT id, row, name FROM person WHERE ordinal = ?",
                                      (ordinal,)).fetchone()
    return entity_id, marshal.loads(row), name


def _pairs_by_given(grouped: Iterator[tuple[str, array[int]]]
                    ) -> Iterator[tuple[str, dict[str, _PairRow], bool]]:
    """Pair postings (sorted by key) gathered per given name: (given, {later
    word: its pair row}, whether that is all of them), the given names in
    ascending order. A given name with more than MAX_HELD_PAIRS later words
    comes in pieces, each marked not whole (at 1M synthetic entities the
    English "Person <n>" names are a million pairs of one given name)."""
    given = ""
    lists: dict[str, _PairRow] = {}
    pieces = False  # the current given name's pairs were cut into pieces
    for key, ids in grouped:
        first, token = key[len(PAIR):-1].split(SEP)
        if first != given:
            if lists:
                yield given, lists, not pieces
            if first < given:
                raise AssertionError(f"index build: pairs out of order at {key!r}")
            given, lists, pieces = first, {}, False
        row = lists.get(token)
        if row is None:  # family-first (_FIRST) sorts just before the rest (_REST)
            if len(lists) >= MAX_HELD_PAIRS:
                yield given, lists, False
                lists, pieces = {}, True
            lists[token] = _PairRow(ids, len(ids) if key[-1] == _FIRST else 0)
        else:
            lists[token] = _PairRow(row.ids + ids, row.split)
    if lists:
        yield given, lists, not pieces


def _alone(later: list[str], whole: array[int], lists: Mapping[str, _PairRow]) -> bool:
    """Whether a query of exactly this whole name (one reading per word) finds
    no form through its pairs that the whole-name row does not list: the forms
    ``NameIndex._sources`` keeps from the pair rows of the given name with each
    later word are those in all of them, and when every one of them is in the
    whole-name row, the walk after it meets only forms already fitted. Most full
    names are so (a namesake with a longer name is the exception)."""
    rows = []
    for token in set(later):
        row = lists.get(token)
        if row is None:
            return True  # no form with this given name has the word: the pairs keep none
        rows.append(row)
    rows.sort(key=lambda row: len(row.ids))
    own = set(whole)
    rest = [i for i in rows[0].ids if i not in own]
    for row in rows[1:]:
        if not rest:
            break
        rest = [i for i in rest if i in row]
    return not rest


def _groups(rows: Iterable[tuple[str, int]]) -> Iterator[tuple[str, array[int]]]:
    """(key, form ids) of rows sorted by key."""
    for key, members in itertools.groupby(rows, key=lambda row: row[0]):
        yield key, array("q", (form for _, form in members))


class _View:
    """A read-only face of some rows of the index, decoded on first use."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index


class Forms(_View):
    """Name forms by form id: a person's forms are decoded together, once."""

    def __getitem__(self, form_id: int) -> NameForm:
        return self._index.form(form_id)

    def __iter__(self) -> Iterator[NameForm]:
        for key, row in self._index.rows.scan(PERSON):
            yield from self._index.person_forms(int(key[1:]), row)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Postings(_View, Mapping[str, array]):  # type: ignore[type-arg]
    """Forms by their given name (``family=False``) or family name."""

    def __init__(self, index: NameIndex, family: bool) -> None:
        super().__init__(index)
        self._family = family

    def __getitem__(self, token: str) -> array[int]:
        ids = self._index.postings(token, family=self._family)
        if not ids:
            raise KeyError(token)
        return ids

    def __iter__(self) -> Iterator[str]:
        flag = FAMILY_TOKEN if self._family else GIVEN_TOKEN
        for key, row in self._index.rows.scan(TOKEN):
            if marshal.loads(row) & flag:
                yield key[1:]

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Tokens(_View, AbstractSet[str]):
    """The vocabulary (``flag`` 0) or the person tokens (``PERSON_TOKEN``)."""

    def __init__(self, index: NameIndex, flag: int, size: int) -> None:
        super().__init__(index)
        self._flag = flag
        self._size = size

    def __contains__(self, token: object) -> bool:
        found = self._index.token(token) if isinstance(token, str) else None
        return found is not None and (not self._flag or bool(found.flags & self._flag))

    def __iter__(self) -> Iterator[str]:
        for key, row in self._index.rows.scan(TOKEN):
            if not self._flag or marshal.loads(row) & self._flag:
                yield key[1:]

    def __len__(self) -> int:
        return self._size

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)


class Phrases(_View, Mapping[str, list[Phrase]]):
    """Organisation, place and position phrases by normalised key."""

    def __getitem__(self, key: str) -> list[Phrase]:
        found = self._index.phrase(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return (key[1:] for key, _ in self._index.rows.scan(PHRASE))

    def __len__(self) -> int:
        return int(self._index.meta["phrases"])

    def items(self) -> list[tuple[str, list[Phrase]]]:  # type: ignore[override]
        """Every phrase, read in one pass (the office reader lists them all on
        first use): not one probe per key."""
        return [(key[1:], self._index.remember_phrase(key, row))
                for key, row in self._index.rows.scan(PHRASE)]

    def values(self) -> list[list[Phrase]]:  # type: ignore[override]
        return [found for _, found in self.items()]


class NameIndex:
    """Name forms with blocking maps, phrase keys, and a typo neighbourhood,
    read from encoded rows (``IndexBuilder``), in memory or in a store."""

    rows: Rows

    def __init__(self, entities: Iterable[Entity]) -> None:
        builder = IndexBuilder()
        for entity in entities:
            builder.add(entity)
        self._attach(MemoryRows(dict(builder.rows())))

    @classmethod
    def from_rows(cls, rows: Rows) -> NameIndex:
        index = cls.__new__(cls)
        index._attach(rows)
        return index

    @classmethod
    def open(cls, store: Store) -> NameIndex:
        """The index of a compiled store, read row by row as lookups need it."""
        return cls.from_rows(store.rows())

    def save(self, writer: Writer) -> None:
        """Write this index's rows into a compiled store."""
        writer.add_rows(self.rows.scan(""))

    def _attach(self, rows: Rows) -> None:
        self.rows = rows
        self._tokens: dict[str, _Token | None] = {}
        self._holders: dict[frozenset[str], frozenset[int]] = {}
        self._people: dict[int, list[NameForm]] = {}
        self._forms: dict[int, NameForm] = {}  # forms read with a probe's rows
        self._found: dict[int, tuple[Any, ...]] = {}  # ... not yet made NameForms
        self._names: dict[str, str] = {}  # canonical names read with whole-name rows
        self._cache: dict[str, Any] = {}
        meta = rows.get(META)
        if meta is None:
            raise ValueError("no index in these rows")
        self.meta: dict[str, int] = marshal.loads(meta)
        self.phrase_max_len: int = self.meta["phrase_max_len"]
        self.forms = Forms(self)
        self.by_given = Postings(self, family=False)
        self.by_family = Postings(self, family=True)
        self.phrases = Phrases(self)
        self.vocabulary = Tokens(self, 0, self.meta["tokens"])
        self.person_tokens = Tokens(self, PERSON_TOKEN, self.meta["person_tokens"])
        self.cross = CrossScriptIndex(rows, FUZZY_MIN_LEN)

    @functools.cached_property
    def _distinct(self) -> frozenset[str]:
        """Words that are real names or words themselves: never read as a typo
        of another. The vocabulary's one-word country names and adjectives are
        among them: العماني ("the Omani") is no misspelt العثماني (Othmani)."""
        return (language().distinct_names | frozenset(frequency().tiers)
                | country_words())

    # -- rows, decoded once ------------------------------------------------------

    def token(self, token: str) -> _Token | None:
        """A vocabulary token's row (None: not in the vocabulary)."""
        try:
            return self._tokens[token]
        except KeyError:
            pass
        row = self.rows.get(TOKEN + token)
        found = None if row is None else _Token(marshal.loads(row))
        return self.rows.remember(self._tokens, token, found)  # type: ignore[no-any-return]

    def read_tokens(self, tokens: Iterable[str]) -> None:
        """Read the rows of these words not read yet in one query (a query's
        words are known at once: one round trip instead of one per word)."""
        wanted = [t for t in dict.fromkeys(tokens) if t not in self._tokens]
        if len(wanted) < 2:
            return
        found = self.rows.get_many([TOKEN + t for t in wanted])
        for token in wanted:
            row = found.get(TOKEN + token)
            self.rows.remember(self._tokens, token,
                               None if row is None else _Token(marshal.loads(row)))

    def postings(self, token: str, *, family: bool) -> array[int]:
        """The forms a word starts (as given name) or ends (as family name)."""
        found = self.token(token)
        if found is None or not found.flags & (FAMILY_TOKEN if family else GIVEN_TOKEN):
            return _NO_IDS
        ids: array[int] | None = self._row((FAMILY_IDS if family else GIVEN_IDS) + token,
                                           _decode_ids)
        return ids or _NO_IDS

    def person_forms(self, ordinal: int, row: bytes | None = None) -> list[NameForm]:
        """One person's name forms (decoded from its row once)."""
        found = self._people.get(ordinal)
        if found is None:
            if row is None:
                row = self.rows.get(PERSON + str(ordinal))
                if row is None:
                    raise KeyError(ordinal)
            entity_id, forms = marshal.loads(row)
            found = [_form((entity_id, *form)) for form in forms]
            self.rows.remember(self._people, ordinal, found)
        return found

    def form(self, form_id: int) -> NameForm:
        """A name form by id: from the rows a probe read it with, else from its
        person's row."""
        found = self._forms.get(form_id)
        if found is None:
            record = self._found.pop(form_id, None)
            if record is None:
                return self.person_forms(form_id >> SHIFT)[form_id & (MAX_FORMS - 1)]
            found = self._forms[form_id] = _form(record)
        return found

    def _with_forms(self, prefix: str, ids: array[int], keep: AbstractSet[int] | None = None
                    ) -> Iterator[int]:
        """Form ids (those in ``keep`` when given), their forms read chunk by
        chunk as the iteration reaches them; a chunk with none kept is skipped."""
        for n, start in enumerate(range(0, len(ids), CHUNK)):
            chunk = ids[start : start + CHUNK]
            if keep is not None:
                chunk = array("q", [i for i in chunk if i in keep])
                if not chunk:
                    continue
            key = f"{prefix}{SEP}{n}"
            if key not in self._cache and (keep is None or len(
                    [i for i in chunk if i not in self._forms and i not in self._found])
                    > FEW_FORMS):
                # A few forms not read yet come from their people's rows (``form``):
                # fewer bytes than a chunk of CHUNK forms.
                row = self.rows.get(key)
                if row is not None:
                    self._found.update(zip(ids[start : start + CHUNK], marshal.loads(row),
                                           strict=True))
                self.rows.remember(self._cache, key, True)
            yield from chunk

    def _row(self, key: str, decode: Callable[[bytes], Any]) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            pass
        row = self.rows.get(key)
        return self.rows.remember(self._cache, key, None if row is None else decode(row))

    def remember_phrase(self, row_key: str, row: bytes) -> list[Phrase]:
        """A phrase row read by a scan, kept like one read by a probe."""
        found = self._cache.get(row_key)
        if found is None:
            found = self.rows.remember(self._cache, row_key, _decode_phrases(row))
        return found  # type: ignore[no-any-return]

    def starts_phrase(self, word: str) -> bool:
        """Whether some organisation, place or position phrase starts with this word."""
        found = self.token(word)
        return found is not None and bool(found.flags & PHRASE_START)

    def phrase(self, key: str) -> list[Phrase] | None:
        """The phrases with this normalised key (None: no phrase)."""
        if not self.starts_phrase(key.split(" ", 1)[0]):
            return None  # no phrase starts with this word: no probe
        return self._row(PHRASE + key, _decode_phrases)  # type: ignore[no-any-return]

    def _prefetch(self, keys: list[str]) -> None:
        """Read the rows of these whole-name and pair keys not read yet in one
        query (a query's probes are known once its words are read: one round
        trip instead of one per probe)."""
        wanted = [k for k in keys if k not in self._cache]
        if len(wanted) < 2:
            return
        found = self.rows.get_many(wanted)
        for key in wanted:
            row = found.get(key)
            decode = self._decode_whole if key.startswith(WHOLE) else _decode_pair
            self.rows.remember(self._cache, key, None if row is None else decode(row))

    def _pair(self, given: str, token: str) -> _PairRow:
        found: _PairRow | None = self._row(PAIR + given + SEP + token, _decode_pair)
        return found or _NO_PAIR

    def is_whole_name(self, tokens: list[str]) -> bool:
        """Whether some person has a name form that is exactly these words."""
        return self._whole(" ".join(tokens)) is not None

    def _whole(self, key: str) -> _WholeRow | None:
        return self._row(WHOLE + key, self._decode_whole)  # type: ignore[no-any-return]

    def _decode_whole(self, row: bytes) -> _WholeRow:
        blob, records, names, alone = marshal.loads(row)
        ids = _decode_ids(blob)
        self._found.update(zip(ids, records, strict=True))
        self._names.update(names)
        return _WholeRow(ids, alone)

    def _near(self, variant: str) -> list[str]:
        found: list[str] | None = self._row(NEAR + variant, _decode_words)
        return found or []

    # -- lookups -------------------------------------------------------------------

    def offices(self, key: str) -> list[str]:
        """Ids of the positions a normalised phrase names."""
        return [p.entity_id for p in self.phrase(key) or () if p.type == "position"]

    def token_matches(self, token: str, *, article_free: bool = False) -> list[TokenMatch]:
        """Vocabulary tokens a query token stands for: itself, the same word with
        or without ال (family names, when ``article_free``), or one typo away;
        and the registry tokens in the other script it reads as."""
        out = self._same_script(token, article_free)
        seen = {m.token for m in out}
        out += [TokenMatch(r.token, r.typo, cost=r.cost, translit=True)
                for r in self.cross.readings(token) if r.token not in seen]
        return out

    def _same_script(self, token: str, article_free: bool) -> list[TokenMatch]:
        out: list[TokenMatch] = []
        if self.token(token) is not None:
            out.append(TokenMatch(token, False))
        if article_free:
            out += [TokenMatch(v, False) for v in article_variants(token)
                    if self.token(v) is not None]
        out += [TokenMatch(v, False) for v in kunya_case_variants(token)
                if self.token(v) is not None]
        if out or token in self._distinct or len(token) > FUZZY_MAX_LEN:
            return out
        prefix, name = kunya_split(token)
        if name in self._distinct:
            return out  # أبو عمر: عمر is a name of its own, not a misspelt عمار
        out += self._short_typos(name, prefix)
        if len(name) < FUZZY_MIN_LEN:
            return out
        seen: set[str] = {m.token for m in out}
        for variant in sorted({token, *_deletions(token)}):
            for candidate in self._near(variant):
                if candidate in seen:
                    continue
                seen.add(candidate)
                if (kunya_split(candidate)[0] == prefix
                        and OSA.distance(token, candidate, score_cutoff=1) <= 1):
                    out.append(TokenMatch(candidate, True))
        return out

    def _short_typos(self, name: str, prefix: str = "") -> list[TokenMatch]:
        """Vocabulary words a short name is a slip for, under the short-word
        rules (registry.names.typos); never from one listed name to another.
        ``prefix`` is the compound's first half (ابو), written before each."""
        return [TokenMatch(prefix + variant, True, rule)
                for variant, rule in short_typo_rules().variants(name).items()
                if self.token(prefix + variant) is not None]

    def candidate_forms(self, query: list[list[TokenMatch]],
                        holders: AbstractSet[str] | None = None,
                        ordinals: AbstractSet[int] | None = None) -> Iterator[int]:
        """Forms that can fit a query, best tier first: whole-name matches; then
        for one word, forms with it as given or family name; for more, forms with
        its given name and its rarest later word that also hold every other
        later word. May repeat a form.

        A form lacking one of the query's later words cannot fit it (each must
        be matched in order), so the rarest word's forms are kept only when the
        (given, word) postings of every other word list them too: a full name
        is fitted against its own form and its namesakes', not against every
        person sharing its given name and one rare word. Chunks of forms with
        none kept are not even read.

        With ``holders`` (entity ids: the holders of a title the query carries),
        their forms come first, then every candidate: title evidence can single
        one out before the fitting stops. They are picked from the candidates'
        ids (the person is read off a form id), so no form is decoded to filter.
        ``ordinals``: the holders' ordinals, as the timeline keeps them
        (``Timeline.holder_ordinals``). Without them they are read from the
        holders' rows and remembered per set of holders (a title's holders
        recur across queries: at 300k a rank has ~10k holders, and the other
        way, decoding every candidate form of محمد + a common family name to
        read its person, cost 6 ms a query).
        """
        sources, keep = self._sources(query)
        if holders:
            ids = [i for prefix, found in sources for i in found
                   if keep is None or not prefix or i in keep]
            if ordinals is not None or isinstance(holders, frozenset) or len(holders) <= len(ids):
                if ordinals is None:
                    ordinals = (self._holder_ordinals(holders) if isinstance(holders, frozenset)
                                else self._ordinals(holders))
                # the holders' forms with the chunks they sit in, as the walk
                # below reads them: a chunk holding more than FEW_FORMS of them
                # is one row, not one person row per holder (at 1M entities each
                # is a random page of the store)
                for prefix, found in sources:
                    if not prefix:
                        yield from (i for i in found if i >> SHIFT in ordinals)
                    else:
                        yield from self._with_forms(prefix, found, {
                            i for i in found if (keep is None or i in keep)
                            and i >> SHIFT in ordinals})
            else:  # a few candidates: their own people are fewer to look up
                yield from (i for i in self._walk(sources, keep)
                            if self.entity_of(i) in holders)
        yield from self._walk(sources, keep)

    def _holder_ordinals(self, holders: frozenset[str]) -> AbstractSet[int]:
        found = self._holders.get(holders)
        if found is None:
            if len(self._holders) >= MAX_REMEMBERED_HOLDER_SETS:
                self._holders.clear()
            found = self._holders[holders] = frozenset(self._ordinals(holders))
        return found

    def _walk(self, sources: list[tuple[str, array[int]]], keep: AbstractSet[int] | None
              ) -> Iterator[int]:
        for prefix, ids in sources:
            yield from self._with_forms(prefix, ids, keep) if prefix else ids

    def _sources(self, query: list[list[TokenMatch]]
                 ) -> tuple[list[tuple[str, array[int]]], AbstractSet[int] | None]:
        """Postings to walk, in order, each with the prefix of the rows holding
        its forms (empty: the forms came with the postings); and the form ids
        the prefixed postings are narrowed to (None: all of them)."""
        readings = [[m.token for m in matches] for matches in query]
        sources: list[tuple[str, array[int]]] = []
        combos = [" ".join(c) for c in itertools.islice(itertools.product(*readings),
                                                         MAX_WHOLE_PROBES)]
        if len(combos) == 1 and len(query) > 1:
            # One reading per word: when the whole-name row says its pairs keep
            # no other form (``_alone``), they would add only forms fitted
            # already, and are not read.
            found = self._whole(combos[0])
            if found is not None and found.alone:
                return [("", found.ids)], None
        self._prefetch([WHOLE + c for c in combos]
                       + [PAIR + f + SEP + t for f in readings[0] for later in readings[1:]
                          for t in later])
        # Whole-name keys for each reading of the query (a few: the word as
        # written, with or without ال, a typo); forms that fit only whole (the
        # name a person is called by) are found here alone.
        for combo in combos:
            whole = self._whole(combo)
            if whole is not None and whole.ids:
                sources.append(("", whole.ids))
        if len(query) == 1:
            for match in query[0]:
                if self.token(match.token) is not None:
                    sources.append((GIVEN_FORMS + match.token,
                                    self.postings(match.token, family=False)))
                    sources.append((FAMILY_FORMS + match.token,
                                    self.postings(match.token, family=True)))
            return sources, None
        # Rarest word first: probe with the later word whose (given, word) lists
        # are shortest; the other later words narrow what it lists.
        postings = [[self._pair(f.token, m.token) for f in query[0] for m in matches]
                    for matches in query[1:]]
        sizes = [sum(len(row.ids) for row in rows) for rows in postings]
        rarest = min(range(len(sizes)), key=sizes.__getitem__)
        pairs = itertools.product(query[0], query[1 + rarest])  # the order of postings[rarest]
        sources += [(PAIR_FORMS + first.token + SEP + match.token, row.ids)
                    for (first, match), row in zip(pairs, postings[rarest], strict=True)]
        if len(postings) == 1 or not sizes[rarest]:
            return sources, None
        keep: set[int] = set(_ids(postings[rarest]))
        for n in sorted(range(len(sizes)), key=sizes.__getitem__):
            if n == rarest or not keep:
                continue
            if sizes[n] > NARROW_RATIO * len(keep):
                # a few kept forms against a long list: each is looked up in it
                keep = {i for i in keep if any(i in row for row in postings[n])}
            else:
                keep = keep.intersection(_ids(postings[n]))
        return sources, keep

    def entity_of(self, form_id: int) -> str:
        """The entity id of a form (from rows already read when it can)."""
        found = self._forms.get(form_id)
        if found is not None:
            return found.entity_id
        record = self._found.get(form_id)
        if record is not None:
            return str(record[0])
        return self.form(form_id).entity_id

    def _ordinals(self, entity_ids: AbstractSet[str]) -> set[int]:
        return {row[0] for row in self._people_rows(entity_ids).values() if row is not None}

    def person_names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """The canonical (Arabic) names of these people, read in one query: a
        candidate list shows names without unpickling each candidate's whole
        entity. Ids that are not people are left out. Names that came with a
        whole-name row are not read again."""
        known = self._names
        out: dict[str, str] = {}
        rest: list[str] = []
        for e in entity_ids:
            name = known.get(e)
            if name is None:
                rest.append(e)
            else:
                out[e] = name
        if rest:
            found = self._people_rows(rest)
            out.update((e, row[1]) for e, row in found.items() if row is not None)
        return out

    def _people_rows(self, entity_ids: Iterable[str]) -> dict[str, tuple[int, str] | None]:
        """(ordinal, canonical name) of each id (None: not a person)."""
        wanted = list(dict.fromkeys(entity_ids))
        keys = [ORDINAL + e for e in sorted(wanted) if ORDINAL + e not in self._cache]
        if keys:
            if len(keys) > 1:
                found = self.rows.get_many(keys)
            else:  # one key: a plain probe (a statement SQLite has already prepared)
                one = self.rows.get(keys[0])
                found = {} if one is None else {keys[0]: one}
            for key in keys:
                row = found.get(key)
                self.rows.remember(self._cache, key, None if row is None else
                                   tuple(marshal.loads(row)))
        return {e: self._cache[ORDINAL + e] for e in wanted}


def _form(record: tuple[Any, ...]) -> NameForm:
    entity_id, tokens, slots, label, strength, explicit, why = record
    return NameForm(entity_id, tokens, _SLOTS.setdefault(slots, slots), label, strength,
                    explicit, why)


def _decode_phrases(row: bytes) -> list[Phrase]:
    return [Phrase(*entry) for entry in marshal.loads(row)]


def _decode_words(row: bytes) -> list[str]:
    return row.decode().split(SEP)
