"""An on-disk cache of built registries, so a large aliases.yaml loads in a
fraction of the time it takes to parse and index it.

Keyed by the SHA-256 of the file's bytes (plus the package and Python versions
and this format's number), in the user's cache folder. Safe to delete; a stale
entry is never used (another key) and old ones are pruned; a corrupt one is
deleted and rebuilt. Entries are pickles, so they are only read from a folder
and file owned by the current user and writable by nobody else: a cache entry
planted by someone else is ignored, never unpickled.

Entities are stored one pickle each and unpickled when first used: a query
touches a handful, and a warm load then only rebuilds the index structures.

Each entry starts with the SHA-256 of its pickle, checked before anything in it
is unpickled: an entity cut short by a full disk or a bad sector would
otherwise only fail when first used, on every later run. A bad entry is
removed (the next load rebuilds it); if an entity still cannot be unpickled,
the entry is removed and the error says to run again.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from registry.errors import RegistryFileError
from registry.store.atomic import write_atomic

FORMAT = 4  # 4: checksummed; 3: name forms carry a strength; the merged vocabulary is cached
MAGIC = b"arabic-entity-registry cache\n"
DIGEST = hashlib.sha256().digest_size
MIN_ENTITIES = 1000  # smaller registries parse faster than a cache round trip is worth
KEEP = 8  # newest entries kept; older ones are pruned
ENV_DIR = "REGISTRY_CACHE_DIR"
ENV_OFF = "REGISTRY_NO_CACHE"


class LazyEntities(Mapping[str, Any]):
    """Entities by id, each unpickled on first access."""

    def __init__(self, blobs: dict[str, bytes], entry: Path | None = None) -> None:
        self._blobs = blobs
        self._loaded: dict[str, Any] = {}
        self._entry = entry

    def __getitem__(self, key: str) -> Any:
        try:
            return self._loaded[key]
        except KeyError:
            blob = self._blobs[key]
        try:
            entity = self._loaded[key] = pickle.loads(blob)
        except Exception as exc:
            where = str(self._entry or "registry cache")
            if self._entry is not None:
                with contextlib.suppress(OSError):
                    self._entry.unlink()
            raise RegistryFileError(where, None, f"cache entry unreadable ({exc}); it has been "
                                    "removed: run the command again") from None
        return entity

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of small objects: the cyclic collector would rescan them all,
    over and over, while they are being created."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cache_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "arabic-entity-registry"


Sources = list[tuple[Path, bytes]]


def _key(sources: Sources) -> str:
    from registry import __name__ as package

    try:
        from importlib.metadata import version

        package_version = version("arabic-entity-registry")
    except Exception:  # not installed (running from a source tree)
        package_version = "source"
    digest = hashlib.sha256()
    for file, data in sources:  # names too: a file renamed in a folder is another registry
        digest.update(f"{file.name}|{len(data)}|".encode())
        digest.update(data)
    digest.update(f"{package}|{package_version}|{sys.version_info[:2]}|{FORMAT}".encode())
    return digest.hexdigest()[:32]


def _private(item: Path) -> bool:
    """Owned by us and writable by nobody else."""
    try:
        info = item.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted(path: Path) -> bool:
    return _private(path.parent) and _private(path)


def enabled() -> bool:
    return not os.environ.get(ENV_OFF)


def entry_for(sources: Sources) -> Path:
    return cache_dir() / f"{_key(sources)}.pickle"


def read(sources: Sources) -> dict[str, Any] | None:
    """The cached parts for files with these bytes, or None (missing, untrusted,
    corrupt: a corrupt entry is removed)."""
    path = entry_for(sources)
    if not path.is_file() or not _trusted(path):
        return None
    try:
        payload = _unseal(path.read_bytes())
        with _no_gc():
            parts = pickle.loads(payload)
        if not isinstance(parts, dict) or parts.get("format") != FORMAT:
            raise ValueError("not a cache entry of this format")
        parts["entry"] = path
        return parts
    except Exception:
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _seal(payload: bytes) -> bytes:
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _unseal(data: bytes) -> memoryview:
    """The pickle of an entry whose checksum holds (ValueError otherwise)."""
    view = memoryview(data)
    start = len(MAGIC) + DIGEST
    if bytes(view[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a cache entry")
    payload = view[start:]
    if hashlib.sha256(payload).digest() != bytes(view[len(MAGIC):start]):
        raise ValueError("checksum mismatch")
    return payload


def write(sources: Sources, parts: dict[str, Any]) -> None:
    """Store parts for files with these bytes (best effort: a read-only or full
    disk only costs the next load its speed)."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return
        write_atomic(entry_for(sources),
                     _seal(pickle.dumps({**parts, "format": FORMAT}, protocol=5)))
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:
        return
