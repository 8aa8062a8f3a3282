"""Reading a UTF-8 file a user handed us (a registry, an article, stdin), with
one clear error for each way it can be unusable.

Callers pass the error to raise (the registry loader raises RegistryFileError,
the CLI's article reader InputError), so both say the same thing the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from registry.errors import RegistryError

# (line or None, message) -> the caller's error
ErrorFactory = Callable[[int | None, str], RegistryError]
MB = 1024 * 1024


def read_bytes(name: str, limit: int, error: ErrorFactory, kind: str) -> bytes:
    """At most ``limit`` bytes of a file (``-`` is stdin); memory stays bounded
    whatever the file's size. ``kind`` names what the file should be."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            if os.path.isdir(name):
                raise error(None, f"is a directory, not a {kind}")
            with open(name, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(None, "no such file") from None
    except PermissionError:
        raise error(None, "permission denied") from None
    except OSError as exc:
        raise error(None, exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise error(None, f"larger than the {limit // MB} MB limit for a {kind}")
    return data


def decode_utf8(data: bytes, error: ErrorFactory, kind: str) -> str:
    """The text of a file's bytes; a NUL byte (a binary file) or invalid UTF-8 is
    reported at its line and byte offset."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise error(data.count(b"\n", 0, nul) + 1,
                    f"binary file (NUL byte at offset {nul}), not a {kind}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(data.count(b"\n", 0, exc.start) + 1,
                    f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}") from None
