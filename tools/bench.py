"""Scale benchmark of the compiled store: every target of issue 16 beside its
measured figure, at 10k and 100k synthetic entities (1M with --large), with the
brute-force baselines, all in this one run on this machine.

Each measure runs in a fresh process, so nothing is warm that a user's process
would not have warm. CPU time is printed beside wall time (the machine is
shared: wall time includes waiting for a core, so verdicts are judged on CPU
time); latencies are CPU time of the calling thread.

- data: tools/make_synthetic.py, its peak RSS and CPU (it streams its YAML out);
- build: the YAML compiled into a store (`compile_registry`, what `registry
  build --out` runs), peak RSS and CPU of that process;
- open: `registry.load(FILE.store)` in a fresh process, best of 5, the RSS after
  it, and the first lookup after opening; and `registry.load(YAML)` with the
  store in the cache, which first reads and hashes the sources to find it;
- lookups: the known-answer queries of make_synthetic, the first pass after
  opening (p50, p99, the longest query, the longest garbage-collector pause),
  then lookups up to 10k and the RSS after them. Answers are compared with the
  known answers, with the registry built in memory from the YAML (not at 1M: it
  needs the whole registry in memory, over this machine's 6 GB budget) and,
  with --reference, with an earlier run's answers (today's code);
- cross-script: the same queries spelled in Latin (tools/latin_queries.py); the
  p50 of Arabic and Latin queries mixed half and half against Arabic alone,
  both on a second pass;
- baselines: rapidfuzz ``process.extractOne`` with ``fuzz.token_set_ratio`` and
  with ``fuzz.WRatio`` over every name text of every entity (the best text's
  entity when it scores >= 90, else unknown), on a sample of the same queries,
  p50 CPU and accuracy of each beside ours (first-pass latencies) on that sample;
- annotate: the seed articles repeated to 2 MB (they name seed people, so this
  is throughput over a large registry's vocabulary, not accuracy), best of 3,
  beside a bare normalise+tokenise pass over the same text;
- batch: `registry resolve --json --brief -` as a whole process, on distinct
  names (every person's full name and two shorter forms) and on a repeated
  batch (the query table's names again and again, as real columns repeat),
  names/s of the whole process and net of the start-up (an empty batch);
- cold: `registry resolve NAME` with the seed registry (best of 5), with its
  bytecode kept as an installed package keeps it and with the environment as
  it is (PYTHONDONTWRITEBYTECODE makes every run compile every module), and the seed
  registry's query table answered from a compiled store vs from the YAML.

A measure that fails (a child out of memory under --memory-limit-gb, say) is
printed as failed with its last error line; the run goes on.

    python tools/bench.py [--large] [--sizes 10000 100000] [--workdir DIR]
                          [--reference DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED_QUERY = "صدام حفتر"
IN_MEMORY_MAX = 200_000  # above this the in-memory comparison would not fit in 6 GB
TARGETS = {"build_rss_mb": 1536, "open_s": 0.1, "open_rss_mb": 200, "p50_ms": 0.1,
           "p99_ms": 2.0, "gc_ms": 50, "speedup": 300, "annotate_mcps": 5.0,
           "batch_names_s": 50_000, "cold_s": 0.15, "cross_ratio": 1.5}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _answer(res: Any) -> list[Any]:
    return [res.status, res.id, round(res.score, 6)]


def _percentiles(prefix: str, values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {f"p50_{prefix}_ms": ordered[len(ordered) // 2] * 1e3,
            f"p99_{prefix}_ms": ordered[int(len(ordered) * 0.99)] * 1e3,
            f"max_{prefix}_ms": ordered[-1] * 1e3}


def _queries(folder: Path) -> list[Any]:
    from registry.review.diff import read_query_table

    return read_query_table(folder / "queries.tsv")


# -- child measures (each in a fresh process) ---------------------------------------


def child_synth(size: int, folder: Path) -> dict[str, Any]:
    """Generate the synthetic registry and queries (streamed out)."""
    from tools.make_synthetic import write

    folder.mkdir(parents=True, exist_ok=True)
    wall, cpu = time.perf_counter(), _cpu()
    with (folder / "aliases.yaml").open("w", encoding="utf-8") as out, \
            (folder / "aliases.tsv").open("w", encoding="utf-8") as aliases:
        rows = write(size, 1, out, aliases)
    table = ["# query\tat\tstatus\tid\tnote"] + ["\t".join(r) for r in rows]
    (folder / "queries.tsv").write_text("\n".join(table) + "\n", "utf-8")
    return {"synth_cpu_s": _cpu() - cpu, "synth_wall_s": time.perf_counter() - wall,
            "synth_rss_mb": _peak_rss_mb()}


def child_build(folder: Path) -> dict[str, Any]:
    """Compile the YAML into a store in the folder's own cache (where ``load``
    of the YAML path finds it), linked as registry.store for direct opening."""
    from registry.core import compile_registry

    os.environ["REGISTRY_CACHE_DIR"] = str(_cache(folder))
    wall, cpu = time.perf_counter(), _cpu()
    written = compile_registry(folder / "aliases.yaml")
    out = {"build_wall_s": time.perf_counter() - wall, "build_cpu_s": _cpu() - cpu,
           "build_rss_mb": _peak_rss_mb()}
    (folder / "registry.store").unlink(missing_ok=True)
    os.link(written, folder / "registry.store")
    return out


def _cache(folder: Path) -> Path:
    """A private cache folder for this size's store."""
    cache = folder / "cache"
    cache.mkdir(mode=0o700, exist_ok=True)
    return cache


