"""annotate against the hand-checked gold mentions of the five seeds.

A prediction counts when its span and its id both equal a gold mention's.
Thresholds are set below today's scores so that a regression fails, not noise.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOLD = Path(__file__).resolve().parent.parent / "gold" / "mentions.tsv"
THRESHOLDS = {"person name": 1.0, "person role": 0.9, "organization": 0.9}  # names: issue 10 target


def category(kind: str, entity_type: str | None) -> str | None:
    if kind == "role":
        return "person role"
    if entity_type == "person":
        return "person name"
    if entity_type == "organization":
        return "organization"
    return None


def read_gold() -> dict[str, set[tuple[str, int, int, str | None]]]:
    gold: dict[str, set] = defaultdict(set)
    for line in GOLD.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        file, start, end, kind, entity_type, entity_id, text = line.split("\t")
        source = (ROOT / file).read_text("utf-8")
        assert source[int(start):int(end)] == text, f"gold span drifted: {line}"
        gold[category(kind, entity_type)].add((file, int(start), int(end), entity_id or None))
    return gold


def predict(reg) -> dict[str, set[tuple[str, int, int, str | None]]]:
    predicted: dict[str, set] = defaultdict(set)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        file = f"seeds/{path.name}"
        for m in reg.annotate(path.read_text("utf-8")):
            cat = category(m.kind, m.type)
            if cat is not None:
                predicted[cat].add((file, m.start, m.end, m.id))
    return predicted


def scores(gold: set, predicted: set) -> tuple[float, float, float]:
    hits = len(gold & predicted)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


@pytest.fixture(scope="module")
def results(reg):
    return read_gold(), predict(reg)


@pytest.mark.parametrize("cat", sorted(THRESHOLDS))
def test_f1_per_kind(results, cat):
    gold, predicted = results
    precision, recall, f1 = scores(gold[cat], predicted[cat])
    missed = sorted(gold[cat] - predicted[cat])[:5]
    extra = sorted(predicted[cat] - gold[cat])[:5]
    print(f"{cat}: P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    assert f1 >= THRESHOLDS[cat], f"{cat}: F1 {f1:.3f}; missed {missed}; extra {extra}"


def test_gold_is_substantial(results):
    gold, _ = results
    assert len(gold["person name"]) >= 40 and len(gold["organization"]) >= 20
