"""Small registries built in code for tests.

Each helper writes an entity's required fields once (a source on every role, the
name parts of a two-part name), so a test shows only what it is about."""

from __future__ import annotations

from typing import Any

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def registry_of(*entities: dict[str, Any]) -> Registry:
    """A registry in memory holding ``entities`` (validated like a file)."""
    return Registry(RegistryFile.model_validate({"version": 1, "entities": list(entities)}))


def role(position: str, start: str, end: str | None = None) -> dict[str, Any]:
    """A sourced tenure of ``position``."""
    held: dict[str, Any] = {"position": position, "start": start, "sources": SOURCE}
    if end:
        held["end"] = end
    return held


def holder(pid: str, name: str, position: str, start: str, end: str | None = None,
           en: str | None = None) -> dict[str, Any]:
    """A person named ``name`` (given name, then family name) holding one office."""
    given, family = name.split(" ", 1)
    return {"id": pid, "type": "person", "name": {"ar": name, "en": en or pid},
            "name_parts": {"given": given, "family": family},
            "roles": [role(position, start, end)]}


def position(pid: str, name: str, organization: str, **more: Any) -> dict[str, Any]:
    """An office of ``organization`` (``heads=[...]`` and the like in ``more``)."""
    return {"id": pid, "type": "position", "name": {"ar": name, "en": pid},
            "organization": organization, **more}
