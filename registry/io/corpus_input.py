"""Reading a corpus: a folder of .txt files, a JSON-lines file or a Parquet file.

Each reader streams: one document (or one Parquet row batch) is in memory at a
time, so a corpus of any size can be read. A problem is one InputError naming
the file, the line or row, and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from registry.core import as_day
from registry.errors import InputError
from registry.io.corpus import MAX_DOCUMENT_CHARS, Document
from registry.store import textfile

# A document file or JSON line larger than this is refused (4 bytes per
# character at most in UTF-8).
MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARS
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Columns:
    """Which fields of a JSON line or columns of a Parquet file hold what."""

    id: str = "id"
    text: str = "text"
    date: str = "date"


DEFAULT_COLUMNS = Columns()


def corpus_kind(path: Path) -> str:
    """'folder', 'jsonl' or 'parquet', from what ``path`` is; InputError otherwise."""
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    raise InputError(f"{path}: not a folder, a JSON-lines file ({', '.join(JSONL_SUFFIXES)}) "
                     f"or a Parquet file ({', '.join(PARQUET_SUFFIXES)})")


def read_corpus(path: Path, columns: Columns = DEFAULT_COLUMNS) -> Iterator[Document]:
    """The documents of a corpus, streamed, in a stable order."""
    kind = corpus_kind(path)
    if kind == "folder":
        return read_folder(path)
    if kind == "jsonl":
        return read_jsonl(path, columns)
    return read_parquet(path, columns)


def read_folder(folder: Path) -> Iterator[Document]:
    """Every ``*.txt`` under ``folder`` (recursively, sorted); a document's id is
    its path relative to the folder."""
    for path in sorted(folder.rglob("*.txt")):
        if not path.is_file():
            continue
        text = textfile.read_input(str(path), MAX_DOCUMENT_BYTES, "text file")
        yield Document(path.relative_to(folder).as_posix(), text)


def read_jsonl(path: Path, columns: Columns) -> Iterator[Document]:
    """One document per line: an object with an id, a text and optionally a date."""
    seen: set[str] = set()
    error = textfile.input_error(str(path))
    try:
        handle = textfile.open_binary(str(path), error, "JSON Lines file")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    with handle:
        number = 0
        while True:
            raw = handle.readline(MAX_DOCUMENT_BYTES + 1)
            if not raw:
                return
            number += 1
            where = f"{path}:{number}"
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise InputError(f"{where}: line longer than the "
                                 f"{MAX_DOCUMENT_BYTES // textfile.MB} MB limit")
            if not raw.strip():
                continue
            try:
                record = textfile.load_json(raw)
            except UnicodeDecodeError:
                raise InputError(f"{where}: not UTF-8") from None
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})") from None
            except ValueError as exc:  # too deep, or a number too long to convert
                raise InputError(f"{where}: not usable JSON ({str(exc).split(';')[0]})"
                                 ) from None
            if not isinstance(record, dict):
                raise InputError(f"{where}: expected an object with "
                                 f"'{columns.id}' and '{columns.text}'")
            yield _document(record.get(columns.id, str(number)), record.get(columns.text),
                            record.get(columns.date), where, columns, seen)


def read_parquet(path: Path, columns: Columns) -> Iterator[Document]:
    """The rows of a Parquet file, a row batch at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: "
                         "pip install 'arabic-entity-registry[parquet]'") from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for unreadable files
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    names = set(parquet.schema_arrow.names)
    if columns.text not in names:
        raise InputError(f"{path}: no column '{columns.text}' (columns: "
                         f"{', '.join(sorted(names))}; choose one with --text-column)")
    wanted = [c for c in (columns.id, columns.text, columns.date) if c in names]
    seen: set[str] = set()
    row = 0
    for batch in parquet.iter_batches(columns=wanted, batch_size=256):
        data = batch.to_pydict()
        for i in range(batch.num_rows):
            row += 1
            ident = data[columns.id][i] if columns.id in data else str(row)
            date = data[columns.date][i] if columns.date in data else None
            yield _document(ident, data[columns.text][i], date, f"{path}: row {row}",
                            columns, seen)


def _document(ident: object, text: object, date: object, where: str, columns: Columns,
              seen: set[str]) -> Document:
    """A checked Document: text a string, id unique, date a valid date or absent."""
    if not isinstance(text, str):
        raise InputError(f"{where}: '{columns.text}' must be a string")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(f"{where}: document of {len(text):,} characters is over the "
                         f"{MAX_DOCUMENT_CHARS:,}-character limit")
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        raise InputError(f"{where}: '{columns.id}' must be a string or an integer")
    doc_id = str(ident)
    if doc_id in seen:
        raise InputError(f"{where}: duplicate id '{doc_id}'")
    seen.add(doc_id)
    day = None
    if date is not None and date != "":
        try:
            day = as_day(date if isinstance(date, dt.date) else str(date))
        except InputError as exc:
            raise InputError(f"{where}: '{columns.date}': {exc}") from None
    return Document(doc_id, text, day)
