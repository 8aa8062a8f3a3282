"""The compiled registry: one SQLite file built from the YAML, opened in
milliseconds and read lazily, key by key.

Why SQLite (measured at 100k synthetic entities, see the commit that added this
module and ``tools/bench.py``): unpickling the built index as Python objects
took 0.6 s plus a 0.2 s garbage-collection pass, whatever the pickle layout,
because a lookup structure with 800k small objects has to be recreated before
the first query. A B-tree file needs no such step: opening reads a few pages,
and a query reads the handful of keys it probes. SQLite ships with Python, is
one ordinary file a user can copy to another machine or ship to workers, and is
read here with ``immutable=1`` (no locks, no journal): a store is never changed
in place, only replaced whole.

What is stored is generic, so the index and timeline can grow fields without a
change here: each object's attributes are saved one by one; a large dict, list
or set becomes a table of rows (its keys are str or tuples of str), anything
small is pickled with the object. On opening, large attributes come back as
read-only views (``StoredMap``, ``StoredList``, ``StoredSet``) that fetch and
remember a row when asked for it. Entities are one pickled row each.

The values are pickles, so a store is only read from a folder and file owned by
the current user and writable by nobody else (``cache.trusted``), like the
cache it replaced. A store that cannot be read (truncated, overwritten, another
format) is reported as corrupt; one found in the cache folder is rebuilt.

Every stored value carries a CRC-32 of its bytes, checked before the value is
used: a row cut short or altered on disk (a full disk, a bad sector) is found
at the row, not by whatever unpickling it happens to do. Reads are lazy, so a
damaged row can surface mid-run: a store from the cache folder is then deleted
at once, and the one-line error says to run again (the next load rebuilds it),
instead of failing the same way on every later run.
"""

from __future__ import annotations

import contextlib
import gc
import io
import itertools
import os
import pickle
import sqlite3
import threading
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from pathlib import Path
from typing import Any, Protocol

from registry.errors import RegistryFileError
from registry.model.records import record_reduction
from registry.store.atomic import create_temp
from registry.store.collector import collector_paused

# 2: every value carries its CRC-32; 3: entities keep the registry's order;
# 4: the name index as encoded rows of its own table (``ix``); 5: the office
# reader's tables (``offices``), so that the first lookup builds nothing; 6: the
# annotator's word sets and phrase table (``annotate``), values and objects in
# a rowid table (``blob``); 7: the timeline keeps each title's holders by the
# name index's ordinals too (``Timeline.holder_ordinals``); 8: whole-name rows
# carry their people's canonical names, pair rows where their second run starts;
# 9: whole-name rows say whether their pair rows can add another form
FORMAT = 9
SUFFIX = ".store"
SMALL = 256  # containers with fewer items are pickled with their object
NEIGHBOURS = 8  # list rows read together
_SEP = "\x1f"  # joins the parts of a tuple key (never in a normalised token)
_INTS = b"A"  # a list of ints, stored as a machine array (fast to read back)
_PICKLE = b"P"


class CorruptStore(RegistryFileError):
    """The file is not a readable store of this format (raised at open, or by the
    first read that meets a damaged page)."""

    def __init__(self, path: str | os.PathLike[str], problem: str,
                 removed: bool = False, *, foreign: bool = False) -> None:
        advice = ("it was a cache entry and has been removed: run the command again" if removed
                  else "build one with 'registry build --out FILE.store'" if foreign
                  else "rebuild it with 'registry build --out FILE.store'")
        what = problem if foreign else f"corrupt compiled store ({problem})"
        super().__init__(str(path), None, f"{what}; {advice}")

    @classmethod
    def at_open(cls, path: Path, exc: Exception) -> CorruptStore:
        """The error for a file that does not open as a store. A file that is
        not one of ours (an empty file, another program's SQLite database, any
        other file named .store) is said to be so: "corrupt ... delete it" was
        bad advice for somebody else's data."""
        problem = str(exc)
        if "no such table" in problem:
            empty = path.is_file() and path.stat().st_size == 0
            return cls(path, "an empty file, not a compiled store" if empty else
                       "an SQLite database without a registry store's tables, not a "
                       "compiled store", foreign=True)
        if "file is not a database" in problem:
            return cls(path, "not a compiled store (SQLite: file is not a database)",
                       foreign=True)
        return cls(path, problem)


