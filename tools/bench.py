"""Scale benchmark of the compiled store: every target of issue 16 beside its
measured figure, at 10k and 100k synthetic entities (1M with --large), with the
brute-force baselines, all in this one run on this machine.

Each measure runs in a fresh process, so nothing is warm that a user's process
would not have warm. CPU time is printed beside wall time (the machine is
shared: wall time includes waiting for a core); latencies are CPU time of the
calling thread. Open is best of 5 fresh processes.

- build: `registry build --out` from the YAML, peak RSS and CPU of that process;
- open: `registry.load(FILE.store)` in a fresh process;
- lookups: the known-answer queries of tools/make_synthetic.py, the first pass
  after opening (p50, p99, the longest single query, and the longest garbage
  collector pause seen), then up to 10k lookups and the RSS after them;
  answers are compared with the registry built in memory from the YAML (the
  build process records them) and with the expected answers;
- baselines: rapidfuzz ``process.extractOne`` over every alias key with
  ``fuzz.token_set_ratio`` and with ``fuzz.WRatio`` (best alias's entity when it
  scores >= 90, else unknown), on a sample of the same queries, p50 CPU and
  accuracy of each, and ours on the same sample;
- annotate: the seed articles repeated to 2 MB (these name seed people, so this
  is throughput over a large registry's vocabulary, not accuracy);
- batch: 100k names through `registry resolve --json --brief -`;
- cold: `registry resolve NAME` with the seed registry, and the seed registry's
  query table answered from a compiled store vs from the YAML.

    python tools/bench.py [--large] [--workdir /tmp/registry-bench] [--sizes 10000]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED_QUERY = "صدام حفتر"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _answer(res: Any) -> list[Any]:
    return [res.status, res.id, round(res.score, 6)]


# -- child measures (each in a fresh process) ---------------------------------------


def child_build(folder: Path) -> dict[str, Any]:
    """Compile the YAML to a store; record the in-memory registry's answers."""
    from registry.core import compile_registry, load
    from registry.review.diff import read_query_table

    wall, cpu = time.perf_counter(), _cpu()
    compile_registry(folder / "aliases.yaml", folder / "registry.store")
    out = {"build_wall_s": time.perf_counter() - wall, "build_cpu_s": _cpu() - cpu,
           "build_rss_mb": _rss_mb()}
    reg = load(folder / "aliases.yaml", use_cache=False)
    rows = read_query_table(folder / "queries.tsv")
    answers = [_answer(reg.lookup(r.query, r.at)) for r in rows]
    (folder / "answers.json").write_text(json.dumps(answers))
    return out


def child_open(store: Path) -> dict[str, Any]:
    import registry

    wall, cpu = time.perf_counter(), _cpu()
    reg = registry.load(store)
    reg.resolver  # noqa: B018 - everything a first lookup needs, short of its keys
    return {"open_wall_s": time.perf_counter() - wall, "open_cpu_s": _cpu() - cpu,
            "open_rss_mb": _current_rss_mb()}


