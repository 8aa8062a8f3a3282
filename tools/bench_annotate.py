"""Annotate throughput: the five seed articles repeated past N MB, on one core.

Prints, for one registry (YAML, folder or compiled .store), in this one run:
- the first annotate's set-up: the annotator and its trigger words (gathered on
  first use, not when the registry is opened), CPU time and RSS growth;
- characters per second, CPU beside wall, best of --runs, for a bare
  normalise-and-tokenise pass (the floor any reader pays), for annotate
  (skimming: only around trigger words, see registry/text/scanner.py) and for
  the every-word reader it must agree with (``skim=False``);
- whether the two readers gave identical mentions on the whole corpus;
- annotate over distinct texts read once each (the seeds and the hand-checked
  paragraphs and sentences under tests/), with a freshly opened registry, so
  nothing was seen before: the repeated corpus above lets annotate's memos
  (resolutions, chain readings, per-word tests) answer from the second copy on,
  which real news, where names recur but sentences do not, only partly does.

Target (issue 16): annotate >= 5 M chars/s at 100k entities.

    python tools/bench_annotate.py [--mb 2] [--registry PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import registry
from registry.names.normalize import normalize_text, token_lists

ROOT = Path(__file__).resolve().parent.parent


def corpus(megabytes: float) -> list[str]:
    """Seed articles repeated until their total UTF-8 size passes ``megabytes``."""
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts: list[str] = []
    size = 0
    while size < megabytes * 1024 * 1024:
        for text in seeds:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def distinct_texts() -> list[str]:
    """Every distinct text the repository has: seeds, corpus and domain paragraphs,
    domain sentences (each once)."""
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in [ROOT / "tests" / "text" / "corpus" / "paragraphs.yaml",
                 *sorted((ROOT / "tests" / "domains").glob("*/paragraphs.yaml"))]:
        texts += [item["text"] for item in yaml.safe_load(path.read_text("utf-8"))]
    for path in sorted((ROOT / "tests" / "domains").glob("*/sentences.tsv")):
        lines = path.read_text("utf-8").splitlines()
        texts += [line.split("\t")[1] for line in lines if line.strip() and line[0] != "#"]
    return list(dict.fromkeys(texts))


def first_pass(path: str, texts: list[str], runs: int) -> tuple[float, float]:
    """(CPU s, wall s) of annotating ``texts`` once each, best of ``runs``, each
    run on a registry opened afresh (its set-up done on an unrelated word)."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        reg = registry.load(path)
        reg.annotate("قال")
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            reg.annotate(text)
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def best_of(runs: int, func: Callable[[], object]) -> tuple[float, float]:
    """(CPU s, wall s) of the fastest run (by CPU)."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        func()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--registry", default=str(ROOT / "aliases.yaml"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    reg = registry.load(args.registry)
    texts = corpus(args.mb)
    chars = sum(len(t) for t in texts)
    before, cpu = rss_mb(), time.process_time()
    annotator = reg.annotator
    scanner = annotator.scanner
    setup = time.process_time() - cpu
    stats = scanner.stats()
    reg.annotate(texts[0])
    print(f"registry: {args.registry} ({len(reg)} entities)")
    print(f"corpus: {len(texts)} articles, {chars:,} characters")
    print(f"first annotate set-up: {setup:.2f} s CPU, +{rss_mb() - before:.0f} MB RSS; "
          f"{stats['words']:,} trigger words held in memory (over a compiled store, "
          "only those its index rows do not answer for)")

    def rate(seconds: float) -> str:
        return f"{chars / seconds / 1e6:6.2f}"

    base = best_of(args.runs, lambda: [token_lists(normalize_text(t).text) for t in texts])
    skim = best_of(args.runs, lambda: [reg.annotate(t) for t in texts])
    full = best_of(max(1, args.runs - 1),
                   lambda: [annotator.annotate_article(t, skim=False) for t in texts])
    same = all([m.to_json() for m in annotator.annotate_article(t).mentions]
               == [m.to_json() for m in annotator.annotate_article(t, skim=False).mentions]
               for t in texts[:len(texts) // 10 + 5])
    print("M chars/s            CPU    wall")
    print(f"normalise+tokenise  {rate(base[0])}  {rate(base[1])}")
    print(f"annotate (skim)     {rate(skim[0])}  {rate(skim[1])}   target >= 5.00 at 100k")
    print(f"annotate every word {rate(full[0])}  {rate(full[1])}")
    print(f"same mentions both ways: {'yes' if same else 'NO'}; RSS now {rss_mb():.0f} MB")
    fresh = distinct_texts()
    fresh_chars = sum(len(t) for t in fresh)
    cpu_s, wall_s = first_pass(args.registry, fresh, args.runs)
    print(f"annotate, {len(fresh)} distinct texts ({fresh_chars:,} characters) read once "
          f"each, memos empty: {fresh_chars / cpu_s / 1e6:.2f} CPU, "
          f"{fresh_chars / wall_s / 1e6:.2f} wall")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
