"""Writing corpus annotations so that an interrupted run loses nothing it wrote.

Output is appended one chunk at a time, and a chunk counts as written only once
it is durable:

- **JSON lines** (``OUT.jsonl``): a chunk's rows are appended in one write and
  fsynced; then a line naming the chunk's documents and the output's new length
  is appended to the journal ``OUT.jsonl.progress`` and fsynced. On a re-run the
  journal says which documents are done, and the output is cut back to the last
  journalled length, so a chunk that was half-written when the run died is
  written again, never twice.
- **Parquet** (a folder): each chunk is one ``part-NNNNNN.parquet`` file, written
  to a temporary name and renamed into place, carrying its documents' ids in its
  metadata. A re-run reads those ids back.

Both refuse to write through a symlink and refuse an output another run holds.
A run that fails before its first chunk is written removes every file and folder
it created (``abandon``), so a bad input or registry leaves nothing behind; one
that fails later keeps its written chunks and their record, which is exactly
what a re-run needs to resume.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from registry.errors import InputError
from registry.io.corpus import ROW_FIELDS
from registry.store.atomic import create_temp

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
PART_PREFIX = "part-"
DOCS_KEY = b"registry.docs"
RUN_KEY = b"registry.run"  # the settings a part was written with (``run_corpus``)


def _other_run(path: Path, found: str | None, run: str | None) -> None:
    """Refuse to resume output written with other settings: the rows already
    there would silently disagree with the rows added (a registry edited
    between the two runs, another --date). Output from before runs were
    recorded (``found`` None) is resumed as it always was."""
    if run is not None and found is not None and found != run:
        raise InputError(f"{path}: written with another registry, --date, columns or version "
                         "of this package; run with the same ones to resume, or pass "
                         "--restart to start over")


class Sink(Protocol):
    """Where mention rows go; ``done`` holds the ids of documents already written."""

    done: set[str]

    def write(self, doc_ids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...

    def abandon(self) -> None: ...


def open_sink(path: Path, fmt: str | None = None, *, restart: bool = False,
              run: str | None = None) -> Sink:
    """A sink for ``path``: JSON lines for ``.jsonl``/``.ndjson``, else a Parquet
    folder; ``fmt`` ('jsonl' or 'parquet') overrides the guess. ``run`` names the
    settings of this run; output written with others is not resumed."""
    kind = fmt or _guess_format(path)
    if kind == "jsonl":
        return JsonlSink(path, restart=restart, run=run)
    if kind == "parquet":
        return ParquetSink(path, restart=restart, run=run)
    raise InputError(f"--format: expected jsonl or parquet, not '{kind}'")


def _guess_format(path: Path) -> str:
    """JSON lines for .jsonl/.ndjson; a Parquet folder for .parquet, a name with no
    suffix or an existing folder. Any other name (out.txt, out.csv) is refused
    rather than silently turned into a folder."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES or not suffix or path.is_dir():
        return "parquet"
    raise InputError(f"{path}: output must end in .jsonl/.ndjson (JSON lines) or .parquet, "
                     "or name a folder (Parquet parts); or pass --format")


