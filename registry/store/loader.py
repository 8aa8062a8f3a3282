"""Read a registry (aliases.yaml, or a folder of YAML files) into validated
models, reporting problems at their file and line.

PyYAML's C parser reads the events, a guarded composer (no recursion, limits
checked per event) builds the node tree (which keeps line marks), and PyYAML's
safe constructor turns it into plain data; pydantic validates that data. When validation
fails, the error's location path is walked back through the node tree to the
line a reviewer must fix. Duplicate keys, which PyYAML silently collapses, are
found on the node tree before construction.
"""

from __future__ import annotations

import copy as copy_module
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml

from registry.errors import RegistryFileError
from registry.model.schema import Entity, RegistryFile, Vocabulary, model_at

# Finding and reading a registry's files needs no pydantic (the compiled store
# is found by them on every run): they live in ``sources``, re-exported here.
from registry.store.sources import KIND as KIND
from registry.store.sources import MAX_FILE_BYTES as MAX_FILE_BYTES
from registry.store.sources import SUFFIXES as SUFFIXES
from registry.store.sources import decode as decode
from registry.store.sources import read_bytes as read_bytes
from registry.store.sources import read_sources as read_sources
from registry.store.sources import read_text as read_text
from registry.store.sources import registry_files as registry_files

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A hostile or broken file must not exhaust memory or the stack.
Loc = tuple[str | int, ...]
MAX_DEPTH = 32
MAX_NODES = 50_000_000
# Longer integers cost quadratic time to convert (Python refuses past 4,300
# digits); the registry's only number is its version.
MAX_NUMBER_CHARS = 32


@dataclass(frozen=True)
class Problem:
    """One finding about a registry file, at a line."""

    path: str
    line: int | None
    column: int | None
    severity: str  # "error" | "warning"
    message: str
    entity: str | None = None  # the id of the entity it is about, when there is one
    field: str | None = None  # the field path inside that entity (roles[0].start)
    # The message without the "entity: field: " prefix, for output that carries
    # entity and field apart (validate --format json); None: same as message.
    detail: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "severity": self.severity, "entity": self.entity, "field": self.field,
                "message": self.message if self.detail is None else self.detail}

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def raise_(self) -> None:
        raise RegistryFileError(self.path, self.line, self.message, self.column)


class NodeTree:
    """The composed YAML node tree: answers "which line is this path on"."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def locate(self, loc: tuple[str | int, ...], *,
               key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node the path reaches (``key``:
        of the last part's key rather than its value, for a key that is wrong)."""
        node = self.root
        if node is None:
            return None, None
        for n, part in enumerate(loc):
            child = _child(node, part, key_node=key and n == len(loc) - 1)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def scalar_at(self, loc: Loc) -> str | None:
        """The text of the scalar at ``loc`` as written in the file (None when
        the path reaches no scalar)."""
        node = self.root
        for part in loc:
            node = _child(node, part) if node is not None else None
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def label(self, loc: Loc) -> tuple[str | None, str]:
        """(entity id, field path inside it) for a location, so a message says
        ``saddam-haftar: roles[0].start`` rather than ``entities[12].roles[0].start``.
        Titles are named ``title general``; without an id the position stays."""
        for prefix, kind in ((("entities",), ""), (("vocabulary", "titles"), "title ")):
            n = len(prefix)
            if loc[:n] == prefix and len(loc) > n and isinstance(loc[n], int):
                node = self.root
                for key in (*loc[: n + 1], "id"):
                    node = _child(node, key) if node is not None else None
                if isinstance(node, yaml.ScalarNode) and node.value:
                    return kind + node.value, format_loc(loc[n + 1 :])
        return None, format_loc(loc)

    def problem(self, path: str, loc: Loc, severity: str, message: str,
                label_loc: Loc | None = None, *, at_key: bool = False) -> Problem:
        """A problem at ``loc``'s line, its message prefixed with the entity and
        field (those of ``label_loc`` when given)."""
        line, column = self.locate(loc, key=at_key)
        entity, field = self.label(loc)
        prefix = ": ".join(p for p in self.label(loc if label_loc is None else label_loc) if p)
        text = f"{prefix}: {message}" if prefix else message
        return Problem(path, line, column, severity, text, entity, field or None,
                       " ".join(message.split()))

    def remapped(self, entity_index: list[int]) -> NodeTree:
        """The same tree, addressed by a document holding only some of the file's
        entities: ``("entities", i)`` means the file's entity ``entity_index[i]``."""
        return _RemappedTree(self.root, entity_index)

    def mappings(self) -> Iterator[yaml.MappingNode]:
        """Every mapping node, depth first."""
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                yield node
                for key, value in node.value:
                    stack.extend((key, value))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)


