"""A cache entry with one damaged row: found by its checksum before use, and
removed, so one run reports it and the next one rebuilds (it used to fail the
same way on every run until the entry was deleted by hand)."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from registry.core import load
from registry.errors import RegistryFileError
from registry.store import cache
from registry.store.compiled import SUFFIX, StoredEntities
from tools.make_synthetic import generate


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setattr(cache, "MIN_ENTITIES", 200)
    text, _ = generate(300, seed=5)
    path = tmp_path / "aliases.yaml"
    path.write_text(text, "utf-8")
    return path


def damage_row(entry, table, keys, where, change):
    """Change one row's value in place, the way a full disk or a bad sector
    would; the rest of the entry stays a valid store."""
    db = sqlite3.connect(entry)
    *key, value = db.execute(f"SELECT {', '.join(keys)}, value FROM {table} WHERE {where} "
                             "LIMIT 1").fetchone()
    match = " AND ".join(f"{k} = ?" for k in keys)
    db.execute(f"UPDATE {table} SET value = ? WHERE {match}", (change(value), *key))
    db.commit()
    db.close()


CHANGES = {
    "truncated": lambda v: v[:-3],  # "pickle data was truncated" on first use
    "altered": lambda v: v.replace(b"person-7", b"person-8"),  # unpickles as another
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_damaged_entity_row_is_reported_once_and_its_entry_removed(synthetic, tmp_path,
                                                                     change):
    path = synthetic
    expected = load(path).get("person-7")
    [entry] = sorted((tmp_path / "cache").glob(f"*{SUFFIX}"))
    damage_row(entry, "entity", ("id",), "id = 'person-7'", CHANGES[change])
    cached = load(path)
    assert isinstance(cached.entities, StoredEntities)
    with pytest.raises(RegistryFileError, match=r"checksum mismatch\); it was a cache entry "
                                                r"and has been removed: run the command again"):
        cached.get("person-7")
    assert not entry.exists()
    rebuilt = load(path)  # the next run: parsed again and a good entry written
    assert rebuilt.get("person-7") == expected
    assert load(path).get("person-7") == expected


def test_a_damaged_index_row_is_caught_before_use(synthetic, tmp_path):
    path = synthetic
    load(path)
    [entry] = sorted((tmp_path / "cache").glob(f"*{SUFFIX}"))
    db = sqlite3.connect(entry)
    [(key,)] = db.execute("SELECT key FROM ix WHERE key LIKE 't%' LIMIT 1").fetchall()
    db.close()
    damage_row(entry, "ix", ("key",), f"key = '{key}'", lambda v: v[:-1])
    reg = load(path)
    with pytest.raises(RegistryFileError, match="checksum mismatch"):
        reg.index.token(key[1:])  # the token's row, read on first use
    assert not entry.exists()


def test_a_file_that_is_not_a_store_is_called_so_and_left_alone(tmp_path):
    """Another program's SQLite database, an empty file or a YAML file named
    .store were "corrupt compiled store (...); delete it": bad advice for data
    that is not ours. Each is named for what it is, and never changed."""
    other = tmp_path / "other.store"
    with contextlib.closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE invoices (n INTEGER)")
        db.commit()
    (tmp_path / "empty.store").write_bytes(b"")
    (tmp_path / "text.store").write_text("version: 1\nentities: []\n", "utf-8")
    for name, says in (("other", "an SQLite database without a registry store's tables"),
                       ("empty", "an empty file, not a compiled store"),
                       ("text", "not a compiled store (SQLite: file is not a database)")):
        path = tmp_path / f"{name}.store"
        path.chmod(0o600)
        before = path.read_bytes()
        with pytest.raises(RegistryFileError) as info:
            load(path)
        message = str(info.value)
        assert message.startswith(f"{path}: {says}") and "delete" not in message, message
        assert message.endswith("build one with 'registry build --out FILE.store'")
        assert path.read_bytes() == before