def child_in_memory(folder: Path) -> dict[str, Any]:
    """The registry built in memory from the YAML: its answers to the queries
    (what the store must reproduce), and a check that aliases.tsv, which the
    baselines search, holds exactly the registry's name texts."""
    from registry.core import load

    wall, cpu = time.perf_counter(), _cpu()
    reg = load(folder / "aliases.yaml", use_cache=False)
    out = {"memory_load_cpu_s": _cpu() - cpu, "memory_load_wall_s": time.perf_counter() - wall}
    answers = [_answer(reg.lookup(r.query, r.at)) for r in _queries(folder)]
    (folder / "answers.json").write_text(json.dumps(answers))
    held = sorted((e.id, t) for e in reg.iter_entities() for t in e.all_name_texts)
    out["aliases_match_registry"] = held == sorted(_alias_rows(folder))
    out["memory_rss_mb"] = _peak_rss_mb()
    return out


def _alias_rows(folder: Path) -> list[tuple[str, str]]:
    with (folder / "aliases.tsv").open(encoding="utf-8") as handle:
        return [(line[: line.index("\t")], line[line.index("\t") + 1:].rstrip("\n"))
                for line in handle]


def child_open(store: Path, by: str) -> dict[str, Any]:
    """Open the store file directly, or through the YAML path as a user's
    default does (reading and hashing the sources to find the store)."""
    import registry

    os.environ["REGISTRY_CACHE_DIR"] = str(_cache(store.parent))
    path = store if by == "store" else store.parent / "aliases.yaml"
    wall, cpu = time.perf_counter(), _cpu()
    reg = registry.load(path)
    reg.resolver  # noqa: B018 - everything a first lookup needs, short of its keys
    out = {"open_wall_s": time.perf_counter() - wall, "open_cpu_s": _cpu() - cpu,
           "open_rss_mb": _current_rss_mb(), "from_store": type(reg.entities).__name__
           != "dict"}
    wall, cpu = time.perf_counter(), time.thread_time()
    reg.lookup(SEED_QUERY)
    out["first_lookup_cpu_ms"] = (time.thread_time() - cpu) * 1e3
    out["first_lookup_wall_ms"] = (time.perf_counter() - wall) * 1e3
    return {f"{k}_{by}" if by != "store" else k: v for k, v in out.items()}


