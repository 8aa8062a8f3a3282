"""Shared fixtures: the repository's registry, loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

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


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's registry compiled into a store file of its own, in a
    private folder (a store is read only from one), shared by the tests that
    only read it."""
    from registry.core import compile_registry

    folder = tmp_path_factory.mktemp("seed-store")
    folder.chmod(0o700)
    return compile_registry(ROOT / "aliases.yaml", folder / "seeds.store")


def split_repository_registry(root: Path, vocabulary_file: str) -> Path:
    """The repository's registry as a folder: its header (vocabulary) in
    ``vocabulary_file``, its entities in two files that put people before the
    offices they hold (odd entities first, then even), so order across files is
    exercised; the file names decide the order they are read in."""
    document = yaml.safe_load((ROOT / "aliases.yaml").read_text("utf-8"))
    root.mkdir()
    entities = document.pop("entities")
    (root / vocabulary_file).write_text(yaml.safe_dump(document, allow_unicode=True))
    for i, chunk in enumerate((entities[1::2], entities[0::2])):
        (root / f"{i + 1:02}.yaml").write_text(
            yaml.safe_dump({"version": 1, "entities": chunk}, allow_unicode=True))
    return root
