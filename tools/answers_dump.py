"""Every answer to a query table, in full, one JSON line per query.

A change to the lookup path must keep every answer identical, explanations
included: dump the answers before and after (each from a store built by that
code, or from the YAML) and compare the two files with ``cmp``. The whole
``Resolution`` is written, not only the ``--json`` contract, so a change to the
contenders, the offices or the ``alone`` flag shows too.

    python tools/answers_dump.py REGISTRY_OR_STORE QUERIES.tsv OUT.jsonl

The query table is the five-column one ``registry check`` reads (query, date,
status, id, note); only the query and the date are used.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import registry
from registry.errors import RegistryError
from registry.review.diff import read_query_table


def dump(source: Path, table: Path, out: Path) -> int:
    """Write the answers; the number of queries answered."""
    reg = registry.load(source)
    rows = read_query_table(table)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            answer = dataclasses.asdict(reg.lookup(row.query, row.at))
            handle.write(json.dumps(answer, ensure_ascii=False, sort_keys=True) + "\n")
    return len(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-4].strip(), file=sys.stderr)
        return 2
    try:
        count = dump(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    except (RegistryError, OSError) as exc:  # one line, no traceback
        print(f"answers_dump: {exc}", file=sys.stderr)
        return 1
    print(f"{count} answers written to {argv[2]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
