"""Canonical layout of registry files, with the file otherwise exactly as written.

``fmt`` changes two things only: keys in schema order in every mapping (unknown
keys after, in their own order), and dates of ranks and roles as double-quoted
strings (``start: "2025-08"``; an unquoted 2025-08-14 would be read as a date
object, an unquoted 2025 as a number). Everything else is the authors': entity
order, section headers, comments, blank lines, indentation and the spelling of
every other scalar (``+1_000`` and ``~`` stay).

It works on the text, not on a re-serialised document: the guarded YAML reader
(``registry.store.loader.compose``) gives every node's start and end offset, and
a reordered mapping is rebuilt from slices of the original. Each key carries the
comment lines directly above it (no blank line between) and any comment beside
it; comments separated from the next key by a blank line are section headers and
stay where they are. Comment lines indented deeper than the next key close the
value above them (commented-out list items, a remark after the last entity) and
move with that value, blank lines between included. (A round-trip library
re-serialises instead, and attaches a comment to the *previous* node: headers
drifted into the entry above, and ``+1_000`` came back as ``1_000``.)
"""

from __future__ import annotations

import difflib
import io
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from registry.errors import RegistryFileError
from registry.model import schema
from registry.store.atomic import write_atomic
from registry.store.loader import compose, read_text
from registry.store.lock import locked

# Key order of each kind of mapping where it differs from the models' field
# order; fields a model gains later follow these, in the model's order.
ENTITY_KEYS = ("id", "type", "name", "description", "organization", "title", "single_holder",
               "part_of", "ids", "name_parts", "aliases", "ranks", "roles", "relations")
LISTED: dict[str, tuple[str, ...]] = {
    "top": ("version", "checks", "vocabulary", "entities"),
    "title": ("id", "kind", "en", "ar", "abbreviations", "loosely", "forms"),
    "entity": ENTITY_KEYS,
    "names": ("ar", "en"),
    "name_parts": ("given", "father", "grandfather", "ancestors", "family", "nisba",
                   "called_by"),
    "alias": ("text", "lang", "kind", "strength", "shared"),
    "rank": ("title", "start", "start_by", "end", "sources"),
    "role": ("position", "organization", "start", "start_by", "end", "sources"),
    "relation": ("type", "target", "sources"),
    "source": ("file", "quote", "url", "note"),
}
MODELS: dict[str, type[BaseModel]] = {
    "top": schema.RegistryFile, "vocabulary": schema.Vocabulary, "title": schema.Title,
    "entity": schema.Entity, "names": schema.Names, "name_parts": schema.NameParts,
    "alias": schema.Alias, "rank": schema.Rank, "role": schema.Role,
    "relation": schema.Relation, "source": schema.Source,
}
# Which kind of mapping sits under a key (for a sequence: each of its items).
KIND_UNDER = {"vocabulary": "vocabulary", "titles": "title", "entities": "entity",
              "name": "names", "name_parts": "name_parts", "aliases": "alias",
              "ranks": "rank", "roles": "role", "relations": "relation", "sources": "source"}
DATE_KEYS = frozenset(("start", "start_by", "end"))
DATED_KINDS = frozenset(("rank", "role"))


def key_order(kind: str) -> tuple[str, ...]:
    listed = LISTED.get(kind, ())
    model = MODELS.get(kind)
    extra = tuple(k for k in (model.model_fields if model else ()) if k not in listed)
    return listed + extra


@dataclass
class _Piece:
    """A node's replacement text for source[start:end], plus comment lines that
    must go above the line the node starts on (a moved first key's comments)."""

    start: int
    end: int
    text: str
    above: list[str]


