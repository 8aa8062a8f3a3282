"""Who held which office and rank on a given day.

Role phrases name a person only on a date, and a rank is evidence only for the
people who held it then; both questions are answered here from the role and
rank histories in aliases.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from registry.model.schema import Entity, Rank, Role
from registry.names.titles import TitleVocabulary


@dataclass(frozen=True)
class Holding:
    """A person holding a position under one role entry."""

    person_id: str
    role: Role


class Timeline:
    """Role and rank histories, indexed by position and by person."""

    def __init__(self, entities: Mapping[str, Entity], titles: TitleVocabulary) -> None:
        self._entities = entities
        self._titles = titles
        self._by_position: dict[str, list[Holding]] = defaultdict(list)
        self._title_holders: dict[str, set[str]] = defaultdict(set)
        for entity in entities.values():
            for role in entity.roles:
                self._by_position[role.position].append(Holding(entity.id, role))
            for title in self.titles_held(entity, None):
                self._title_holders[title].add(entity.id)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the entity map (the cache stores entities apart)."""
        return {k: v for k, v in self.__dict__.items() if k != "_entities"}

    def attach(self, entities: Mapping[str, Entity]) -> None:
        """Point a cached timeline at its (lazily loaded) entities."""
        self._entities = entities

    def title_holders(self, title_ids: set[str]) -> set[str]:
        """People who ever held one of these titles (or one written loosely as it)."""
        out: set[str] = set()
        for title_id in title_ids:
            out |= self._title_holders.get(title_id, set())
        return out

    def holders(self, position_id: str, day: dt.date | None) -> list[Holding]:
        """Holders on ``day``; with no day, those whose tenure the registry holds
        to be ongoing."""
        out = []
        for holding in self._by_position.get(position_id, ()):
            tenure = holding.role.tenure
            if (day is None and tenure.ongoing) or (day is not None and tenure.covers(day)):
                out.append(holding)
        return out

    def ranks_on(self, person: Entity, day: dt.date | None) -> list[Rank]:
        """Ranks held on ``day`` (with no day, every rank ever held: a rank is
        evidence of identity, and writers lag behind promotions)."""
        return [r for r in person.ranks
                if day is None or r.tenure.covers(day, unknown_start_held=True)]

    def titles_held(self, person: Entity, day: dt.date | None) -> set[str]:
        """Title ids a writer could put before this person's name on ``day``:
        ranks held, titles of offices held, and their loosely used forms."""
        held = {rank.title for rank in self.ranks_on(person, day)}
        for role in person.roles:
            if day is None or role.tenure.covers(day):
                position = self._entities.get(role.position)
                if position is not None and position.title:
                    held.add(position.title)
        return self._titles.with_loose_forms(held)

    def held_position(self, person_id: str, position_id: str, day: dt.date | None) -> bool:
        """Whether the person held the office on ``day`` (with no day: ever)."""
        holdings = (self._by_position.get(position_id, ()) if day is None
                    else self.holders(position_id, day))
        return any(h.person_id == person_id for h in holdings)
