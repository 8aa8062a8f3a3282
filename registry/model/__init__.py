"""What a registry is: the schema of its entries, and partial dates and tenures.

The bottom layer: it imports nothing else from the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from registry.model.dates import PartialDate, Tenure, When, parse_day, parse_when

if TYPE_CHECKING:
    from registry.model.schema import Entity, RegistryFile, Title

__all__ = ["Entity", "PartialDate", "RegistryFile", "Tenure", "Title", "When", "parse_day",
           "parse_when"]


def __getattr__(name: str) -> Any:
    """The schema's models on first use: importing pydantic costs more than a
    lookup from a compiled store, which reads plain records instead."""
    if name in ("Entity", "RegistryFile", "Title"):
        from registry.model import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'registry.model' has no attribute '{name}'")
