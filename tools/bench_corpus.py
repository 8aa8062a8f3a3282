"""Corpus throughput: one worker, ``--jobs 2`` and Dask with 2 local workers.

Builds a synthetic corpus (the seed articles interleaved with generated news
sentences naming people from a synthetic registry made by make_synthetic.py) of
at least ``--mb`` megabytes as JSON lines, then annotates it with each engine in
a fresh process, best of ``--repeat`` runs. Prints documents and characters per
second, wall and CPU seconds, the scaling ratio against one worker, peak RSS per
worker (each worker's own high-water mark, read from /proc), and checks that
every engine wrote identical rows. Targets (issue: corpus scale): jobs 2 >= 1.7x
one worker; Dask within 20% of jobs 2; peak memory per worker <= the one-worker
figure + 10%.

    python tools/bench_corpus.py [--mb 200] [--entities 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.make_synthetic import generate  # noqa: E402

TEMPLATES = [
    "قال {name} في تصريح صحفي إن المفاوضات ستستأنف الأسبوع المقبل.",
    "واستقبل {name} وفدا رسميا لبحث سبل التعاون في المجالات الأمنية.",
    "وأكد {name} أن الحكومة ماضية في تنفيذ الاتفاق رغم الصعوبات.",
    "من جهته، نفى {name} صحة ما تداولته وسائل الإعلام عن استقالته.",
    "وشارك {name} في الاجتماع الذي عقد في العاصمة مساء أمس.",
    "وأضاف المتحدث أن اللقاء جمع {name} مع عدد من المسؤولين المحليين.",
]


def _peak_rss_kb(pid: int | str = "self") -> int:
    """A process's high-water resident set (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def build(workdir: Path, megabytes: float, entities: int) -> tuple[Path, Path]:
    registry_text, queries = generate(entities, seed=1)
    registry_path = workdir / "aliases.yaml"
    registry_path.write_text(registry_text, "utf-8")
    names = [q[0] for q in queries if q[2] == "matched" and not q[1]]
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(7)
    corpus = workdir / "corpus.jsonl"
    size, n = 0, 0
    with corpus.open("w", encoding="utf-8") as handle:
        while size < megabytes * 1024 * 1024:
            sentences = [rng.choice(TEMPLATES).format(name=rng.choice(names))
                         for _ in range(rng.randint(5, 25))]
            text = seeds[n % len(seeds)] + "\n" + " ".join(sentences)
            line = json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return registry_path, corpus


def child(engine: str, jobs: int, registry_path: str, corpus: Path, out: Path) -> dict[str, Any]:
    """One measured run in this (fresh) process; returns its figures."""
    from registry.io.corpus import chunked, worker_registry
    from registry.io.corpus_input import read_corpus
    from registry.io.corpus_output import open_sink
    from registry.io.corpus_runner import _annotate, local_executor, ordered_results

    sink = open_sink(out, restart=True)
    worker_registry(registry_path)
    cpu0 = time.process_time()
    start = time.perf_counter()
    docs = chars = 0
    peaks: list[int] = []
    if engine == "dask":
        from registry.io.on_dask import dask_executor

        context = dask_executor("local", jobs)
    else:
        from contextlib import nullcontext

        context = nullcontext(local_executor(jobs, registry_path))
    with context as executor:
        for chunk, rows in ordered_results(executor, _annotate, chunked(read_corpus(corpus)),
                                           2 * jobs, registry_path, None):
            sink.write([d.id for d in chunk], rows)
            docs += len(chunk)
            chars += sum(len(d.text) for d in chunk)
        if engine == "dask":
            peaks = list(executor._client.run(_peak_rss_kb).values())
        elif jobs > 1:
            peaks = [_peak_rss_kb(pid) for pid in executor._processes]
            executor.shutdown(wait=True)
        else:
            peaks = [_peak_rss_kb()]
    wall = time.perf_counter() - start
    sink.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu0 + children.ru_utime + children.ru_stime
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    return {"docs": docs, "chars": chars, "wall": wall, "cpu": cpu, "peak_kb": max(peaks),
            "digest": digest}


def measure(engine: str, jobs: int, registry_path: Path, corpus: Path, workdir: Path,
            repeat: int) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", engine, "--jobs", str(jobs),
             "--registry", str(registry_path), "--corpus", str(corpus),
             "--out", str(workdir / f"out-{engine}-{jobs}.jsonl")],
            capture_output=True, text=True, check=True)
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or result["wall"] < best["wall"]:
            best = result
    assert best is not None
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per engine")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", choices=("local", "dask"), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--registry", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.jobs, args.registry, args.corpus, args.out)))
        return 0

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("REGISTRY_CACHE_DIR", str(workdir / "cache"))
    registry_path, corpus = build(workdir, args.mb, args.entities)
    size_mb = corpus.stat().st_size / 1024 / 1024
    print(f"corpus: {size_mb:.0f} MB JSON lines; registry: {args.entities:,} synthetic "
          f"entities; {os.cpu_count()} cores; best of {args.repeat}")
    runs = [("1 worker", "local", 1), ("--jobs 2", "local", 2), ("dask, 2 workers", "dask", 2)]
    results = {label: measure(engine, jobs, registry_path, corpus, workdir, args.repeat)
               for label, engine, jobs in runs}
    one = results["1 worker"]
    print("| engine | docs | docs/s | M chars/s | wall s | CPU s | x 1 worker | "
          "peak RSS/worker MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, r in results.items():
        print(f"| {label} | {r['docs']:,} | {r['docs'] / r['wall']:,.0f} | "
              f"{r['chars'] / r['wall'] / 1e6:.2f} | {r['wall']:.1f} | {r['cpu']:.1f} | "
              f"{one['wall'] / r['wall']:.2f} | {r['peak_kb'] / 1024:.0f} |")
    jobs2, dask2 = results["--jobs 2"], results["dask, 2 workers"]
    scaling = one["wall"] / jobs2["wall"]
    dask_gap = dask2["wall"] / jobs2["wall"] - 1
    worst_peak = max(jobs2["peak_kb"], dask2["peak_kb"]) / one["peak_kb"] - 1
    identical = len({r["digest"] for r in results.values()}) == 1
    print(f"- --jobs 2 scaling: {scaling:.2f}x one worker (target >= 1.7x): "
          f"{'met' if scaling >= 1.7 else 'NOT met'}")
    print(f"- Dask vs --jobs 2: {dask_gap:+.0%} wall time (target within 20%): "
          f"{'met' if dask_gap <= 0.2 else 'NOT met'}")
    print(f"- peak RSS per worker: {worst_peak:+.0%} vs one worker (target <= +10%): "
          f"{'met' if worst_peak <= 0.1 else 'NOT met'}")
    print(f"- output identical across engines: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
