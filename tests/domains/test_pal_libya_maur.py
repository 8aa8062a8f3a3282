"""The Palestine / Libya / Mauritania held-out set, with English wire copy: a
registry and gold written blind, before reading the matcher's code, to audit
the system on naming styles nobody tuned it for (kunyas as the usual name of
Palestinian leaders, rival Libyan governments holding the same office at once,
Mauritanian ولد / بنت chains and French-style Latin spellings: Ould, Mint,
Cheikh, Abdallahi).

Same gold format and scorer as the Gulf set (``tests/domains/score.py``): a
category column, and a note that starts with ``KNOWN:`` when the row is a
failure the system has today (the reason follows). The test holds the measured
per-category floors and, strictly, no confident wrong answer outside the rows
marked known. Run ``python -m tests.domains.test_pal_libya_maur`` for the table
and every miss.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

import registry
from registry.core import Registry
from registry.review.validate import validate_file
from tests.domains.score import Score, score_queries, score_sentences

DOMAIN = Path(__file__).resolve().parent / "pal_libya_maur"
KNOWN = "KNOWN:"
# Categories whose right answer is "nobody in the registry": a confident id
# there is the worst outcome the project has.
STRICT = ("unknown-shared", "negative")


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


def _split(path: Path, category_at: int, out: Path) -> dict[tuple[str, bool], Path]:
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


def score_by_category(reg: Registry, out: Path) -> dict[str, Part]:
    parts: dict[str, Part] = {}
    for gold, category_at, scorer in ((DOMAIN / "queries.tsv", 3, score_queries),
                                      (DOMAIN / "sentences.tsv", 3, score_sentences)):
        for (category, known), file in _split(gold, category_at, out).items():
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


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Part]:
    reg = registry.load(DOMAIN / "registry.yaml", use_cache=False)
    return score_by_category(reg, tmp_path_factory.mktemp("pal_libya_maur"))


def test_registry_validates_without_errors() -> None:
    assert "vocabulary:" not in (DOMAIN / "registry.yaml").read_text("utf-8")
    assert [str(p) for p in validate_file(DOMAIN / "registry.yaml")
            if p.severity == "error"] == []


def test_gold_is_substantial(parts: dict[str, Part]) -> None:
    assert sum(p.total.queries for p in parts.values()) >= 150
    assert sum(p.total.tp + p.total.fn for p in parts.values()) >= 40
    assert set(STRICT) <= set(parts)


# Measured after item S's fixes (the blind figures and the causes of every miss
# are in pal_libya_maur/README.md): per category, the name queries answered
# right and the gold mentions found. A fix raises them; the test fails if a
# change lowers one.
FLOORS: dict[str, tuple[int, int]] = {
    "full-name": (45, 13),
    "dropped-nasab": (48, 8),
    "title-name": (22, 7),
    "office-dated": (80, 0),
    "latin": (39, 0),
    "english": (0, 17),
    "nickname": (17, 5),
    "unknown-shared": (34, 0),
    "negative": (18, 6),
    "context": (0, 20),
}
# Confident wrong answers today on rows marked KNOWN (the reasons
# are in the gold files): the count may only shrink.
KNOWN_CONFIDENT_WRONG = 2


def test_no_confident_wrong_answer_outside_the_known_failures(parts: dict[str, Part]) -> None:
    for category in STRICT:
        clean = parts[category].clean
        assert clean.confident_wrong == 0, "\n".join(clean.misses)
    wrong = [miss for part in parts.values() for miss in part.clean.misses
             if part.clean.confident_wrong]
    assert sum(p.clean.confident_wrong for p in parts.values()) == 0, "\n".join(wrong)


def test_known_confident_wrong_answers_do_not_grow(parts: dict[str, Part]) -> None:
    known = sum(p.known.confident_wrong for p in parts.values())
    assert known <= KNOWN_CONFIDENT_WRONG, table(parts)
    assert known <= sum(p.known_rows for p in parts.values())


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_category_floor(parts: dict[str, Part], category: str) -> None:
    total = parts[category].total
    right, found = FLOORS[category]
    print(f"{category}: {total.summary()}")
    assert total.queries_right >= right, "\n".join(total.misses)
    assert total.tp >= found, "\n".join(total.misses)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        result = score_by_category(registry.load(DOMAIN / "registry.yaml", use_cache=False),
                                   Path(scratch))
    print(table(result))
    for name in sorted(result):
        for miss in result[name].total.misses:
            print(f"  [{name}] {miss}")
    sys.exit(0)
