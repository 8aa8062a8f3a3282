"""Scale benchmark: load, memory, lookup latency, throughput and accuracy at 10k and
100k synthetic entities (1M with --large), against a brute-force baseline, all
measured in this one run on this machine.

The baseline is what one would write first: rapidfuzz ``process.extractOne`` over
every alias key (WRatio), answering the best alias's entity when it scores at
least 90, else unknown. Both are scored on the same known-answer queries from
tools/make_synthetic.py.

    python tools/bench.py [--large] [--workdir /tmp/registry-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"p50_ms": 0.2, "p99_ms": 2.0, "warm_s": 0.5, "annotate_mcps": 2.0,
           "rss_1m_mb": 1536, "cold_cli_s": 0.3}


def child(size: int, workdir: Path, baseline_sample: int) -> dict:
    """All measurements for one registry size, in a fresh process."""
    import registry
    from registry.review.diff import read_query_table
    from tools.bench_annotate import corpus

    folder = workdir / f"n{size}"
    os.environ["REGISTRY_CACHE_DIR"] = str(workdir / "cache")
    out: dict = {"entities": size}
    start = time.perf_counter()
    reg = registry.load(folder / "aliases.yaml", use_cache=False)
    out["cold_load_s"] = time.perf_counter() - start
    start = time.perf_counter()
    reg.resolver  # noqa: B018 - builds the index
    out["index_build_s"] = time.perf_counter() - start
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from registry.core import build
    from registry.store import cache
    from registry.store.loader import read_sources

    build(reg, cache.source_key(read_sources(folder / "aliases.yaml")))
    del reg
    start = time.perf_counter()
    reg = registry.load(folder / "aliases.yaml")
    out["warm_load_s"] = time.perf_counter() - start

    rows = read_query_table(folder / "queries.tsv")
    for row in rows[:200]:
        reg.lookup(row.query, row.at)  # first touches of lazily loaded entities
    latencies, correct = [], 0
    for row in rows:
        begin = time.perf_counter()
        res = reg.lookup(row.query, row.at)
        latencies.append(time.perf_counter() - begin)
        correct += (res.status, res.id) == (row.status, row.id)
    latencies.sort()
    out["queries"] = len(rows)
    out["p50_ms"] = latencies[len(latencies) // 2] * 1e3
    out["p99_ms"] = latencies[int(len(latencies) * 0.99)] * 1e3
    out["accuracy"] = correct / len(rows)
    out.update(cross_script(reg, rows, latencies))

    texts = corpus(2.0)
    chars = sum(len(t) for t in texts)
    begin = time.perf_counter()
    for text in texts:
        reg.annotate(text)
    out["annotate_mcps"] = chars / (time.perf_counter() - begin) / 1e6

    out.update(baseline(reg, rows[:baseline_sample]))
    out["rss_mb"] = max(out["rss_mb"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def cross_script(reg, rows, arabic_latencies: list[float]) -> dict:
    """The same queries spelled in Latin (tools/latin_queries.py), so lookups go
    through the cross-script block map: their p50, the p50 of Arabic and Latin
    queries mixed half and half, and how often the Latin spelling gets the Arabic
    query's expected answer (the spelling generator is crude: a floor)."""
    from tools.latin_queries import latin_spelling

    latencies, agree = [], 0
    for row in rows:
        query = latin_spelling(row.query)
        begin = time.perf_counter()
        res = reg.lookup(query, row.at)
        latencies.append(time.perf_counter() - begin)
        agree += (res.status, res.id) == (row.status, row.id)
    mixed = sorted(arabic_latencies + latencies)
    latencies.sort()
    return {"latin_p50_ms": latencies[len(latencies) // 2] * 1e3,
            "latin_p99_ms": latencies[int(len(latencies) * 0.99)] * 1e3,
            "mixed_p50_ms": mixed[len(mixed) // 2] * 1e3,
            "latin_agreement": agree / len(rows)}


def baseline(reg, rows) -> dict:
    """Brute force over every alias key with rapidfuzz, on a sample of queries."""
    from rapidfuzz import fuzz, process

    from registry.names.normalize import name_key

    keys, owners = [], []
    for entity_id in reg.entities:
        entity = reg.entities[entity_id]
        for text in entity.all_name_texts:
            keys.append(name_key(text))
            owners.append(entity_id)
    times, correct = [], 0
    for row in rows:
        begin = time.perf_counter()
        best = process.extractOne(name_key(row.query), keys, scorer=fuzz.WRatio, score_cutoff=90)
        times.append(time.perf_counter() - begin)
        answer = ("matched", owners[best[2]]) if best else ("unknown", None)
        correct += answer == (row.status, row.id)
    times.sort()
    return {"baseline_queries": len(rows), "baseline_p50_ms": times[len(times) // 2] * 1e3,
            "baseline_accuracy": correct / len(rows) if rows else 0.0, "aliases": len(keys)}


def batch_throughput(workdir: Path, size: int) -> float:
    """names per second through `registry resolve -` (warm cache), 100k names."""
    from registry.review.diff import read_query_table

    rows = read_query_table(workdir / f"n{size}" / "queries.tsv")
    names = [r.query for r in rows]
    payload = "\n".join((names * (100_000 // len(names) + 1))[:100_000]) + "\n"
    env = {**os.environ, "REGISTRY_CACHE_DIR": str(workdir / "cache")}
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "registry", "resolve", "--registry",
                    str(workdir / f"n{size}" / "aliases.yaml"), "--json", "-"],
                   input=payload.encode(), stdout=subprocess.DEVNULL, check=True, env=env)
    return 100_000 / (time.perf_counter() - begin)


def cold_cli() -> float:
    """Median wall time of `registry resolve NAME` with the seed registry."""
    times = []
    for _ in range(5):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-m", "registry", "resolve", "صدام حفتر"], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", action="store_true", help="also 1M entities")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir())
                        / "registry-bench")
    parser.add_argument("--baseline-sample", type=int, default=300)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.workdir, args.baseline_sample)))
        return 0
    sizes = [10_000, 100_000] + ([1_000_000] if args.large else [])
    print(f"cold `registry resolve NAME` (seed registry): {cold_cli():.3f} s wall "
          f"(target <= {TARGETS['cold_cli_s']})")
    header = ("entities", "cold load s", "index s", "warm load s", "RSS MB", "p50 ms",
              "p99 ms", "accuracy", "brute p50 ms", "speed-up", "brute acc", "batch names/s",
              "annotate Mc/s")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    cross_rows: list[dict] = []
    for size in sizes:
        folder = args.workdir / f"n{size}"
        if not (folder / "aliases.yaml").is_file():
            subprocess.run([sys.executable, str(ROOT / "tools" / "make_synthetic.py"),
                            "--entities", str(size), "--out", str(folder)], check=True,
                           stdout=subprocess.DEVNULL)
        proc = subprocess.run([sys.executable, __file__, "--child", str(size), "--workdir",
                               str(args.workdir), "--baseline-sample",
                               str(args.baseline_sample)],
                              capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if proc.returncode != 0:
            print(f"| {size} | failed: {proc.stderr.strip().splitlines()[-1]} |")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        cross_rows.append(r)
        names_s = batch_throughput(args.workdir, size)
        print(f"| {size:,} | {r['cold_load_s']:.1f} | {r['index_build_s']:.1f} | "
              f"{r['warm_load_s']:.2f} | {r['rss_mb']:.0f} | {r['p50_ms']:.3f} | "
              f"{r['p99_ms']:.3f} | {r['accuracy']:.4f} | {r['baseline_p50_ms']:.2f} | "
              f"{r['baseline_p50_ms'] / r['p50_ms']:.0f}x | {r['baseline_accuracy']:.3f} | "
              f"{names_s:,.0f} | {r['annotate_mcps']:.2f} |")
    print("Cross-script: the same queries spelled in Latin (tools/latin_queries.py)")
    print("| entities | Latin p50 ms | Latin p99 ms | mixed p50 ms | Latin = Arabic answer |")
    print("| --- | --- | --- | --- | --- |")
    for r in cross_rows:
        print(f"| {r['entities']:,} | {r['latin_p50_ms']:.3f} | {r['latin_p99_ms']:.3f} | "
              f"{r['mixed_p50_ms']:.3f} | {r['latin_agreement']:.3f} |")
    print(f"targets at 100k: p50 <= {TARGETS['p50_ms']} ms, p99 <= {TARGETS['p99_ms']} ms, "
          f"warm load <= {TARGETS['warm_s']} s, annotate >= {TARGETS['annotate_mcps']} M chars/s;"
          f" RSS <= {TARGETS['rss_1m_mb']} MB at 1M; speed-up >= 100x at equal or better "
          "accuracy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
