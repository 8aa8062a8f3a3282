"""A lock held by every command that reads, changes and rewrites a registry file.

Without it two concurrent ``suggest --apply`` runs both read the same text, each
adds its entry, and the second rename wins: one addition is lost while both
report success. Holders re-read the file after taking the lock, so each change
is made to the latest text.

The lock is a ``filelock`` lock file beside the registry's real file
(``.NAME.lock``). filelock opens it with ``O_NOFOLLOW`` and without ``O_TRUNC``,
so a symlink committed at that name cannot make it touch another file.

The lock file is removed when the lock is released, so no ``.NAME.lock`` is
left in the user's folder (or in ``git status``). Removing it is safe only in
this order: the holder unlinks the name WHILE it still holds the kernel lock,
then unlocks. A waiter that had opened the old file then locks a file with no
name; filelock (>= 4.2, see pyproject) checks ``st_nlink`` after every
acquisition and starts over on the name, where at most one process can hold the
new file. (Unlocking first and unlinking after would let a waiter lock the old
file while a newcomer locks a new one: two holders.) The file stays beside the
registry rather than in the per-user cache folder so that two accounts writing
one shared registry still exclude each other. When the filesystem has no
``flock`` and filelock falls back to an existence lock, releasing is the unlink
itself: then nothing is removed here.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout, UnixFileLock

from registry.errors import RegistryFileError

WAIT_SECONDS = 120.0  # a writer that holds it longer is stuck, not slow


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file guarding a registry file (a symlinked registry is locked at
    its target, where the writers write)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


@contextmanager
def locked(path: str | os.PathLike[str], wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the registry's write lock; waits up to ``wait`` seconds for another
    writer, then fails with a one-line error."""
    lock = FileLock(lock_path(path), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise RegistryFileError(str(path), None, f"another command has been changing this file "
                                f"for {wait:.0f} s (lock {lock_path(path).name}); try again") \
            from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink: refused, not followed
            why = f"{lock_path(path).name} is a symlink; remove it"
        raise RegistryFileError(str(path), None, f"cannot lock for writing: {why}") from None
    try:
        yield
    finally:
        if isinstance(lock, UnixFileLock):  # a kernel lock (not the existence-lock fallback)
            with suppress(OSError):  # already gone, or a read-only folder: harmless
                os.unlink(lock.lock_file)  # still held: see the module docstring
        lock.release()
