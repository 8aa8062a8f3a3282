"""A registry read one entity at a time: what ``registry build`` compiles from.

Holding a whole registry costs far more than its text: at 100k entities the
YAML node tree, the plain data and the pydantic models together took 1.4 GB,
so a million would not fit a laptop. Here each file is read in chunks by
PyYAML's C parser; the guarded composer (``loader.GuardedComposer``, with the
same limits) hands over each item of ``entities:`` as soon as it is complete,
and the item is checked for duplicate keys, validated by the same schema, and
fed to the cross-entity checks (``references.ReferenceCheck``) before the next
one is read. Only the small document header (version, vocabulary, checks)
stays whole.

Problems are the ones ``load_registry`` reports, at the same file and line,
and the first one in the same order (syntax and limits at once; then, per
file, duplicate keys, the header's schema problems, the first entity's; then
references across files); the store being written is then abandoned.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import yaml

from registry.errors import RegistryFileError
from registry.model.schema import Entity, RegistryFile
from registry.store import cache
from registry.store.loader import (
    MAX_FILE_BYTES,
    EntityTree,
    GuardedComposer,
    LoadedFile,
    NodeTree,
    Problem,
    construct,
    decode,
    duplicate_key_problems,
    merge,
    parse_document,
    read_bytes,
    registry_files,
    translate,
    yaml_errors,
)
from registry.store.references import ReferenceCheck
from registry.store.textfile import wide_encoding

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CHUNK = 1024 * 1024  # bytes read at a time


class RegistryStream:
    """One registry (a file or a folder of them), read entity by entity.

    ``source_key()`` scans the files (the cache key, and their encoding
    checked); ``entities()`` yields each valid entity in registry order and
    raises the first problem; after it, ``document()`` is the registry's
    header (vocabulary, no entities)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.files = registry_files(path)
        self._headers: list[LoadedFile] = []
        self._scanned: dict[Path, tuple[int, int]] = {}  # file -> (size, mtime) when hashed
        self._bad: set[Path] = set()  # files that are not UTF-8 text

    def source_key(self) -> str:
        """``cache.source_key`` of the files, read in chunks; a file that cannot
        be read raises here, one that is not UTF-8 text when ``entities()``
        reaches it (the order ``load_registry`` reports them in)."""
        return cache.key_of((file.name, *self._scan(file)) for file in self.files)

    def _scan(self, file: Path) -> tuple[int, Iterator[bytes]]:
        try:
            handle = open(file, "rb")  # noqa: SIM115 (closed by the generator below)
            info = os.fstat(handle.fileno())
        except OSError:
            _refuse(file)
            raise  # not reached: _refuse raises
        if info.st_size > MAX_FILE_BYTES:
            handle.close()
            _refuse(file)
        self._scanned[file] = (info.st_size, info.st_mtime_ns)
        return info.st_size, _checked_chunks(file, handle, info.st_size, self._bad)

    def entities(self) -> Iterator[Entity]:
        """Every valid entity, in registry order (a duplicate id is left out);
        the first problem raises once its file is read (references across
        files: once all are)."""
        if not self._scanned:
            self.source_key()
        check = ReferenceCheck(multi_file=len(self.files) > 1)
        for file in self.files:
            yield from self._file_entities(file, check)
        problems = check.problems()
        if problems:
            problems[0].raise_()

    def _file_entities(self, file: Path, check: ReferenceCheck) -> Iterator[Entity]:
        name = str(file)
        if file in self._bad:
            _refuse(file)
        dup: Problem | None = None  # the first duplicate key inside an entity
        bad: Problem | None = None  # the first entity the schema refuses
        root: yaml.Node | None = None
        with open(file, "rb") as handle, yaml_errors(name):
            info = os.fstat(handle.fileno())
            if self._scanned.get(file) != (info.st_size, info.st_mtime_ns):
                raise RegistryFileError(name, None, "changed while being read; run again")
            # The C parser pulls a few kilobytes at a time: the text is never held whole.
            events = yaml.parse(handle, Loader=_Loader)
            for i, node in GuardedComposer(name).nodes(events, detach=True):
                if i < 0:
                    root = node
                    break
                if dup is not None or bad is not None or node is None:
                    continue  # read on: a syntax error further down comes first
                tree = EntityTree(node, i)
                dup = next(iter(duplicate_key_problems(name, tree)), None)
                if dup is not None:
                    continue
                entity, bad = _validated(name, tree, construct(node), i)
                if entity is not None and check.add(name, tree, i, entity):
                    yield entity
            header = NodeTree(root)
            data = construct(root)
        first = [*duplicate_key_problems(name, header), *([dup] if dup else [])]
        parsed = parse_document(name, header, data)
        first += [*parsed.problems, *([bad] if bad else [])]
        if first:
            first[0].raise_()
        assert parsed.document is not None
        check.add_vocabulary(name, header, parsed.document.vocabulary)
        self._headers.append(LoadedFile(name, parsed.document, header))

    def document(self) -> RegistryFile:
        """The registry's header once ``entities()`` is spent: version, checks and
        the files' vocabulary merged as ``load_registry`` merges them."""
        if len(self._headers) != len(self.files):
            raise RuntimeError("the registry has not been read to its end")
        return merge(self._headers)


def _validated(path: str, tree: NodeTree, item: Any, i: int) -> tuple[Entity | None,
                                                                    Problem | None]:
    """The entity, or the first schema problem, at its line."""
    try:
        return Entity.model_validate(item), None
    except pydantic.ValidationError as exc:
        return None, translate(path, tree, exc, ("entities", i))[0]


def _refuse(file: Path) -> None:
    """Raise the loader's own one-line error for a file that cannot be read as a
    registry (read whole, on this rare path, so the message names the same
    line and byte as ``load_registry``)."""
    decode(file, read_bytes(file))
    raise RegistryFileError(str(file), None, "changed while being read; run again")


def _checked_chunks(file: Path, handle: Any, size: int, bad: set[Path]) -> Iterator[bytes]:
    """The file's bytes in chunks, each checked as ``textfile.decode_utf8``
    checks a whole file; a file that fails is put in ``bad`` (refused with the
    loader's message when the build reaches it, as the loader would)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    with handle:
        while chunk := handle.read(CHUNK):
            if b"\0" in chunk or (read == 0 and wide_encoding(chunk) is not None):
                bad.add(file)
            elif file not in bad:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    bad.add(file)
            read += len(chunk)
            yield chunk
    if file not in bad:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad.add(file)
    if read != size:
        raise RegistryFileError(str(file), None, "changed while being read; run again")
