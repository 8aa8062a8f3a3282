"""The shared default vocabulary (titles, descriptors, countries, months;
office heads are shipped apart, in ``data/offices.yaml``) and its merge with a
registry's own ``vocabulary:``.

A new registry needs no copy of the rank list: the package ships
``data/vocabulary.yaml``, and a registry's entries add to it or replace a
default with the same id. Every consumer (title peeling, reference checks,
validate) asks this module for the merged vocabulary, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from registry.names.packaged import packaged_yaml

if TYPE_CHECKING:
    from registry.model.schema import Vocabulary

SECTIONS = ("titles", "descriptors", "countries", "months", "heads")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


@cache
def default_vocabulary() -> Vocabulary:
    """The packaged default vocabulary (read and validated once per process).
    Only building or validating a registry asks for it (a compiled store holds
    its merged vocabulary), so pydantic is imported here, not with the module."""
    from registry.model.schema import Vocabulary

    return Vocabulary.model_validate(packaged_yaml("vocabulary.yaml"))


# The default vocabulary as a compiled store holds it (plain records, written by
# the same code, so equal to the packaged file): opening a store sets it, and
# the lookup path reads it through ``lookup_vocabulary`` instead of validating
# the packaged file with pydantic, which costs more than the whole lookup.
_stored_defaults: Vocabulary | None = None


def use_stored_defaults(vocabulary: Vocabulary) -> None:
    """The default vocabulary read from a compiled store (see ``lookup_vocabulary``)."""
    global _stored_defaults
    _stored_defaults = vocabulary


def lookup_vocabulary() -> Vocabulary:
    """The default vocabulary for answering queries: a compiled store's copy
    when one was opened, else the validated packaged file. Building and
    validating a registry use ``default_vocabulary`` (models, compared by value)."""
    return _stored_defaults if _stored_defaults is not None else default_vocabulary()


def _merge(own: Sequence[_Item], defaults: Sequence[_Item]) -> list[_Item]:
    """Own entries first (their forms win when two entries share one), then the
    defaults whose id the registry did not take over."""
    taken = {item.id for item in own}
    return [*own, *(item for item in defaults if item.id not in taken)]


def merged_vocabulary(own: Vocabulary) -> Vocabulary:
    """A registry's vocabulary on top of the defaults, section by section."""
    from registry.model.schema import Vocabulary

    defaults = default_vocabulary()
    if own == Vocabulary():
        return defaults
    return Vocabulary.model_construct(
        titles=_merge(own.titles, defaults.titles),
        descriptors=_merge(own.descriptors, defaults.descriptors),
        countries=_merge(own.countries, defaults.countries),
        months=_merge(own.months, defaults.months),
        heads=_merge(own.heads, defaults.heads),  # the shipped heads: office_words
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
