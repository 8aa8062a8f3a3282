"""Per-category scoring of a held-out set whose gold rows carry a category and
may be marked ``KNOWN:`` (a failure the system has today, with its reason).

Shared by the blind sets written after the Gulf's (each a folder with a
``floors.yaml``, held to it by ``test_blind_sets.py``).

    python -m tests.domains.categories FOLDER   # e.g. civil: the table and every miss
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import registry
from registry.core import Registry
from tests.domains.score import Score, score_queries, score_sentences

KNOWN = "KNOWN:"
# Categories whose right answer is "nobody in the registry": a confident id
# there is the worst outcome the project has.
STRICT = ("unknown-shared", "negative")
CATEGORY_COLUMN = 3  # in queries.tsv and sentences.tsv; the note follows it


@dataclass
class Part:
    """One category's rows, split into those expected to pass and known failures."""

    clean: Score
    known: Score
    known_rows: int

    @property
    def total(self) -> Score:
        both = Score()
        for part in (self.clean, self.known):
            both.queries += part.queries
            both.queries_right += part.queries_right
            both.tp += part.tp
            both.fp += part.fp
            both.fn += part.fn
            both.confident_wrong += part.confident_wrong
            both.misses.extend(part.misses)
        return both


def split_rows(path: Path, category_at: int, out: Path) -> dict[tuple[str, bool], Path]:
    """Writes each (category, known) group of a gold file's rows to its own file
    under ``out``, so score.py scores every group unchanged."""
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        note = cells[category_at + 1] if len(cells) > category_at + 1 else ""
        groups[(cells[category_at], note.startswith(KNOWN))].append(line)
    files = {}
    for (category, known), lines in groups.items():
        file = out / f"{path.stem}-{category}-{'known' if known else 'clean'}.tsv"
        file.write_text("\n".join(lines) + "\n", "utf-8")
        files[(category, known)] = file
    return files


def score_by_category(domain: Path, reg: Registry, out: Path) -> dict[str, Part]:
    """The set's queries and sentences scored per category, known rows apart."""
    parts: dict[str, Part] = {}
    for gold, scorer in ((domain / "queries.tsv", score_queries),
                         (domain / "sentences.tsv", score_sentences)):
        if not gold.exists():  # a set whose running text is paragraphs.yaml
            continue
        for (category, known), file in split_rows(gold, CATEGORY_COLUMN, out).items():
            part = parts.setdefault(category, Part(Score(), Score(), 0))
            scorer(reg, file, part.known if known else part.clean)
            if known:
                part.known_rows += len(file.read_text("utf-8").splitlines())
    return parts


def table(parts: dict[str, Part]) -> str:
    rows = []
    for category in sorted(parts):
        total = parts[category].total
        rows.append(f"{category:<15} {total.summary()} (known failures "
                    f"{parts[category].known_rows})")
    return "\n".join(rows)


def assert_no_confident_wrong_outside_known(parts: dict[str, Part]) -> None:
    for category in STRICT:
        clean = parts[category].clean
        assert clean.confident_wrong == 0, "\n".join(clean.misses)
    wrong = [miss for part in parts.values() for miss in part.clean.misses
             if part.clean.confident_wrong]
    assert sum(p.clean.confident_wrong for p in parts.values()) == 0, "\n".join(wrong)


def assert_known_wrong_within(parts: dict[str, Part], limit: int) -> None:
    known = sum(p.known.confident_wrong for p in parts.values())
    assert known <= limit, table(parts)
    assert known <= sum(p.known_rows for p in parts.values())


def assert_floor(parts: dict[str, Part], category: str, floors: dict[str, tuple[int, int]]
                 ) -> None:
    total = parts[category].total
    right, found = floors[category]
    print(f"{category}: {total.summary()}")
    assert total.queries_right >= right, "\n".join(total.misses)
    assert total.tp >= found, "\n".join(total.misses)


def report(domain: Path) -> int:
    """The table and every miss of the set in ``domain``."""
    with tempfile.TemporaryDirectory() as scratch:
        result = score_by_category(domain, registry.load(domain / "registry.yaml",
                                                         use_cache=False), Path(scratch))
    print(table(result))
    for name in sorted(result):
        for miss in result[name].total.misses:
            print(f"  [{name}] {miss}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.domains.categories FOLDER (a set under tests/domains)")
    sys.exit(report(Path(__file__).resolve().parent / sys.argv[1]))
