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
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.distance import OSA

from registry.match.crossscript import CrossScriptIndex
from registry.match.strength import (
    Strength,
    alias_strength,
    called_strength,
    family_strength,
    token_strength,
)
from registry.model.records import MAX_TOKEN_CHARS
from registry.names.frequency import frequency
from registry.names.language import language
from registry.names.normalize import article_variants, name_tokens, strip_article
from registry.names.translit import is_arabic, is_latin
from registry.names.typos import short_typo_rules

if TYPE_CHECKING:
    from registry.model.schema import Entity, NameParts

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


def _family_first(forms: list[NameForm], token: str, index: int) -> int:
    """Sort key: forms whose family name is ``token`` come first."""
    return 0 if family_token(forms[index]) == token else 1


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
    return NameForm(entity.id, shared_tokens, shared_slots, "name parts")


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
            out.append(_whole_form(entity_id, bare, label, token_strength(bare[-1])))
            for variant in variants[1:]:
                out.append(_whole_form(entity_id, variant, label, called_strength(bare[-1])))
    if parts.family:
        family = name_tokens(parts.family)
        if len(family) > 1:  # آل ثاني, بن علي: the particle makes it a family name
            out.append(_whole_form(entity_id, family, f"family name '{parts.family}' alone",
                                   family_strength(family)))
    return out


def _text_form(entity_id: str, text: str, label: str,
               rated: tuple[Strength, str | None] = (Strength.IDENTIFYING, None)
               ) -> NameForm | None:
    tokens = name_tokens(text)
    if not tokens:
        return None
    slots: tuple[str, ...]
    if len(tokens) == 1:
        slots = ("given",)
    else:
        slots = ("given", *["other"] * (len(tokens) - 2), "family")
    shared_tokens, shared_slots = _shared(tokens, slots)
    strength, why = rated
    return NameForm(entity_id, shared_tokens, shared_slots, label, strength, explicit=True,
                    why=why or "")


def person_forms(entity: Entity) -> list[NameForm]:
    """All name forms of a person, structured first, without duplicates."""
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()

    def add(form: NameForm | None) -> None:
        if form is not None and form.tokens not in seen:
            seen.add(form.tokens)
            forms.append(form)

    add(_structured_form(entity))
    add(_text_form(entity.id, entity.name.ar, "canonical name"))
    add(_text_form(entity.id, entity.name.en, "canonical name (en)"))
    for alias in entity.aliases:
        add(_text_form(entity.id, alias.text, f"alias '{alias.text}' ({alias.kind})",
                       alias_strength(alias)))
    if entity.name_parts is not None:
        for form in called_forms(entity.id, entity.name_parts):
            add(form)
        add(_kunya_family_form(entity))
    return forms


def _kunya_family_form(entity: Entity) -> NameForm | None:
    """A one-word kunya followed by the family name (أبو إسراء المالكي), which
    writers use like a given name: as strong as the family name alone."""
    parts = entity.name_parts
    if parts is None or parts.family is None:
        return None
    family = name_tokens(parts.family)
    for alias in entity.aliases:
        kunya = name_tokens(alias.text)
        if alias.kind == "kunya" and len(kunya) == 1 and family:
            tokens = [*kunya, *family]
            shared_tokens, shared_slots = _shared(
                tokens, ("given", *["family"] * len(family)))
            strength, why = token_strength(family[-1])
            return NameForm(entity.id, shared_tokens, shared_slots,
                            f"kunya '{alias.text}' + family name", strength, explicit=True,
                            why=why or "")
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