class _Formatter:
    def __init__(self, text: str) -> None:
        self.src = text
        self.line_starts = [0]
        for i, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(i + 1)

    # -- positions -------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_text(self, line: int) -> str:
        start = self.line_starts[line]
        end = self.src.find("\n", start)
        return self.src[start:] if end < 0 else self.src[start:end]

    def line_end(self, offset: int) -> int:
        end = self.src.find("\n", offset)
        return len(self.src) if end < 0 else end

    def last_content(self, node: yaml.Node) -> int:
        """Offset just after the node's last character (before trailing comments,
        blank lines and line breaks)."""
        if isinstance(node, yaml.MappingNode) and node.flow_style is False and node.value:
            return self.last_content(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and node.flow_style is False and node.value:
            return self.last_content(node.value[-1])
        end: int = node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.src[end - 1] in " \t\r\n":
                end -= 1
        return max(end, node.start_mark.index)

    def first_on_line(self, offset: int) -> bool:
        line_start = self.line_starts[self.line_of(offset)]
        return self.src[line_start:offset].strip() == ""

    def comment_indent(self, line: int) -> int | None:
        """The column a comment line starts at; None for any other line."""
        text = self.line_text(line)
        stripped = text.lstrip(" \t")
        return len(text) - len(stripped) if stripped.startswith("#") else None

    def comments_above(self, offset: int, floor: int, column: int) -> int:
        """Start of the comment lines directly above the line of ``offset`` (no
        blank line between), not reaching back to ``floor``. A comment indented
        deeper than the key's ``column`` belongs to the value above it, not to
        the key."""
        line = self.line_of(offset)
        start = self.line_starts[line]
        while line > 0:
            previous = line - 1
            if self.line_starts[previous] < floor:
                break
            indent = self.comment_indent(previous)
            if indent is None or indent > column:
                break
            line = previous
            start = self.line_starts[line]
        return start

    def trailing_end(self, offset: int, column: int) -> int:
        """End of the comment lines after the line ending at ``offset`` that are
        indented deeper than ``column`` (blank lines may come between): they
        close the value above (commented-out list items, a remark after the last
        entity), so they move with it rather than with the next key."""
        end = offset
        line = self.line_of(offset) + 1
        while line < len(self.line_starts) and self.line_starts[line] <= len(self.src):
            indent = self.comment_indent(line)
            if indent is not None and indent > column:
                end = self.line_end(self.line_starts[line])
            elif indent is not None or self.line_text(line).strip():
                break
            line += 1
        return end

    # -- rendering -------------------------------------------------------------------

    def render(self, node: yaml.Node, kind: str | None, key: str | None,
               floor: int) -> _Piece:
        """The node's text with every mapping inside it in canonical order."""
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, kind, floor)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, KIND_UNDER.get(key or ""))
        start, end = node.start_mark.index, self.last_content(node)
        text = self.src[start:end]
        if (kind in DATED_KINDS and key in DATE_KEYS and isinstance(node, yaml.ScalarNode)
                and node.style in (None, "", "'") and node.tag != "tag:yaml.org,2002:null"):
            text = '"' + node.value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return _Piece(start, end, text, [])

    def splice(self, start: int, end: int, pieces: list[_Piece]) -> str:
        """source[start:end] with each piece's range replaced by its text."""
        out, pos = [], start
        for piece in pieces:
            out.append(self.src[pos:piece.start])
            out.append(piece.text)
            pos = piece.end
        out.append(self.src[pos:end])
        return "".join(out)

    def sequence(self, node: yaml.SequenceNode, kind: str | None) -> _Piece:
        start, end = node.start_mark.index, self.last_content(node)
        if node.flow_style is False and self.first_on_line(start):
            start = self.line_starts[self.line_of(start)]  # room for moved comments
        pieces = []
        previous_end = start
        for item in node.value:
            piece = self.render(item, kind, None, previous_end)
            if piece.above:  # comments of a key that moved to the front of the item
                line_start = self.line_starts[self.line_of(piece.start)]
                dash_line = self.src[line_start:piece.start]
                indent = " " * (len(dash_line) - len(dash_line.lstrip(" ")))
                block = "".join(indent + comment + "\n" for comment in piece.above)
                pieces.append(_Piece(line_start, line_start, block, []))
            pieces.append(_Piece(piece.start, piece.end, piece.text, []))
            previous_end = piece.end
        end = max(end, previous_end)  # a last item's comment beside is part of it
        return _Piece(start, end, self.splice(start, end, pieces), [])

    def mapping(self, node: yaml.MappingNode, kind: str | None, floor: int) -> _Piece:
        values: list[_Piece] = []
        keys: list[str | None] = []
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            keys.append(key)
            sub = KIND_UNDER.get(key or "") if isinstance(value_node, yaml.MappingNode) else kind
            values.append(self.render(value_node, sub, key, key_node.end_mark.index))
        order = self.order(keys, kind)
        if node.flow_style is False and node.value:
            return self.block_mapping(node, values, order, floor)
        start, end = node.start_mark.index, self.last_content(node)
        if order != sorted(order) and self.line_of(start) == self.line_of(end):
            pairs = [self.src[k.start_mark.index:v.start] + v.text
                     for (k, _), v in zip(node.value, values, strict=True)]
            return _Piece(start, end, "{" + ", ".join(pairs[i] for i in order) + "}", [])
        # In order, or a flow mapping over several lines (it may hold comments): as written.
        return _Piece(start, end, self.splice(start, end, values), [])

    def order(self, keys: list[str | None], kind: str | None) -> list[int]:
        """Positions of the keys in canonical order (unknown keys last, as written)."""
        if kind is None:
            return list(range(len(keys)))
        known = key_order(kind)
        rank = {k: i for i, k in enumerate(known)}
        return sorted(range(len(keys)), key=lambda i: (rank.get(keys[i] or "", len(known)), i))

    def block_mapping(self, node: yaml.MappingNode, values: list[_Piece], order: list[int],
                      floor: int) -> _Piece:
        """Each key with the comment lines directly above it and everything up to
        the end of its value's last line is one segment; segments are permuted,
        the text between them (blank lines, section headers) stays in place."""
        start = node.start_mark.index
        column = node.value[0][0].start_mark.column
        inline = not self.first_on_line(start)  # `- id: x`: the first key shares a line
        segments: list[tuple[int, int, str]] = []  # (start, end, text as from line start)
        previous_end = floor
        for n, ((key_node, _), value) in enumerate(zip(node.value, values, strict=True)):
            key_start = key_node.start_mark.index
            if n == 0 and inline:
                seg_start = key_start
            else:
                seg_start = self.comments_above(key_start, previous_end, column)
            seg_end = self.trailing_end(self.line_end(value.end), column)
            body = self.src[seg_start:value.start] + value.text + self.src[value.end:seg_end]
            if n == 0 and inline:
                body = " " * column + body
            segments.append((seg_start, seg_end, body))
            previous_end = seg_end
        region_start, region_end = segments[0][0], segments[-1][1]
        if order == sorted(order):
            return _Piece(region_start, region_end,
                          self.splice(region_start, region_end, values), [])
        gaps = [self.src[a[1]:b[0]] for a, b in itertools.pairwise(segments)]
        out: list[str] = []
        above: list[str] = []
        for slot, index in enumerate(order):
            body = segments[index][2]
            if slot > 0:
                out.append(gaps[slot - 1])
            elif inline:  # comments go above the `- ` line; the key follows the dash
                lines = body.split("\n")
                while lines[0].lstrip().startswith("#"):
                    above.append(lines.pop(0).strip())
                body = "\n".join(lines)[column:]
            out.append(body)
        return _Piece(region_start, region_end, "".join(out), above)


