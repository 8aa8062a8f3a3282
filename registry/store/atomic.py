"""Write a file so that a reader (or a crash) sees the old text or the new, never half.

The new text goes to a temporary file in the same folder, is flushed and fsynced,
then renamed over the original (atomic on POSIX); the folder is fsynced so the
rename survives a power cut. The original's permission bits are kept.

The folder may hold files an attacker committed (a pull request can add any
name, including symlinks), so the temporary file gets a fresh random name and
is created with ``O_EXCL | O_NOFOLLOW``: it is always a new regular file,
never something that already existed at that name, and the write can never
land on a file a symlink points to. ``os.replace`` swaps directory entries and
does not follow a symlink at the target's name either.

A writer killed midway leaves its temporary file; the next write to the same
target removes those of writers that are gone. Only names this module makes
are matched (``.NAME.PID.16-hex-digits.tmp``), so nothing else is ever deleted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# A temporary file older than this is stale even if its writer's process id
# has been reused by another process since.
STALE_SECONDS = 24 * 3600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _temp_name(target: Path) -> str:
    return f".{target.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but is someone else's
        return True
    return True


def sweep_stale(target: Path) -> list[str]:
    """Remove temporary files left beside ``target`` by killed writers (their
    process is gone, or the file is a day old); returns the names removed."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[0-9a-f]{{16}}\.tmp")
    removed: list[str] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        found = pattern.fullmatch(name)
        if found is None:
            continue
        path = target.parent / name
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if _alive(int(found.group(1))) and now - info.st_mtime < STALE_SECONDS:
            continue
        with contextlib.suppress(OSError):
            path.unlink()  # unlinks a symlink itself, never what it points to
            removed.append(name)
    return removed


def create_temp(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``target`` (open for writing, private),
    for a writer that renames it over ``target`` when done; stale ones of killed
    writers are swept first."""
    sweep_stale(target)
    path = target.parent / _temp_name(target)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    return fd, path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` atomically (text is written as UTF-8)."""
    with atomic_file(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write the new content of ``path`` into, piece by piece
    (output larger than memory): it replaces ``path`` atomically when the block
    ends, and is removed, leaving ``path`` as it was, if the block raises."""
    target = Path(path)
    fd, tmp_path = create_temp(target)
    tmp_name = str(tmp_path)
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(handle.fileno(), target.stat().st_mode & 0o7777)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def output_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Where a command writes ``-o PATH``: ``atomic_file`` for a regular file or a
    new one. What is not a regular file must not be renamed over: as root,
    ``-o /dev/full`` replaced the device node with a regular file, and ``-o
    /dev/stdout`` would replace that symlink. Our own stdout or stderr (however
    named: /dev/stdout, /proc/self/fd/1) is written to as it is; a pipe,
    /dev/null or a terminal is opened and written; a folder, a disk or any other
    device or socket is refused."""
    try:
        info = os.stat(path)  # through symlinks: /dev/stdout -> the pipe or file
    except FileNotFoundError:
        info = None
    own = next((fd for fd in (1, 2) if info is not None and _is_open_as(info, fd)), None)
    if own is not None:
        with os.fdopen(os.dup(own), "wb") as handle:
            yield handle
        return
    if info is None or stat.S_ISREG(info.st_mode):
        with atomic_file(path) as handle:
            yield handle
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if stat.S_ISFIFO(info.st_mode) or (stat.S_ISCHR(info.st_mode) and (
            info.st_rdev == os.stat(os.devnull).st_rdev or _is_terminal(path))):
        with open(path, "wb") as handle:
            yield handle
        return
    raise OSError(errno.EINVAL, "not a regular file, a pipe or a terminal", str(path))


def _is_terminal(path: str | os.PathLike[str]) -> bool:
    """Whether a character device is a terminal (opened without becoming the
    controlling terminal, and without writing anything)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _is_open_as(info: os.stat_result, fd: int) -> bool:
    """Whether ``info`` is the file open as ``fd`` (our stdout or stderr)."""
    try:
        return os.path.samestat(info, os.fstat(fd))
    except OSError:
        return False
