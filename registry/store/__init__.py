"""Getting a registry on and off disk: safe file reading, loading, cache, atomic writes.

Reads are bounded and report problems as file:line:col; writes never leave half a file.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from registry.store.atomic import write_atomic

if TYPE_CHECKING:
    from registry.store.loader import LoadedFile, Problem, load_file
    from registry.store.lock import locked
    from registry.store.references import reference_problems

__all__ = ["LoadedFile", "Problem", "load_file", "locked", "reference_problems", "write_atomic"]

# Imported on first use: the loader validates with pydantic, which opening a
# compiled store never needs (and the lock imports filelock).
_LAZY = {"LoadedFile": "loader", "Problem": "loader", "load_file": "loader",
         "locked": "lock", "reference_problems": "references"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'registry.store' has no attribute '{name}'")
    return getattr(import_module(f"registry.store.{module}"), name)