def canonical_text(text: str, path: str = "<text>") -> str:
    """The canonical layout of a registry file's text. Line ends are LF or CRLF:
    a lone CR (old Mac line ends) is a line break to YAML but not to the
    formatter's line arithmetic, which spliced such a file into garbage; it
    becomes LF (the same YAML). The result is read back and must say what the
    original said (dates aside, which are quoted on purpose): fmt never writes a
    file whose meaning it changed."""
    # A byte order mark is skipped by the YAML reader, so every node offset is
    # one short of the text's: it is set aside and written back as it was.
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    tree, before = compose(path, text)
    root = tree.root
    if root is None:
        return bom + text
    formatter = _Formatter(text)
    piece = formatter.render(root, "top", None, 0)
    if piece.above:
        line_start = formatter.line_starts[formatter.line_of(piece.start)]
        piece = _Piece(line_start, piece.end,
                       "".join(c + "\n" for c in piece.above) + piece.text, [])
    out = formatter.splice(0, len(text), [piece])
    out = out if out.endswith("\n") or not out else out + "\n"
    if out == text:
        return bom + out  # already formatted (the common case): nothing to check
    del tree, formatter, piece  # the second reading's tree replaces the first's
    try:
        _, after = compose(path, out)
    except RegistryFileError:
        after = None
    if _comparable(after) != _comparable(before):
        raise RegistryFileError(path, None, "fmt cannot lay this file out without changing "
                                "what it says, so it is left as it is (please report it)")
    return bom + out


