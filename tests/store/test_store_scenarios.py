"""The four situations issue 16 names for the compiled store, end to end through
``load`` and the CLI, on a multi-file registry: compiled once and reopened with
the same answers; never answered from a stale store, whatever changed in the
folder; a corrupt store rebuilt, or refused in one line when opened directly;
a store in a place others can write (or a link planted to one) never read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from registry.core import compile_registry, load
from registry.errors import RegistryFileError
from registry.store import cache
from registry.store.compiled import SUFFIX, StoredEntities
from tools.make_synthetic import generate

NEW_PERSON = """\
version: 1
entities:
  - id: person-new
    type: person
    name: {ar: "زيدان مرعي الشويهدي", en: Zaidan Marei}
    name_parts: {given: زيدان, father: مرعي, family: الشويهدي}
"""


def split(text: str) -> dict[str, str]:
    """A generated registry as a folder: vocabulary, offices and two files of
    people in a sub-folder (an entity block starts at '  - id: ')."""
    head, body = text.split("entities:\n", 1)
    blocks = ["  - id: " + b for b in body.split("  - id: ")[1:]]
    offices = [b for b in blocks if not b.startswith("  - id: person-")]
    people = [b for b in blocks if b.startswith("  - id: person-")]
    half = len(people) // 2

    def entities(chunk: list[str]) -> str:
        return "version: 1\nentities:\n" + "".join(chunk)

    return {"vocabulary.yaml": head, "offices.yaml": entities(offices),
            "people/a.yaml": entities(people[:half]), "people/b.yml": entities(people[half:])}


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setattr(cache, "MIN_ENTITIES", 200)  # small and quick, but stored
    text, rows = generate(400, seed=3)
    root = tmp_path / "registry"
    for name, content in split(text).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, "utf-8")
    return root, rows[:80]


def stores(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache"
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []


def from_store(reg) -> bool:
    return isinstance(reg.entities, StoredEntities)


def answers(reg, rows):
    return [(r.status, r.id, r.score, r.explanation)
            for r in (reg.lookup(q, at or None) for q, at, *_ in rows)]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "registry", *args], capture_output=True,
                          text=True, timeout=120)


def test_a_folder_registry_is_compiled_once_and_reopened_with_the_same_answers(folder,
                                                                               tmp_path):
    root, rows = folder
    in_memory = load(root, use_cache=False)
    assert not from_store(load(root)) and len(stores(tmp_path)) == 1
    reopened = load(root)
    assert from_store(reopened) and len(reopened) == len(in_memory) == 400
    assert answers(reopened, rows) == answers(in_memory, rows)
    assert sum(r[1] is not None for r in answers(reopened, rows)) > 50  # not all unknown


def edit(root: Path) -> tuple[str | None, str | None]:
    """An alias added to one person in the sub-folder's second file."""
    path = root / "people" / "b.yml"
    text = path.read_text("utf-8")
    block = text.index("  - id: person-")
    person = text[block + len("  - id: "):text.index("\n", block)]
    path.write_text(text[:block] + text[block:].replace(
        "name: {ar: ", "aliases: [{text: الاسم المضاف حديثا}]\n    name: {ar: ", 1), "utf-8")
    return "الاسم المضاف حديثا", person


def add(root: Path) -> tuple[str | None, str | None]:
    (root / "people" / "c.yaml").write_text(NEW_PERSON, "utf-8")
    return "زيدان مرعي الشويهدي", "person-new"


def remove(root: Path) -> tuple[str | None, str | None]:
    (root / "people" / "a.yaml").unlink()
    return None, None


def rename(root: Path) -> tuple[str | None, str | None]:
    (root / "people" / "b.yml").rename(root / "people" / "b2.yml")
    return None, None


CHANGES = {"an edited file": edit, "a new file": add, "a removed file": remove,
           "a renamed file": rename}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_anywhere_in_the_folder_is_never_answered_from_the_stale_store(
        folder, tmp_path, change):
    root, rows = folder
    load(root)
    assert from_store(load(root))
    query, expected = CHANGES[change](root)
    changed = load(root)
    assert not from_store(changed)  # rebuilt from the files, not read
    assert len(stores(tmp_path)) == 2
    fresh = load(root, use_cache=False)
    assert answers(changed, rows) == answers(fresh, rows)
    if change == "a removed file":
        assert "person-0" not in {e.id for e in changed.iter_entities()}
    elif query is not None:
        assert changed.lookup(query).id == expected
    again = load(root)  # the new store, with the change
    assert from_store(again) and answers(again, rows) == answers(fresh, rows)


def test_touching_a_file_without_changing_it_keeps_the_store(folder, tmp_path):
    """The store is named by content, not by dates: a checkout or a copy that
    only changes modification times still opens it."""
    root, _ = folder
    load(root)
    path = root / "offices.yaml"
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert from_store(load(root)) and len(stores(tmp_path)) == 1


@pytest.mark.parametrize("damage", ["garbage", "half"])
def test_a_corrupt_store_of_a_folder_is_rebuilt_and_a_corrupt_store_file_is_one_line(
        folder, tmp_path, damage):
    root, rows = folder
    expected = answers(load(root), rows)
    [entry] = stores(tmp_path)
    data = entry.read_bytes()
    broken = b"\x80\x05garbage" * 200 if damage == "garbage" else \
        data[: len(data) // 2] + b"\xff" * (len(data) - len(data) // 2)
    entry.write_bytes(broken)
    assert answers(load(root), rows) == expected  # rebuilt
    assert from_store(load(root))
    shipped = tmp_path / f"shipped{SUFFIX}"
    shipped.write_bytes(broken)
    shipped.chmod(0o600)
    proc = cli("resolve", "--registry", str(shipped), rows[0][0])
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and str(shipped) in proc.stderr


def test_a_store_in_a_folder_others_can_write_is_refused_in_one_line(folder, tmp_path):
    root, rows = folder
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    built = compile_registry(root, private / f"registry{SUFFIX}")
    assert load(built).lookup(rows[0][0]).status == rows[0][2]
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # the file stays private, its folder does not
    moved = built.rename(shared / built.name)
    with pytest.raises(RegistryFileError, match="writable by nobody else"):
        load(moved)
    proc = cli("resolve", "--registry", str(moved), rows[0][0])
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "writable by nobody else" in proc.stderr


def test_a_link_planted_in_the_cache_to_a_shared_place_is_never_followed(folder, tmp_path):
    """Someone who can write a shared folder plants a store there and links it
    from the cache under the right name: the registry is read from its files."""
    root, rows = folder
    load(root)
    [entry] = stores(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    planted = entry.rename(shared / entry.name)
    entry.symlink_to(planted)
    reg = load(root)
    assert not from_store(reg)
    assert answers(reg, rows) == answers(load(root, use_cache=False), rows)