class _Created:
    """The files and folders a sink created, newest last, so a run that wrote
    nothing can take them away again (``remove``) and leave the disk as it was."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.wrote = False

    def folder(self, path: Path) -> None:
        """``mkdir -p path``, remembering each folder that did not exist."""
        missing = [p for p in (path, *path.parents) if not p.exists()]
        path.mkdir(parents=True, exist_ok=True)
        self.paths.extend(reversed(missing))

    def open_append(self, path: Path) -> int:
        existed = path.exists() or path.is_symlink()
        fd = _open_append(path)
        if not existed:
            self.paths.append(path)
        return fd

    def remove(self) -> None:
        """Remove what was created, unless a chunk was written (then it is a run
        to resume). A folder is only removed while empty."""
        if self.wrote:
            return
        for path in reversed(self.paths):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()
        self.paths.clear()


def _open_append(path: Path) -> int:
    """An fd appending to ``path`` (created if missing), never through a symlink."""
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if path.is_symlink():
            raise InputError(f"{path}: is a symlink; refusing to write through it") from None
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _lock(fd: int, path: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError(f"{path}: another annotate-corpus run is writing this output") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


class JsonlSink:
    """Mention rows as JSON lines, with a journal of finished documents."""

    def __init__(self, path: Path, *, restart: bool = False, run: str | None = None) -> None:
        self.path = path
        self.run = run
        self.journal = path.with_name(path.name + ".progress")
        for own in (path, self.journal):
            if own.is_symlink():
                raise InputError(f"{own}: is a symlink; refusing to write through it")
        # --restart empties the old output and journal at the first write, not
        # here: a run that fails before writing leaves the old result as it was.
        self._restart = restart
        if (not restart and path.exists() and not self.journal.exists()
                and path.stat().st_size > 0):
            raise InputError(f"{path}: exists but has no {self.journal.name} journal, so it is "
                             "not a run to resume; choose another output or pass --restart")
        if not path.parent.is_dir():
            raise InputError(f"{path}: no such folder {path.parent}")
        self.done: set[str] = set()
        self._created = _Created()
        self._journal_fd = self._created.open_append(self.journal)
        try:
            _lock(self._journal_fd, self.journal)
            end = 0 if restart else self._read_journal()
            self._fd = self._created.open_append(path)
        except BaseException:
            self.abandon()
            raise
        size = os.fstat(self._fd).st_size
        if restart:
            return
        if size < end:
            self.close()
            raise InputError(f"{path}: shorter than its journal says ({size} < {end} bytes); "
                             "the output was changed by hand: pass --restart")
        if size > end:  # a chunk whose journal line never made it: written again
            os.truncate(path, end)

    def _read_journal(self) -> int:
        """Done ids and the output length of the last complete journal line; a
        torn last line (a run killed mid-write) is cut off."""
        data = self.journal.read_bytes()
        end = good = 0
        for line in data.splitlines(keepends=True):
            try:
                entry = json.loads(line)
                length, docs = int(entry["end"]), entry["docs"]
            except (ValueError, KeyError, TypeError):
                break
            if not line.endswith(b"\n"):
                break
            _other_run(self.path, entry.get("run"), self.run)
            end = length
            self.done.update(str(d) for d in docs)
            good += len(line)
        if good < len(data):
            os.truncate(self.journal, good)
        return end

    def write(self, doc_ids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        if self._restart:  # the first chunk of a restarted run: now the old goes
            os.ftruncate(self._journal_fd, 0)
            os.ftruncate(self._fd, 0)
            self._restart = False
        payload = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        _write_all(self._fd, payload.encode("utf-8"))
        end = os.fstat(self._fd).st_size
        entry = json.dumps({"end": end, "docs": list(doc_ids), "run": self.run},
                           ensure_ascii=False) + "\n"
        _write_all(self._journal_fd, entry.encode("utf-8"))
        self._created.wrote = True
        self.done.update(doc_ids)

    def close(self) -> None:
        for fd in (getattr(self, "_fd", -1), self._journal_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    def abandon(self) -> None:
        """Close after a failed run, removing the output and journal if this run
        created them and wrote nothing into them (the lock goes with the journal)."""
        self._created.remove()
        self.close()


class ParquetSink:
    """Mention rows as a folder of Parquet parts, one per chunk."""

    def __init__(self, path: Path, *, restart: bool = False, run: str | None = None) -> None:
        self.run = run
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(f"{path}: writing Parquet needs pyarrow: "
                             "pip install 'arabic-entity-registry[parquet]'") from None
        self._pa, self._pq = pa, pq
        self.path = path
        if path.is_symlink():
            raise InputError(f"{path}: is a symlink; refusing to write through it")
        if path.exists() and not path.is_dir():
            raise InputError(f"{path}: exists and is not a folder (Parquet output is a folder "
                             "of parts; use a .jsonl name for JSON lines)")
        self._created = _Created()
        self._created.folder(path)
        try:
            self._lock_fd = self._created.open_append(path / ".lock")
        except BaseException:
            self._created.remove()
            raise
        _lock(self._lock_fd, path)  # held elsewhere: that run made the folder and lock
        parts = sorted(path.glob(f"{PART_PREFIX}*.parquet"))
        # --restart removes the old parts at the first write, not here: a run
        # that fails before writing leaves the old result as it was.
        self._stale = parts if restart else []
        if restart:
            parts = []
        others = [p.name for p in path.iterdir()
                  if p.name != ".lock" and not p.name.startswith((PART_PREFIX, f".{PART_PREFIX}"))]
        if others:
            self.abandon()
            raise InputError(f"{path}: holds files that are not annotate-corpus parts "
                             f"({', '.join(sorted(others)[:3])}); choose an empty folder")
        for stale in path.glob(f".{PART_PREFIX}*.tmp"):  # from a killed run
            stale.unlink()
        self.done: set[str] = set()
        for part in parts:
            metadata = pq.read_schema(part).metadata or {}
            try:
                found = metadata.get(RUN_KEY)
                _other_run(path, found.decode() if found else None, run)
            except InputError:
                self.abandon()
                raise
            self.done.update(json.loads(metadata.get(DOCS_KEY, b"[]")))
        self._next = len(parts)
        self.schema = pa.schema([
            ("doc", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
            ("surface", pa.string()), ("kind", pa.string()), ("type", pa.string()),
            ("status", pa.string()), ("id", pa.string()), ("score", pa.float64())])
        assert tuple(self.schema.names) == ROW_FIELDS

    def write(self, doc_ids: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        columns = {name: [row[name] for row in rows] for name in ROW_FIELDS}
        metadata = {DOCS_KEY: json.dumps(list(doc_ids), ensure_ascii=False).encode("utf-8")}
        if self.run is not None:
            metadata[RUN_KEY] = self.run.encode()
        schema = self.schema.with_metadata(metadata)
        table = self._pa.table(columns, schema=schema)
        name = f"{PART_PREFIX}{self._next:06d}.parquet"
        # A fresh temporary (O_EXCL|O_NOFOLLOW, swept if this writer is killed):
        # a fixed name would write through a symlink someone left there.
        fd, tmp = create_temp(self.path / name)
        with os.fdopen(fd, "wb") as handle:
            self._pq.write_table(table, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path / name)  # a restarted run's first part replaces the old
        for stale in self._stale:  # and the old run's other parts go once it is in place
            if stale.name != name:
                stale.unlink(missing_ok=True)
        self._stale = []
        self._created.wrote = True
        self._next += 1
        self.done.update(doc_ids)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)

    def abandon(self) -> None:
        """Close after a failed run, removing the lock file and the folders this
        run created if it wrote no part."""
        self._created.remove()
        self.close()