class NameIndex:
    """Name forms with blocking maps, phrase keys, and a typo neighbourhood."""

    def __init__(self, entities: list[Entity]) -> None:
        self.forms: list[NameForm] = []
        # Blocking keys: a query's given name, and one more of its tokens, pick
        # out the few forms worth fitting, with one dictionary probe.
        self.by_given: dict[str, list[int]] = defaultdict(list)
        self.by_family: dict[str, list[int]] = defaultdict(list)
        self.by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.phrases: dict[str, list[Phrase]] = defaultdict(list)
        for entity in entities:
            if entity.type == "person":
                for form in person_forms(entity):
                    index = len(self.forms)
                    self.forms.append(form)
                    first = form.tokens[0]
                    if form.slots[0] == "called":
                        continue  # fits only whole: found through by_key alone
                    self.by_given[first].append(index)
                    family = family_token(form)
                    if family is not None:
                        self.by_family[family].append(index)
                    for token in set(form.tokens[1:]):
                        self.by_pair[(first, token)].append(index)
            else:
                shared = {a.text for a in entity.aliases if a.shared}
                for i, text in enumerate(entity.all_name_texts):
                    key = " ".join(name_tokens(text))
                    if key and all(p.entity_id != entity.id for p in self.phrases[key]):
                        self.phrases[key].append(
                            Phrase(entity.id, text, i < 2, text in shared, entity.type))
        # Best tier first: a form whose family name is the probed token fits a
        # two-word query better (given + family) than one where it is a patronymic.
        forms = self.forms

        for (_, token), members in self.by_pair.items():
            members.sort(key=functools.partial(_family_first, forms, token))
        self.by_given = dict(self.by_given)
        self.by_family = dict(self.by_family)
        self.by_pair = dict(self.by_pair)
        # Whole-name keys: one form id, or a tuple of them when several share it.
        self.by_key: dict[str, int | tuple[int, ...]] = {}
        for index, form in enumerate(forms):
            key = " ".join(form.tokens)
            known = self.by_key.get(key)
            self.by_key[key] = index if known is None else (
                (*known, index) if isinstance(known, tuple) else (known, index))
        self.phrases = dict(self.phrases)
        self.phrase_max_len = max((k.count(" ") + 1 for k in self.phrases), default=0)
        self.person_tokens = frozenset(t for f in self.forms for t in f.tokens)
        self.vocabulary = set(self.person_tokens)
        for key in self.phrases:
            self.vocabulary.update(key.split())
        self._neighbours: dict[str, list[str]] = defaultdict(list)
        for token in self.vocabulary:
            if _fuzzy(token):
                for variant in {token, *_deletions(token)}:
                    self._neighbours[variant].append(token)
        self._neighbours = dict(self._neighbours)
        # Words that are real names themselves: never read as a typo of another.
        self._distinct = language().distinct_names | frozenset(frequency().tiers)
        self.cross = _cross_script(self.forms)

    def without_cross(self) -> NameIndex:
        """A shallow copy without the cross-script block map: what a compiled store
        keeps as the index, the map being stored as an object of its own (its
        maps then load lazily, like the index's)."""
        copy = object.__new__(NameIndex)
        copy.__dict__.update({k: v for k, v in vars(self).items() if k != "cross"})
        return copy

    def offices(self, key: str) -> list[str]:
        """Ids of the positions a normalised phrase names."""
        return [p.entity_id for p in self.phrases.get(key, ()) if p.type == "position"]

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
        if token in self.vocabulary:
            out.append(TokenMatch(token, False))
        if article_free:
            out += [TokenMatch(v, False) for v in article_variants(token) if v in self.vocabulary]
        if out or token in self._distinct or len(token) > FUZZY_MAX_LEN:
            return out
        out += self._short_typos(token)
        if len(token) < FUZZY_MIN_LEN:
            return out
        seen: set[str] = {m.token for m in out}
        for variant in {token, *_deletions(token)}:
            for candidate in self._neighbours.get(variant, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                if OSA.distance(token, candidate, score_cutoff=1) <= 1:
                    out.append(TokenMatch(candidate, True))
        return out

    def _short_typos(self, token: str) -> list[TokenMatch]:
        """Vocabulary words a short token is a slip for, under the short-word
        rules (registry.names.typos); never from one listed name to another."""
        return [TokenMatch(variant, True, rule)
                for variant, rule in short_typo_rules().variants(token).items()
                if variant in self.vocabulary]

    def candidate_forms(self, query: list[list[TokenMatch]]) -> Iterator[int]:
        """Forms that can fit a query, best tier first: whole-name matches; then
        for one word, forms with it as given or family name; for more, forms with
        its given name and its rarest later word. May repeat a form."""
        readings = [[m.token for m in matches] for matches in query]
        # Whole-name keys for each reading of the query (a few: the word as
        # written, with or without ال, a typo); forms that fit only whole (the
        # name a person is called by) are found here alone.
        for combo in itertools.islice(itertools.product(*readings), MAX_WHOLE_PROBES):
            whole = self.by_key.get(" ".join(combo))
            if isinstance(whole, int):
                yield whole
            elif whole:
                yield from whole
        if len(query) == 1:
            for match in query[0]:
                yield from self.by_given.get(match.token, ())
                yield from self.by_family.get(match.token, ())
            return
        # Rarest word first: probe with the later word whose (given, word) lists
        # are shortest; the fit checks the other words.
        def probe_size(matches: list[TokenMatch]) -> int:
            return sum(len(self.by_pair.get((f.token, m.token), ()))
                       for f in query[0] for m in matches)

        rarest = min(query[1:], key=probe_size)
        for first in query[0]:
            for match in rarest:
                yield from self.by_pair.get((first.token, match.token), ())


def _cross_script(forms: list[NameForm]) -> CrossScriptIndex:
    """The cross-script block map: every Arabic person token, and the Latin tokens
    of people who have no Arabic name form at all."""
    arabic: set[str] = set()
    latin_by_person: dict[str, set[str]] = defaultdict(set)
    with_arabic: set[str] = set()
    for form in forms:
        for token in form.tokens:
            if is_arabic(token):
                arabic.add(token)
                with_arabic.add(form.entity_id)
            elif is_latin(token):
                latin_by_person[form.entity_id].add(token)
    latin = {t for person, tokens in latin_by_person.items() if person not in with_arabic
             for t in tokens}
    return CrossScriptIndex(sorted(arabic), sorted(latin), FUZZY_MIN_LEN)