def child_lookups(folder: Path) -> dict[str, Any]:
    import registry

    rows = _queries(folder)
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
    out: dict[str, Any] = {"queries": len(rows)}
    out.update(_percentiles("cpu", cpu_lat))
    out.update(_percentiles("wall", wall_lat))
    out.update(cross_script(reg, rows))
    done = 3 * len(rows)  # the first pass, then Arabic and Latin in cross_script
    while done < 10_000:
        for row in rows[: 10_000 - done]:
            reg.lookup(row.query, row.at)
        done += min(len(rows), 10_000 - done)
    gc.callbacks.remove(watch)
    out["rss_after_10k_mb"] = _current_rss_mb()
    out["gc_pause_cpu_ms"] = max((p[0] for p in pauses), default=0.0) * 1e3
    out["gc_pause_wall_ms"] = max((p[1] for p in pauses), default=0.0) * 1e3
    out["accuracy"] = sum(a[:2] == [r.status, r.id] for a, r in zip(answers, rows, strict=True)
                          ) / len(rows)
    (folder / "store_answers.json").write_text(json.dumps(answers))
    (folder / "first_pass_cpu.json").write_text(json.dumps(cpu_lat))
    return out


def cross_script(reg: Any, rows: list[Any]) -> dict[str, Any]:
    """The same queries spelled in Latin, so lookups go through the
    cross-script block map. Arabic alone and Arabic+Latin mixed half and half
    are both timed on a second pass (the first pass is timed above), so the
    ratio compares like with like. The spelling generator is crude: how often a
    Latin spelling gets the Arabic query's expected answer is a floor."""
    from tools.latin_queries import latin_spelling

    arabic_cpu, latin_cpu, agree = [], [], 0
    for row in rows:
        cpu = time.thread_time()
        reg.lookup(row.query, row.at)
        arabic_cpu.append(time.thread_time() - cpu)
        query = latin_spelling(row.query)
        cpu = time.thread_time()
        res = reg.lookup(query, row.at)
        latin_cpu.append(time.thread_time() - cpu)
        agree += [res.status, res.id] == [row.status, row.id]
    arabic = statistics.median(arabic_cpu)
    mixed = statistics.median(arabic_cpu + latin_cpu)
    return {"arabic_p50_cpu_ms": arabic * 1e3, "latin_p50_cpu_ms":
            statistics.median(latin_cpu) * 1e3, "mixed_p50_cpu_ms": mixed * 1e3,
            "cross_ratio": mixed / arabic, "latin_agreement": agree / len(rows)}


def child_baselines(folder: Path, sample: int) -> dict[str, Any]:
    """Brute force over every name text of every entity (aliases.tsv, checked
    against the registry by the in-memory child), on an even sample of the
    queries; ours on the same sample from the first-pass latencies."""
    from rapidfuzz import fuzz, process

    from registry.names.normalize import name_key

    rows = _queries(folder)
    step = max(1, len(rows) // sample)
    picked = list(range(0, len(rows), step))[:sample]
    ours_cpu = json.loads((folder / "first_pass_cpu.json").read_text())
    ours = json.loads((folder / "store_answers.json").read_text())
    keys, owners = [], []
    for owner, text in _alias_rows(folder):
        keys.append(name_key(text))
        owners.append(owner)
    out: dict[str, Any] = {
        "baseline_queries": len(picked), "aliases": len(keys),
        "ours_sample_p50_cpu_ms": statistics.median(ours_cpu[i] for i in picked) * 1e3,
        "ours_sample_accuracy": sum(ours[i][:2] == [rows[i].status, rows[i].id]
                                    for i in picked) / len(picked)}
    for label, scorer in (("token_set_ratio", fuzz.token_set_ratio), ("WRatio", fuzz.WRatio)):
        times, correct = [], 0
        for i in picked:
            row = rows[i]
            cpu = time.thread_time()
            best = process.extractOne(name_key(row.query), keys, scorer=scorer, score_cutoff=90)
            times.append(time.thread_time() - cpu)
            answer = ("matched", owners[best[2]]) if best else ("unknown", None)
            correct += answer == (row.status, row.id)
        out[f"{label}_p50_cpu_ms"] = statistics.median(times) * 1e3
        out[f"{label}_accuracy"] = correct / len(picked)
    return out


def child_annotate(store: Path) -> dict[str, Any]:
    """Annotate throughput against a bare normalise+tokenise pass, best of 3."""
    import registry
    from registry.names.normalize import normalize_text, tokenize
    from tools.bench_annotate import corpus

    reg = registry.load(store)
    texts = corpus(2.0)
    chars = sum(len(t) for t in texts)
    wall, cpu = time.perf_counter(), time.thread_time()
    reg.annotate(texts[0])
    out = {"first_annotate_cpu_s": time.thread_time() - cpu,
           "first_annotate_wall_s": time.perf_counter() - wall}
    annotate = min(_timed(lambda: [reg.annotate(t) for t in texts]) for _ in range(3))
    bare = min(_timed(lambda: [tokenize(normalize_text(t).text) for t in texts])
               for _ in range(3))
    out.update({"annotate_mcps": chars / annotate / 1e6, "tokenise_mcps": chars / bare / 1e6,
                "annotate_rss_mb": _current_rss_mb()})
    return out


def _timed(func: Callable[[], object]) -> float:
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


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "synth": lambda size, folder: child_synth(int(size), Path(folder)),
    "build": lambda folder: child_build(Path(folder)),
    "memory": lambda folder: child_in_memory(Path(folder)),
    "open": lambda store, by: child_open(Path(store), by),
    "lookups": lambda folder: child_lookups(Path(folder)),
    "baselines": lambda folder, sample: child_baselines(Path(folder), int(sample)),
    "annotate": lambda store: child_annotate(Path(store)),
    "seed": child_seed,
}


