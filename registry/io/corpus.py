"""The engine-agnostic core of corpus annotation: documents in, mention rows out.

Every engine (one process, ``--jobs N`` local processes, Dask, Spark) calls
``annotate_batch`` or ``annotate_chunk`` and nothing else, so all of them give the
same rows for the same corpus. A worker process opens the registry once, by path
(``worker_registry``), never once per document and never as a pickled object
shipped with each task.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.core import Registry, as_day, load
from registry.model.dates import When
from registry.text.annotate import Mention

# One annotate call never sees more than this many characters: a longer document
# is cut at sentence boundaries into pieces this size or smaller, so memory stays
# bounded whatever one document holds. Document context (a bare family name
# resolved through an earlier full mention) does not cross a cut.
PIECE_CHARS = 1_000_000
# A document larger than this is refused with a one-line error (see README).
MAX_DOCUMENT_CHARS = 64 * PIECE_CHARS
# What one task carries: this many documents, or this many characters, whichever
# comes first. Large enough to amortise a task's overhead, small enough that an
# interrupted run loses little and progress moves smoothly.
CHUNK_DOCS = 64
CHUNK_CHARS = 2_000_000

# Columns of a mention row, in output order (JSON lines keys, Parquet columns).
ROW_FIELDS = ("doc", "start", "end", "surface", "kind", "type", "status", "id", "score")

_SENTENCE_END = re.compile(r"[.!?؟。\n]+\s*")


@dataclass(frozen=True)
class Document:
    """One article of a corpus: an id unique in the corpus, its text, and its date
    if the source gave one (else the article's own dateline decides)."""

    id: str
    text: str
    date: When | None = None


def split_pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, each piece at most ``limit``
    characters and cut after a sentence end where there is one (else after a
    space, else hard), so names are not cut in half. ``limit`` defaults to
    PIECE_CHARS."""
    limit = limit or PIECE_CHARS
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for match in _SENTENCE_END.finditer(window):
            cut = match.end()
        if cut == 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def annotate_document(text: str, registry: Registry,
                      date: When | None = None) -> list[Mention]:
    """Every mention in one document, in pieces if it is long, with offsets into
    the whole document."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ValueError(f"document of {len(text):,} characters is over the "
                         f"{MAX_DOCUMENT_CHARS:,}-character limit")
    mentions: list[Mention] = []
    for offset, piece in split_pieces(text):
        if offset == 0:
            # The article's dateline is in its first piece: read it there and
            # carry it to the later pieces, which have none of their own.
            article = registry.annotate_article(piece, date)
            date = article.date
            found = article.mentions
        else:
            found = registry.annotate(piece, date)
        for mention in found:
            if offset:
                mention = dataclasses.replace(mention, start=mention.start + offset,
                                              end=mention.end + offset)
            mentions.append(mention)
    return mentions


def annotate_batch(texts: Iterable[str], registry: Registry | str | os.PathLike[str],
                   dates: Iterable[When | str | None] | None = None,
                   ) -> Iterator[list[Mention]]:
    """The mentions of each text, in order: the core every corpus engine calls.

    ``registry`` is a loaded Registry or a path (opened once per process);
    ``dates`` gives each text's date (None: the article's own dateline)."""
    reg = registry if isinstance(registry, Registry) else worker_registry(registry)
    date_iter: Iterator[When | str | None] = iter(dates) if dates is not None else iter(())
    for text in texts:
        date = next(date_iter, None) if dates is not None else None
        yield annotate_document(text, reg, as_day(date))


def mention_row(doc_id: str, mention: Mention) -> dict[str, Any]:
    """One output row (see ROW_FIELDS): the mention with its document's id."""
    return {"doc": doc_id, "start": mention.start, "end": mention.end,
            "surface": mention.text, "kind": mention.kind, "type": mention.type,
            "status": mention.status, "id": mention.id, "score": mention.score}


def annotate_chunk(registry_path: str, documents: Sequence[Document],
                   default_date: When | None = None) -> list[dict[str, Any]]:
    """The mention rows of a chunk of documents, in document order: the unit of
    work every engine ships to a worker (a path and texts, never a registry)."""
    reg = worker_registry(registry_path)
    rows: list[dict[str, Any]] = []
    for doc in documents:
        date = doc.date or default_date
        rows.extend(mention_row(doc.id, m) for m in annotate_document(doc.text, reg, date))
    return rows


def chunked(documents: Iterable[Document], max_docs: int | None = None,
            max_chars: int | None = None) -> Iterator[list[Document]]:
    """Documents grouped into chunks (default CHUNK_DOCS / CHUNK_CHARS), streaming:
    one chunk in memory at a time."""
    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    chunk: list[Document] = []
    chars = 0
    for doc in documents:
        chunk.append(doc)
        chars += len(doc.text)
        if len(chunk) >= max_docs or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


_OPENED: dict[str, Registry] = {}


def worker_registry(path: str | os.PathLike[str]) -> Registry:
    """The registry at ``path``, opened once per process and kept: each worker of
    every engine pays the load once, then annotates from memory."""
    key = str(Path(path).resolve())
    registry = _OPENED.get(key)
    if registry is None:
        registry = _OPENED[key] = load(key)
    return registry
