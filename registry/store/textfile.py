"""Reading a UTF-8 file a user handed us (a registry, an article, stdin), with
one clear error for each way it can be unusable.

Callers pass the error to raise (the registry loader raises RegistryFileError,
the CLI's article reader InputError), so both say the same thing the same way.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
from collections.abc import Callable
from typing import Any, BinaryIO

from registry.errors import InputError, RegistryError

# (line or None, message) -> the caller's error
ErrorFactory = Callable[[int | None, str], RegistryError]
MB = 1024 * 1024


def read_bytes(name: str, limit: int, error: ErrorFactory, kind: str) -> bytes:
    """At most ``limit`` bytes of a file (``-`` is stdin); memory stays bounded
    whatever the file's size. ``kind`` names what the file should be."""
    try:
        if name == "-":
            data = _read_up_to(sys.stdin.buffer, limit + 1)
        else:
            if os.path.isdir(name):
                raise error(None, f"is a directory, not a {kind}")
            with open_binary(name, error, kind) as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > limit:  # refused before reading (a 10 GB file read 512 MB)
                    raise error(None, f"larger than the {limit // MB} MB limit for a {kind}")
                # read(limit + 1) allocated the whole limit up front for every
                # file; a file that grows while read is read on to the limit
                data = handle.read(size + 1) if size else b""
                if len(data) > size or not size:
                    data += _read_up_to(handle, limit + 1 - len(data))
    except FileNotFoundError:
        raise error(None, "no such file") from None
    except PermissionError:
        raise error(None, "permission denied") from None
    except OSError as exc:
        raise error(None, exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise error(None, f"larger than the {limit // MB} MB limit for a {kind}")
    return data


def _read_up_to(handle: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream of unknown size (a pipe), read in
    pieces so memory follows what arrives, not the limit."""
    parts: list[bytes] = []
    total = 0
    while total < limit and (part := handle.read(min(1 << 20, limit - total))):
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def open_binary(name: str, error: ErrorFactory, kind: str) -> BinaryIO:
    """``name`` opened for reading in binary, without ever waiting to open it.

    A plain open() of a named pipe blocks until some process opens it for writing,
    which may be never: the command would hang with no message. Opened without
    waiting, a pipe nobody writes to reads as empty (an error the caller reports),
    and one being written to (``<(command)``) reads as usual. A device or socket
    is refused outright: /dev/zero never ends and a terminal waits for a person.
    """
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    mode = os.fstat(fd).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        os.close(fd)
        raise error(None, f"a device or socket, not a {kind}")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)  # reads of a pipe being written to wait for its data
    return os.fdopen(fd, "rb")


def wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when the bytes are text in one of them (a byte-order
    mark, or the NUL byte beside every ASCII letter that Windows editors write
    without one); else None. Their NUL bytes would otherwise make the file look
    binary, which tells the user nothing useful."""
    head = data[:4096]
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and _decodes(head[len(bom):], codec):
            return codec[:6].upper()
    if len(head) >= 4:
        for zeros, codec in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
            if zeros.count(0) >= len(zeros) // 2 and _decodes(head, codec):
                return "UTF-16"
    if b"\0" in head:  # Arabic text has few NULs: read it and see what it says
        for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
            if _reads_as_arabic_or_ascii(head, codec):
                return codec[:6].upper()
    return None


def _reads_as_arabic_or_ascii(head: bytes, codec: str) -> bool:
    """Whether a head without a byte-order mark is text in ``codec``: it decodes
    with no NUL, and nearly every character is ASCII, Arabic or punctuation.
    (Arabic in UTF-16 has a NUL only beside its spaces and digits, too few for
    the half-NUL test; UTF-8 misread as UTF-16 gives CJK and Hangul, so a UTF-8
    file with a stray NUL stays a binary file.)"""
    if not _decodes(head, codec):
        return False
    text = codecs.getincrementaldecoder(codec)().decode(head)
    usual = sum(1 for c in text if " " <= c < "\x7f" or c in "\t\n\r"
                or "\u0600" <= c <= "\u06ff"
                or "\u2000" <= c <= "\u206f" or "\ufb50" <= c <= "\ufeff")
    return len(text) >= 2 and usual >= 0.9 * len(text)


def _decodes(head: bytes, codec: str) -> bool:
    """Whether a file's first bytes are NUL-free text in ``codec`` (a truncated
    last character is fine: the head is cut anywhere)."""
    if len(head) < 2:
        return False
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head)
    except UnicodeDecodeError:
        return False
    return "\0" not in text


def decode_utf8(data: bytes, error: ErrorFactory, kind: str) -> str:
    """The text of a file's bytes; UTF-16 or -32 text, a NUL byte (a binary file)
    or invalid UTF-8 is reported at its line and byte offset."""
    wide = wide_encoding(data)
    if wide is not None:
        raise error(None, f"{wide}: convert to UTF-8 (a {kind} must be UTF-8)")
    nul = data.find(b"\0")
    if nul >= 0:
        raise error(data.count(b"\n", 0, nul) + 1,
                    f"binary file (NUL byte at offset {nul}), not a {kind}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(data.count(b"\n", 0, exc.start) + 1,
                    f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}") from None


def input_error(label: str) -> ErrorFactory:
    """The error factory for a user's input file: ``LABEL[:LINE]: message`` as an
    InputError (exit 2)."""
    def error(line: int | None, message: str) -> InputError:
        return InputError(f"{label}{f':{line}' if line else ''}: {message}")
    return error


def read_input(name: str, limit: int, kind: str) -> str:
    """The text of an input file a command was given (``-`` is stdin), or an
    InputError naming the file, the line and what is wrong with it."""
    error = input_error("<stdin>" if name == "-" else name)
    return decode_utf8(read_bytes(name, limit, error, kind), error, kind)


def load_json(text: str | bytes) -> Any:
    """``json.loads`` for JSON a user sent (a JSON-lines record, a request field):
    every way it can be unusable is a ValueError (a key given twice in one
    object included). Nesting a few thousand levels
    deep exhausts the recursion limit of Python's JSON reader, which raises
    RecursionError, not ValueError: it escaped the callers' handlers as a
    traceback (or an HTTP 500)."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ValueError("arrays or objects nested too deeply") from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when it names a key twice: Python's reader keeps
    the last value silently (``{"query": "a", "query": "b"}`` asked for b, and
    a document with two ids was filed under the second)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key '{key}' appears twice in one object")
            seen.add(key)
    return obj