# -- the parent: runs children, prints the table ------------------------------------


class Runner:
    """Runs each measure in a fresh process, under a memory limit."""

    def __init__(self, memory_limit_gb: float) -> None:
        self.limit = int(memory_limit_gb * 2**30)

    def _limit(self) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (self.limit, self.limit))

    def child(self, *args: str) -> dict[str, Any]:
        """A child measure's figures, or {"error": its last line} if it failed."""
        proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                              text=True, cwd=ROOT, preexec_fn=self._limit,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
            print(f"  {args[0]} failed: {last}", file=sys.stderr)
            return {"error": f"{args[0]}: {last}"}
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result

    def process(self, cmd: list[str], stdin: bytes, env: dict[str, str] | None = None
                ) -> tuple[float, float]:
        """(wall, CPU) seconds of one whole process."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, check=True, cwd=ROOT,
                       preexec_fn=self._limit, env=env)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    def best(self, cmd: list[str], stdin: bytes, runs: int,
             env: dict[str, str] | None = None) -> tuple[float, float]:
        """Best (wall, CPU) of ``runs`` runs, each taken on its own."""
        times = [self.process(cmd, stdin, env) for _ in range(runs)]
        return min(t[0] for t in times), min(t[1] for t in times)


def batch_names(folder: Path) -> tuple[list[str], list[str]]:
    """Distinct names (each person's full name, given+father+family, given+family,
    first 100k distinct) and a repeated batch (the query table's names again
    and again to 100k)."""
    distinct: dict[str, None] = {}
    with (folder / "aliases.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            owner, text = line.rstrip("\n").split("\t", 1)
            words = text.split()
            if owner.startswith("person-") and len(words) == 4 and not text.isascii():
                for name in (text, f"{words[0]} {words[1]} {words[3]}",
                             f"{words[0]} {words[3]}"):
                    distinct[name] = None
            if len(distinct) >= 100_000:
                break
    names = [r.query for r in _queries(folder)]
    repeated = (names * (100_000 // len(names) + 1))[:100_000]
    return list(distinct)[:100_000], repeated


def measure(runner: Runner, size: int, workdir: Path, sample: int, runs: int,
            reference: Path | None) -> dict[str, Any]:
    folder = workdir / f"n{size}"
    result: dict[str, Any] = {"errors": []}

    def take(figures: dict[str, Any]) -> None:
        if "error" in figures:
            result["errors"].append(figures["error"])
        else:
            result.update(figures)
        (folder / "partial.json").write_text(json.dumps(result, indent=1))  # a long run's

    print(f"{size:,} entities ({folder})", file=sys.stderr)
    synth = folder / "synth.json"
    if not (folder / "aliases.tsv").is_file() or not synth.is_file():
        figures = runner.child("synth", str(size), str(folder))
        synth.write_text(json.dumps(figures))
    take(json.loads(synth.read_text()))
    take(runner.child("build", str(folder)))
    store = folder / "registry.store"
    if size <= IN_MEMORY_MAX:
        take(runner.child("memory", str(folder)))
    else:
        (folder / "answers.json").unlink(missing_ok=True)
    for by in ("store", "yaml"):
        suffix = "" if by == "store" else "_yaml"
        opens = [runner.child("open", str(store), by) for _ in range(5)]
        good = [o for o in opens if "error" not in o] or opens[:1]
        take(min(good, key=lambda r: r.get(f"open_cpu_s{suffix}", 0)))
        if "error" not in good[0]:
            result[f"open_wall_s{suffix}"] = min(r[f"open_wall_s{suffix}"] for r in good)
    take(runner.child("lookups", str(folder)))
    if (folder / "store_answers.json").is_file():
        result.update(compare_answers(folder, reference, size))
        take(runner.child("baselines", str(folder), str(sample)))
    take(runner.child("annotate", str(store)))
    distinct, repeated = batch_names(folder)
    cmd = [sys.executable, "-m", "registry", "resolve", "--registry", str(store), "--json",
           "--brief", "-"]
    try:
        start_wall, start_cpu = runner.best(cmd, b"", runs)
        result.update({"batch_start_cpu_s": start_cpu, "batch_start_wall_s": start_wall})
        for label, names in (("distinct", distinct), ("repeated", repeated)):
            payload = ("\n".join(names) + "\n").encode()
            wall, cpu = runner.best(cmd, payload, runs)
            result.update({f"batch_{label}_n": len(names),
                           f"batch_{label}_cpu_names_s": len(names) / cpu,
                           f"batch_{label}_wall_names_s": len(names) / wall,
                           f"batch_{label}_net_cpu_names_s":
                               len(names) / max(cpu - start_cpu, 1e-9)})
    except subprocess.CalledProcessError as error:
        result["errors"].append(f"batch: {error}")
    return result


def compare_answers(folder: Path, reference: Path | None, size: int) -> dict[str, Any]:
    """Store answers against the in-memory build's and an earlier run's."""
    ours = json.loads((folder / "store_answers.json").read_text())
    out: dict[str, Any] = {}
    memory = folder / "answers.json"
    if memory.is_file():
        built = json.loads(memory.read_text())
        out["differ_from_memory"] = sum(a != b for a, b in zip(ours, built, strict=True))
    if reference is not None:
        earlier = reference / f"n{size}" / "answers.json"
        if not earlier.is_file():
            earlier = reference / f"n{size}" / "store_answers.json"
        if earlier.is_file():
            before = json.loads(earlier.read_text())
            out["differ_from_reference"] = sum(a != b for a, b in zip(ours, before, strict=True))
            out["reference"] = str(earlier)
    return out


def cold_cli(runner: Runner, workdir: Path) -> dict[str, Any]:
    """Best of 5 (wall, CPU) of `registry resolve NAME` with the seed registry:
    as an installed package runs (its modules' bytecode compiled once and kept,
    here in a folder of the workdir), and with the environment as it is (a
    machine with PYTHONDONTWRITEBYTECODE set compiles every module every run)."""
    cmd = [sys.executable, "-m", "registry", "resolve", SEED_QUERY]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    runner.process(cmd, b"", env)  # compiles and keeps the bytecode
    wall, cpu = runner.best(cmd, b"", 5, env)
    as_is_wall, as_is_cpu = runner.best(cmd, b"", 5)
    return {"cold_wall_s": wall, "cold_cpu_s": cpu, "cold_as_is_wall_s": as_is_wall,
            "cold_as_is_cpu_s": as_is_cpu,
            "cold_as_is_env": "PYTHONDONTWRITEBYTECODE set" if
            os.environ.get("PYTHONDONTWRITEBYTECODE") else "bytecode written as usual"}


def describe_run() -> str:
    """Commit, time and machine load: the context a figure needs."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT)
        return proc.stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--", "registry") \
        else ""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"commit {git('rev-parse', '--short', 'HEAD')}{dirty}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
            f"{platform.python_version()}, {os.cpu_count()} cores, load average {load}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", action="store_true", help="also 1M entities")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "registry-bench")
    parser.add_argument("--baseline-sample", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="best of N for batch runs")
    parser.add_argument("--reference", type=Path,
                        help="a workdir of an earlier run whose answers must be matched")
    parser.add_argument("--memory-limit-gb", type=float, default=6.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(CHILDREN[kind](*rest)))
        return 0
    context = describe_run()
    runner = Runner(args.memory_limit_gb)
    sizes = args.sizes + ([1_000_000] if args.large else [])
    results = {size: measure(runner, size, args.workdir, args.baseline_sample, args.runs,
                             args.reference) for size in sizes}
    shared = cold_cli(runner, args.workdir)
    seed = runner.child("seed")
    shared.update(seed if "error" not in seed else {"errors": [seed["error"]]})
    if args.json:
        args.json.write_text(json.dumps({"context": context, "sizes": results,
                                         "shared": shared}, indent=1))
    print(report(context, results, shared))
    return 0


