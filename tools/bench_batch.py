"""Batch resolve throughput: ``registry resolve --json --brief -`` on distinct
names and on a repeated batch, CPU time beside wall time, best of N.

The names are the queries of a synthetic registry (tools/make_synthetic.py):

- distinct: every query once, so each name is resolved (no memo hit);
- repeated: ``--rows`` names drawn from those queries with a Zipf-like skew
  (a few names very often, most rarely), as a spreadsheet column or a corpus's
  mention list repeats itself; the memo answers repeats.

Each run is a fresh process reading a compiled store; its CPU time is the
child's user+system time. The start-up cost (imports, opening the store) is
measured on an empty input and reported, and names/s is given with and
without it.

    python tools/bench_batch.py --folder /tmp/synth10k [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from registry.review.diff import read_query_table

ZIPF_S = 1.1  # skew of the repeated batch: the k-th most common name has weight k^-s


def run(command: list[str], payload: bytes) -> tuple[float, float, bytes]:
    """(wall s, CPU s, stdout) of one child process fed ``payload``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, input=payload, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def best(command: list[str], payload: bytes, repeat: int) -> tuple[float, float, bytes]:
    runs = [run(command, payload) for _ in range(repeat)]
    return (min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2])


def store_for(folder: Path) -> Path:
    """The folder's compiled store, (re)built when missing or compiled by other code."""
    store = folder / "batch.store"
    probe = [sys.executable, "-m", "registry", "resolve", "--registry", str(store), "x"]
    if not store.is_file() or subprocess.run(probe, capture_output=True).returncode != 0:
        subprocess.run([sys.executable, "-m", "registry", "build", "--registry",
                        str(folder / "aliases.yaml"), "--out", str(store)], check=True,
                       stdout=subprocess.DEVNULL)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, required=True,
                        help="a make_synthetic.py output folder (aliases.yaml, queries.tsv)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = store_for(args.folder)
    distinct = list(dict.fromkeys(r.query for r in read_query_table(args.folder / "queries.tsv")))
    rng = random.Random(16)
    weights = [1 / (k + 1) ** ZIPF_S for k in range(len(distinct))]
    shuffled = rng.sample(distinct, len(distinct))
    repeated = rng.choices(shuffled, weights=weights, k=args.rows)
    command = [sys.executable, "-m", "registry", "resolve", "--registry", str(store),
               "--json", "--brief", "-"]
    start_wall, start_cpu, _ = best(command, b"", args.repeat)
    print(f"store {store} ({args.folder.name}); best of {args.repeat}; CPU s / wall s")
    print(f"start-up (empty input): {start_cpu:.3f} / {start_wall:.3f}")
    for label, names in (("distinct", distinct), ("repeated", repeated)):
        payload = ("\n".join(names) + "\n").encode()
        wall, cpu, out = best(command, payload, args.repeat)
        assert out.count(b"\n") == len(names)
        unique = len(set(names))
        print(f"{label}: {len(names)} names ({unique} distinct): {cpu:.3f} / {wall:.3f} s; "
              f"names/s {len(names) / cpu:,.0f} / {len(names) / wall:,.0f}; "
              f"without start-up {len(names) / max(cpu - start_cpu, 1e-9):,.0f} / "
              f"{len(names) / max(wall - start_wall, 1e-9):,.0f}")


if __name__ == "__main__":
    main()
