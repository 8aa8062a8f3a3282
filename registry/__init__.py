"""Arabic entity resolution against a reviewed registry (aliases.yaml).

    >>> import registry
    >>> registry.lookup("الفريق أول ركن صدام حفتر").id
    'saddam-haftar'

The public API is what this module exports; everything else is internal. The
stable contract is ``Registry`` (``lookup``, ``lookup_many``, ``annotate``,
``get``, ``iter_entities``), the answers ``Resolution`` (with ``Candidate``) and
``Mention``, the registry's ``Entity`` model, and the error types.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from registry.core import Registry, default_path, load
from registry.errors import InputError, RegistryError, RegistryFileError, UnknownEntityError
from registry.match.resolver import Candidate, Resolution

if TYPE_CHECKING:
    from registry.model.schema import Entity
    from registry.text.annotate import Mention

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Entity",
    "InputError",
    "Mention",
    "Registry",
    "RegistryError",
    "RegistryFileError",
    "Resolution",
    "UnknownEntityError",
    "annotate",
    "default_path",
    "default_registry",
    "load",
    "lookup",
    "lookup_many",
]



def __getattr__(name: str) -> Any:
    """``registry.Entity`` and ``registry.Mention`` on first use: the pydantic
    schema costs more to import than a whole lookup from a compiled store, which
    never needs it, and a run that only resolves names needs no text layer."""
    if name == "Entity":
        from registry.model.schema import Entity

        return Entity
    if name == "Mention":
        from registry.text.annotate import Mention

        return Mention
    raise AttributeError(f"module 'registry' has no attribute '{name}'")


_default: Registry | None = None
_default_lock = threading.Lock()


def default_registry() -> Registry:
    """The default registry, loaded once per process (see ``default_path``)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = load()
        return _default


def lookup(name: str, at: dt.date | str | None = None) -> Resolution:
    """Resolve a name or office phrase against the default registry."""
    return default_registry().lookup(name, at)


def annotate(text: str, date: dt.date | str | None = None) -> list[Mention]:
    """Every mention in running text, resolved against the default registry."""
    return default_registry().annotate(text, date)


def lookup_many(names: Iterable[str], at: dt.date | str | None = None) -> list[Resolution]:
    """Resolve many names against the default registry (see ``Registry.lookup_many``)."""
    return default_registry().lookup_many(names, at)
