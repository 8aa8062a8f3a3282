"""Scores a domain test set: name-query accuracy, person-mention F1 and
confident wrong answers, against hand-checked gold.

A domain folder holds ``registry.yaml``, ``queries.tsv`` (query, date, expected:
an id, ``ambiguous``, ``unknown`` or ``not-matched``) and ``sentences.tsv``
(date, sentence, gold people as ``surface=id`` or ``surface=-`` for a person the
registry does not hold). Run ``python -m tests.domains.score DIR`` for the
figures and every miss.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import registry
from registry.core import Registry

NOT_MATCHED = "not-matched"


@dataclass
class Score:
    queries: int = 0
    queries_right: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    confident_wrong: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.queries_right / self.queries if self.queries else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def summary(self) -> str:
        return (f"name queries {self.queries_right}/{self.queries} = {self.accuracy:.3f}; "
                f"person mentions tp {self.tp} fp {self.fp} fn {self.fn}, F1 {self.f1:.3f}; "
                f"confident wrong {self.confident_wrong}")


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def score_queries(reg: Registry, path: Path, score: Score) -> None:
    for query, date, expected, *_ in _rows(path):
        res = reg.lookup(query, None if date == "-" else date)
        score.queries += 1
        if expected == NOT_MATCHED:
            right = res.status != "matched"
        elif expected in ("ambiguous", "unknown"):
            right = res.status == expected
        else:
            right = res.status == "matched" and res.id == expected
        if res.status == "matched" and res.id != expected:
            score.confident_wrong += 1
        if right:
            score.queries_right += 1
        else:
            score.misses.append(f"query {query!r} ({date}): expected {expected}, got "
                                f"{res.status} {res.id or ''}: {res.explanation[-1:]}")


def score_sentences(reg: Registry, path: Path, score: Score) -> None:
    for date, sentence, gold_text, *_ in _rows(path):
        gold: list[tuple[int, int, str, str]] = []
        for item in gold_text.split(" | "):
            surface, _, entity_id = item.rpartition("=")
            start = sentence.find(surface)
            assert start >= 0, f"gold surface {surface!r} not in {sentence!r}"
            gold.append((start, start + len(surface), surface, entity_id))
        found = [m for m in reg.annotate(sentence, date)
                 if m.kind == "name" and m.status == "matched" and m.type == "person"]
        used: set[int] = set()
        for start, end, surface, entity_id in gold:
            over = [(n, m) for n, m in enumerate(found) if m.start < end and start < m.end]
            used.update(n for n, _ in over)
            ids = {m.id for _, m in over}
            if entity_id == "-":
                if ids:
                    score.fp += len(ids)
                    score.confident_wrong += len(ids)
                    score.misses.append(f"sentence: {surface!r} is nobody in the registry, "
                                        f"matched {sorted(i or '' for i in ids)}")
                continue
            if entity_id in ids:
                score.tp += 1
            else:
                score.fn += 1
                score.misses.append(f"sentence: {surface!r} ({entity_id}) missed in "
                                    f"{sentence!r}")
            wrong = ids - {entity_id}
            score.fp += len(wrong)
            score.confident_wrong += len(wrong)
        for n, mention in enumerate(found):
            if n not in used:
                score.fp += 1
                score.confident_wrong += 1
                score.misses.append(f"sentence: {mention.text!r} matched {mention.id}, not "
                                    f"in the gold of {sentence!r}")


def score_domain(folder: Path) -> Score:
    reg = registry.load(folder / "registry.yaml", use_cache=False)
    score = Score()
    score_queries(reg, folder / "queries.tsv", score)
    score_sentences(reg, folder / "sentences.tsv", score)
    return score


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        result = score_domain(Path(arg))
        print(f"{arg}: {result.summary()}")
        for miss in result.misses:
            print(f"  {miss}")
