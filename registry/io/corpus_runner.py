"""Running a corpus through an engine: one process, local processes, or Dask.

Every engine is driven the same way: chunks of documents go to
``annotate_chunk`` through a ``concurrent.futures.Executor`` (a process pool, or
a Dask client's executor), with a bounded number in flight, and results are
written in input order. So the engines cannot disagree on what is written, the
run's memory is bounded by the window and never by the corpus, and an
interrupted run resumes where its output stops.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from registry.io.corpus import Document, annotate_chunk, chunked, worker_registry
from registry.io.corpus_input import DEFAULT_COLUMNS, Columns, corpus_kind, read_corpus
from registry.io.corpus_output import open_sink
from registry.model.dates import When

ENGINES = ("local", "dask")


@dataclass
class CorpusStats:
    """What a run did, for the summary line and the benchmark."""

    documents: int = 0
    skipped: int = 0
    characters: int = 0
    mentions: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        chars = self.characters / self.seconds / 1e6 if self.seconds else 0.0
        skipped = f"; {self.skipped:,} already done, skipped" if self.skipped else ""
        return (f"annotated {self.documents:,} documents ({self.characters:,} characters, "
                f"{self.mentions:,} mentions) in {self.seconds:.1f} s: {rate:,.1f} docs/s, "
                f"{chars:.2f} M chars/s{skipped}")


class SerialExecutor(Executor):
    """Runs each task at once in this process: the one-worker engine."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def local_executor(jobs: int, registry_path: str) -> Executor:
    """One process, or ``jobs`` worker processes that each open the registry once."""
    if jobs <= 1:
        return SerialExecutor()
    # spawn: a clean interpreter per worker, the same on every platform.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=worker_registry, initargs=(registry_path,))


def ordered_results(executor: Executor, fn: Callable[..., Any], tasks: Iterable[Any],
                    window: int, *args: Any) -> Iterator[tuple[Any, Any]]:
    """``(task, fn(*args, task))`` in task order, with at most ``window`` tasks in
    flight (so a slow writer or a huge corpus never piles results in memory)."""
    pending: deque[tuple[Any, Future[Any]]] = deque()
    for task in tasks:
        pending.append((task, executor.submit(fn, *args, task)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


@contextmanager
def _local(jobs: int, registry_path: str) -> Iterator[Executor]:
    executor = local_executor(jobs, registry_path)
    try:
        yield executor
    finally:  # on an interrupt, queued chunks are dropped; written ones stay
        executor.shutdown(wait=True, cancel_futures=True)


def _engine(engine: str, jobs: int, scheduler: str | None,
            registry_path: str) -> AbstractContextManager[Executor]:
    if engine == "local":
        return _local(jobs, registry_path)
    if engine == "dask":
        from registry.io.on_dask import dask_executor

        return dask_executor(scheduler or "local", jobs)
    raise ValueError(f"unknown engine '{engine}' (expected one of {', '.join(ENGINES)})")


def run_corpus(source: Path, output: Path, *, registry_path: str, jobs: int = 1,
               engine: str = "local", scheduler: str | None = None,
               date: When | None = None, fmt: str | None = None,
               columns: Columns = DEFAULT_COLUMNS, restart: bool = False,
               progress: bool | None = None, stderr: TextIO | None = None) -> CorpusStats:
    """Annotate every document of ``source`` into ``output``; documents already in
    ``output`` are skipped. ``progress`` None shows a bar only on a terminal."""
    stats = CorpusStats()
    # A missing input or a broken registry fails here, in one line, before any
    # output exists.
    corpus_kind(source)
    worker_registry(registry_path)
    run = run_settings(registry_path, date, columns)
    sink = open_sink(output, fmt, restart=restart, run=run)
    stream = stderr or sys.stderr

    def pending() -> Iterator[Document]:
        for doc in read_corpus(source, columns):
            if doc.id in sink.done:
                stats.skipped += 1
            else:
                yield doc

    started = time.perf_counter()
    bar = _progress_bar(progress, stream)
    finished = False
    try:
        with _engine(engine, jobs, scheduler, registry_path) as executor:
            window = 2 * max(jobs, 1)
            for chunk, rows in ordered_results(executor, _annotate, chunked(pending()),
                                               window, registry_path, date):
                sink.write([doc.id for doc in chunk], rows)
                stats.documents += len(chunk)
                stats.characters += sum(len(doc.text) for doc in chunk)
                stats.mentions += len(rows)
                if bar is not None:
                    bar.update(len(chunk))
                    elapsed = time.perf_counter() - started
                    bar.set_postfix_str(f"{stats.characters / elapsed / 1e6:.2f} M chars/s")
        finished = True
    finally:
        if bar is not None:
            bar.close()
        if finished:
            sink.close()
        else:  # nothing new left behind unless a chunk was written (then: resume)
            sink.abandon()
        stats.seconds = time.perf_counter() - started
    return stats


def run_settings(registry_path: str, date: When | None, columns: Columns) -> str:
    """A key of what a run's rows depend on: the registry's content (its source
    key, which covers this package's code too), the --date and the columns
    read. A resumed run must have the same, or its rows would silently
    disagree with those already written (the registry edited between runs)."""
    import hashlib

    from registry.store import cache
    from registry.store.compiled import SUFFIX, open_store
    from registry.store.sources import read_sources

    path = Path(registry_path)
    source = (open_store(path).source_key if path.suffix == SUFFIX and path.is_file()
              else cache.source_key(read_sources(path)))
    parts = [source, str(date) if date is not None else None,
             [columns.id, columns.text, columns.date]]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def _annotate(registry_path: str, date: When | None,
              chunk: list[Document]) -> list[dict[str, Any]]:
    """The task every engine runs (module level, so process pools can pickle it)."""
    return annotate_chunk(registry_path, chunk, date)


def _progress_bar(progress: bool | None, stream: TextIO) -> Any:
    """A tqdm bar on stderr (documents, with characters per second), or None."""
    if progress is False or (progress is None and not stream.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=stream, dynamic_ncols=True, smoothing=0.1)
