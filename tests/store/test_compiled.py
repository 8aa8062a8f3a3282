"""The compiled store: used when fresh, never when stale, rebuilt when corrupt,
never unpickled from a place someone else can write; a store file opened
directly answers like the YAML it was built from."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from registry.core import load
from registry.errors import RegistryFileError
from registry.store import cache
from registry.store.compiled import SUFFIX, StoredEntities
from tests.conftest import ROOT
from tools.make_synthetic import generate


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setattr(cache, "MIN_ENTITIES", 200)  # small and quick, but stored
    text, rows = generate(400, seed=3)
    path = tmp_path / "aliases.yaml"
    path.write_text(text, "utf-8")
    return path, rows


def entries(tmp_path):
    folder = tmp_path / "cache"
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []


def answers(reg, rows):
    return [(r.status, r.id, r.score, r.explanation)
            for r in (reg.lookup(q, at or None) for q, at, *_ in rows)]


def test_second_load_opens_the_store_with_the_same_answers(synthetic, tmp_path):
    path, rows = synthetic
    first = load(path)
    assert len(entries(tmp_path)) == 1
    second = load(path)
    assert isinstance(second.entities, StoredEntities)
    assert len(second) == len(first)
    assert answers(first, rows) == answers(second, rows)
    some_id = next(iter(second.entities))
    assert second.get(some_id) == first.get(some_id)
    text = "قال العميد " + rows[0][0] + " إن الاجتماع انتهى."
    assert second.annotate(text) == first.annotate(text)


def test_an_edited_file_is_never_answered_from_the_stale_store(synthetic, tmp_path):
    path, _ = synthetic
    load(path)
    text = path.read_text("utf-8")
    person = text.index("  - id: person-0\n")
    path.write_text(text[:person] + text[person:].replace(
        "name: {ar: ", "aliases: [{text: الاسم الجديد المضاف}]\n    name: {ar: ", 1), "utf-8")
    reg = load(path)
    assert not isinstance(reg.entities, StoredEntities)  # rebuilt, not read
    assert reg.lookup("الاسم الجديد المضاف").id == "person-0"
    assert len(entries(tmp_path)) == 2
    assert load(path).lookup("الاسم الجديد المضاف").id == "person-0"  # the new store


@pytest.mark.parametrize("damage", ["garbage", "truncated", "emptied"])
def test_a_corrupt_store_is_removed_and_rebuilt(synthetic, tmp_path, damage):
    path, rows = synthetic
    expected = answers(load(path), rows[:80])
    [entry] = entries(tmp_path)
    data = entry.read_bytes()
    entry.write_bytes({"garbage": b"\x80\x05garbage" * 100, "truncated": data[:len(data) // 3],
                       "emptied": b""}[damage])
    reg = load(path)
    assert answers(reg, rows[:80]) == expected
    assert load(path).entities.__class__ is StoredEntities  # a good store again
    assert entries(tmp_path)[0].stat().st_size == len(data)


def test_a_store_damaged_after_opening_fails_with_one_clear_line(synthetic, tmp_path):
    path, rows = synthetic
    load(path)
    [entry] = entries(tmp_path)
    reg = load(path)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2:] = b"\xff" * (len(data) - len(data) // 2)
    entry.write_bytes(bytes(data))
    with pytest.raises(RegistryFileError, match="corrupt compiled store"):
        for query, at, *_ in rows:
            reg.lookup(query, at or None)
        list(reg.entities.values())


def test_a_store_others_can_write_is_never_unpickled(synthetic, tmp_path, monkeypatch):
    path, _ = synthetic
    load(path)
    [entry] = entries(tmp_path)
    entry.chmod(0o666)

    def refuse(*args, **kwargs):
        raise AssertionError("unpickled an untrusted store")

    monkeypatch.setattr(pickle, "loads", refuse)
    reg = load(path)
    assert not isinstance(reg.entities, StoredEntities)
    entry.chmod(0o666)  # (the load above wrote a fresh private store)
    with pytest.raises(RegistryFileError, match="owned by you and writable by nobody else"):
        load(entry)


def test_store_off_and_small_registries_skip_it(synthetic, tmp_path, monkeypatch):
    path, _ = synthetic
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load(path)
    assert entries(tmp_path) == []
    monkeypatch.delenv(cache.ENV_OFF)
    small = tmp_path / "small.yaml"
    small.write_text("version: 1\nentities: []\n", "utf-8")
    load(small)
    assert entries(tmp_path) == []


def test_an_unsafe_cache_folder_only_costs_speed(synthetic, tmp_path):
    path, _ = synthetic
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)  # not private: no store is written or read there
    assert load(path).lookup("x").status == "unknown"
    assert entries(tmp_path) == []
    if os.getuid() != 0:
        folder.chmod(0o500)
        assert load(path).lookup("x").status == "unknown"


def test_registry_build_writes_a_store_that_opens_alone(tmp_path):
    out = tmp_path / "seeds.store"
    proc = subprocess.run([sys.executable, "-m", "registry", "build", "--registry",
                           str(ROOT / "aliases.yaml"), "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout
    reg = load(out)
    assert isinstance(reg.entities, StoredEntities)
    assert reg.lookup("صدام حفتر").id == "saddam-haftar"
    # Iteration (list, export, iter_entities) keeps the registry's own order.
    assert list(reg.entities) == list(load(ROOT / "aliases.yaml", use_cache=False).entities)
    resolved = subprocess.run([sys.executable, "-m", "registry", "resolve", "--registry",
                               str(out), "صدام حفتر"], capture_output=True, text=True,
                              timeout=120)
    assert resolved.returncode == 0 and "saddam-haftar" in resolved.stdout
    (tmp_path / "not.store").write_bytes(b"SQLite format 3\0" + b"\0" * 200)
    (tmp_path / "not.store").chmod(0o600)
    with pytest.raises(RegistryFileError, match="not a compiled store"):
        load(tmp_path / "not.store")


def test_build_into_a_missing_folder_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "registry", "build", "--registry",
                           str(ROOT / "aliases.yaml"), "--out", str(tmp_path / "no" / "x.store")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "no such folder" in proc.stderr


def test_a_store_from_another_version_of_the_code_is_refused(tmp_path, monkeypatch):
    from registry.core import compile_registry

    out = compile_registry(ROOT / "aliases.yaml", tmp_path / "seeds.store")
    assert load(out).lookup("صدام حفتر").id == "saddam-haftar"
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another-release")
    with pytest.raises(RegistryFileError, match="compiled by another version"):
        load(out)


def test_rows_read_by_a_lookup_are_out_of_the_collectors_view_at_once(seed_store):
    """A row decoded from a store is kept for the process's life and frozen
    as it is kept: no collection rescans it (before, rows were frozen every
    4,096, and collections of what came between them were the longest pauses
    of a first pass at 1M entities)."""
    import gc

    reg = load(seed_store)
    reg.lookup("صدام حفتر")
    reg.lookup("اللواء صدام حفتر")
    kept = [v for v in reg.index._cache.values() if gc.is_tracked(v)]
    kept += [form for forms in reg.index._people.values() for form in forms]
    kept += [v for v in reg.index._tokens.values() if gc.is_tracked(v)]
    assert kept
    watched = {id(o) for o in gc.get_objects()}
    assert not [o for o in kept if id(o) in watched]
