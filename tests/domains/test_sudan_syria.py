"""The second-domain test set (Sudan's war, Syria's transition): a registry a
maintainer writes from CONTRIBUTING.md alone, and hand-checked gold for name
queries and constructed sentences. Targets from issue 13: name queries ≥ 0.95,
person-mention F1 ≥ 0.95, no confident wrong answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.review.validate import validate_file
from tests.domains.score import Score, score_domain

DOMAIN = Path(__file__).resolve().parent / "sudan_syria"
# Written after the matcher changes of issue 13 were made, from CONTRIBUTING.md,
# and scored once before any further change (first run: queries 0.941, mention
# F1 0.889, 3 confident wrong); kept as a regression set.
HELD_OUT = Path(__file__).resolve().parent / "iraq_yemen"


@pytest.fixture(scope="module")
def score() -> Score:
    return score_domain(DOMAIN)


def test_registry_validates_without_copying_any_vocabulary():
    assert "vocabulary:" not in (DOMAIN / "registry.yaml").read_text("utf-8")
    assert [str(p) for p in validate_file(DOMAIN / "registry.yaml")] == []


def test_gold_is_substantial(score: Score):
    assert score.queries >= 80
    assert score.tp + score.fn >= 30


def test_targets(score: Score):
    print(score.summary())
    assert score.confident_wrong == 0, "\n".join(score.misses)
    assert score.accuracy >= 0.95, "\n".join(score.misses)
    assert score.f1 >= 0.95, "\n".join(score.misses)


def test_held_out_set_has_no_confident_wrong_answer():
    score = score_domain(HELD_OUT)
    print(f"iraq_yemen: {score.summary()}")
    assert score.confident_wrong == 0, "\n".join(score.misses)
    assert score.accuracy >= 0.95, "\n".join(score.misses)
    # Below the 0.95 target, known misses: bare family names in single sentences
    # (وقال المالكي: running text needs the article's context or called_by; and
    # السوداني is also "Sudanese"), a name after a nisba-shaped adjective
    # (التيار الصدري مقتدى الصدر) and a laqab that is also a title (أبو مهدي
    # المهندس) end the chain reader's chains early.
    assert score.f1 >= 0.9, "\n".join(score.misses)
