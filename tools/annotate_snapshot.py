"""Snapshot of annotate's whole output, to prove a speed change changed nothing.

Annotates a fixed set of texts against several registries and writes every
article record and mention (spans, answers, candidates, explanations) as one
JSON file; ``--compare`` then says which registry and text differ between two
snapshots. Run it with the code before a change and after it, on the same
registries; a compiled store must be built by the code that reads it, so
build each version's stores with that version (``registry build``).

The texts (fixed order, so two snapshots line up):
- the seed articles, then every paragraph and sentence under tests/ (dated
  and, for the first 150, once more undated);
- 300 texts shuffled from their sentences with five kinds of dateline;
- with ``--queries Q.tsv`` (a known-answer table from tools/make_synthetic.py),
  100 texts built from 400 of its names in news-style sentence frames.
Every second text is also read by the every-word reader (``skim=False``),
which must give the same mentions as the skimming one.

    python tools/annotate_snapshot.py OUT.json [--registry PATH ...] [--queries Q.tsv ...]
    python tools/annotate_snapshot.py --compare BEFORE.json AFTER.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

import registry

ROOT = Path(__file__).resolve().parent.parent
DATELINES = ["", "طرابلس - 12 مارس 2019\n", "القاهرة في 3 يناير 2024 (رويترز)\n",
             "date 2016-05-01\n", "بنغازي، 5 أغسطس 2023\n"]
FRAMES = ["وقال {} إن الاجتماع كان ناجحا.", "التقى الفريق {} بالوفد في طرابلس.",
          "واستقبل الرئيس {}، وزير الدفاع، الوفد.", "{} said on Monday.",
          "وأكد اللواء {} أن {} لم يحضر.", "ونقلت المصادر عن {} قوله."]


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def texts(queries: list[Path]) -> list[tuple[str, dt.date | None]]:
    """The texts to annotate, each with its date (None: found in the text)."""
    out: list[tuple[str, dt.date | None]] = [
        (p.read_text("utf-8"), None) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paragraphs: list[tuple[str, dt.date | None]] = []
    for path in [ROOT / "tests" / "text" / "corpus" / "paragraphs.yaml",
                 *sorted((ROOT / "tests" / "domains").glob("*/paragraphs.yaml"))]:
        paragraphs += [(item["text"], _day(item.get("date")))
                       for item in yaml.safe_load(path.read_text("utf-8"))]
    for path in sorted((ROOT / "tests" / "domains").glob("*/sentences.tsv")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                day, sentence = line.split("\t")[:2]
                paragraphs.append((sentence, _day(day)))
    out += paragraphs
    out += [(text, None) for text, _ in paragraphs[:150]]
    rng = random.Random(7)
    sentences = [s for text, _ in out[:len(out) - len(paragraphs) - 150]
                 for s in text.split("\n") if s.strip()]
    sentences += [text for text, _ in paragraphs]
    for n in range(300):
        body = (" " if n % 3 else "\n").join(rng.choice(sentences)
                                             for _ in range(rng.randint(1, 8)))
        out.append((DATELINES[n % len(DATELINES)] + body, None))
    for path in queries:
        names = [line.split("\t")[0] for line in path.read_text("utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
        names = random.Random(path.name).sample(names, min(400, len(names)))
        for n in range(0, len(names) - 3, 4):
            parts = [FRAMES[(n + j) % len(FRAMES)].replace("{}", names[n + j])
                     for j in range(4)]
            out.append((DATELINES[n % len(DATELINES)] + " ".join(parts), None))
    return out


def snapshot(paths: list[str], queries: list[Path]) -> list[list[Any]]:
    """Per registry, in the order given: [path, per text [article record,
    mentions]]. Stops when the every-word reader disagrees with the skimming one."""
    items = texts(queries)
    result: list[list[Any]] = []
    for path in paths:
        annotator = registry.load(path).annotator
        records = []
        for n, (text, day) in enumerate(items):
            article = annotator.annotate_article(text, day)
            mentions = [m.to_json() for m in article.mentions]
            if n % 2 == 0:
                full = annotator.annotate_article(text, day, skim=False)
                if [m.to_json() for m in full.mentions] != mentions:
                    raise SystemExit(f"{path}: text {n}: the every-word reader differs")
            records.append([article.to_json(), mentions])
        result.append([path, records])
        print(f"{path}: {sum(len(r[1]) for r in records)} mentions in {len(items)} texts",
              file=sys.stderr)
    return result


def compare(before: Path, after: Path) -> int:
    """0 when the snapshots are equal; else, per registry (paired by position:
    the same registry may be a store built elsewhere), the texts that differ."""
    old, new = (json.loads(p.read_text("utf-8")) for p in (before, after))
    if len(old) != len(new):
        print(f"{len(old)} registries against {len(new)}")
        return 1
    differ = 0
    for (old_path, old_records), (new_path, new_records) in zip(old, new, strict=True):
        changed = [n for n, (a, b) in enumerate(zip(old_records, new_records, strict=False))
                   if a != b]
        if changed or len(old_records) != len(new_records):
            differ += 1
            print(f"{old_path} / {new_path}: {len(changed)} texts differ "
                  f"(first: {changed[:5]}); {len(old_records)} against {len(new_records)}")
    print("identical" if not differ else f"{differ} registries differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--registry", action="append", default=[],
                        help="registry (YAML, folder or .store); default: the seeds and "
                             "the domain registries under tests/")
    parser.add_argument("--queries", action="append", default=[], type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give OUT.json or --compare BEFORE AFTER")
    paths = args.registry or [str(ROOT / "aliases.yaml"), *map(
        str, sorted((ROOT / "tests" / "domains").glob("*/registry.yaml")))]
    result = snapshot(paths, args.queries)
    data = json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8")
    args.out.write_bytes(data)
    print(f"{args.out}: sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
