"""Batch resolve throughput: ``registry resolve --json --brief -`` on distinct
names and on a repeated batch, CPU time beside wall time, best of N; and the
library's ``Registry.lookup_many`` on the repeated batch.

The names are the queries of a synthetic registry (tools/make_synthetic.py):

- distinct: every query once, so each name is resolved (no memo hit);
- repeated: ``--rows`` names drawn from those queries with a Zipf-like skew
  (a few names very often, most rarely), as a spreadsheet column or a corpus's
  mention list repeats itself; the memo answers repeats.

Each run is a fresh process reading a compiled store; its CPU time is the
child's user+system time. The start-up cost (imports, opening the store) is
measured on an empty input and reported, and names/s is given with and
without it. When PYTHONDONTWRITEBYTECODE is set (as on the shared machine),
every child compiles the package's sources again; the start-up is then also
measured with bytecode cached, as an installed package has it.

``lookup_many`` runs in a fresh process too, on the first pass after opening,
with the garbage collector's passes and longest pause counted. Last, the
batch's answers are checked against ``Registry.lookup`` one name at a time.

    python tools/bench_batch.py --folder /tmp/synth10k /tmp/synth100k [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from registry.review.diff import read_query_table

ZIPF_S = 1.1  # skew of the repeated batch: the k-th most common name has weight k^-s

# Run in a child: lookup_many over stdin's names, first pass after opening.
LIBRARY = """
import gc, json, sys, time
import registry
names = sys.stdin.read().split("\\n")[:-1]
reg = registry.load(sys.argv[1])
pauses = []
started = [0.0]
def watch(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        pauses.append(time.process_time() - started[0])
gc.callbacks.append(watch)
cpu, wall = time.process_time(), time.perf_counter()
answers = reg.lookup_many(names, explain=False)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
assert len(answers) == len(names)
print(json.dumps({"cpu": cpu, "wall": wall, "passes": len(pauses),
                  "longest": max(pauses, default=0.0)}))
"""


def run(command: list[str], payload: bytes, env: dict[str, str] | None = None
        ) -> tuple[float, float, bytes]:
    """(wall s, CPU s, stdout) of one child process fed ``payload``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, input=payload, capture_output=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def best(command: list[str], payload: bytes, repeat: int,
         env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    runs = [run(command, payload, env) for _ in range(repeat)]
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


def batches(folder: Path, rows: int) -> dict[str, list[str]]:
    distinct = list(dict.fromkeys(r.query for r in read_query_table(folder / "queries.tsv")))
    rng = random.Random(16)
    weights = [1 / (k + 1) ** ZIPF_S for k in range(len(distinct))]
    shuffled = rng.sample(distinct, len(distinct))
    return {"distinct": distinct,
            "repeated": rng.choices(shuffled, weights=weights, k=rows)}


def start_up(command: list[str], repeat: int) -> float:
    """CPU s of an empty batch; also printed with bytecode cached when the
    environment forbids writing it."""
    wall, cpu, _ = best(command, b"", repeat)
    print(f"start-up (empty input): {cpu:.3f} / {wall:.3f}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        with tempfile.TemporaryDirectory() as cache:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = cache
            run(command, b"", env)  # writes the bytecode
            cached_wall, cached_cpu, _ = best(command, b"", repeat, env)
        print(f"start-up with bytecode cached (as installed; not used below): "
              f"{cached_cpu:.3f} / {cached_wall:.3f}")
    return cpu


def check(store: Path, names: list[str], out: bytes) -> int:
    """Batch lines that differ from ``lookup`` one name at a time."""
    import registry

    reg = registry.load(store)
    rows = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    expected = [reg.lookup(name, explain=False) for name in names]
    return sum(row != {"query": r.query, "status": r.status, "id": r.id, "score": r.score}
               for row, r in zip(rows, expected, strict=True))


def bench(folder: Path, rows: int, repeat: int) -> None:
    store = store_for(folder)
    command = [sys.executable, "-m", "registry", "resolve", "--registry", str(store),
               "--json", "--brief", "-"]
    print(f"store {store} ({folder.name}); best of {repeat}; CPU s / wall s")
    start_cpu = start_up(command, repeat)
    outputs: dict[str, bytes] = {}
    named = batches(folder, rows)
    for label, names in named.items():
        payload = ("\n".join(names) + "\n").encode()
        wall, cpu, out = best(command, payload, repeat)
        assert out.count(b"\n") == len(names)
        outputs[label] = out
        print(f"{label}: {len(names)} names ({len(set(names))} distinct): "
              f"{cpu:.3f} / {wall:.3f} s; names/s {len(names) / cpu:,.0f} / "
              f"{len(names) / wall:,.0f}; net of start-up (CPU) "
              f"{len(names) / max(cpu - start_cpu, 1e-9):,.0f}")
    repeated = named["repeated"]
    payload = ("\n".join(repeated) + "\n").encode()
    library = [json.loads(run([sys.executable, "-c", LIBRARY, str(store)], payload)[2])
               for _ in range(repeat)]
    fastest = min(library, key=lambda r: r["cpu"])
    print(f"lookup_many, repeated, in process, first pass: {fastest['cpu']:.3f} / "
          f"{fastest['wall']:.3f} s; names/s {len(repeated) / fastest['cpu']:,.0f} CPU; "
          f"collections {fastest['passes']}, longest "
          f"{max(r['longest'] for r in library) * 1000:.1f} ms CPU")
    differ = check(store, named["distinct"], outputs["distinct"])
    print(f"distinct batch answers differing from lookup(): {differ} of "
          f"{len(named['distinct'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, nargs="+", required=True,
                        help="make_synthetic.py output folders (aliases.yaml, queries.tsv)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for folder in args.folder:
        bench(folder, args.rows, args.repeat)


if __name__ == "__main__":
    main()
