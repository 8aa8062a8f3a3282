"""Office phrases composed from the registry: a head and a body, however written.

A position is an office head (data/offices.yaml: رئيس الأركان, وزير الدفاع ...)
and an organisation. Writers combine any wording of the head with any name,
short name or adjective of the organisation or its country, in either
construct order, with a trailing nationality adjective and a clitic on the first
word:

    رئيس أركان حرب القوات المسلحة المصرية   head + organisation (construct)
    القائد العام للجيش الليبي               head + ل + another name of the body
    رئيس الأركان المصري                     head + the country's adjective
    وزير الدفاع والإنتاج الحربي المصري      head wording + adjective

Listing every phrasing in the registry does not scale and misses most of them,
so phrases are read here instead: the head, then names of bodies or places and
adjectives, then modifiers (السابق, الحالي ...) that say which holder is meant.
A position's own names and aliases are read the same way (an exact phrase may
be followed by an adjective or a modifier too).

An adjective in office position is always read as the adjective: in رئيس
الوزراء المصري, المصري is Egypt, not a person of that family name. A head with
no body named (وزير الدفاع) is *bare*: the reading lists every office with that
head, and the caller must let the article's context decide or answer ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from registry.names.language import language
from registry.names.normalize import name_tokens, strip_article
from registry.names.office_words import CountryWords, OfficeWords, office_words

if TYPE_CHECKING:
    from registry.model.schema import Entity

MAX_BODY_REFERENCES = 3  # e.g. organisation + country adjective (+ one more adjective)
MAX_ANCESTRY = 16  # part_of chains deeper than this are cut (bad data, not a hang)
MAX_LEADS = 65_536  # words whose possible office starts are remembered (then forgotten)


@dataclass(frozen=True)
class OfficeReading:
    """An office phrase found at some token position."""

    first: int  # token index of its first word
    end: int  # one past its last word
    head: str | None  # head id; None when read from a position's own name
    bodies: tuple[str, ...]  # organisations and places the phrase names
    positions: tuple[str, ...]  # the offices it can mean
    modifiers: tuple[str, ...]  # modifier kinds (former, current ...)
    bare: bool  # no body named: the article must say which office
    how: str  # the explanation
    core_end: int = -1  # one past its last word before trailing modifiers

    def __post_init__(self) -> None:
        if self.core_end < 0:
            object.__setattr__(self, "core_end", self.end)

    @property
    def length(self) -> int:
        return self.end - self.first


def _clitic_readings(word: str, clitics: tuple[str, ...] = ("ل", "ب")) -> list[str]:
    """The word, and what it is after a clitic (للجيش = ل + الجيش): a body
    takes ل or ب; the first word of an office any proclitic (بوزير, وللقائد)."""
    out = [word]
    for clitic in clitics:
        rest = word[len(clitic):]
        if word.startswith(clitic) and len(rest) >= 2:
            out.append(rest)
            if clitic.endswith("ل") and rest.startswith("ل"):
                out.append("ا" + rest)
    return out


# A table entry: a form's words and the id of what it names (a head, a body, an office).
_Option = tuple[tuple[str, ...], str]


class OfficeTables:
    """What the office reader reads, built from the registry once: wordings of
    heads, names of bodies and places, positions' own names, adjectives. It
    holds no entity, so a compiled store keeps it as rows (``Writer.add_object``:
    each table becomes keyed rows, read only where a phrase looks) and opening
    a store never rebuilds it; a registry in memory builds it on first use.

    Forms are keyed by their first two words, ``(first, second)``, or
    ``(first,)`` for one-word forms, each list longest first; ``*_first`` are
    the first words (a word not among them starts no form)."""

    words: OfficeWords
    heads: Mapping[tuple[str, ...], list[_Option]]
    heads_first: AbstractSet[str]
    bodies: Mapping[tuple[str, ...], list[_Option]]
    bodies_first: AbstractSet[str]
    own: Mapping[tuple[str, ...], list[_Option]]
    own_first: AbstractSet[str]
    adjectives: Mapping[str, set[str]]  # adjective word (with and without ال) -> entities
    by_head: Mapping[str, list[str]]  # head id -> positions with that head
    # head id -> positions that list no heads but whose own name is a wording of
    # that head followed by bodies: (position, the first body its name names)
    inferred: Mapping[str, list[tuple[str, tuple[str, ...]]]]
    foreign: AbstractSet[str]  # other countries' names and adjectives
    latin_leads: AbstractSet[str]  # Latin words an English phrase may start with
    first_words: AbstractSet[str]  # words a head wording or a position's name starts with
    max_words: int

    # Kept as rows whatever their number of keys: a synthetic 1M registry has
    # two dozen (first, second) pairs, each with hundreds of offices.
    KEYED = frozenset({"heads", "bodies", "own", "adjectives", "by_head"})


class _Entry(NamedTuple):
    """One entity's part of the tables (``OfficeBuilder.add``)."""

    id: str
    own: bool  # a position (its names are office phrases), else a body or place
    heads: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]  # its names, as token tuples
    adjectives: tuple[str, ...]  # adjective words without ال
    keys: frozenset[str]  # a place's name keys: which vocabulary country it is


