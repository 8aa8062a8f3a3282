"""Shared fixtures: the repository's registry, loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import registry

# Registries the tests load are compiled on first use: into a private folder of
# this session's (inherited by the commands tests run), never the user's cache.
_CACHE = tempfile.mkdtemp(prefix="registry-tests-cache-")
os.environ.setdefault("REGISTRY_CACHE_DIR", _CACHE)
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def reg() -> registry.Registry:
    return registry.load(ROOT / "aliases.yaml")