_LONE_CR = re.compile("\r(?!\n)")


def _comparable(value: object, key: object = None) -> object:
    """Data as fmt must keep it: a date fmt quotes (2025 or 2025-08-14 read as a
    number or a date object) compares as its text."""
    if isinstance(value, dict):
        return {k: _comparable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if key in DATE_KEYS and value is not None and not isinstance(value, str):
        return str(value)
    return value


# -- round-trip documents (``suggest`` builds new entries as YAML objects) -------------

def _yaml() -> YAML:
    yaml_rt = YAML(typ="rt")
    yaml_rt.width = 4096  # never fold long Arabic quotes
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    yaml_rt.preserve_quotes = True
    return yaml_rt


def load_roundtrip(path: str | os.PathLike[str]) -> tuple[Any, str]:
    """(round-trip document, original text); syntax errors as file:line.

    The registry's guarded reader sees the text first: ruamel.yaml recurses per
    nesting level and expands aliases, so it is only given a file within the
    loader's limits (depth, anchors, size)."""
    text = read_text(Path(path))
    compose(str(path), text)
    try:
        # LF line ends for ruamel.yaml, which drops the blank lines of a CRLF
        # file (19 of the registry's), and without the comments closing the
        # file, which it would keep before anything appended to the last list;
        # ``styled_like`` puts both back
        body, _ = _closing_comments(_as_lf(text))
        return _yaml().load(body), text
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RegistryFileError(str(path), line, f"YAML: {problem}") from None


def dump(document: Any) -> str:
    """The canonical text of a round-trip document."""
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return canonical_text(buffer.getvalue())


def _as_lf(text: str) -> str:
    """``text`` with LF line ends only (a CRLF or a lone CR is one line break
    to YAML)."""
    return _LONE_CR.sub("\n", text.replace("\r\n", "\n"))


def _closing_comments(text: str) -> tuple[str, str]:
    """(``text`` without the comments at column 0 that close it, those comments
    with their blank lines, ending in a newline). Comments indented under the
    last entry stay in the text: they belong to it."""
    lines = text.splitlines(keepends=True)
    start = len(lines)
    while start and (lines[start - 1].startswith("#") or not lines[start - 1].strip()):
        start -= 1
    closing = "".join(lines[start:])
    if not start or "#" not in closing:
        return text, ""
    return "".join(lines[:start]), closing if closing.endswith("\n") else closing + "\n"


def styled_like(text: str, original: str) -> str:
    """``text`` (a document dumped anew, LF line ends) written the way the file it
    replaces was: its byte-order mark kept, and CRLF line ends if most of its
    lines had them. (ruamel.yaml drops the mark and keeps a CR only inside the
    comments it copies, so a rewritten Windows file came back with mixed line
    ends and its first line changed.)"""
    _, closing = _closing_comments(_as_lf(original))
    text = text.replace("\r\n", "\n") + closing
    crlf = original.count("\r\n")
    if crlf and crlf >= original.count("\n") - crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if original.startswith("\ufeff") else "") + text.removeprefix("\ufeff")


def format_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """(original text, canonical text) of a registry file."""
    text = read_text(Path(path))
    return text, canonical_text(text, str(path))


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"{path} (current)",
                                        tofile=f"{path} (formatted)"))


def format_file(path: str | os.PathLike[str], *, check: bool) -> tuple[bool, str]:
    """Format in place (atomically) unless ``check``; returns (changed, diff). A
    symlinked registry is rewritten at its target: the link stays a link. The
    rewrite reads the file under the registry's lock, so a concurrent writer's
    change is formatted, not overwritten."""
    if check:
        before, after = format_text(path)
    else:
        with locked(path):
            before, after = format_text(path)
            if before != after:
                write_atomic(os.path.realpath(path), after)
    if before == after:
        return False, ""
    return True, unified_diff(str(path), before, after)