class OfficeBuilder:
    """Builds ``OfficeTables`` entity by entity (a streamed compile feeds every
    entity in registry order; people and other types are skipped). The tables
    come out the same whatever order entities were added in: ``tables`` reads
    them in id order. Which vocabulary country a place is, is decided there too:
    a streamed file's own vocabulary may come after its entities."""

    def __init__(self, words: OfficeWords | None = None) -> None:
        self.words = words or office_words()
        self._entries: list[_Entry] = []

    def add(self, entity: Entity) -> None:
        """Take one entity's names, short names, adjectives and heads."""
        if entity.type not in ("position", "organization", "place"):
            return
        if not any(name_tokens(t) for t in entity.all_name_texts):
            return  # the name index files it under no phrase: no office names it
        # English names too (Government of Saudi Arabia, King of Saudi Arabia):
        # wire copy composes offices from them as Arabic does from the Arabic ones.
        texts = [entity.name.ar, *(a.text for a in entity.aliases if a.lang == "ar"),
                 *entity.short_names,
                 *([entity.name.en] if entity.name.en else []),
                 *(a.text for a in entity.aliases if a.lang == "en")]
        forms = (tuple(name_tokens(text)) for text in texts)
        keys = frozenset(" ".join(name_tokens(t)) for t in texts) if entity.type == "place" \
            else frozenset()
        self._entries.append(_Entry(
            entity.id, entity.type == "position", tuple(entity.heads),
            tuple(dict.fromkeys(f for f in forms if f)), _adjective_words(entity.adjectives),
            keys))

    def _country(self, entry: _Entry) -> CountryWords | None:
        """The vocabulary country a registry place is: the same id, or one of its
        Arabic names. Its adjectives then need not be repeated in the registry."""
        if not entry.keys:
            return None
        for country in self.words.countries:
            if country.id == entry.id or entry.keys & {
                    " ".join(name_tokens(n)) for n in (*country.names, *country.other_names)}:
                return country
        return None

    def _with_country(self, entry: _Entry, country: CountryWords) -> _Entry:
        """A place's entry with its vocabulary country's names and adjectives."""
        forms = (tuple(name_tokens(text)) for text in (*country.names, *country.other_names))
        return entry._replace(
            forms=tuple(dict.fromkeys((*entry.forms, *(f for f in forms if f)))),
            adjectives=entry.adjectives + _adjective_words(
                (*country.adjectives, *country.other_adjectives)))

    def tables(self, words: OfficeWords | None = None) -> OfficeTables:
        """The tables of every entity added; ``words``: the heads and countries
        to read them with (a registry's merged vocabulary countries, see
        ``with_vocabulary``), else those the builder was made with."""
        if words is not None:
            self.words = words
        heads: dict[str, list[_Option]] = defaultdict(list)
        for head in self.words.heads.values():
            for form in head.forms:
                heads[form[0]].append((form, head.id))
        bodies: dict[str, list[_Option]] = defaultdict(list)
        own: dict[str, list[_Option]] = defaultdict(list)
        adjectives: dict[str, set[str]] = defaultdict(set)
        by_head: dict[str, list[str]] = defaultdict(list)
        claimed: set[str] = set()  # vocabulary countries some registry place is
        article = language().definite_article
        for entry in sorted(self._entries):  # ids are unique: in id order
            for head_id in entry.heads if entry.own else ():
                by_head[head_id].append(entry.id)
            target = own if entry.own else bodies
            country = self._country(entry)
            if country is not None:  # the vocabulary's names and adjectives
                claimed.add(country.id)
                entry = self._with_country(entry, country)
            for bare in entry.adjectives:
                adjectives[bare].add(entry.id)
                adjectives[article + bare].add(entry.id)
            for tokens in entry.forms:
                target[tokens[0]].append((tokens, entry.id))
        # Names and adjectives of the vocabulary's other countries: a head followed
        # by one (وزير الخارجية الأمريكي) is that country's office, which the
        # registry does not hold; it is never a bare head for the article to settle.
        foreign: set[str] = set()
        for other in self.words.countries:
            if other.id in claimed:
                continue
            for text in (*other.adjectives, *other.names):
                words_of = name_tokens(text)
                if len(words_of) == 1:
                    bare = strip_article(words_of[0])
                    foreign.update((bare, article + bare))
            for text in (*other.other_adjectives, *other.other_names):
                words_of = name_tokens(text)  # the United States: "states"
                if words_of:
                    foreign.add(words_of[-1])
        inferred = _inferred_heads(self._entries, heads, bodies, adjectives)
        out = OfficeTables()
        out.words = self.words
        out.heads, out.heads_first = _by_two(heads)
        out.bodies, out.bodies_first = _by_two(bodies)
        out.own, out.own_first = _by_two(own)
        out.adjectives = dict(adjectives)
        out.by_head = dict(by_head)
        out.inferred = inferred
        out.foreign = foreign
        # English puts the country first (the Saudi foreign minister, Egypt's
        # president): a Latin adjective, body name or modifier may start a phrase.
        out.latin_leads = frozenset(
            word for word in (*out.bodies_first, *adjectives, *self.words.modifiers)
            if _latin(word))
        out.first_words = (out.heads_first | out.own_first | out.latin_leads
                           | {words_before[0] for words_before, _ in self.words.before}
                           | self.words.counterparts
                           | {plural[0] for plural in self.words.plurals})
        # The longest head wording, body name or position name, in words: how far
        # a reading may look past one part of a phrase (annotate's lookahead).
        out.max_words = max((len(form) for table in (heads, bodies, own)
                             for options in table.values() for form, _ in options), default=0)
        return out


