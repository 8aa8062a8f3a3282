"""Where compiled stores live, how they are named, and which ones may be read.

A registry's store is named by the SHA-256 of its source files (names and
bytes, plus the package and Python versions and the store format), in the
user's cache folder: an edited file gets another name, so a stale store is
never used, and old ones are pruned. Stores hold pickles, so they are only read
from a folder and file owned by the current user and writable by nobody else:
a store planted by someone else is ignored, never unpickled.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from registry.store.atomic import write_atomic
from registry.store.compiled import FORMAT, SUFFIX

# Every registry with an entity is compiled on first use. Measured on the seed
# registry (68 entities): answering from its YAML costs ~0.3 s of CPU per run
# (importing pydantic and building the models, then validating), from its store
# ~0.12 s; writing the store once costs ~10 ms.
MIN_ENTITIES = 1
KEEP = 8  # newest stores kept in the cache folder; older ones are pruned
ENV_DIR = "REGISTRY_CACHE_DIR"
ENV_OFF = "REGISTRY_NO_CACHE"

Sources = list[tuple[Path, bytes]]
KEYS = "keys"  # subfolder of remembered source keys (see ``remembered_key``)
KEEP_KEYS = 64
# A file changed this recently may change again within the file system's
# timestamp resolution without its size or times moving: its key is not
# remembered until it has been still this long.
RACY_NS = 2_000_000_000


def cache_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "arabic-entity-registry"


def source_key(sources: Sources) -> str:
    """The content address of a registry: its files' names and bytes, and what
    reads them (the package's code and data by content, the Python version, the
    store format). The package's version number is not asked for: the code
    fingerprint covers it, and reading installed-package metadata cost 15 ms of
    every cold run."""
    return key_of((file.name, len(data), (data,)) for file, data in sources)


def key_of(parts: Iterable[tuple[str, int, Iterable[bytes]]]) -> str:
    """``source_key`` of files given as (name, size, chunks of bytes): a
    streamed build hashes a large registry without holding it."""
    digest = hashlib.sha256()
    for name, size, chunks in parts:  # names too: a file renamed in a folder is another registry
        digest.update(f"{name}|{size}|".encode("utf-8", "surrogateescape"))
        for chunk in chunks:
            digest.update(chunk)
    digest.update(_salt().encode())
    return digest.hexdigest()[:32]


# -- remembered keys ---------------------------------------------------------------
#
# Hashing a registry's bytes to find its store costs ~2 ms per MB (a 100k-entity
# registry is 25 MB, a 1M one 250 MB): more than opening the store. So the key is
# remembered beside the stores, with each file's size, modification and change
# times, inode and device as they were BEFORE its bytes were read; while all of
# these are unchanged the key is reused without reading anything. The change
# time cannot be set back by a program (unlike the modification time), a file
# replaced by a rename has another inode, and a file changed within RACY_NS of
# being hashed is never remembered: any doubt means one more hash, never a
# stale store.

FileStats = list[list[Any]]  # path, size, mtime_ns, ctime_ns, inode, device (JSON)


def file_stats(files: list[Path]) -> FileStats | None:
    """What ``remembered_key`` compares: one row per file; None if one is gone."""
    rows: FileStats = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            return None
        rows.append([os.path.abspath(file), info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                     info.st_ino, info.st_dev])
    return rows


def _salt() -> str:
    """What else a key depends on (see ``source_key``)."""
    return f"{sys.version_info[:2]}|{FORMAT}|{code_fingerprint()}"


def _memo(path: Path) -> Path:
    # the path's bytes as the OS has them: a folder named in bytes that are not
    # UTF-8, or any non-ASCII name under LC_ALL=C, is held with surrogates,
    # which str.encode() refused (a traceback on every command)
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return cache_dir() / KEYS / f"{name}.json"


def remembered_key(path: Path, stats: FileStats | None) -> str | None:
    """The source key remembered for this registry path, if its files' stats
    are exactly those it was computed from (and the memo is ours to trust)."""
    memo = _memo(path)
    if stats is None or not trusted(memo):
        return None
    try:
        saved = json.loads(memo.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("stats") != stats or saved.get("salt") != _salt():
        return None
    key = saved.get("key")
    return key if isinstance(key, str) else None


def remember_key(path: Path, stats: FileStats | None, key: str) -> None:
    """Remember ``key`` for files whose ``stats`` were taken before they were
    read and hashed; best effort (an unusable cache folder only costs speed)."""
    now = time.time_ns()
    if stats is None or any(now - max(row[2], row[3]) < RACY_NS for row in stats):
        return
    folder = prepare()
    if folder is None:
        return
    keys = folder / KEYS
    with contextlib.suppress(OSError):
        keys.mkdir(mode=0o700, exist_ok=True)
        if private(keys):
            write_atomic(_memo(path), json.dumps({"stats": stats, "salt": _salt(), "key": key}))


@functools.cache
def code_fingerprint() -> str:
    """The package's modules and data files, by content: a store holds pickled
    objects of these classes, so a changed checkout (or another release) must
    never read a store an older one wrote, while the same code on another
    machine (a worker) may. A few milliseconds, once per process."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".yaml") and "__pycache__" not in file.parts:
            digest.update(f"{file.relative_to(package)}|".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def private(item: Path) -> bool:
    """Owned by us and writable by nobody else."""
    try:
        info = item.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted(path: Path) -> bool:
    """A file we may unpickle: it and its folder are private."""
    return private(path.resolve().parent) and private(path)


def enabled() -> bool:
    return not os.environ.get(ENV_OFF)


def entry_for(key: str) -> Path:
    return cache_dir() / f"{key}{SUFFIX}"


def prepare() -> Path | None:
    """The cache folder, created private; None when it cannot be used (not
    private, read-only): then registries are simply built in memory."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if private(folder) else None


def why_unusable(folder: Path) -> str:
    """Why ``prepare`` refused ``folder``, in a few words for an error message."""
    if folder.exists() and not folder.is_dir():
        return "it is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        return f"cannot create it ({exc.strerror or exc})"
    return "it must be yours and writable by nobody else"


def prune(folder: Path) -> None:
    """Keep the newest KEEP stores (and sweep temporaries a crash left)."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
        memos = sorted((folder / KEYS).glob("*.json"), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        for old in memos[KEEP_KEYS:]:
            old.unlink()
