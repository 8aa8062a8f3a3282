"""The blind held-out sets: each a registry and gold written before reading the
matcher's code, on a region, a field or a naming style nobody tuned it for
(what each one audits is in its folder's README.md).

A set is a folder under tests/domains holding ``registry.yaml``,
``queries.tsv`` and ``sentences.tsv`` (gold rows with a category column and a
note that starts with ``KNOWN:`` when the row is a failure the system has
today, with its reason) and ``floors.yaml``, the figures measured on it. Adding
a set is adding such a folder: this module finds it. Each set is held to its
per-category floors and, strictly, to no confident wrong answer outside the
rows marked known; the known ones may only shrink.

``python -m tests.domains.categories FOLDER`` prints a set's table and every miss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import registry
from registry.review.validate import validate_file
from tests.domains.categories import (
    STRICT,
    Part,
    assert_floor,
    assert_known_wrong_within,
    assert_no_confident_wrong_outside_known,
    score_by_category,
)

DOMAINS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Floors:
    """A set's ``floors.yaml``."""

    min_queries: int
    min_mentions: int
    own_vocabulary: bool
    known_confident_wrong: int
    floors: dict[str, tuple[int, int]]


def _read_floors(folder: Path) -> Floors:
    data = yaml.safe_load((folder / "floors.yaml").read_text("utf-8"))
    return Floors(data["min_queries"], data["min_mentions"], data["own_vocabulary"],
                  data["known_confident_wrong"],
                  {category: (right, found) for category, (right, found)
                   in data["floors"].items()})


SETS = {folder.name: _read_floors(folder)
        for folder in sorted(DOMAINS.iterdir()) if (folder / "floors.yaml").is_file()}
CATEGORIES = [(name, category) for name, floors in SETS.items()
              for category in sorted(floors.floors)]


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Part]]:
    """Each set scored once per session, on first use."""
    done: dict[str, dict[str, Part]] = {}

    def parts(name: str) -> dict[str, Part]:
        if name not in done:
            reg = registry.load(DOMAINS / name / "registry.yaml", use_cache=False)
            done[name] = score_by_category(DOMAINS / name, reg, tmp_path_factory.mktemp(name))
        return done[name]
    return parts


def test_the_sets_are_found() -> None:
    assert {"gulf", "pal_libya_maur", "civil"} <= set(SETS)


@pytest.mark.parametrize("name", sorted(SETS))
def test_registry_validates_without_errors(name: str) -> None:
    path = DOMAINS / name / "registry.yaml"
    if not SETS[name].own_vocabulary:
        assert "\nvocabulary:" not in "\n" + path.read_text("utf-8")
    assert [str(p) for p in validate_file(path) if p.severity == "error"] == []


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_is_substantial(scored: Callable[[str], dict[str, Part]], name: str) -> None:
    parts = scored(name)
    assert sum(p.total.queries for p in parts.values()) >= SETS[name].min_queries
    assert sum(p.total.tp + p.total.fn for p in parts.values()) >= SETS[name].min_mentions
    assert set(STRICT) <= set(parts)


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_confident_wrong_answer_outside_the_known_failures(
        scored: Callable[[str], dict[str, Part]], name: str) -> None:
    assert_no_confident_wrong_outside_known(scored(name))


@pytest.mark.parametrize("name", sorted(SETS))
def test_known_confident_wrong_answers_do_not_grow(
        scored: Callable[[str], dict[str, Part]], name: str) -> None:
    assert_known_wrong_within(scored(name), SETS[name].known_confident_wrong)


@pytest.mark.parametrize(("name", "category"), CATEGORIES)
def test_category_floor(scored: Callable[[str], dict[str, Part]], name: str,
                        category: str) -> None:
    assert_floor(scored(name), category, SETS[name].floors)
