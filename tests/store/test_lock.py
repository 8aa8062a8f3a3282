"""The registry write lock: it excludes concurrent writers, and leaves no lock
file beside the registry once released (it is unlinked while still held)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from registry.store.lock import lock_path, locked

ROUNDS = 40


def _bump(counter: str, rounds: int) -> None:
    """Read, pause, write back plus one, under the lock: a lost update shows as a
    total short of workers x rounds."""
    import time

    for _ in range(rounds):
        with locked(counter):
            value = int(Path(counter).read_text())
            time.sleep(0.0005)  # widen the window a broken lock would let a second writer in
            Path(counter).write_text(str(value + 1))


def test_the_lock_file_is_removed_on_release(tmp_path):
    registry = tmp_path / "aliases.yaml"
    registry.write_text("version: 1\nentities: []\n", "utf-8")
    with locked(registry):
        assert lock_path(registry).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aliases.yaml"]


def test_removing_the_lock_file_keeps_writers_apart(tmp_path):
    """Four processes take the lock 40 times each; the file is unlinked at every
    release, so waiters keep meeting a lock file whose name is gone."""
    counter = tmp_path / "counter"
    counter.write_text("0")
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_bump, args=(str(counter), ROUNDS)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * 4
    assert counter.read_text() == str(4 * ROUNDS)
    assert not lock_path(counter).exists()
