"""A lock held by every command that reads, changes and rewrites a registry file.

Without it two concurrent ``suggest --apply`` runs both read the same text, each
adds its entry, and the second rename wins: one addition is lost while both
report success. Holders re-read the file after taking the lock, so each change
is made to the latest text.

The lock is a ``filelock`` lock file beside the registry's real file
(``.NAME.lock``). filelock opens it with ``O_NOFOLLOW`` and without ``O_TRUNC``,
so a symlink committed at that name cannot make it touch another file.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

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
        lock.release()
