"""Arabic entity resolution against a reviewed registry (aliases.yaml).

    >>> import registry
    >>> registry.lookup("الفريق أول ركن صدام حفتر").id
    'saddam-haftar'

The public API is what this module exports; everything else is internal.
"""

from __future__ import annotations

import datetime as dt
import threading

from registry.core import Registry, default_path, load
from registry.errors import InputError, RegistryError, RegistryFileError, UnknownEntityError
from registry.match.resolver import Candidate, Resolution
from registry.text.annotate import Mention

__all__ = [
    "Candidate",
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
]

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
