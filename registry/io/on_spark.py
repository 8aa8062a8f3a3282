"""Corpus annotation on Spark: a text column in, an array of mentions per row out.

Optional (``pip install 'arabic-entity-registry[spark]'``, and Java 17+). The
pandas UDF is an iterator UDF, so each Python worker opens the registry once
(from a path every executor can read) and then streams Arrow batches through
``annotate_batch``; no registry is pickled into tasks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from registry.errors import InputError
from registry.io.corpus import annotate_batch, worker_registry

try:
    import pandas as pd
    from pyspark.sql import Column
    from pyspark.sql.pandas import functions as spark_pandas
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise InputError("the Spark adapter needs pyspark, pandas and pyarrow: "
                     "pip install 'arabic-entity-registry[spark]'") from exc

# pyspark's overloads cannot express an iterator UDF's signature precisely.
pandas_udf: Any = spark_pandas.pandas_udf

# The type of ``annotate_column``'s result: the row fields of the other engines,
# without the document id (the row itself is the document).
MENTIONS_TYPE = ("array<struct<start:int,end:int,surface:string,kind:string,type:string,"
                 "status:string,id:string,score:double>>")


def _rows(mentions: list[Any]) -> list[dict[str, Any]]:
    return [{"start": m.start, "end": m.end, "surface": m.text, "kind": m.kind,
             "type": m.type, "status": m.status, "id": m.id, "score": m.score}
            for m in mentions]


def annotate_column(text: Column | str, registry_path: str,
                    date: Column | str | None = None) -> Column:
    """A column of mention arrays for ``text`` (a column or its name); ``date``
    is an optional column of ISO dates (else each article's own dateline)."""
    if date is None:
        @pandas_udf(MENTIONS_TYPE)
        def mentions(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
            registry = worker_registry(registry_path)
            for texts in batches:
                yield pd.Series([_rows(m) for m in annotate_batch(texts.tolist(), registry)])

        return mentions(text)

    @pandas_udf(MENTIONS_TYPE)
    def dated_mentions(batches: Iterator[tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:
        registry = worker_registry(registry_path)
        for texts, dates in batches:
            days = [None if d is None or pd.isna(d) else str(d)[:10] for d in dates.tolist()]
            yield pd.Series([_rows(m) for m in annotate_batch(texts.tolist(), registry, days)])

    return dated_mentions(text, date)
