"""Annotate throughput: the five seeds repeated past 5 MB, on one core.

Prints characters per second for annotate and for a plain normalise-and-tokenise
pass over the same text (the floor any annotator pays), and their ratio, all
measured in this one run. Target: annotate >= 2 M characters per second.

    python tools/bench_annotate.py [--mb 5] [--registry PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import registry
from registry.names.normalize import normalize_text, tokenize

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


def best_of(runs: int, func) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--registry", default=str(ROOT / "aliases.yaml"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    reg = registry.load(args.registry)
    texts = corpus(args.mb)
    chars = sum(len(t) for t in texts)
    reg.annotate(texts[0])  # build the index and annotator outside the timing

    baseline = best_of(args.runs, lambda: [tokenize(normalize_text(t).text) for t in texts])
    mentions = 0

    def run() -> None:
        nonlocal mentions
        mentions = sum(len(reg.annotate(t)) for t in texts)

    elapsed = best_of(args.runs, run)
    print(f"registry: {args.registry} ({len(reg)} entities)")
    print(f"corpus: {len(texts)} articles, {chars:,} characters, {mentions:,} mentions")
    print(f"normalise+tokenise: {chars / baseline / 1e6:6.2f} M chars/s")
    print(f"annotate:           {chars / elapsed / 1e6:6.2f} M chars/s "
          f"(target >= 2.00)")
    print(f"ratio annotate / normalise+tokenise time: {elapsed / baseline:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
