"""The shared default vocabulary (titles, descriptors, countries, months) and
its merge with a registry's own ``vocabulary:``.

A new registry needs no copy of the rank list: the package ships
``data/vocabulary.yaml``, and a registry's entries add to it or replace a
default with the same id. Every consumer (title peeling, reference checks,
validate) asks this module for the merged vocabulary, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol, TypeVar

from registry.model.schema import Vocabulary
from registry.names.packaged import packaged_yaml

SECTIONS = ("titles", "descriptors", "countries", "months")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


@cache
def default_vocabulary() -> Vocabulary:
    """The packaged default vocabulary (read and validated once per process)."""
    return Vocabulary.model_validate(packaged_yaml("vocabulary.yaml"))


def _merge(own: Sequence[_Item], defaults: Sequence[_Item]) -> list[_Item]:
    """Own entries first (their forms win when two entries share one), then the
    defaults whose id the registry did not take over."""
    taken = {item.id for item in own}
    return [*own, *(item for item in defaults if item.id not in taken)]


def merged_vocabulary(own: Vocabulary) -> Vocabulary:
    """A registry's vocabulary on top of the defaults, section by section."""
    defaults = default_vocabulary()
    if own == Vocabulary():
        return defaults
    return Vocabulary.model_construct(
        titles=_merge(own.titles, defaults.titles),
        descriptors=_merge(own.descriptors, defaults.descriptors),
        countries=_merge(own.countries, defaults.countries),
        months=_merge(own.months, defaults.months),
    )


def duplicates_of_defaults(own: Vocabulary) -> list[tuple[str, int, str]]:
    """Registry entries identical to a default: (section, index, id). They can
    be deleted; an entry that differs from the default is an override and stays."""
    defaults = default_vocabulary()
    out = []
    for section in SECTIONS:
        default_items: list[_HasId] = getattr(defaults, section)
        by_id = {item.id: item for item in default_items}
        own_items: list[_HasId] = getattr(own, section)
        for i, item in enumerate(own_items):
            if by_id.get(item.id) == item:
                out.append((section, i, item.id))
    return out
