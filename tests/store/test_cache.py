"""The index cache: used when fresh, ignored when stale, rebuilt when corrupt,
never unpickled from a place someone else can write."""

from __future__ import annotations

import os
import pickle

import pytest

from registry.core import load
from registry.errors import RegistryFileError
from registry.store import cache
from tools.make_synthetic import generate


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    text, rows = generate(cache.MIN_ENTITIES + 200, seed=3)
    path = tmp_path / "aliases.yaml"
    path.write_text(text, "utf-8")
    return path, rows


def entries(tmp_path):
    folder = tmp_path / "cache"
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def answers(reg, rows):
    return [(r.status, r.id) for r in (reg.lookup(q, at or None) for q, at, *_ in rows[:60])]


def test_second_load_comes_from_the_cache_with_the_same_answers(synthetic, tmp_path):
    path, rows = synthetic
    first = load(path)
    assert len(entries(tmp_path)) == 1
    second = load(path)
    assert isinstance(second.entities, cache.LazyEntities)
    assert answers(first, rows) == answers(second, rows)
    some_id = next(iter(second.entities))
    assert second.get(some_id) == first.get(some_id)


def test_an_edited_file_is_never_answered_from_the_old_entry(synthetic, tmp_path):
    path, _ = synthetic
    load(path)
    text = path.read_text("utf-8")
    person = text.index("  - id: person-0\n")
    path.write_text(text[:person] + text[person:].replace(
        "name: {ar: ", "aliases: [{text: الاسم الجديد المضاف}]\n    name: {ar: ", 1), "utf-8")
    reg = load(path)
    assert not isinstance(reg.entities, cache.LazyEntities)  # rebuilt, not read
    assert reg.lookup("الاسم الجديد المضاف").id == "person-0"
    assert len(entries(tmp_path)) == 2


def test_a_corrupt_entry_is_removed_and_rebuilt(synthetic, tmp_path):
    path, rows = synthetic
    expected = answers(load(path), rows)
    [entry] = entries(tmp_path)
    entry.write_bytes(b"\x80\x05garbage")
    reg = load(path)
    assert answers(reg, rows) == expected
    assert entries(tmp_path) and entries(tmp_path)[0].read_bytes()[:2] != b"\x80\x05g"


def test_an_entry_others_can_write_is_never_unpickled(synthetic, tmp_path, monkeypatch):
    path, _ = synthetic
    load(path)
    [entry] = entries(tmp_path)
    entry.chmod(0o666)

    def refuse(*args, **kwargs):
        raise AssertionError("unpickled an untrusted cache entry")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    reg = load(path)
    assert not isinstance(reg.entities, cache.LazyEntities)


def test_cache_can_be_switched_off_and_small_registries_skip_it(synthetic, tmp_path,
                                                                monkeypatch):
    path, _ = synthetic
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load(path)
    assert entries(tmp_path) == []
    monkeypatch.delenv(cache.ENV_OFF)
    small = tmp_path / "small.yaml"
    small.write_text("version: 1\nentities: []\n", "utf-8")
    load(small)
    assert entries(tmp_path) == []


def test_an_unwritable_cache_folder_only_costs_speed(synthetic, tmp_path):
    path, _ = synthetic
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)  # not private: the cache declines to use it
    assert load(path).lookup("x").status == "unknown"
    assert entries(tmp_path) == []
    if os.getuid() != 0:
        folder.chmod(0o500)
        assert load(path).lookup("x").status == "unknown"


def entity_blob_span(entry, reg):
    """Where the first entity's own pickle sits inside the cache entry's bytes."""
    data = entry.read_bytes()
    some_id = next(iter(reg.entities))
    blob = pickle.dumps(reg.entities[some_id], protocol=5)
    start = data.find(blob)
    assert start > 0
    return some_id, start, start + len(blob)


def test_an_entity_cut_short_on_disk_is_caught_by_the_checksum(synthetic, tmp_path):
    """A truncated entity inside an otherwise readable entry used to fail only
    when first used, with a pickle traceback, on every run until deleted by hand."""
    path, rows = synthetic
    first = load(path)
    expected = answers(first, rows)
    [entry] = entries(tmp_path)
    some_id, _, end = entity_blob_span(entry, first)
    data = bytearray(entry.read_bytes())
    data[end - 1] = ord("N")  # the blob's STOP opcode: "pickle data was truncated"
    entry.write_bytes(bytes(data))
    reg = load(path)
    assert not isinstance(reg.entities, cache.LazyEntities)  # refused, rebuilt
    assert reg.get(some_id) == first.get(some_id)
    assert answers(reg, rows) == expected
    assert len(entries(tmp_path)) == 1
    assert load(path).get(some_id) == first.get(some_id)


def test_an_entity_that_cannot_be_unpickled_is_one_line_and_the_entry_goes(synthetic,
                                                                           tmp_path):
    """Even an entry written with a broken entity (its checksum holds) costs one
    clean error, not a traceback on every later run."""
    path, _ = synthetic
    reg = load(path)
    parts = reg.cache_parts()
    some_id = next(iter(parts["entities"]))
    parts["entities"][some_id] = parts["entities"][some_id][:-10]
    sources = [(path, path.read_bytes())]
    cache.write(sources, parts)
    cached = load(path)
    assert isinstance(cached.entities, cache.LazyEntities)
    with pytest.raises(RegistryFileError, match=r"cache entry unreadable .* run the command "
                                                r"again"):
        cached.get(some_id)
    assert entries(tmp_path) == []
    assert load(path).get(some_id) == reg.get(some_id)