# -- the table ----------------------------------------------------------------------


def _fmt(func: Callable[[dict[str, Any]], str], figures: dict[str, Any]) -> str:
    try:
        return func(figures)
    except (KeyError, ZeroDivisionError, TypeError):
        return "not measured"


def _met(func: Callable[[dict[str, Any], int], bool | None], figures: dict[str, Any],
         size: int) -> str:
    try:
        met = func(figures, size)
    except (KeyError, ZeroDivisionError, TypeError):
        return "not measured"
    return "" if met is None else ("yes" if met else "NO")


def report(context: str, results: dict[int, dict[str, Any]], shared: dict[str, Any]) -> str:
    sizes = list(results)
    t = TARGETS
    rows: list[str] = []

    def row(label: str, target: str, fmt: Callable[[dict[str, Any]], str],
            met: Callable[[dict[str, Any], int], bool | None] | None = None) -> None:
        cells = [_fmt(fmt, results[s]) for s in sizes]
        verdicts = [] if met is None else [(s, _met(met, results[s], s)) for s in sizes]
        verdict = ", ".join(f"{s // 1000}k {v}" for s, v in verdicts if v)
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {target} | {verdict} |")

    def at_1m(check: Callable[[dict[str, Any]], bool]) -> Callable[[dict[str, Any], int],
                                                                    bool | None]:
        return lambda r, s: check(r) if s >= 1_000_000 else None

    row("synthetic data: CPU s / wall s / peak RSS MB", "",
        lambda r: f"{r['synth_cpu_s']:.1f} / {r['synth_wall_s']:.1f} / {r['synth_rss_mb']:.0f}")
    row("build: CPU s / wall s", "", lambda r: f"{r['build_cpu_s']:.0f} / {r['build_wall_s']:.0f}")
    row("build: peak RSS MB", f"<= {t['build_rss_mb']} at 1M",
        lambda r: f"{r['build_rss_mb']:.0f}",
        at_1m(lambda r: r["build_rss_mb"] <= t["build_rss_mb"]))
    row("in-memory build from YAML (for comparison): CPU s / peak RSS MB", "",
        lambda r: f"{r['memory_load_cpu_s']:.0f} / {r['memory_rss_mb']:.0f}"
        if "memory_rss_mb" in r else "not run (whole registry in memory)")
    row("open (fresh process, best of 5): CPU s / wall s", f"<= {t['open_s']}",
        lambda r: f"{r['open_cpu_s']:.3f} / {r['open_wall_s']:.3f}",
        lambda r, s: r["open_cpu_s"] <= t["open_s"] if s >= 100_000 else None)
    row("open by the YAML path (store found by content hash), best of 5: CPU s / wall s",
        "", lambda r: f"{r['open_cpu_s_yaml']:.3f} / {r['open_wall_s_yaml']:.3f}"
        + ("" if r["from_store_yaml"] else " (NOT from the store)"))
    row("RSS after opening MB", f"<= {t['open_rss_mb']} at 1M",
        lambda r: f"{r['open_rss_mb']:.0f}", at_1m(lambda r: r["open_rss_mb"] <= t["open_rss_mb"]))
    row("first lookup after opening ms, CPU / wall", "",
        lambda r: f"{r['first_lookup_cpu_ms']:.1f} / {r['first_lookup_wall_ms']:.1f}")
    row("first-pass lookup p50 ms, CPU / wall", f"<= {t['p50_ms']}",
        lambda r: f"{r['p50_cpu_ms']:.3f} / {r['p50_wall_ms']:.3f}",
        lambda r, s: r["p50_cpu_ms"] <= t["p50_ms"] if s >= 100_000 else None)
    row("first-pass lookup p99 ms, CPU / wall", f"<= {t['p99_ms']}",
        lambda r: f"{r['p99_cpu_ms']:.2f} / {r['p99_wall_ms']:.2f}",
        lambda r, s: r["p99_cpu_ms"] <= t["p99_ms"] if s >= 100_000 else None)
    row("longest query ms, CPU / wall", "",
        lambda r: f"{r['max_cpu_ms']:.1f} / {r['max_wall_ms']:.1f}")
    row("longest GC pause ms, CPU / wall", f"<= {t['gc_ms']}",
        lambda r: f"{r['gc_pause_cpu_ms']:.1f} / {r['gc_pause_wall_ms']:.1f}",
        lambda r, s: r["gc_pause_cpu_ms"] <= t["gc_ms"])
    row("RSS after 10k lookups MB", "", lambda r: f"{r['rss_after_10k_mb']:.0f}")
    row("second pass p50 ms CPU: Arabic / Latin-spelled / mixed half and half", "",
        lambda r: f"{r['arabic_p50_cpu_ms']:.3f} / {r['latin_p50_cpu_ms']:.3f} / "
        f"{r['mixed_p50_cpu_ms']:.3f}")
    row("cross-script: mixed p50 / Arabic-only p50", f"<= {t['cross_ratio']}x",
        lambda r: f"{r['cross_ratio']:.2f}x",
        lambda r, s: r["cross_ratio"] <= t["cross_ratio"] if s >= 100_000 else None)
    row("Latin spelling gets the Arabic query's answer (a floor)", "",
        lambda r: f"{r['latin_agreement']:.3f}")
    row("accuracy on the known answers", "", lambda r: f"{r['accuracy']:.4f} ({r['queries']} q)")
    row("answers differing from the in-memory build", "0",
        lambda r: str(r["differ_from_memory"]) if "differ_from_memory" in r
        else "not run (whole registry in memory)",
        lambda r, s: r["differ_from_memory"] == 0 if "differ_from_memory" in r else None)
    row("answers differing from the reference run", "0",
        lambda r: str(r["differ_from_reference"]) if "differ_from_reference" in r
        else "no reference",
        lambda r, s: r["differ_from_reference"] == 0 if "differ_from_reference" in r else None)
    row("baseline texts = the registry's name texts", "",
        lambda r: ("yes" if r["aliases_match_registry"] else "NO")
        if "aliases_match_registry" in r else "not checked (in-memory build not run)")
    row("baseline sample: ours p50 CPU ms / accuracy", "",
        lambda r: f"{r['ours_sample_p50_cpu_ms']:.3f} / {r['ours_sample_accuracy']:.3f} "
        f"({r['baseline_queries']} q, {r['aliases']:,} texts)")
    row("token_set_ratio brute force: p50 CPU ms / accuracy", "",
        lambda r: f"{r['token_set_ratio_p50_cpu_ms']:.1f} / {r['token_set_ratio_accuracy']:.3f}")
    row("WRatio brute force: p50 CPU ms / accuracy", "",
        lambda r: f"{r['WRatio_p50_cpu_ms']:.1f} / {r['WRatio_accuracy']:.3f}")
    row("speed-up vs token_set_ratio (p50 CPU), at equal or better accuracy",
        f">= {t['speedup']}x",
        lambda r: f"{r['token_set_ratio_p50_cpu_ms'] / r['ours_sample_p50_cpu_ms']:.0f}x",
        lambda r, s: r["token_set_ratio_p50_cpu_ms"] / r["ours_sample_p50_cpu_ms"]
        >= t["speedup"] and r["ours_sample_accuracy"] >= r["token_set_ratio_accuracy"])
    row("speed-up vs WRatio (p50 CPU)", "",
        lambda r: f"{r['WRatio_p50_cpu_ms'] / r['ours_sample_p50_cpu_ms']:.0f}x")
    row("annotate M chars/s, CPU best of 3", f">= {t['annotate_mcps']:.0f} at 100k",
        lambda r: f"{r['annotate_mcps']:.2f}",
        lambda r, s: r["annotate_mcps"] >= t["annotate_mcps"] if s == 100_000 else None)
    row("bare normalise+tokenise M chars/s / annotate time ratio", "",
        lambda r: f"{r['tokenise_mcps']:.2f} / {r['tokenise_mcps'] / r['annotate_mcps']:.2f}x")
    row("first annotate after opening s, CPU / wall; RSS after annotating MB", "",
        lambda r: f"{r['first_annotate_cpu_s']:.2f} / {r['first_annotate_wall_s']:.2f}; "
        f"{r['annotate_rss_mb']:.0f}")
    row("batch `resolve --json --brief -` start-up (empty batch) s, CPU / wall", "",
        lambda r: f"{r['batch_start_cpu_s']:.2f} / {r['batch_start_wall_s']:.2f}")
    for label in ("distinct", "repeated"):
        row(f"batch, {label} names: names/s whole process CPU / wall; net of start-up CPU",
            f">= {t['batch_names_s']:,}",
            lambda r, k=label: f"{r[f'batch_{k}_cpu_names_s']:,.0f} / "
            f"{r[f'batch_{k}_wall_names_s']:,.0f}; {r[f'batch_{k}_net_cpu_names_s']:,.0f} "
            f"({r[f'batch_{k}_n']:,} names)",
            lambda r, s, k=label: r[f"batch_{k}_cpu_names_s"] >= t["batch_names_s"])
    header = ["measure", *(f"{s:,}" for s in sizes), "target", "met"]
    lines = [f"Run: {context}", "", "| " + " | ".join(header) + " |",
             "|" + " --- |" * len(header), *rows]
    empty = [""] * (len(sizes) - 1)
    cold = _fmt(lambda r: f"{r['cold_cpu_s']:.3f} / {r['cold_wall_s']:.3f}", shared)
    cold_met = _met(lambda r, s: r["cold_cpu_s"] <= t["cold_s"], shared, 0)
    lines.append("| cold `registry resolve NAME` (seed registry, best of 5, bytecode kept as "
                 "an installed package keeps it): CPU s / wall s | "
                 + " | ".join([cold, *empty]) + f" | <= {t['cold_s']} | {cold_met} |")
    as_is = _fmt(lambda r: f"{r['cold_as_is_cpu_s']:.3f} / {r['cold_as_is_wall_s']:.3f}",
                 shared)
    lines.append("| the same with this shell's environment ("
                 + str(shared.get("cold_as_is_env", "?")) + "): CPU s / wall s | "
                 + " | ".join([as_is, *empty]) + " |  |  |")
    seed = _fmt(lambda r: f"{r['seed_differ']} of {r['seed_queries']}", shared)
    seed_met = _met(lambda r, s: r["seed_differ"] == 0, shared, 0)
    lines.append("| seed query table from a store: answers differing from the YAML | "
                 + " | ".join([seed, *empty]) + f" | 0 | {seed_met} |")
    errors = [f"- {s:,}: {e}" for s in sizes for e in results[s]["errors"]]
    errors += [f"- shared: {e}" for e in shared.get("errors", [])]
    if errors:
        lines += ["", "Failed measures:", *errors]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
