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

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml

from registry.errors import RegistryFileError
from registry.model.schema import RegistryFile, Vocabulary
from registry.store import textfile

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A hostile or broken file must not exhaust memory or the stack.
MAX_FILE_BYTES = 512 * 1024 * 1024
KIND = "registry file"
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", " ".join(self.message.split()))

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

    def locate(self, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node the path reaches."""
        node = self.root
        if node is None:
            return None, None
        for key in loc:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

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


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                child: yaml.Node = v
                return child
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(
        node.value
    ):
        item: yaml.Node = node.value[key]
        return item
    return None


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor (the one CSafeLoader uses) on our node tree."""


_RESOLVER: Any = yaml.resolver.Resolver()  # untyped in the stubs
_INT = "tag:yaml.org,2002:int"
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
        if node_class is yaml.ScalarNode:
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _INT and len(event.value) > MAX_NUMBER_CHARS:
                self._refuse(event.start_mark, f"a number of {len(event.value)} characters "
                             f"(at most {MAX_NUMBER_CHARS}); quote it if it is text")
            return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                   style=event.style)
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(node_class, None, event.implicit)
        collection: yaml.Node = node_class(tag, [], event.start_mark, event.end_mark,
                                           flow_style=event.flow_style)
        return collection

    def compose(self, text: str) -> yaml.Node | None:
        """The single document's root node (None for an empty file)."""
        root: yaml.Node | None = None
        # Open collections, each with the key waiting for its value (mappings).
        stack: list[tuple[yaml.Node, list[yaml.Node]]] = []
        nodes = documents = 0
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
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
                    continue
            if not stack:
                root = node
                continue
            parent, key = stack[-1]
            if isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif not key:
                key.append(node)
            else:
                parent.value.append((key.pop(), node))
        return root


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


def _registry_error(path: Path) -> textfile.ErrorFactory:
    return lambda line, message: RegistryFileError(str(path), line, message)


def read_text(path: Path) -> str:
    """The file's text, or a RegistryFileError naming what is wrong with it."""
    return decode(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a RegistryFileError (missing, a folder, too large)."""
    return textfile.read_bytes(str(path), MAX_FILE_BYTES, _registry_error(path), KIND)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text of a registry file's bytes; NUL bytes and bad UTF-8 are errors."""
    return textfile.decode_utf8(data, _registry_error(path), KIND)


def compose(path: str, text: str) -> tuple[NodeTree, object]:
    """Parse YAML text into (node tree, plain data); syntax errors and the limits
    (see ``GuardedComposer``) raise at their line."""
    try:
        root = GuardedComposer(path).compose(text)
        data = _Constructor().construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise RegistryFileError(path, line, f"YAML syntax: {message}", column) from None
    except yaml.YAMLError as exc:
        raise RegistryFileError(path, None, f"YAML: {exc}") from None
    return NodeTree(root), data


def schema_problems(path: str, tree: NodeTree, data: object) -> tuple[RegistryFile | None,
                                                                      list[Problem]]:
    """Validate plain data against the models; each error reported at its node's line."""
    if not isinstance(data, dict):
        line, column = tree.locate(())
        what = "the file is empty" if data is None else "the top level is not a mapping"
        return None, [Problem(path, line, column, "error",
                              f"{what}: expected 'version: 1' and 'entities:'")]
    try:
        return RegistryFile.model_validate(data), []
    except pydantic.ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            # Model-level validators report at the model; drop pydantic's own
            # pseudo-locations so the path matches the file.
            loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
            line, column = tree.locate(loc)
            message = error["msg"].removeprefix("Value error, ")
            problems.append(Problem(path, line, column, "error",
                                    f"{format_loc(loc)}: {message}" if loc else message))
        return None, problems


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


# A registry is one YAML file, or a folder of them (one per country or
# organisation, say): every *.yaml / *.yml below it, hidden ones skipped, in
# sorted order so ids, answers and the compiled store's key never depend on the
# order the file system lists them in.
SUFFIXES = (".yaml", ".yml")


def registry_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files a registry path stands for: itself, or a folder's files."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    files = sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    if not files:
        raise RegistryFileError(str(root), None, "a registry folder with no .yaml files")
    return files


def read_sources(path: str | os.PathLike[str]) -> list[tuple[Path, bytes]]:
    """Each file of a registry with its bytes (errors name the file)."""
    return [(file, read_bytes(file)) for file in registry_files(path)]


@dataclass
class LoadedRegistry:
    """A registry's files, each parsed and schema-valid, and their union."""

    path: str
    files: list[LoadedFile]
    document: RegistryFile


def merge(files: list[LoadedFile]) -> RegistryFile:
    """One document holding every file's titles and entities, in file order (the
    parts are valid already, so they are not validated again)."""
    if len(files) == 1:
        return files[0].document
    vocabulary = Vocabulary.model_construct(
        titles=[t for f in files for t in f.document.vocabulary.titles])
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