def _sealed(blob: bytes) -> bytes:
    """A stored value: its CRC-32, then its bytes."""
    return zlib.crc32(blob).to_bytes(4, "big") + blob


def _unsealed(blob: bytes) -> bytes:
    """The bytes of a stored value whose CRC-32 holds (ValueError otherwise)."""
    return bytes(_unsealed_view(blob))


def _unsealed_view(blob: bytes) -> memoryview:
    """``_unsealed`` without copying the bytes (a value of megabytes is
    unpickled straight from the row read)."""
    body = memoryview(blob)[4:]
    if len(blob) < 4 or zlib.crc32(body) != int.from_bytes(blob[:4], "big"):
        raise ValueError("checksum mismatch")
    return body


class _RecordPickler(pickle.Pickler):
    """Pickles every schema model as its plain record (``registry.model.records``):
    a store is read without importing pydantic, and whoever writes into it
    (entities, a timeline holding roles, a title vocabulary) needs no step of
    its own for that."""

    def reducer_override(self, obj: object) -> Any:
        return record_reduction(obj) or NotImplemented


def _dumps(value: object) -> bytes:
    out = io.BytesIO()
    _RecordPickler(out, protocol=5).dump(value)
    return out.getvalue()


def _pickled(value: object) -> bytes:
    return _sealed(_dumps(value))


def _encode(value: object) -> bytes:
    if type(value) is list and value and all(type(v) is int for v in value):
        return _sealed(_INTS + array("q", value).tobytes())
    return _sealed(_PICKLE + _dumps(value))


def _decode(sealed: bytes) -> Any:
    blob = _unsealed(sealed)
    if blob[:1] == _INTS:
        numbers = array("q")
        numbers.frombytes(blob[1:])
        return numbers.tolist()
    if blob[:1] == _PICKLE:
        return pickle.loads(blob[1:])
    raise ValueError("unknown value encoding")


def _key_kind(keys: Iterable[object]) -> str | None:
    """'s' when every key is a str, 't' when every key is a tuple of str, else None."""
    kind = None
    for key in keys:
        this = "s" if type(key) is str else (
            "t" if type(key) is tuple and all(type(k) is str for k in key) else None)
        if this is None or (kind is not None and this != kind):
            return None
        kind = this
    return kind


def _encode_key(key: object, kind: str) -> str:
    return key if kind == "s" else _SEP.join(key)  # type: ignore[return-value,arg-type]


def _decode_key(text: str, kind: str) -> object:
    return text if kind == "s" else tuple(text.split(_SEP))


# -- building ---------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE entity (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, value BLOB NOT NULL)
    WITHOUT ROWID;
CREATE TABLE map (part INTEGER NOT NULL, key TEXT NOT NULL, value BLOB,
                  PRIMARY KEY (part, key)) WITHOUT ROWID;
CREATE TABLE list (part INTEGER NOT NULL, i INTEGER NOT NULL, value BLOB NOT NULL,
                   PRIMARY KEY (part, i)) WITHOUT ROWID;