class _RemappedTree(NodeTree):
    def __init__(self, root: yaml.Node | None, entity_index: list[int]) -> None:
        super().__init__(root)
        self.entity_index = entity_index

    def _map(self, loc: Loc) -> Loc:
        if len(loc) > 1 and loc[0] == "entities" and isinstance(loc[1], int):
            return ("entities", self.entity_index[loc[1]], *loc[2:])
        return loc

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        return super().locate(self._map(loc), key=key)

    def label(self, loc: Loc) -> tuple[str | None, str]:
        return super().label(self._map(loc))

    def scalar_at(self, loc: Loc) -> str | None:
        return super().scalar_at(self._map(loc))


class EntityTree(NodeTree):
    """The node tree of one entity read alone (a streamed build keeps no more),
    answering for the file's paths ``("entities", index, ...)``, so its problems
    carry the same lines and names as when the whole file is held."""

    def __init__(self, node: yaml.Node, index: int) -> None:
        super().__init__(node)
        self.index = index

    def _inside(self, loc: Loc) -> Loc | None:
        return loc[2:] if loc[:2] == ("entities", self.index) else None

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        inside = self._inside(loc)
        return (None, None) if inside is None else super().locate(inside, key=key)

    def scalar_at(self, loc: Loc) -> str | None:
        inside = self._inside(loc)
        return None if inside is None else super().scalar_at(inside)

    def label(self, loc: Loc) -> tuple[str | None, str]:
        inside = self._inside(loc)
        node = _child(self.root, "id") if inside is not None and self.root is not None else None
        if inside is not None and isinstance(node, yaml.ScalarNode) and node.value:
            return node.value, format_loc(inside)
        return None, format_loc(loc)