def _inferred_heads(entries: Iterable[_Entry], heads: Mapping[str, list[_Option]],
                    bodies: Mapping[str, list[_Option]], adjectives: Mapping[str, set[str]]
                    ) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Heads of positions that list none, read off their own names.

    A maintainer who writes a position as "وزير الداخلية السعودي" or "رئيس مجلس
    الوزراء الإماراتي" without ``heads:`` means an interior minister and a prime
    minister; the name alone would only match as written, and رئيس الوزراء
    الإماراتي would be nobody. When a name is a head's wording followed only by
    names and adjectives of bodies, the position takes that head, but only
    together with the first body its name names: رئيس مجلس النواب اللبناني is
    read as president + parliament, so it answers رئيس البرلمان اللبناني and
    never الرئيس اللبناني, which names the president of the republic."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for entry in sorted(entries):
        if not entry.own or entry.heads:
            continue
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for form in entry.forms:
            head = max(((len(words), head_id) for words, head_id in heads.get(form[0], ())
                        if len(words) < len(form) and form[: len(words)] == words),
                       default=None)
            if head is None:
                continue
            named = _names_of_bodies(form[head[0]:], bodies, adjectives)
            if named and (head[1], named[0]) not in seen:
                seen.add((head[1], named[0]))
                out[head[1]].append((entry.id, named[0]))
    return dict(out)


