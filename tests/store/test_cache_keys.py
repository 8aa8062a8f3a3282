"""A registry's store is found without rereading its files while they are
unchanged, and never through a stale or untrusted memo."""

from __future__ import annotations

import os
import time

import pytest

from registry.core import load
from registry.store import cache, sources
from registry.store.compiled import StoredEntities
from tests.conftest import ROOT

TEXT = """version: 1
entities:
  - id: first-person
    type: person
    name: {ar: صدام خليفة حفتر, en: Saddam Haftar}
"""


@pytest.fixture()
def registry_file(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    # A file changed less than RACY_NS ago is never remembered: shortened here,
    # and waited out, so that the tests' edits come well after it (never within
    # one tick of the file system's clock).
    monkeypatch.setattr(cache, "RACY_NS", 50_000_000)
    path = tmp_path / "aliases.yaml"
    path.write_text(TEXT, "utf-8")
    time.sleep(0.1)
    return path


def _unread(monkeypatch):
    """Make reading a registry's bytes fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("read the registry's bytes")

    monkeypatch.setattr("registry.core.read_bytes", refuse)
    monkeypatch.setattr(sources, "read_bytes", refuse)


def test_an_unchanged_registry_opens_its_store_without_reading_it(registry_file, monkeypatch):
    load(registry_file)  # compiles, and remembers the key
    with monkeypatch.context() as patch:
        _unread(patch)
        reg = load(registry_file)
        assert isinstance(reg.entities, StoredEntities)
        assert reg.lookup("صدام حفتر").id == "first-person"


def test_same_size_same_mtime_edit_is_still_seen(registry_file):
    load(registry_file)
    before = registry_file.stat()
    # Same length, modification time put back: only the change time moves.
    registry_file.write_text(TEXT.replace("first-person", "other-person"), "utf-8")
    os.utime(registry_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert registry_file.stat().st_size == before.st_size
    assert load(registry_file).lookup("صدام حفتر").id == "other-person"


def test_a_recently_changed_file_is_not_remembered(registry_file, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 10**12)
    load(registry_file)
    assert not list((registry_file.parent / "cache" / cache.KEYS).glob("*.json"))


def test_a_memo_others_can_write_is_ignored(registry_file, monkeypatch):
    load(registry_file)
    [memo] = (registry_file.parent / "cache" / cache.KEYS).glob("*.json")
    memo.chmod(0o666)
    stats = cache.file_stats([registry_file])
    assert cache.remembered_key(registry_file, stats) is None
    memo.chmod(0o600)
    assert cache.remembered_key(registry_file, stats) is not None


def test_build_into_an_unusable_cache_folder_says_why(tmp_path, monkeypatch):
    """A cache folder that is a file was "not usable (it must be yours and
    writable by nobody else)", which sent the user to check permissions."""
    from registry.core import compile_registry
    from registry.errors import InputError

    (tmp_path / "cachefile").write_text("x", "utf-8")
    for folder, why in ((tmp_path / "cachefile", "it is a file, not a folder"),
                        (tmp_path / "cachefile" / "sub", "cannot create it (Not a directory)")):
        monkeypatch.setenv(cache.ENV_DIR, str(folder))
        with pytest.raises(InputError) as info:
            compile_registry(ROOT / "aliases.yaml")
        assert str(info.value) == (f"{folder}: cache folder not usable ({why}); set "
                                   "REGISTRY_CACHE_DIR to another folder, or pass --out FILE")