def _child(node: yaml.Node, key: str | int, *, key_node: bool = False) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                child: yaml.Node = k if key_node else v
                return child
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(
        node.value
    ):
        item: yaml.Node = node.value[key]
        return item
    return None


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor (the one CSafeLoader uses) on our node tree.

    An unquoted ``2023-02-30`` or ``0000-00-00`` looks like a YAML timestamp,
    and PyYAML's constructor raises a bare ValueError on it (a traceback). Such
    a value stays the text it is, so the date check names the field and says
    "no such day" as it does for the quoted form."""

    def timestamp_or_text(self, node: yaml.ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_TIMESTAMP: Any = _Constructor.timestamp_or_text
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _TIMESTAMP)


_RESOLVER: Any = yaml.resolver.Resolver()  # untyped in the stubs
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_FLOAT = "tag:yaml.org,2002:float"
_CORE_TAG = "tag:yaml.org,2002:"
# The plain forms YAML 1.1 (PyYAML) and YAML 1.2 (most other tools: yq, Go,
# JavaScript, ruamel's default) read alike. Any other form PyYAML turns into a
# boolean or a number means something else elsewhere, or nothing a registry
# author meant: ``No`` and ``on`` are booleans (an English name "No", the
# language code ``no``), ``0123`` is octal 83, ``1:00`` is 60 (base 60),
# ``1_0`` is 10, ``0x1`` and ``+1`` are 1.
_PORTABLE = {
    _BOOL: re.compile(r"true|True|TRUE|false|False|FALSE"),
    _INT: re.compile(r"-?(0|[1-9][0-9]*)"),
    _FLOAT: re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
}


def tag_message(tag: str) -> str:
    """What is wrong with an explicit YAML tag (``!!str``, ``!!binary``,
    ``!person``): the registry's values are plain text, numbers and dates, and
    a tag makes the loader and other YAML tools read a value differently."""
    shown = "!!" + tag.removeprefix(_CORE_TAG) if tag.startswith(_CORE_TAG) else tag
    return f"YAML tag '{shown}' is not used in the registry; write the value without it"


def _yaml11_only(tag: str, value: str) -> str | None:
    """Why a plain scalar PyYAML reads as a boolean or number must be written
    otherwise (see ``_PORTABLE``), or None when its form is portable."""
    portable = _PORTABLE.get(tag)
    if portable is None or portable.fullmatch(value):
        return None
    if tag == _BOOL:
        meaning = "true" if value.lower() in ("yes", "on") else "false"
        return (f"'{value}' is read by YAML 1.1 as the boolean {meaning} (other YAML tools "
                f"read text): quote it if it is text, or write {meaning}")
    try:
        number = yaml.safe_load(value)
    except yaml.YAMLError:  # pragma: no cover - the resolver matched it as a number
        number = value
    form = ("base 60" if ":" in value else "octal" if re.fullmatch(r"[-+]?0[0-7_]+", value)
            else "hexadecimal" if "x" in value else "binary" if "b" in value
            else "with '_'" if "_" in value else "with '+'")
    return (f"'{value}' is read by YAML 1.1 as the number {number} ({form}): quote it if "
            "it is text, or write the number in plain digits")
_MERGE = "tag:yaml.org,2002:merge"
_KINDS: dict[type[yaml.Event], type[yaml.CollectionNode]] = {
    yaml.SequenceStartEvent: yaml.SequenceNode, yaml.MappingStartEvent: yaml.MappingNode}


class GuardedComposer:
    """The node tree built from the C parser's events, one at a time, with the
    limits checked as each event arrives.

    PyYAML's own composers (C and Python) recurse once per nesting level, so
    30,000 brackets overflow the C stack (a segfault, no message) before any
    check on the finished tree could run; and an anchor reused a few hundred
    times (billion laughs, or one huge scalar) multiplies the work of every
    later step. Here nothing recurses: depth, node count, anchors and aliases
    (on every node kind) and integers too long to convert are refused at the
    event that breaks them. The tree is the same as PyYAML's (same resolver,
    same marks), so construction and line lookups are unchanged. (Measured on a
    20,000-entity file: no slower than PyYAML's C composer.)
    """

    def __init__(self, path: str) -> None:
        self.path = path

    def _refuse(self, mark: Any, message: str) -> None:
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise RegistryFileError(self.path, line, message, column)

    def _node(self, event: Any, depth: int, nodes: int) -> yaml.Node | None:
        """A new node for a scalar or collection-start event (None for others),
        once the limits allow it."""
        node_class: Any = (yaml.ScalarNode if type(event) is yaml.ScalarEvent
                           else _KINDS.get(type(event)))
        if node_class is None:
            return None
        if event.anchor is not None:
            self._refuse(event.start_mark, f"YAML anchor '&{event.anchor}': the registry "
                         "uses no anchors or aliases; write the value out")
        if nodes > MAX_NODES:
            self._refuse(event.start_mark, f"more than {MAX_NODES} YAML nodes")
        if depth > MAX_DEPTH:
            self._refuse(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        tag = event.tag
        if tag is not None:
            # One behaviour for load and validate: a tag loaded (``!!binary``
            # gave bytes, ``!!str`` text) while validate called it an error.
            self._refuse(event.start_mark, tag_message(tag))
        if node_class is yaml.ScalarNode:
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _INT and len(event.value) > MAX_NUMBER_CHARS:
                self._refuse(event.start_mark, f"a number of {len(event.value)} characters "
                             f"(at most {MAX_NUMBER_CHARS}); quote it if it is text")
            unportable = _yaml11_only(tag, event.value)
            if unportable is not None:
                self._refuse(event.start_mark, unportable)
            return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                   style=event.style)
        tag = _RESOLVER.resolve(node_class, None, event.implicit)
        collection: yaml.Node = node_class(tag, [], event.start_mark, event.end_mark,
                                           flow_style=event.flow_style)
        return collection

    def compose(self, text: str) -> yaml.Node | None:
        """The single document's root node (None for an empty file)."""
        *_, (_, root) = self.nodes(yaml.parse(text, Loader=_Loader))
        return root

    def nodes(self, events: Iterable[Any], *, detach: bool = False
              ) -> Iterator[tuple[int, yaml.Node | None]]:
        """The node tree built from parser events; the last item is ``(-1, root)``.

        With ``detach``, each item of the top-level ``entities:`` sequence is
        yielded as ``(its index, node)`` the moment it is complete and is not
        kept in the tree (the root's ``entities`` sequence stays empty): a
        streamed build holds one entity's nodes at a time, whatever the file's
        size. The node limit then counts the nodes held (the header and one
        entity), not those let go; the file's size bounds the rest."""
        root: yaml.Node | None = None
        # Open collections, each with the key waiting for its value (mappings).
        stack: list[tuple[yaml.Node, list[yaml.Node]]] = []
        nodes = documents = 0
        detached: dict[int, int] = {}  # id of an entities sequence -> items yielded
        held: dict[int, int] = {}  # ... -> nodes held when it began
        for event in events:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._refuse(event.start_mark, "more than one YAML document (a second "
                                 "'---'); the registry is one document")
                continue
            if kind is yaml.AliasEvent:
                self._refuse(event.start_mark, f"YAML alias '*{event.anchor}': the registry "
                             "uses no anchors or aliases; write the value out")
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                node = stack.pop()[0]
                node.end_mark = event.end_mark
            else:
                nodes += 1
                made = self._node(event, len(stack) + 1, nodes)
                if made is None:
                    continue  # stream and document boundaries
                node = made
                if kind in _KINDS:
                    stack.append((node, []))
                    if detach and len(stack) == 2 and _is_entities(stack[0]):
                        held[id(node)] = nodes
                    continue
            if not stack:
                root = node
                continue
            parent, key = stack[-1]
            if isinstance(parent, yaml.SequenceNode):
                if detach and len(stack) == 2 and _is_entities(stack[0]):
                    n = detached.get(id(parent), 0)
                    detached[id(parent)] = n + 1
                    nodes = held[id(parent)]  # the entity's nodes are let go
                    yield n, node
                else:
                    parent.value.append(node)
            elif not key:
                if node.tag == _MERGE and isinstance(node, yaml.ScalarNode):
                    # PyYAML's constructor merges ``<<`` by rewriting the node
                    # tree in place: line lookups then point at the wrong nodes,
                    # and fmt spliced the file into garbage.
                    self._refuse(node.start_mark, "YAML merge key '<<': the registry "
                                 "uses none; write the keys out")
                key.append(node)
            else:
                parent.value.append((key.pop(), node))
        yield -1, root


def _is_entities(open_mapping: tuple[yaml.Node, list[yaml.Node]]) -> bool:
    """Whether an open collection is the root mapping while it reads the value
    of its ``entities`` key."""
    node, key = open_mapping
    return (isinstance(node, yaml.MappingNode) and len(key) == 1
            and isinstance(key[0], yaml.ScalarNode) and key[0].value == "entities")


def duplicate_key_problems(path: str, tree: NodeTree) -> list[Problem]:
    """Keys that appear twice in one mapping (PyYAML would keep only the last)."""
    problems = []
    for mapping in tree.mappings():
        seen: dict[str, int] = {}
        for key, _ in mapping.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if key.value in seen:
                problems.append(Problem(path, line, key.start_mark.column + 1, "error",
                                        f"duplicate key '{key.value}' (first at line "
                                        f"{seen[key.value]})"))
            else:
                seen[key.value] = line
    return problems


def compose(path: str, text: str) -> tuple[NodeTree, object]:
    """Parse YAML text into (node tree, plain data); syntax errors and the limits
    (see ``GuardedComposer``) raise at their line."""
    with yaml_errors(path, text):
        root = GuardedComposer(path).compose(text)
        data = construct(root)
    return NodeTree(root), data


def construct(node: yaml.Node | None) -> object:
    """Plain data of a node tree, by PyYAML's safe constructor (None for none)."""
    return _Constructor().construct_document(node) if node is not None else None


@contextmanager
def yaml_errors(path: str, text: str | None = None) -> Iterator[None]:
    """PyYAML's errors raised inside as one-line RegistryFileErrors at their line
    (``text`` is the file's text when held; else the file is read again to
    place a character the reader refuses)."""
    try:
        yield
    except yaml.reader.ReaderError as exc:
        raise _reader_error(path, exc, text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise RegistryFileError(path, line, f"YAML syntax: {message}", column) from None
    except yaml.YAMLError as exc:
        raise RegistryFileError(path, None, f"YAML: {exc}") from None


def _reader_error(path: str, exc: yaml.reader.ReaderError, text: str | None
                  ) -> RegistryFileError:
    """A character the YAML reader refuses (a raw control character such as ESC
    or DEL), named and placed at its line and column. The C reader gives only
    the UTF-8 byte offset, which is no use to someone looking at the file."""
    code = exc.character if isinstance(exc.character, int) else None
    name = unicodedata.name(chr(code), "") if code is not None else ""
    what = f": U+{code:04X}{' ' + name if name else ''}" if code is not None else ""
    message = f"YAML: {exc.reason}{what}; remove it"
    try:
        data = (text.encode("utf-8", "surrogatepass") if text is not None
                else Path(path).read_bytes())
    except OSError:
        return RegistryFileError(path, None, message)
    offset = min(max(exc.position, 0), len(data))
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return RegistryFileError(path, data.count(b"\n", 0, offset) + 1, message, column)


def schema_problems(path: str, tree: NodeTree, data: object) -> tuple[RegistryFile | None,
                                                                      list[Problem]]:
    """Validate plain data against the models; each error reported at its node's
    line, named by entity id and field. The document only when all of it is valid."""
    parsed = parse_document(path, tree, data)
    return (parsed.document if not parsed.problems else None), parsed.problems


@dataclass
class ParsedDocument:
    """What of a file passed the schema: a document of the entities that did
    (``entity_index[i]`` is the file position of its entity ``i``), the id and
    type of those that did not, and every schema problem."""

    document: RegistryFile | None
    entity_index: list[int]
    unparsed: dict[str, str]
    problems: list[Problem]


def parse_document(path: str, tree: NodeTree, data: object) -> ParsedDocument:
    """Validate the whole file at once (the fast path); when that fails, the
    rest of the file and each entity alone, so one bad entity does not hide the
    others from the checks that follow."""
    if not isinstance(data, dict):
        line, column = tree.locate(())
        what = "the file is empty" if data is None else "the top level is not a mapping"
        return ParsedDocument(None, [], {}, [Problem(
            path, line, column, "error", f"{what}: expected 'version: 1' and 'entities:'")])
    try:
        document = RegistryFile.model_validate(data)
        return ParsedDocument(document, list(range(len(document.entities))), {}, [])
    except pydantic.ValidationError:
        pass
    raw = data.get("entities")
    entities = raw if isinstance(raw, list) else []
    problems: list[Problem] = []
    top: RegistryFile | None = None
    try:
        top = RegistryFile.model_validate({**data, "entities": []} if entities else data)
    except pydantic.ValidationError as exc:
        problems += translate(path, tree, exc, ())
    good: list[Entity] = []
    index: list[int] = []
    unparsed: dict[str, str] = {}
    for i, item in enumerate(entities):
        try:
            good.append(Entity.model_validate(item))
            index.append(i)
        except pydantic.ValidationError as exc:
            problems += translate(path, tree, exc, ("entities", i))
            entity = _without_unknown_keys(item, exc)
            if entity is not None:  # only typo'd keys: check the rest of it as written
                good.append(entity)
                index.append(i)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                unparsed.setdefault(item["id"], str(item.get("type")))
    partial = top.model_copy(update={"entities": good}) if top is not None else None
    return ParsedDocument(partial, index, unparsed, problems)


def _without_unknown_keys(item: object, exc: pydantic.ValidationError) -> Entity | None:
    """The entity with its unknown keys left out, when they were its only problem."""
    errors = exc.errors(include_url=False)
    if any(e["type"] != "extra_forbidden" for e in errors):
        return None
    copy = copy_module.deepcopy(item)
    for error in errors:
        *parents, key = error["loc"]
        node: Any = copy
        for part in parents:
            node = node[part]
        node.pop(key, None)
    try:
        return Entity.model_validate(copy)
    except pydantic.ValidationError:
        return None


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def translate(path: str, tree: NodeTree, exc: pydantic.ValidationError,
               base: Loc) -> list[Problem]:
    """pydantic's errors in the registry's words, each at its line."""
    problems = []
    for error in exc.errors(include_url=False):
        # Model-level validators report at the model; drop pydantic's own
        # pseudo-locations so the path matches the file.
        loc = (*base, *(p for p in error["loc"]
                        if not (isinstance(p, str) and p.startswith("function-"))))
        kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
        label_loc: Loc | None = None
        if kind == "extra_forbidden" and loc:
            label_loc = loc[:-1]
            message = f"unknown key '{loc[-1]}'" + _did_you_mean(str(loc[-1]), loc[:-1])
        elif kind == "missing" and loc:
            label_loc = loc[:-1]
            message = f"missing key '{loc[-1]}'"
        elif kind == "literal_error":
            message = f"{value!r} is not one of {ctx.get('expected', '')}"
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
            message = f"{value!r} is not an id (lowercase ASCII words joined by '-')"
        elif kind == "string_type" and (value is None or isinstance(value, (bool, int, float))):
            # a plain 1973, true or an empty value where text belongs
            text = tree.scalar_at(loc)
            what = ("no value (null)" if value is None else "a boolean"
                    if isinstance(value, bool) else "a number")
            message = (f"'{text}' is read by YAML as {what}: quote it if it is text" if text
                       else "no value: write the text")
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "string_too_long" and isinstance(value, str):
            message = f"{len(value)} characters (at most {ctx.get('max_length')})"
        elif kind == "too_short":
            message = "needs at least one entry"
        else:
            message = error["msg"].removeprefix("Value error, ")
        problems.append(tree.problem(path, loc, "error", message, label_loc,
                                     at_key=kind == "extra_forbidden"))
    return problems


def _did_you_mean(key: str, parent: Loc) -> str:
    model = model_at(parent)
    if model is None:
        return ""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def format_loc(loc: tuple[str | int, ...]) -> str:
    """entities[3].roles[0].start, the way a reader finds it in the file."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class LoadedFile:
    """A parsed and schema-valid registry file with its node tree for line lookups."""

    path: str
    document: RegistryFile
    tree: NodeTree


def load_file(path: str | os.PathLike[str], text: str | None = None) -> LoadedFile:
    """Read (unless ``text`` is given), parse and validate a registry file; the
    first problem raises."""
    name = str(path)
    if text is None:
        text = read_text(Path(path))
    tree, data = compose(name, text)
    for problem in duplicate_key_problems(name, tree):
        problem.raise_()
    document, problems = schema_problems(name, tree, data)
    if problems:
        problems[0].raise_()
    assert document is not None
    return LoadedFile(name, document, tree)


@dataclass
class LoadedRegistry:
    """A registry's files, each parsed and schema-valid, and their union."""

    path: str
    files: list[LoadedFile]
    document: RegistryFile


def merge(files: list[LoadedFile]) -> RegistryFile:
    """One document holding every file's vocabulary (each section: titles,
    descriptors, countries, months) and entities, in file order (the parts are
    valid already, so they are not validated again). Query tables (``checks``)
    stay with their files: their paths are relative to the file naming them."""
    if len(files) == 1:
        return files[0].document
    sections: dict[str, Any] = {
        section: [item for f in files for item in getattr(f.document.vocabulary, section)]
        for section in Vocabulary.model_fields}
    vocabulary = Vocabulary.model_construct(None, **sections)
    return RegistryFile.model_construct(
        version=1, vocabulary=vocabulary,
        entities=[e for f in files for e in f.document.entities])


def load_registry(path: str | os.PathLike[str],
                  sources: list[tuple[Path, bytes]] | None = None) -> LoadedRegistry:
    """Read, parse and validate every file of a registry (file or folder); the
    first problem raises. ``sources`` are the files' bytes when already read."""
    if sources is None:
        sources = read_sources(path)
    files = [load_file(file, decode(file, data)) for file, data in sources]
    return LoadedRegistry(str(path), files, merge(files))
