"""Shared fixtures: the repository's registry, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def reg() -> registry.Registry:
    return registry.load(ROOT / "aliases.yaml")