def child_lookups(folder: Path, sample: int) -> dict[str, Any]:
    import registry
    from registry.review.diff import read_query_table

    rows = read_query_table(folder / "queries.tsv")
    pauses: list[tuple[float, float]] = []  # (CPU, wall) of each collection
    started: list[tuple[float, float]] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append((time.thread_time(), time.perf_counter()))
        elif started:
            cpu, wall = started.pop()
            pauses.append((time.thread_time() - cpu, time.perf_counter() - wall))

    reg = registry.load(folder / "registry.store")
    gc.callbacks.append(watch)
    cpu_lat, wall_lat, answers = [], [], []
    for row in rows:
        wall, cpu = time.perf_counter(), time.thread_time()
        res = reg.lookup(row.query, row.at)
        cpu_lat.append(time.thread_time() - cpu)
        wall_lat.append(time.perf_counter() - wall)
        answers.append(_answer(res))
    cross = cross_script(reg, rows, cpu_lat, wall_lat)
    done = len(rows)
    while done < 10_000:
        for row in rows[: 10_000 - done]:
            reg.lookup(row.query, row.at)
        done += min(len(rows), 10_000 - done)
    gc.callbacks.remove(watch)
    out: dict[str, Any] = {"queries": len(rows), "rss_after_10k_mb": _current_rss_mb()}
    for name, lat in (("cpu", sorted(cpu_lat)), ("wall", sorted(wall_lat))):
        out[f"p50_{name}_ms"] = lat[len(lat) // 2] * 1e3
        out[f"p99_{name}_ms"] = lat[int(len(lat) * 0.99)] * 1e3
        out[f"max_{name}_ms"] = lat[-1] * 1e3
    out.update(cross)
    out["gc_pause_cpu_ms"] = max((p[0] for p in pauses), default=0.0) * 1e3
    out["gc_pause_wall_ms"] = max((p[1] for p in pauses), default=0.0) * 1e3
    expected = [[r.status, r.id] for r in rows]
    out["accuracy"] = sum(a[:2] == e for a, e in zip(answers, expected, strict=True)) / len(rows)
    built = json.loads((folder / "answers.json").read_text())
    out["differ_from_yaml"] = sum(a != b for a, b in zip(answers, built, strict=True))
    step = max(1, len(rows) // sample)
    picked = list(range(0, len(rows), step))[:sample]
    out.update(baselines(reg, [rows[i] for i in picked], [cpu_lat[i] for i in picked]))
    out.update(annotate_speed(reg))
    return out


def cross_script(reg: Any, rows: list[Any], cpu_lat: list[float], wall_lat: list[float]
                 ) -> dict[str, Any]:
    """The same queries spelled in Latin (tools/latin_queries.py), so lookups go
    through the cross-script block map: their p50, the p50 of Arabic and Latin
    queries mixed half and half, and how often the Latin spelling gets the Arabic
    query's expected answer (the spelling generator is crude: a floor)."""
    from tools.latin_queries import latin_spelling

    latin_cpu, latin_wall, agree = [], [], 0
    for row in rows:
        query = latin_spelling(row.query)
        wall, cpu = time.perf_counter(), time.thread_time()
        res = reg.lookup(query, row.at)
        latin_cpu.append(time.thread_time() - cpu)
        latin_wall.append(time.perf_counter() - wall)
        agree += [res.status, res.id] == [row.status, row.id]
    return {"latin_p50_cpu_ms": statistics.median(latin_cpu) * 1e3,
            "latin_p50_wall_ms": statistics.median(latin_wall) * 1e3,
            "mixed_p50_cpu_ms": statistics.median(cpu_lat + latin_cpu) * 1e3,
            "mixed_p50_wall_ms": statistics.median(wall_lat + latin_wall) * 1e3,
            "latin_agreement": agree / len(rows)}


def baselines(reg: Any, rows: list[Any], ours: list[float]) -> dict[str, Any]:
    """Brute force over every alias key, on the same sample of queries."""
    from rapidfuzz import fuzz, process

    from registry.names.normalize import name_key

    keys, owners = [], []
    for entity in reg.entities.values():
        for text in entity.all_name_texts:
            keys.append(name_key(text))
            owners.append(entity.id)
    out: dict[str, Any] = {"baseline_queries": len(rows), "aliases": len(keys),
                           "ours_sample_p50_cpu_ms": statistics.median(ours) * 1e3,
                           "ours_sample_accuracy": sum(
                               (r.status, r.id) == (x.status, x.id) for r, x in
                               zip(rows, (reg.lookup(r.query, r.at) for r in rows), strict=True))
                           / len(rows)}
    for label, scorer in (("token_set_ratio", fuzz.token_set_ratio), ("WRatio", fuzz.WRatio)):
        times, correct = [], 0
        for row in rows:
            cpu = time.thread_time()
            best = process.extractOne(name_key(row.query), keys, scorer=scorer, score_cutoff=90)
            times.append(time.thread_time() - cpu)
            answer = ("matched", owners[best[2]]) if best else ("unknown", None)
            correct += answer == (row.status, row.id)
        out[f"{label}_p50_cpu_ms"] = statistics.median(times) * 1e3
        out[f"{label}_accuracy"] = correct / len(rows)
    return out


def annotate_speed(reg: Any) -> dict[str, Any]:
    from tools.bench_annotate import corpus

    texts = corpus(2.0)
    chars = sum(len(t) for t in texts)
    reg.annotate(texts[0])
    best = min(_timed(lambda: [reg.annotate(t) for t in texts]) for _ in range(3))
    return {"annotate_mcps": chars / best / 1e6}


def _timed(func: Any) -> float:
    cpu = time.thread_time()
    func()
    return time.thread_time() - cpu


def child_seed() -> dict[str, Any]:
    """The seed registry's query table from a compiled store and from the YAML."""
    import registry
    from registry.core import compile_registry
    from tests.query_table import read_queries

    with tempfile.TemporaryDirectory() as tmp:
        store = compile_registry(ROOT / "aliases.yaml", Path(tmp) / "seed.store")
        stored, yaml_reg = registry.load(store), registry.load(ROOT / "aliases.yaml")
        rows = read_queries()
        differ = sum(_answer(stored.lookup(r.query, r.at))
                     != _answer(yaml_reg.lookup(r.query, r.at)) for r in rows)
    return {"seed_queries": len(rows), "seed_differ": differ}


# -- the parent: runs children, prints the table ------------------------------------


def run_child(*args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def timed_process(cmd: list[str], stdin: bytes | None = None,
                  cwd: Path = ROOT) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, check=True, cwd=cwd)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(size: int, workdir: Path, sample: int) -> dict[str, Any]:
    folder = workdir / f"n{size}"
    if not (folder / "aliases.yaml").is_file():
        subprocess.run([sys.executable, str(ROOT / "tools" / "make_synthetic.py"), "--entities",
                        str(size), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    result = run_child("build", str(folder))
    opens = [run_child("open", str(folder / "registry.store")) for _ in range(5)]
    best = min(opens, key=lambda r: r["open_cpu_s"])
    result.update(best)
    result["open_wall_s"] = min(r["open_wall_s"] for r in opens)
    result.update(run_child("lookups", str(folder), str(sample)))
    from registry.review.diff import read_query_table

    names = [r.query for r in read_query_table(folder / "queries.tsv")]
    payload = ("\n".join((names * (100_000 // len(names) + 1))[:100_000]) + "\n").encode()
    wall, cpu = timed_process([sys.executable, "-m", "registry", "resolve", "--registry",
                               str(folder / "registry.store"), "--json", "--brief", "-"],
                              payload)
    result["batch_wall_names_s"], result["batch_cpu_names_s"] = 100_000 / wall, 100_000 / cpu
    return result


def cold_cli() -> tuple[float, float]:
    """Best of 5 (wall, CPU) of `registry resolve NAME` with the seed registry."""
    runs = [timed_process([sys.executable, "-m", "registry", "resolve", SEED_QUERY])
            for _ in range(5)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", action="store_true", help="also 1M entities")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "registry-bench")
    parser.add_argument("--baseline-sample", type=int, default=200)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"build": lambda: child_build(Path(rest[0])),
                  "open": lambda: child_open(Path(rest[0])),
                  "lookups": lambda: child_lookups(Path(rest[0]), int(rest[1])),
                  "seed": child_seed}[kind]()
        print(json.dumps(result))
        return 0
    sizes = args.sizes + ([1_000_000] if args.large else [])
    results = {size: measure(size, args.workdir, args.baseline_sample) for size in sizes}
    cold_wall, cold_cpu = cold_cli()
    seed = run_child("seed")
    print(table(results, cold_wall, cold_cpu, seed))
    return 0


def _verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "NO")


def table(results: dict[int, dict[str, Any]], cold_wall: float, cold_cpu: float,
          seed: dict[str, Any]) -> str:
    sizes = list(results)
    rows: list[tuple[str, str, list[str], str]] = []

    def row(label: str, target: str, fmt: Any, met: Any = None) -> None:
        cells = [fmt(results[s]) for s in sizes]
        verdict = "" if met is None else ", ".join(
            f"{s // 1000}k {_verdict(met(results[s], s))}" for s in sizes)
        rows.append((label, target, cells, verdict))

    row("build: CPU s / wall s", "", lambda r: f"{r['build_cpu_s']:.0f} / {r['build_wall_s']:.0f}")
    row("build: peak RSS MB", "<= 1536 at 1M", lambda r: f"{r['build_rss_mb']:.0f}",
        lambda r, s: r["build_rss_mb"] <= 1536 if s >= 1_000_000 else None)
    row("open (fresh process, best of 5): CPU s / wall s", "<= 0.1",
        lambda r: f"{r['open_cpu_s']:.3f} / {r['open_wall_s']:.3f}",
        lambda r, s: r["open_cpu_s"] <= 0.1)
    row("RSS after opening MB", "<= 200 at 1M", lambda r: f"{r['open_rss_mb']:.0f}",
        lambda r, s: r["open_rss_mb"] <= 200 if s >= 1_000_000 else None)
    row("first-pass lookup p50 ms, CPU / wall", "<= 0.1",
        lambda r: f"{r['p50_cpu_ms']:.3f} / {r['p50_wall_ms']:.3f}",
        lambda r, s: r["p50_cpu_ms"] <= 0.1)
    row("first-pass lookup p99 ms, CPU / wall", "<= 2",
        lambda r: f"{r['p99_cpu_ms']:.2f} / {r['p99_wall_ms']:.2f}",
        lambda r, s: r["p99_cpu_ms"] <= 2)
    row("Latin-spelled queries: lookup p50 ms, CPU / wall", "",
        lambda r: f"{r['latin_p50_cpu_ms']:.3f} / {r['latin_p50_wall_ms']:.3f}")
    row("Arabic + Latin mixed: lookup p50 ms, CPU / wall", "<= 1.5x Arabic-only before",
        lambda r: f"{r['mixed_p50_cpu_ms']:.3f} / {r['mixed_p50_wall_ms']:.3f}")
    row("Latin spelling gets the Arabic query's answer", "",
        lambda r: f"{r['latin_agreement']:.3f}")
    row("longest query ms, CPU / wall", "", lambda r: f"{r['max_cpu_ms']:.1f} / "
        f"{r['max_wall_ms']:.1f}")
    row("longest GC pause ms, CPU / wall", "<= 50", lambda r: f"{r['gc_pause_cpu_ms']:.1f} / "
        f"{r['gc_pause_wall_ms']:.1f}", lambda r, s: r["gc_pause_cpu_ms"] <= 50)
    row("RSS after 10k lookups MB", "", lambda r: f"{r['rss_after_10k_mb']:.0f}")
    row("accuracy (known answers)", "= in-memory build",
        lambda r: f"{r['accuracy']:.4f} ({r['queries']} q)")
    row("answers differing from the in-memory build", "0",
        lambda r: str(r["differ_from_yaml"]), lambda r, s: r["differ_from_yaml"] == 0)
    row("baseline sample: ours p50 CPU ms / accuracy", "",
        lambda r: f"{r['ours_sample_p50_cpu_ms']:.3f} / {r['ours_sample_accuracy']:.3f} "
        f"({r['baseline_queries']} q, {r['aliases']:,} aliases)")
    row("token_set_ratio brute force: p50 CPU ms / accuracy", "",
        lambda r: f"{r['token_set_ratio_p50_cpu_ms']:.1f} / {r['token_set_ratio_accuracy']:.3f}")
    row("WRatio brute force: p50 CPU ms / accuracy", "",
        lambda r: f"{r['WRatio_p50_cpu_ms']:.1f} / {r['WRatio_accuracy']:.3f}")
    row("speed-up vs token_set_ratio (p50 CPU), equal or better accuracy", ">= 300x",
        lambda r: f"{r['token_set_ratio_p50_cpu_ms'] / r['ours_sample_p50_cpu_ms']:.0f}x",
        lambda r, s: r["token_set_ratio_p50_cpu_ms"] / r["ours_sample_p50_cpu_ms"] >= 300
        and r["ours_sample_accuracy"] >= r["token_set_ratio_accuracy"])
    row("speed-up vs WRatio (p50 CPU)", "",
        lambda r: f"{r['WRatio_p50_cpu_ms'] / r['ours_sample_p50_cpu_ms']:.0f}x")
    row("annotate M chars/s (CPU, best of 3)", ">= 5 at 100k",
        lambda r: f"{r['annotate_mcps']:.2f}", lambda r, s: r["annotate_mcps"] >= 5)
    row("batch resolve --json --brief names/s (CPU / wall)", ">= 50k",
        lambda r: f"{r['batch_cpu_names_s']:,.0f} / {r['batch_wall_names_s']:,.0f}",
        lambda r, s: r["batch_cpu_names_s"] >= 50_000)
    header = ["measure", *(f"{s:,}" for s in sizes), "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += [f"| {label} | " + " | ".join(cells) + f" | {target} | {verdict} |"
              for label, target, cells, verdict in rows]
    lines.append("| cold `registry resolve NAME` (seed registry, best of 5): CPU s / wall s | "
                 + " | ".join([f"{cold_cpu:.3f} / {cold_wall:.3f}"] + [""] * (len(sizes) - 1))
                 + f" | <= 0.15 | {'yes' if cold_cpu <= 0.15 else 'NO'} |")
    lines.append("| seed query table from a store: answers differing from the YAML | "
                 + " | ".join([f"{seed['seed_differ']} of {seed['seed_queries']}"]
                              + [""] * (len(sizes) - 1))
                 + f" | 0 | {'yes' if seed['seed_differ'] == 0 else 'NO'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
