"""lookup_many against lookup in a loop, on a spreadsheet-like column: the query
table's names repeated in random order (a column names the same people again
and again). Prints wall and CPU seconds, best of N.

    python tools/bench_lookup_many.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import registry
from registry.review.diff import read_query_table

ROOT = Path(__file__).resolve().parent.parent


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(wall, cpu) seconds of the fastest of ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reg = registry.load(ROOT / "aliases.yaml")
    names = sorted({row.query for row in read_query_table(ROOT / "tests" / "queries.tsv")})
    rng = random.Random(15)
    column = [rng.choice(names) for _ in range(args.rows)]
    at = "2026-01-14"
    loop = best(lambda: [reg.lookup(n, at) for n in column], args.repeat)
    batch = best(lambda: reg.lookup_many(column, at), args.repeat)
    assert reg.lookup_many(column, at) == [reg.lookup(n, at) for n in column]
    distinct = len(set(column))
    print(f"{args.rows} rows, {distinct} distinct names, best of {args.repeat}")
    print(f"lookup loop:  {loop[0]:.3f} s wall, {loop[1]:.3f} s CPU")
    print(f"lookup_many:  {batch[0]:.3f} s wall, {batch[1]:.3f} s CPU "
          f"({loop[1] / batch[1]:.1f}x less CPU)")
    unique = list(dict.fromkeys(column))
    loop_u = best(lambda: [reg.lookup(n, at) for n in unique], args.repeat)
    batch_u = best(lambda: reg.lookup_many(unique, at), args.repeat)
    print(f"all distinct ({len(unique)}): loop {loop_u[1]:.4f} s CPU, "
          f"lookup_many {batch_u[1]:.4f} s CPU")


if __name__ == "__main__":
    main()