def _names_of_bodies(words: tuple[str, ...], bodies: Mapping[str, list[_Option]],
                     adjectives: Mapping[str, set[str]]) -> list[tuple[str, ...]]:
    """The bodies and places ``words`` name, in order, when they name nothing
    else (each a sorted tuple of ids: a name several entities bear); else []."""
    out: list[tuple[str, ...]] = []
    k = 0
    while k < len(words):
        best: tuple[int, set[str]] = (0, set())
        for reading in _clitic_readings(words[k]):
            for form, entity_id in bodies.get(reading, ()):
                n = len(form)
                if n < best[0] or k + n > len(words) or words[k + 1 : k + n] != form[1:]:
                    continue
                best = (n, best[1] | {entity_id}) if n == best[0] else (n, {entity_id})
        if best[0]:
            out.append(tuple(sorted(best[1])))
            k += best[0]
        elif words[k] in adjectives:
            out.append(tuple(sorted(adjectives[words[k]])))
            k += 1
        else:
            return []
    return out


def _latin(word: str) -> bool:
    """A word of Latin script (English word order applies to it)."""
    return word.isascii() and word.isalpha()


def _adjective_words(adjectives: Iterable[str]) -> tuple[str, ...]:
    """Adjective words without ال, as the tables file them."""
    return tuple(strip_article(token) for adjective in adjectives
                 for token in name_tokens(adjective))


