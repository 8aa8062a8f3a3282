"""Soak test (not part of the test suite): many random and adversarial queries and
a large volume of mixed text through the library, twice.

Reports every exception, every answer that differs between the two runs, and
peak resident memory. Deterministic for a given --seed.

    python tools/soak.py [--queries 1000000] [--mb 100] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import registry

ROOT = Path(__file__).resolve().parent.parent
ADVERSARIAL = [
    "\u200f", "\u200d", "\u202b", "\u202e", "\u2067", "\ufeff", "\u0640", "\u064b", "\u0651",
    "\u0670", "ﺣﻔﺘﺮ", "ﻻ", "ﷲ", "ی", "ک", "٢٠٢٥", "،", ".", "\n", "\t", "e\u0301", "ß", "ﬁ",
    "\ud800", "\udfff", "😀", "א", "Д", "\x00", "\x1b[31m", "<script>", "'; DROP", "*" * 50,
    "بن", "ابن", "عبد", "أبو", "و", "ل", "لل", "ال",
]


def vocabulary(reg: registry.Registry) -> list[str]:
    words: set[str] = set()
    for entity in reg.entities.values():
        for text in entity.all_name_texts:
            words.update(text.split())
    for title in reg.titles.by_id.values():
        words.update(" ".join(title.ar).split())
    return sorted(words)


def queries(rng: random.Random, words: list[str], count: int) -> Iterator[str]:
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:  # plausible names with noise
            parts = rng.sample(words, rng.randint(1, 4))
            if rng.random() < 0.5:
                parts.insert(rng.randint(0, len(parts)), rng.choice(ADVERSARIAL))
            yield " ".join(parts)
        elif kind < 0.7:  # adversarial pieces
            yield "".join(rng.choice(ADVERSARIAL + words) for _ in range(rng.randint(0, 12)))
        elif kind < 0.95:  # random code points, surrogates included
            yield "".join(chr(rng.randint(1, 0x10FFFF)) for _ in range(rng.randint(0, 20)))
        else:  # long input
            yield rng.choice(words) * rng.randint(100, 2000)


def texts(rng: random.Random, seeds: list[str], words: list[str], megabytes: float):
    size = 0
    while size < megabytes * 1024 * 1024:
        pieces = [rng.choice(seeds)]
        for _ in range(rng.randint(50, 400)):
            pieces.append(rng.choice(ADVERSARIAL + words + [" ", " ", "\n"]))
        if rng.random() < 0.05:
            pieces.append("ب" * rng.randint(10_000, 200_000))  # a long line
        text = "".join(rng.sample(pieces, len(pieces)))
        size += len(text.encode("utf-8", "surrogatepass"))
        yield text


def run(reg: registry.Registry, args: argparse.Namespace) -> tuple[str, str, list[str], int]:
    rng = random.Random(args.seed)
    words = vocabulary(reg)
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    errors: list[str] = []
    q_hash, t_hash = hashlib.sha256(), hashlib.sha256()
    for n, query in enumerate(queries(rng, words, args.queries), 1):
        try:
            res = reg.lookup(query, "2026-01-14" if n % 3 == 0 else None)
            q_hash.update(f"{res.status}|{res.id}|{res.score}\n".encode())
        except Exception:  # a soak test reports every failure
            errors.append(f"lookup {query!r:.80}: {traceback.format_exc(limit=3)}")
    chars = 0
    for text in texts(rng, seeds, words, args.mb):
        chars += len(text)
        try:
            for m in reg.annotate(text):
                t_hash.update(f"{m.start}|{m.end}|{m.status}|{m.id}\n".encode())
        except Exception:
            errors.append(f"annotate ({len(text)} chars): {traceback.format_exc(limit=3)}")
    return q_hash.hexdigest(), t_hash.hexdigest(), errors, chars


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=1_000_000)
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--registry", default=str(ROOT / "aliases.yaml"))
    args = parser.parse_args()
    reg = registry.load(args.registry)
    results = []
    for attempt in (1, 2):
        start = time.perf_counter()
        results.append(run(reg, args))
        errors, chars = results[-1][2:]
        print(f"run {attempt}: {args.queries:,} queries, {chars:,} characters of text, "
              f"{len(errors)} exceptions, {time.perf_counter() - start:.0f} s")
        for error in errors[:5]:
            print("  " + error.replace("\n", "\n  "))
    same = results[0][:2] == results[1][:2]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"answers identical across runs: {'yes' if same else 'NO'}")
    print(f"peak resident memory: {peak_mb:.0f} MB")
    return 0 if same and not results[0][2] and not results[1][2] else 1


if __name__ == "__main__":
    raise SystemExit(main())
