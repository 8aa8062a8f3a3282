"""Corpus annotation on Dask: a bag or a dataframe column in, mention rows out.

Optional (``pip install 'arabic-entity-registry[dask]'``). Workers open the
registry from a path every worker can read, once per worker process (see
``registry.io.corpus.worker_registry``); tasks carry that path and their texts,
never a pickled registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from registry.core import as_day
from registry.errors import InputError
from registry.io.corpus import ROW_FIELDS, Document, annotate_chunk
from registry.model.dates import When

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise InputError("the Dask engine needs dask, distributed and pandas: "
                     "pip install 'arabic-entity-registry[dask]'") from exc

# The ``meta`` of ``annotate_frame``'s result: one row per mention.
MENTION_META = pd.DataFrame({
    "doc": pd.Series(dtype="object"), "start": pd.Series(dtype="int64"),
    "end": pd.Series(dtype="int64"), "surface": pd.Series(dtype="object"),
    "kind": pd.Series(dtype="object"), "type": pd.Series(dtype="object"),
    "status": pd.Series(dtype="object"), "id": pd.Series(dtype="object"),
    "score": pd.Series(dtype="float64")})[list(ROW_FIELDS)]


@contextmanager
def dask_executor(scheduler: str, jobs: int) -> Iterator[Any]:
    """A concurrent.futures executor on a Dask cluster: ``scheduler`` is an
    address (tcp://host:8786) or ``local`` for a LocalCluster of ``jobs``
    single-threaded worker processes on this machine."""
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _documents(items: Iterable[Any]) -> list[Document]:
    """Bag items as Documents: a string (id = its position) or a mapping with
    ``text`` and optionally ``id`` and ``date``."""
    docs: list[Document] = []
    for n, item in enumerate(items):
        if isinstance(item, str):
            docs.append(Document(str(n), item))
        else:
            docs.append(Document(str(item.get("id", n)), item["text"], as_day(item.get("date"))))
    return docs


def _bag_partition(items: Iterable[Any], registry_path: str,
                   date: When | None) -> list[dict[str, Any]]:
    return annotate_chunk(registry_path, _documents(items), date)


def annotate_bag(bag: db.Bag, registry_path: str, date: When | str | None = None) -> db.Bag:
    """A bag of mention rows (dicts with ROW_FIELDS) from a bag of texts or of
    ``{"id", "text", "date"}`` records. String items are numbered within their
    partition, so give ids when documents must be told apart."""
    return bag.map_partitions(_bag_partition, registry_path, as_day(date))


def _frame_partition(frame: pd.DataFrame, registry_path: str, text_column: str,
                     id_column: str | None, date_column: str | None) -> pd.DataFrame:
    texts = frame[text_column].tolist()
    ids = frame[id_column].tolist() if id_column else list(frame.index)
    dates = frame[date_column].tolist() if date_column else [None] * len(texts)
    docs = [Document(str(ident), text, _day(day))
            for ident, text, day in zip(ids, texts, dates, strict=True)]
    rows = annotate_chunk(registry_path, docs)
    if not rows:
        return MENTION_META.copy()
    return pd.DataFrame(rows, columns=list(ROW_FIELDS)).astype(MENTION_META.dtypes.to_dict())


def _day(value: Any) -> When | None:
    """A dataframe cell as a date: None/NaT/NaN are no date."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return as_day(str(value)[:10])


def annotate_frame(frame: dd.DataFrame, registry_path: str, text_column: str = "text",
                   id_column: str | None = None, date_column: str | None = None) -> dd.DataFrame:
    """A dataframe of mention rows (``MENTION_META``: doc, start, end, surface,
    kind, type, status, id, score) from a text column; ``doc`` is ``id_column``'s
    value, else the row's index label."""
    return frame.map_partitions(_frame_partition, registry_path, text_column, id_column,
                                date_column, meta=MENTION_META)