class OfficeComposer:
    """Reads office phrases against one registry's positions, bodies and places."""

    def __init__(self, entities: Mapping[str, Entity], ids: Iterable[str] | None = None,
                 words: OfficeWords | None = None) -> None:
        """``ids``: the entities to read (positions, bodies, places); all when None."""
        builder = OfficeBuilder(words)
        for entity_id in (entities if ids is None else ids):
            builder.add(entities[entity_id])
        self._attach(builder.tables(), entities)

    @classmethod
    def from_tables(cls, tables: OfficeTables, entities: Mapping[str, Entity]
                    ) -> OfficeComposer:
        """A reader over tables built before (a compiled store's); ``entities``
        answers what a body belongs to."""
        composer = cls.__new__(cls)
        composer._attach(tables, entities)
        return composer

    def _attach(self, tables: OfficeTables, entities: Mapping[str, Entity]) -> None:
        self.tables = tables
        self.words = tables.words
        self.entities = entities
        self._adjectives = tables.adjectives
        self._foreign = tables.foreign
        self.by_head = tables.by_head
        self._inferred = tables.inferred
        self.max_words = tables.max_words
        self.first_words = tables.first_words
        self._ancestry: dict[str, frozenset[str]] = {}
        self._leads: dict[str, tuple[str, ...]] = {}

    # -- what a body belongs to --------------------------------------------------

    def ancestry(self, entity_id: str) -> frozenset[str]:
        """The entity, the bodies and places it is part of, and their countries."""
        known = self._ancestry.get(entity_id)
        if known is not None:
            return known
        seen: set[str] = set()
        todo = [entity_id]
        while todo and len(seen) < MAX_ANCESTRY:
            current = todo.pop()
            if current in seen or current not in self.entities:
                continue
            seen.add(current)
            entity = self.entities[current]
            todo += [p for p in (entity.part_of, entity.country) if p]
        out = self._ancestry[entity_id] = frozenset(seen)
        return out

    def position_ancestry(self, position_id: str) -> frozenset[str]:
        organization = self.entities[position_id].organization
        return self.ancestry(organization) if organization else frozenset()

    # -- reading -----------------------------------------------------------------

    @staticmethod
    def _longest(table: Mapping[tuple[str, ...], list[_Option]],
                 firsts: AbstractSet[str], words: list[str], i: int, first: str | None = None,
                 only_longest: bool = True) -> list[tuple[int, str]]:
        """Entries of ``table`` (by first and second word, ``firsts`` its first
        words) starting at ``i``: [(length, id)], longest first, all of the
        longest length (every length unless ``only_longest``). ``first``
        overrides the first word."""
        found: list[tuple[int, str]] = []
        lead = first if first is not None else words[i]
        if lead not in firsts:
            return found
        longer = table.get((lead, words[i + 1]), ()) if i + 1 < len(words) else ()
        for options in (longer, table.get((lead,), ())):  # forms of 2+ words come first
            for form, entry_id in options:
                n = len(form)
                if only_longest and found and n < found[0][0]:
                    return found
                if i + n <= len(words) and all(words[i + k] == form[k] for k in range(2, n)):
                    found.append((n, entry_id))
        return found

    def _body_at(self, words: list[str], i: int) -> tuple[int, set[str]] | None:
        """A name of a body or place at ``i`` (its first word may carry ل or ب)."""
        for reading in _clitic_readings(words[i]):
            found = self._longest(self.tables.bodies, self.tables.bodies_first, words, i, reading)
            if found:
                return found[0][0], {entity_id for _, entity_id in found}
        return None

    def _tail(self, words: list[str], k: int, limit: int
              ) -> tuple[int, list[set[str]], list[str], int]:
        """Bodies, adjectives and modifiers after a head: (end, bodies, modifiers,
        end before trailing modifiers)."""
        bodies: list[set[str]] = []
        modifiers: list[str] = []
        core_end = k
        english = self.words.english
        while k < limit:
            word = words[k]
            kind = self.words.modifiers.get(word)
            if kind is not None:
                modifiers.append(kind)
                k += 1
                continue
            if len(bodies) >= MAX_BODY_REFERENCES:
                break
            if word in english.linkers:  # the emir of Qatar, commander of the LNA
                j = k + 1 + (k + 1 < limit and words[k + 1] == english.article)
                body = self._body_or_adjective(words, j) if j < limit else None
                if body is None:
                    break
                bodies.append(body[1])
                k = core_end = j + body[0]
                continue
            adjective = self._adjectives.get(word)
            body = self._body_at(words, k)
            if body is not None and (adjective is None or body[0] > 1):
                bodies.append(body[1])
                k += body[0]
                core_end = k
                continue
            if adjective is not None:
                bodies.append(set(adjective))
                k += 1
                core_end = k
                continue
            break
        return k, bodies, modifiers, core_end

    def _leads_of(self, word: str) -> tuple[str, ...]:
        """The readings of a word, clitics taken off, that can start an office
        phrase, in the order they are tried. Most words of a name start none:
        remembered per word, asking whether any word of a query starts an
        office costs one dict lookup (the memo is emptied when it grows large)."""
        leads = self._leads.get(word)
        if leads is None:
            if len(self._leads) >= MAX_LEADS:
                self._leads.clear()
            leads = self._leads[word] = tuple(
                lead for lead in _clitic_readings(word, language().all_proclitics)
                if lead in self.first_words)
        return leads

    def _fitting(self, candidates: list[str], bodies: list[set[str]]) -> list[str]:
        """Positions that every named body fits: each names the position's
        organisation or something it belongs to."""
        return [p for p in candidates
                if all(refs & self.position_ancestry(p) for refs in bodies)]

    def foreign_mentions(self, text: str) -> int:
        """How many words of normalised ``text`` name a country of the vocabulary
        that no registry place is (ليبيا، الليبي، وليبيا): an article about
        another country. A bare office is read against them (see annotate's
        document context)."""
        return sum(map(self._foreign_written.__contains__, text.split(" ")))

    @cached_property
    def _foreign_written(self) -> frozenset[str]:
        """The foreign words as written in running text: bare, or after و ف ب ل
        (ل + الليبي is written لليبي)."""
        out = set(self._foreign)
        for word in self._foreign:
            for clitic in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
                out.add(clitic + (word[1:] if clitic.endswith("ل") and word.startswith("ال")
                                  else word))
        return frozenset(out)

    def _foreign_before(self, words: list[str], i: int, end: int, limit: int) -> bool:
        """An English head that another country's name or adjective qualifies:
        just before it (the American, Russia's) or after "of"."""
        english = self.words.english
        k = i - 1
        if k >= 1 and words[k] == english.possessive:  # Russia's
            k -= 1
        if k >= 0 and words[k] in self._foreign:
            return True
        j = end + (end < limit and words[end] in english.linkers)
        j += j < limit and words[j] == english.article
        return j > end and j < limit and words[j] in self._foreign

    def _read_country_first(self, words: list[str], i: int, limit: int
                            ) -> OfficeReading | None:
        """An English office phrase that names the body before the head: the Saudi
        foreign minister, Egypt's president, the former Libyan army chief of staff.
        The body words are read as after a head (names and adjectives of bodies,
        modifiers), each name possibly followed by 's."""
        bodies: list[set[str]] = []
        modifiers: list[str] = []
        k = i
        while k < limit and len(bodies) < MAX_BODY_REFERENCES:
            word = words[k]
            if not _latin(word):
                break
            kind = self.words.modifiers.get(word)
            if kind is not None:
                modifiers.append(kind)
                k += 1
                continue
            body = self._body_or_adjective(words, k)
            if body is None:
                break
            bodies.append(body[1])
            k += body[0]
            if k < limit and words[k] == self.words.english.possessive:
                k += 1
        if not (bodies or modifiers) or k >= limit:
            return None
        for n, head_id in self._longest(self.tables.heads, self.tables.heads_first, words, k):
            if k + n > limit:
                continue
            end, after, more, core = self._tail(words, k + n, limit)
            named_bodies = bodies + after
            if not named_bodies and (not self.words.heads[head_id].bare
                                     or self._foreign_before(words, i, end, limit)):
                continue
            positions = self._positions(head_id, named_bodies)
            if not positions:
                continue
            named = sorted({b for s in named_bodies for b in s})
            # Only modifiers before a bare head ("the former foreign minister"):
            # the modifier still says which holder, the article which office.
            how = (f"office head {head_id} ('{' '.join(words[k : k + n])}') "
                   + (f"of {', '.join(named)}" if named else "with no organisation named"))
            return OfficeReading(i, end, head_id, tuple(named), tuple(positions),
                                 (*modifiers, *more), not named_bodies, how, max(core, k + n))
        return None

    def heads_of(self, position_id: str) -> list[str]:
        """The heads a position is read with: those it lists, else the one
        read off its own name (``_inferred_heads``)."""
        entity = self.entities.get(position_id)
        if entity is not None and entity.heads:
            return list(entity.heads)
        return [head_id for head_id, inferred in self._inferred.items()
                if any(p == position_id for p, _ in inferred)]

    def is_adjective(self, word: str) -> bool:
        """Whether a word is an adjective of a registry body or place, or another
        country's name or adjective (العماني، الأمريكي): in office position, never
        a name."""
        return word in self._adjectives or word in self._foreign

    def qualifies(self, word: str) -> bool:
        """Whether a word names or qualifies a body or country, the registry's
        or another's (السعودي، الأمريكي، لبنان): what may follow "counterpart"."""
        return word in self._adjectives or word in self._foreign or any(
            reading in self.tables.bodies_first for reading in _clitic_readings(word))

    def _body_or_adjective(self, words: list[str], k: int) -> tuple[int, set[str]] | None:
        """A body's name at ``k``, else an adjective of one: (length, entities)."""
        body = self._body_at(words, k)
        if body is None and words[k] in self._adjectives:
            body = (1, set(self._adjectives[words[k]]))
        return body

    def _positions(self, head_id: str, bodies: list[set[str]]) -> list[str]:
        """The positions with this head that every named body fits: those that
        list it and those whose name spells it. A head read with no body (only
        a head specific enough to stand bare, وزير الصحة) is every position of
        that head either way: a maintainer who wrote "وزير الصحة الكويتي"
        without ``heads:`` means a health minister as much as one who listed
        the head, and the article's context then says which country."""
        positions = self._fitting(self.by_head.get(head_id, []), bodies)
        if self._inferred:
            inferred = (self._fitting_inferred(head_id, bodies) if bodies
                        else [p for p, _ in self._inferred.get(head_id, ())])
            positions = sorted({*positions, *inferred})
        return self._nearest(head_id, positions, bodies)

    def _nearest(self, head_id: str, positions: list[str], bodies: list[set[str]]
                 ) -> list[str]:
        """Of several positions a phrase fits, the ones it names most closely.
        An organisation named is the office's own: the president of the PLO is
        not the speaker of the PLO's national council, though the council is
        part of it. A country named alone (الرئيس الموريتاني) means the office
        whose holder is styled by the head's title (the President), not the
        president of a party or of the assembly, when the registry says which."""
        if len(positions) < 2 or not bodies:
            return positions
        organizations = {ref for refs in bodies for ref in refs
                         if ref in self.entities and self.entities[ref].type == "organization"}
        if organizations:
            own = [p for p in positions if self.entities[p].organization in organizations]
            return own or positions
        styled = [p for p in positions if self.entities[p].title == head_id]
        return styled or positions

    def _fitting_inferred(self, head_id: str, bodies: list[set[str]]) -> list[str]:
        """Positions whose head was read off their name (``_inferred_heads``):
        one of the bodies named must be the body their own name names, and
        every body named must fit them."""
        out = []
        for position_id, named in self._inferred.get(head_id, ()):
            if not any(refs.intersection(named) for refs in bodies):
                continue
            owners = self.position_ancestry(position_id).union(
                *(self.ancestry(entity_id) for entity_id in named))
            if all(refs & owners for refs in bodies):
                out.append(position_id)
        return out

    def read(self, words: list[str], i: int, first: str | None = None,
             limit: int | None = None) -> OfficeReading | None:
        """The longest office phrase starting at token ``i`` (its first word read
        as ``first`` when a clitic was taken off), ending by ``limit``."""
        if first is None:  # a query: its first word may carry a clitic
            for lead in self._leads_of(words[i]):
                reading = self.read(words, i, lead, limit)
                if reading is not None:
                    return reading
            return None
        end_limit = len(words) if limit is None else limit
        before = self._before(words, i, first, end_limit)
        if before is not None:
            return before
        best: OfficeReading | None = None
        foreign: OfficeReading | None = None
        lead = first
        # A position's own name or alias, then adjectives and modifiers.
        own = self._longest(self.tables.own, self.tables.own_first, words, i, lead)
        if own and i + own[0][0] <= end_limit:
            n = own[0][0]
            end, bodies, modifiers, core = self._tail(words, i + n, end_limit)
            positions = self._fitting(sorted({pid for _, pid in own}), bodies)
            if positions:
                phrase = " ".join([lead, *words[i + 1 : i + n]])
                best = OfficeReading(i, end, None, tuple(sorted({b for s in bodies for b in s})),
                                     tuple(positions), tuple(modifiers), len(positions) > 1,
                                     f"office phrase '{phrase}'", max(core, i + n))
        if self.tables.latin_leads and lead in self.tables.latin_leads:
            before = self._read_country_first(words, i, end_limit)
            if before is not None and (best is None or before.end > best.end):
                best = before
        # Any wording of a head, then bodies, adjectives and modifiers. Shorter
        # wordings are tried too (رئيسة + جمهورية مصر العربية, not رئيسة جمهورية
        # + مصر العربية): the reading that ends last wins, the longer head on a tie.
        for n, head_id in self._longest(self.tables.heads, self.tables.heads_first, words, i, lead,
                                          only_longest=False):
            if i + n > end_limit:
                continue
            end, bodies, modifiers, core = self._tail(words, i + n, end_limit)
            head = self.words.heads[head_id]
            if not bodies and end < end_limit and any(
                    r in self._foreign for r in _clitic_readings(words[end])) and (
                    head.bare or n > 1 or lead.startswith(language().definite_article)):
                # Another country's office (وزير الخارجية الأمريكي، الرئيس الصيني):
                # an office phrase the registry holds nobody for, never a bare
                # head for the article to settle. A one-word head without ال
                # is also a given name (أمير، سلطان): محمد أمير المصري is a man.
                if foreign is None or end + 1 > foreign.end:
                    foreign = self._foreign_office(words, i, n, end, end_limit, head_id,
                                                   lead, modifiers)
                continue
            if not bodies and not head.bare:
                continue
            if not bodies and _latin(lead) and self._foreign_before(words, i, end, end_limit):
                continue  # the American foreign minister, Russia's foreign minister
            positions = self._positions(head_id, bodies)
            named = sorted({b for s in bodies for b in s})
            if not positions:
                if bodies and not _latin(lead) and (
                        head.bare or n > 1 or lead.startswith(language().definite_article)) and (
                        foreign is None or end > foreign.end):
                    # An office of a body or country the registry knows but holds
                    # no such position for (وزير الخارجية العراقي with only Iraq's
                    # prime minister registered): an office phrase nobody holds.
                    foreign = OfficeReading(
                        i, end, head_id, tuple(named), (), tuple(modifiers), False,
                        f"office head {head_id} ('{' '.join([lead, *words[i + 1 : i + n]])}') "
                        f"of {', '.join(named)}: the registry records no such office",
                        max(core, i + n))
                continue
            if best is not None and end <= best.end:
                continue
            how = (f"office head {head_id} ('{' '.join([lead, *words[i + 1 : i + n]])}')"
                   + (f" of {', '.join(named)}" if named else " with no organisation named"))
            best = OfficeReading(i, end, head_id, tuple(named), tuple(positions),
                                 tuple(modifiers), not bodies, how, max(core, i + n))
        if best is None and foreign is None:
            return self._plural(words, i, lead, end_limit)
        return best if best is not None else foreign

    def _plural(self, words: list[str], i: int, lead: str, limit: int
                ) -> OfficeReading | None:
        """A plural or dual office (وزراء الخارجية العرب، الرئيسان المصري
        والليبي; ``plurals`` in data/offices.yaml), with the bodies, adjectives
        and other countries' words after it: an office phrase that names no
        one person."""
        for plural in self.words.plurals:
            n = len(plural)
            if (plural[0] != lead or i + n > limit
                    or any(words[i + k] != plural[k] for k in range(1, n))):
                continue
            end, _, modifiers, _ = self._tail(words, i + n, limit)
            while end < limit and words[end] in self._foreign:
                end += 1
            how = (f"plural office '{' '.join(plural)}': names no one person")
            return OfficeReading(i, end, None, (), (), tuple(modifiers), False, how, end)
        return None

    def _foreign_office(self, words: list[str], i: int, n: int, end: int, limit: int,
                        head_id: str, lead: str, modifiers: list[str]) -> OfficeReading:
        """A head, then another country's name or adjective at ``end`` (and any
        modifiers after it): an office of a country the registry does not
        hold, which names no registry holder."""
        core = end + 1
        k = core
        more = list(modifiers)
        while k < limit and words[k] in self.words.modifiers:
            more.append(self.words.modifiers[words[k]])
            k += 1
        how = (f"office head {head_id} ('{' '.join([lead, *words[i + 1 : i + n]])}') of "
               f"another country ('{words[end]}'): the registry holds no such office")
        return OfficeReading(i, k, head_id, (), (), tuple(more), False, how, core)


    def _before(self, words: list[str], i: int, first: str, limit: int
                ) -> OfficeReading | None:
        """An office after words that pick its holder (``modifiers_before`` in
        data/offices.yaml: القائم بأعمال وزير الصحة, the acting minister): the
        office read after them, starting at ``i``, with that modifier first."""
        for phrase, kind in self.words.before:
            n = len(phrase)
            if (i + n >= limit or first != phrase[0]
                    or any(words[i + k] != phrase[k] for k in range(1, n))):
                continue
            reading = self.read(words, i + n, words[i + n], limit)
            if reading is None:
                continue
            return replace(
                reading, first=i, modifiers=(kind, *reading.modifiers),
                how=f"{' '.join(phrase)} ({kind}): {reading.how}")
        return None


def _by_two(table: Mapping[str, list[_Option]]
            ) -> tuple[dict[tuple[str, ...], list[_Option]], frozenset[str]]:
    """Forms by their first two words (``(first,)`` for one-word forms), each
    list longest first, and the first words: a large registry has thousands of
    bodies and offices beginning رئيس, and a reading should only look at those
    whose second word is there."""
    out: dict[tuple[str, ...], list[_Option]] = {}
    for options in table.values():
        for form, entry_id in sorted(options, key=lambda o: len(o[0]), reverse=True):
            out.setdefault(form[:2], []).append((form, entry_id))
    return out, frozenset(table)
