"""Who held which office and rank on a given day.

Role phrases name a person only on a date, and a rank is evidence only for the
people who held it then; both questions are answered here from the role and
rank histories in aliases.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from registry.model.dates import Fit, When, as_period
from registry.names.titles import TitleVocabulary

if TYPE_CHECKING:
    from registry.model.schema import Entity, Rank, Role

# How much of an office match's score each reading of a tenure keeps.
PART_FACTOR = 0.85  # held for part of the period asked about
INFERRED_FACTOR = 0.8  # before start_by, a partial start, or undated: nothing contradicts it
CONTRADICTED_FACTOR = 0.5  # undated or partial, while another holder is recorded then
# Before start_by, a holder is the answer only this close to the recorded date;
# earlier, they are one candidate (the registry may simply lack a predecessor).
INFERRED_REACH = dt.timedelta(days=366)
# Readings that make a role evidence for the office's title on a date.
_HELD_FITS = ("throughout", "part", "possible")
MAX_REMEMBERED_TITLE_SETS = 256  # title sets whose holders are remembered (then forgotten)

_Held = TypeVar("_Held", str, int)  # a holder's id, or their ordinal in the name index


@dataclass(frozen=True)
class Holding:
    """A person holding a position under one role entry."""

    person_id: str
    role: Role
    # the holder's canonical name (a person's): an office answer shows it
    # without reading the person's row in the name index
    name: str | None = None


@dataclass(frozen=True)
class HolderFit:
    """A holder of an office for the period asked about, and how sure that is."""

    holding: Holding
    fit: Fit | None  # None: no period asked, an ongoing tenure
    factor: float  # share of the office match's score this reading keeps
    weak: bool  # a candidate only: never matched without other evidence
    note: str  # the explanation a reviewer reads


class TimelineBuilder:
    """A timeline fed one entity at a time (a streamed build holds no registry).

    It keeps only what the timeline needs: each role (as a ``Holding``), and,
    per person with ranks or roles, the rank titles and the positions held;
    position titles are resolved at ``finish``, when every position is read.

    Each person is also numbered, in the order added, as the name index numbers
    them (``IndexBuilder``: its ordinals are the persons' places among the
    persons fed to it, and both builders are fed the same entities in the same
    order): a title's holders are kept by ordinal too, so a titled query picks
    their name forms without reading one row per holder (at 1M entities a rank
    has ~32k holders, and reading their ordinals took 0.17-0.7 s)."""

    def __init__(self) -> None:
        self._by_position: dict[str, list[Holding]] = defaultdict(list)
        self._position_title: dict[str, str] = {}
        self._held: list[tuple[str, int | None, tuple[str, ...], tuple[str, ...]]] = []
        self._persons = 0

    def add(self, entity: Entity) -> None:
        """Record one entity's roles and ranks (and its title, for a position)."""
        ordinal = None
        if entity.type == "person":
            ordinal = self._persons
            self._persons += 1
        name = entity.name.ar if entity.type == "person" else None
        for role in entity.roles:
            self._by_position[role.position].append(Holding(entity.id, role, name))
        if entity.title:
            self._position_title[entity.id] = entity.title
        if entity.ranks or entity.roles:
            self._held.append((entity.id, ordinal, tuple(rank.title for rank in entity.ranks),
                               tuple(role.position for role in entity.roles)))

    def finish(self, entities: Mapping[str, Entity], titles: TitleVocabulary) -> Timeline:
        """The timeline over ``entities`` (read lazily by date questions); the
        builder is spent."""
        title_holders: dict[str, set[str]] = defaultdict(set)
        title_ordinals: dict[str, list[int]] = defaultdict(list)  # ascending
        for person_id, ordinal, ranks, positions in self._held:
            held = {*ranks, *(self._position_title[p] for p in positions
                              if p in self._position_title)}
            for title in titles.with_loose_forms(held):
                title_holders[title].add(person_id)
                if ordinal is not None:
                    title_ordinals[title].append(ordinal)
        timeline = Timeline.__new__(Timeline)
        timeline._entities = entities
        timeline._titles = titles
        timeline._by_position = self._by_position
        timeline._title_holders = title_holders
        timeline._title_ordinals = title_ordinals
        self._held = []
        return timeline


