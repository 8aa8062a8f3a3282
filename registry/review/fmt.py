"""Canonical layout of registry files, comments kept.

Reading for lookups uses PyYAML's C loader (fast); writing a file people edit
needs a round-trip library that keeps comments, quoting and flow style, so this
module uses ruamel.yaml. The canonical form: keys in schema order in every
mapping (unknown keys after, in their own order), dates as quoted strings,
two-space indentation. Entity order is the author's: the file's sections and
their comments are part of the review.
"""

from __future__ import annotations

import difflib
import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from registry.errors import RegistryFileError
from registry.store.atomic import write_atomic
from registry.store.loader import check, read_text

# Key order of each kind of mapping, by the key that identifies the kind.
ENTITY_KEYS = ("id", "type", "name", "description", "organization", "title", "single_holder",
               "part_of", "ids", "name_parts", "aliases", "ranks", "roles", "relations")
ORDERS: dict[str, tuple[str, ...]] = {
    "top": ("version", "vocabulary", "entities"),
    "title": ("id", "kind", "en", "ar", "abbreviations", "loosely"),
    "entity": ENTITY_KEYS,
    "names": ("ar", "en"),
    "name_parts": ("given", "father", "grandfather", "family"),
    "alias": ("text", "lang", "kind", "shared"),
    "rank": ("title", "start", "start_by", "end", "sources"),
    "role": ("position", "organization", "start", "start_by", "end", "sources"),
    "relation": ("type", "target", "sources"),
    "source": ("file", "quote", "url", "note"),
}
DATE_KEYS = ("start", "start_by", "end")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold long Arabic quotes
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _reorder(mapping: CommentedMap, order: tuple[str, ...]) -> None:
    """Keys in canonical order. (A comment or blank line trailing the old last
    key's value stays with that value when keys move.)"""
    known = [k for k in order if k in mapping]
    rest = [k for k in mapping if k not in order]
    if list(mapping) == known + rest:
        return  # already canonical: leave comments exactly where they are
    for key in known + rest:
        mapping.move_to_end(key)


def _kind(parent: str, mapping: CommentedMap) -> str | None:
    """Which kind of mapping this is, from where it sits."""
    return {
        "top": "top", "titles": "title", "entities": "entity", "name": "names",
        "name_parts": "name_parts", "aliases": "alias", "ranks": "rank", "roles": "role",
        "relations": "relation", "sources": "source",
    }.get(parent)


def _canonicalise(node: Any, parent: str) -> None:
    if isinstance(node, CommentedMap):
        kind = _kind(parent, node)
        if kind is not None:
            _reorder(node, ORDERS[kind])
        for key in list(node):
            value = node[key]
            if key in DATE_KEYS and kind in ("rank", "role") and value is not None:
                text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                if not isinstance(value, DoubleQuotedScalarString):
                    node[key] = DoubleQuotedScalarString(text)
            else:
                _canonicalise(value, str(key))
    elif isinstance(node, CommentedSeq):
        for item in node:
            _canonicalise(item, parent)


def load_roundtrip(path: str | os.PathLike[str]) -> tuple[Any, str]:
    """(round-trip document, original text); syntax errors as file:line.

    The registry's guarded reader sees the text first: ruamel.yaml recurses per
    nesting level and expands aliases, so it is only given a file within the
    loader's limits (depth, anchors, size)."""
    text = read_text(Path(path))
    check(str(path), text)
    try:
        return _yaml().load(text), text
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RegistryFileError(str(path), line, f"YAML: {problem}") from None


def dump(document: Any) -> str:
    """The canonical text of a round-trip document."""
    _canonicalise(document, "top")
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return buffer.getvalue()


def format_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """(original text, canonical text) of a registry file."""
    document, text = load_roundtrip(path)
    return text, dump(document)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"{path} (current)",
                                        tofile=f"{path} (formatted)"))


def format_file(path: str | os.PathLike[str], *, check: bool) -> tuple[bool, str]:
    """Format in place (atomically) unless ``check``; returns (changed, diff)."""
    before, after = format_text(path)
    if before == after:
        return False, ""
    if not check:
        write_atomic(path, after)
    return True, unified_diff(str(path), before, after)