CREATE TABLE ix (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE blob (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


class Writer:
    """Writes a store to a temporary file next to ``path``, renamed into place
    by ``commit`` (a reader sees the old store or the new one, never half)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self._tmp = create_temp(path)  # swept by the next build if this one is killed
        os.close(fd)
        self._db = sqlite3.connect(self._tmp)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._parts = itertools.count(1)
        self._entities = 0

    def add_entities(self, entities: Iterable[tuple[str, object]]) -> None:
        """Entities by id, one pickled row each (a generator keeps memory flat)."""
        # Numbered, so that iteration gives them back in the registry's order.
        for chunk in _chunks(entities, 4096):
            self._db.executemany("INSERT INTO entity VALUES (?, ?, ?)",
                                 [(k, self._entities + n, _pickled(v))
                                  for n, (k, v) in enumerate(chunk)])
            self._entities += len(chunk)

    def add_object(self, name: str, obj: object, rows: Set[str] = frozenset()) -> None:
        """An object's attributes: large containers as rows, the rest pickled.
        ``rows``: attributes stored as rows whatever their length (a table of
        few keys whose values are long lists: each is read only when asked).
        """
        state = obj.__getstate__() if hasattr(obj, "__getstate__") else vars(obj)
        state = dict(state or {})
        small: dict[str, Any] = {}
        large: dict[str, tuple[str, int, str, int]] = {}  # attr -> (shape, part, key kind, n)
        for attr, value in state.items():
            stored = self._add_container(value, attr in rows)
            if stored is None:
                small[attr] = value
            else:
                large[attr] = stored
        self._put_blob(f"object:{name}", _pickled((type(obj), small, large)))

    def _add_container(self, value: object, always: bool = False
                       ) -> tuple[str, int, str, int] | None:
        if not isinstance(value, (dict, list, set, frozenset)) or not value or (
                len(value) < SMALL and not always):
            return None
        part = next(self._parts)
        if isinstance(value, list):
            rows = ((part, i, _encode(v)) for i, v in enumerate(value))
            for chunk in _chunks(rows, 8192):
                self._db.executemany("INSERT INTO list VALUES (?, ?, ?)", chunk)
            return "list", part, "", len(value)
        kind = _key_kind(value)
        if kind is None:
            return None
        shape = "map" if isinstance(value, dict) else "set"
        items: Iterable[tuple[int, str, bytes | None]]
        if isinstance(value, dict):
            items = ((part, _encode_key(k, kind), _encode(v)) for k, v in value.items())
        else:
            items = ((part, _encode_key(k, kind), None) for k in value)
        for chunk in _chunks(items, 8192):
            self._db.executemany("INSERT INTO map VALUES (?, ?, ?)", chunk)
        return shape, part, kind, len(value)

    def add_rows(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Encoded rows of the name index (``registry.match.index``), by key; the
        bytes are the index's own, stored as they are with a CRC-32."""
        for chunk in _chunks(rows, 8192):
            self._db.executemany("INSERT INTO ix VALUES (?, ?)",
                                 [(k, _sealed(v)) for k, v in chunk])

    def add_value(self, name: str, value: object) -> None:
        self._put_blob(f"value:{name}", _pickled(value))

    def rows(self) -> StoredRows:
        """The index rows written so far, read back (tables derived from the
        whole index are computed at build time from them, by the same code
        that computes them for an index in memory)."""
        return StoredRows(self)

    def query(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        return self._db.execute(sql, args).fetchall()

    def iterate(self, sql: str, args: tuple[Any, ...]) -> Iterable[Any]:
        """Rows of a read as SQLite steps through them: a pass over every
        person row at 1M entities is never held whole while building."""
        return self._db.execute(sql, args)

    @staticmethod
    def unseal(blob: bytes) -> bytes:
        return _unsealed(blob)

    @staticmethod
    def remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
        """Nothing read back while building is kept: each row is read once,
        and memory stays flat whatever the registry's size."""
        return value

    def _put(self, key: str, value: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _put_blob(self, key: str, value: bytes) -> None:
        # Values and objects (megabytes, some of them) go to a rowid table: in
        # a WITHOUT ROWID table a whole row is a B-tree key, and a probe that
        # meets a large one as a divider reads its overflow chain (a 10 kB value
        # took 3.0 ms instead of 0.18 ms to read beside a 2.8 MB one).
        self._db.execute("INSERT OR REPLACE INTO blob VALUES (?, ?)", (key, value))

    def commit(self, source_key: str) -> None:
        from registry.store.cache import code_fingerprint

        self._put("format", str(FORMAT).encode())
        self._put("code", code_fingerprint().encode())
        self._put("source", source_key.encode())
        self._put("entities", str(self._entities).encode())
        self._db.commit()
        self._db.close()
        os.chmod(self._tmp, 0o600)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# -- reading ----------------------------------------------------------------------


class Store:
    """An open store: its metadata, entities and saved objects."""

    def __init__(self, path: Path, *, disposable: bool = False) -> None:
        """``disposable``: a cache entry, deleted when found damaged (the next
        load rebuilds it); a store a user built and named is never deleted."""
        self.path = path
        self.disposable = disposable
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1",
                                       uri=True, check_same_thread=False)
            meta = dict(self._db.execute(
                "SELECT key, value FROM meta WHERE key IN "
                "('format', 'code', 'source', 'entities')"))
            if meta.get("format") != str(FORMAT).encode():
                raise ValueError("not a store of this format")
            self.source_key = bytes(meta["source"]).decode()
            self.code = bytes(meta["code"]).decode()
            self.entity_count = int(meta["entities"])
        except (sqlite3.Error, ValueError, KeyError) as exc:
            raise CorruptStore.at_open(path, exc) from None
        self._lock = threading.Lock()  # one connection, shared by threads

    def remember(self, cache: dict[Any, Any], key: Any, value: Any) -> Any:
        """Keep a decoded row for the next lookup, and move the objects alive
        now out of the collector's view (gc.freeze): rows stay for the
        process's life, and collections that rescan them pause lookups.

        Frozen at every row: ``gc.freeze`` is a constant-time splice of the
        collector's lists, and it also restarts the count that triggers the
        next collection. Freezing every 4,096 rows instead, a first pass over
        the bench's 5,253 queries at 1M entities spent 188 ms in 1,247
        collections, 4 of them full (17-20 ms each, the longest queries of the
        pass); freezing at every row, 13 ms in 95, none full, and p99 went from
        2.85-2.94 to 2.48-2.52 ms (at 100k 1.12-1.33 to 0.96-0.98 ms). A frozen
        object is still freed as soon as nothing refers to it; lookups make no
        reference cycles (tests/test_library.py)."""
        cache[key] = value
        gc.freeze()
        return value

    def _damaged(self, problem: str) -> CorruptStore:
        """The error for a damage found while reading; a cache entry is deleted
        first (open connections keep reading the unlinked file)."""
        if self.disposable:
            with contextlib.suppress(OSError):
                self.path.unlink()
            return CorruptStore(self.path, problem, removed=True)
        return CorruptStore(self.path, problem)

    def query(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        """Rows of a read; any failure of the file is a CorruptStore."""
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise self._damaged(str(exc)) from None

    def iterate(self, sql: str, args: tuple[Any, ...]) -> Iterable[Any]:
        """``query``: its rows are read whole, under the lock (threads share
        the connection)."""
        return self.query(sql, args)

    def unpickle(self, blob: bytes) -> Any:
        try:
            return pickle.loads(_unsealed_view(blob))
        except Exception as exc:
            raise self._damaged(f"unreadable value: {exc}") from None

    def unseal(self, blob: bytes) -> bytes:
        """The bytes of a stored value whose CRC-32 holds (else CorruptStore)."""
        try:
            return _unsealed(blob)
        except ValueError as exc:
            raise self._damaged(f"unreadable value: {exc}") from None

    def decode(self, blob: bytes) -> Any:
        try:
            return _decode(blob)
        except Exception as exc:
            raise self._damaged(f"unreadable value: {exc}") from None

    def value(self, name: str) -> Any:
        """A saved value, unpickled with the collector paused, then frozen
        (``collector_paused``): a value such as the annotator's tables lives as
        long as the registry."""
        rows = self.query("SELECT value FROM blob WHERE key = ?", (f"value:{name}",))
        if not rows:
            raise CorruptStore(self.path, f"no value '{name}'")
        with collector_paused():
            return self.unpickle(rows[0][0])

    def restore(self, name: str) -> Any:
        """A saved object, its large containers as lazy views."""
        rows = self.query("SELECT value FROM blob WHERE key = ?", (f"object:{name}",))
        if not rows:
            raise CorruptStore(self.path, f"no object '{name}'")
        cls, small, large = self.unpickle(rows[0][0])
        obj = cls.__new__(cls)
        state = dict(small)
        for attr, (shape, part, kind, size) in large.items():
            view = {"map": StoredMap, "set": StoredSet, "list": StoredList}[shape]
            state[attr] = view(self, part, kind, size)
        obj.__dict__.update(state)
        return obj

    def entities(self) -> StoredEntities:
        return StoredEntities(self)

    def rows(self) -> StoredRows:
        return StoredRows(self)


_MISSING = object()


class _View:
    """A lazily read container: rows are fetched on first use and remembered."""

    def __init__(self, store: Store, part: int, kind: str, size: int) -> None:
        self._store = store
        self._part = part
        self._kind = kind
        self._size = size
        self._seen: dict[Any, Any] = {}

    def __len__(self) -> int:
        return self._size

    def __reduce__(self) -> tuple[Any, ...]:
        raise TypeError("a stored view is not picklable; open the store where it is used")


class StoredMap(_View, Mapping[Any, Any]):
    """A dict saved as rows of the ``map`` table."""

    def _fetch(self, key: object) -> Any:
        if key in self._seen:  # a remembered miss too (_MISSING): most probes miss
            return self._seen[key]
        try:
            encoded = _encode_key(key, self._kind)
        except TypeError:
            return _MISSING
        rows = self._store.query("SELECT value FROM map WHERE part = ? AND key = ?",
                                 (self._part, encoded))
        found = self._store.decode(rows[0][0]) if rows else _MISSING
        return self._store.remember(self._seen, key, found)

    def __getitem__(self, key: object) -> Any:
        found = self._fetch(key)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def get(self, key: object, default: Any = None) -> Any:
        found = self._fetch(key)
        return default if found is _MISSING else found

    def __contains__(self, key: object) -> bool:
        return self._fetch(key) is not _MISSING

    def __iter__(self) -> Iterator[Any]:
        rows = self._store.query("SELECT key FROM map WHERE part = ?", (self._part,))
        return (_decode_key(k, self._kind) for (k,) in rows)

    def items(self) -> Any:
        rows = self._store.query("SELECT key, value FROM map WHERE part = ?", (self._part,))
        return [(_decode_key(k, self._kind), self._store.decode(v)) for k, v in rows]

    def values(self) -> Any:
        return [v for _, v in self.items()]


class StoredSet(_View, Set[Any]):
    """A set saved as keys of the ``map`` table."""

    def __contains__(self, key: object) -> bool:
        found = self._seen.get(key)
        if found is None:
            try:
                encoded = _encode_key(key, self._kind)
            except TypeError:
                return False
            found = bool(self._store.query("SELECT 1 FROM map WHERE part = ? AND key = ?",
                                           (self._part, encoded)))
            self._store.remember(self._seen, key, found)
        return bool(found)

    def __iter__(self) -> Iterator[Any]:
        rows = self._store.query("SELECT key FROM map WHERE part = ?", (self._part,))
        return (_decode_key(k, self._kind) for (k,) in rows)

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)


class StoredList(_View, Sequence[Any]):
    """A list saved as rows of the ``list`` table."""

    def __init__(self, store: Store, part: int, kind: str, size: int) -> None:
        super().__init__(store, part, kind, size)
        self._raw: dict[int, bytes] = {}

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        found = self._seen.get(i, _MISSING)
        if found is _MISSING:
            blob = self._raw.pop(i, None)
            if blob is None:
                # Neighbours come along, undecoded: a person's name forms sit
                # together and a query's candidates often include several.
                rows = self._store.query(
                    "SELECT i, value FROM list WHERE part = ? AND i >= ? AND i < ?",
                    (self._part, i, i + NEIGHBOURS))
                for j, value in rows:
                    if j not in self._seen:
                        self._raw[j] = value
                blob = self._raw.pop(i, None)
                if blob is None:
                    raise IndexError(i)
            found = self._store.remember(self._seen, i, self._store.decode(blob))
        return found

    def __iter__(self) -> Iterator[Any]:
        rows = self._store.query("SELECT value FROM list WHERE part = ? ORDER BY i",
                                 (self._part,))
        return (self._store.decode(v) for (v,) in rows)


class StoredEntities(Mapping[str, Any]):
    """Entities by id, each unpickled on first access."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        try:
            return self._loaded[key]
        except KeyError:
            pass
        rows = self._store.query("SELECT value FROM entity WHERE id = ?", (key,))
        if not rows:
            raise KeyError(key)
        return self._store.remember(self._loaded, key, self._store.unpickle(rows[0][0]))

    def __contains__(self, key: object) -> bool:
        return key in self._loaded or bool(
            self._store.query("SELECT 1 FROM entity WHERE id = ?", (key,)))

    def __iter__(self) -> Iterator[str]:
        return (k for (k,) in self._store.query("SELECT id FROM entity ORDER BY ord", ()))

    def __len__(self) -> int:
        return self._store.entity_count

    def values(self) -> Any:
        rows = self._store.query("SELECT id, value FROM entity ORDER BY ord", ())
        out = []
        for key, blob in rows:
            if key not in self._loaded:
                self._loaded[key] = self._store.unpickle(blob)
            out.append(self._loaded[key])
        return out


class _Reader(Protocol):
    """Where rows are read: an open ``Store``, or a ``Writer`` reading back."""

    def query(self, sql: str, args: tuple[Any, ...]) -> list[Any]: ...

    def iterate(self, sql: str, args: tuple[Any, ...]) -> Iterable[Any]: ...

    def unseal(self, blob: bytes) -> bytes: ...

    def remember(self, cache: dict[Any, Any], key: Any, value: Any) -> Any: ...


class StoredRows:
    """The name index's rows (``Writer.add_rows``): raw bytes by key, read one
    B-tree probe each (or one query for many), never decoded here."""

    def __init__(self, store: _Reader) -> None:
        self._store = store

    def get(self, key: str) -> bytes | None:
        rows = self._store.query("SELECT value FROM ix WHERE key = ?", (key,))
        return self._store.unseal(rows[0][0]) if rows else None

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Rows of many keys, one query per 500 (a title's holders)."""
        out: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self._store.query(
                    f"SELECT key, value FROM ix WHERE key IN ({marks})", tuple(chunk)):
                out[key] = self._store.unseal(value)
        return out

    def scan(self, prefix: str) -> Iterator[tuple[str, bytes]]:
        """Every row whose key starts with ``prefix`` (empty: all), in key order."""
        if prefix:
            rows = self._store.iterate("SELECT key, value FROM ix WHERE key >= ? AND key < ? "
                                       "ORDER BY key",
                                       (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))
        else:
            rows = self._store.iterate("SELECT key, value FROM ix ORDER BY key", ())
        return ((key, self._store.unseal(value)) for key, value in rows)

    def remember(self, cache: dict[Any, Any], key: Any, value: Any) -> Any:
        return self._store.remember(cache, key, value)


def open_store(path: Path) -> Store:
    """Open a store file; RegistryFileError if it is unreadable or not ours to trust."""
    from registry.store import cache

    if not path.is_file():
        raise RegistryFileError(str(path), None, "no such compiled store")
    if not cache.trusted(path):
        raise RegistryFileError(str(path), None, "a compiled store must be owned by you and "
                                "writable by nobody else (its folder too)")
    store = Store(path)
    if store.code != cache.code_fingerprint():
        raise RegistryFileError(str(path), None, "compiled by another version of this "
                                "package; rebuild it with 'registry build'")
    return store