class Timeline:
    """Role and rank histories, indexed by position and by person."""

    _entities: Mapping[str, Entity]
    _titles: TitleVocabulary
    _by_position: dict[str, list[Holding]]
    _title_holders: dict[str, set[str]]
    _title_ordinals: dict[str, list[int]]  # the same holders, by the index's ordinals

    def __init__(self, entities: Mapping[str, Entity], titles: TitleVocabulary) -> None:
        builder = TimelineBuilder()
        for entity in entities.values():
            builder.add(entity)
        self.__dict__.update(vars(builder.finish(entities, titles)))

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the entity map (the cache stores entities apart)."""
        return {k: v for k, v in self.__dict__.items()
                if k not in ("_entities", "_holders_memo", "_ordinals_memo")}

    def attach(self, entities: Mapping[str, Entity]) -> None:
        """Point a cached timeline at its (lazily loaded) entities."""
        self._entities = entities

    def title_holders(self, title_ids: AbstractSet[str]) -> AbstractSet[str]:
        """People who ever held one of these titles (or one written loosely as
        it). Read-only for callers: the union is remembered per set of titles (a
        registry has a few dozen titles, and at 1M entities a rank has tens of
        thousands of holders, too many to union again for every titled query)."""
        return self._union(self._title_holders, "_holders_memo", title_ids)

    def holder_ordinals(self, title_ids: AbstractSet[str]) -> frozenset[int]:
        """``title_holders`` as the name index numbers people (persons only):
        the set its ``candidate_forms`` filters form ids by. Remembered per set
        of titles, like ``title_holders``."""
        return self._union(self._title_ordinals, "_ordinals_memo", title_ids)

    def _union(self, by_title: Mapping[str, Iterable[_Held]], memo_name: str,
               title_ids: AbstractSet[str]) -> frozenset[_Held]:
        """The union of ``by_title``'s sets for these titles, remembered per set
        of titles in the memo ``memo_name`` (emptied when it grows large)."""
        key = frozenset(title_ids)
        memo: dict[frozenset[str], frozenset[_Held]] = self.__dict__.setdefault(memo_name, {})
        found = memo.get(key)
        if found is None:
            if len(memo) >= MAX_REMEMBERED_TITLE_SETS:
                memo.clear()
            found = memo[key] = frozenset().union(*(by_title.get(t, ()) for t in sorted(key)))
        return found

    def holdings(self, position_id: str) -> list[Holding]:
        """Every recorded tenure of the office, in no particular order."""
        return list(self._by_position.get(position_id, ()))

    def holders(self, position_id: str, when: When | None) -> list[Holding]:
        """Holders for a day or period (see ``holders_in``), strongest first."""
        return [f.holding for f in self.holders_in(position_id, when)]

    def holders_in(self, position_id: str, when: When | None) -> list[HolderFit]:
        """Who held the office in a period (a year, a month or a day), read
        honestly (README, "Dates"). With no period, the tenures the registry
        holds to be ongoing.

        Surely-held tenures (throughout or part of the period) are the record.
        Where the record does not cover the whole period, inferred readings
        join: a ``start_by`` holder before that date (within a year: beyond it
        a candidate only), or (when nobody is recorded) a tenure whose partial
        start or end reaches into it. An undated tenure is a candidate always, and the answer only
        when nothing dated contradicts it.
        """
        holdings = self._by_position.get(position_id, ())
        period = as_period(when)
        if period is None:
            return [HolderFit(h, None, 1.0, False, f"held {h.role.tenure.describe()}, ongoing")
                    for h in holdings if h.role.tenure.ongoing]
        fits = [(h, h.role.tenure.fit(period)) for h in holdings]
        recorded = any(f in ("throughout", "part") for _, f in fits)
        covered = any(f == "throughout" for _, f in fits)
        dated = any(f not in (None, "undated") for _, f in fits)
        out: list[HolderFit] = []
        for holding, fit in fits:
            if fit is None:
                continue  # not held then (most tenures of a long-lived office): no note
            held = holding.role.tenure.describe()
            if fit == "throughout":
                out.append(HolderFit(holding, fit, 1.0, False,
                                     f"held {held}: throughout {period}"))
            elif fit == "part":
                out.append(HolderFit(holding, fit, PART_FACTOR, False,
                                     f"held {held}: only part of {period}"))
            elif fit == "before-record" and not covered:  # may fill what is not recorded
                by = holding.role.tenure.start_by
                first = holding.role.tenure.certain_from()
                assert by is not None and first is not None
                far = first - period.latest() > INFERRED_REACH
                out.append(HolderFit(holding, fit, INFERRED_FACTOR, far,
                                     f"in office by {by}; earlier tenure not recorded"
                                     + ("; over a year before that, so only a candidate"
                                        if far else "")))
            elif fit == "possible":
                factor = CONTRADICTED_FACTOR if recorded else INFERRED_FACTOR
                out.append(HolderFit(holding, fit, factor, False,
                                     f"held {held}: the partial date may or may not "
                                     f"include {period}"))
            elif fit == "undated":
                others = dated or sum(f == "undated" for _, f in fits) > 1
                if others:
                    out.append(HolderFit(holding, fit, CONTRADICTED_FACTOR, False,
                                         "tenure undated (held at some time); another "
                                         f"holder is recorded for {period}"))
                else:
                    out.append(HolderFit(holding, fit, INFERRED_FACTOR, False,
                                         "tenure undated: held at some time; no other "
                                         f"holder recorded for {period}, so nothing "
                                         "contradicts it"))
        out.sort(key=lambda f: -f.factor)
        return out

    def ended_before(self, position_id: str, when: When | None) -> list[Holding]:
        """Tenures that ended before the period (with none: that ended at all),
        most recent end first: the "former" holders."""
        period = as_period(when)
        ended = []
        for holding in self._by_position.get(position_id, ()):
            end = holding.role.tenure.end
            if end is not None and (period is None or end.earliest() < period.latest()):
                ended.append((end.latest(), holding))
        ended.sort(key=lambda e: e[0], reverse=True)
        return [h for _, h in ended]

    def starting_after(self, position_id: str, when: When | None,
                       within: dt.timedelta | None = None) -> list[Holding]:
        """Tenures whose recorded start is after the period (``within`` that
        long after it, if given), soonest first: the incoming holders. A
        ``start_by`` alone says nothing of when a tenure began, so it does not
        count; with no period there is no "after"."""
        period = as_period(when)
        if period is None:
            return []
        after = []
        for holding in self._by_position.get(position_id, ()):
            start = holding.role.tenure.start
            if start is None or start.earliest() <= period.latest():
                continue
            if within is None or start.earliest() - period.latest() <= within:
                after.append((start.earliest(), holding))
        after.sort(key=lambda s: s[0])
        return [h for _, h in after]

    def ranks_on(self, person: Entity, when: When | None) -> list[Rank]:
        """Ranks held then (with no date, every rank ever held: a rank is
        evidence of identity, and writers lag behind promotions). An undated
        rank counts."""
        period = as_period(when)
        return [r for r in person.ranks
                if period is None or r.tenure.fit(period) in (*_HELD_FITS, "undated")]

    def titles_held(self, person: Entity, when: When | None) -> set[str]:
        """Title ids a writer could put before this person's name then: ranks
        held, titles of offices held, and their loosely used forms."""
        period = as_period(when)
        held = {rank.title for rank in self.ranks_on(person, period)}
        for role in person.roles:
            if period is None or role.tenure.fit(period) in _HELD_FITS:
                position = self._entities.get(role.position)
                if position is not None and position.title:
                    held.add(position.title)
        return self._titles.with_loose_forms(held)

    def titles_ever_held(self, person_id: str, title_ids: AbstractSet[str]) -> set[str]:
        """Those of ``title_ids`` the person held at some time: ``titles_held``
        with no date, read from the holders kept per title, so the person's
        entity is not read (at 1M entities, a titled partial name unpickled
        one entity per candidate holder for this)."""
        return {t for t in title_ids if person_id in self._title_holders.get(t, ())}

    def holder_fit(self, person_id: str, position_id: str, when: When | None
                   ) -> HolderFit | None:
        """How the person held the office then, as ``holders_in`` reads it
        (None: not recorded as holding it then)."""
        if when is None:
            return next((HolderFit(h, None, 1.0, False, f"held {h.role.tenure.describe()}")
                         for h in self._by_position.get(position_id, ())
                         if h.person_id == person_id), None)
        return next((f for f in self.holders_in(position_id, when)
                     if f.holding.person_id == person_id), None)

    def held_position(self, person_id: str, position_id: str, when: When | None) -> bool:
        """Whether the person held the office then (with no date: ever)."""
        return self.holder_fit(person_id, position_id, when) is not None
