"""Writers replace files atomically: a killed or failing writer leaves the original."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from registry.store import atomic
from registry.store.atomic import write_atomic
from tests.conftest import ROOT

ORIGINAL = "version: 1\n# a reviewer's comment\nentities: []\n"


def test_killed_writer_leaves_the_original_intact(tmp_path):
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")
    child = kill_midway(target)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text("utf-8") == ORIGINAL


def test_failing_writer_cleans_up_and_keeps_the_original(tmp_path, monkeypatch):
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "new text")
    assert target.read_text("utf-8") == ORIGINAL
    assert [p.name for p in tmp_path.iterdir()] == ["aliases.yaml"]


def test_successful_write_keeps_permissions(tmp_path):
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")
    target.chmod(0o640)
    write_atomic(target, "version: 1\n")
    assert target.read_text("utf-8") == "version: 1\n"
    assert target.stat().st_mode & 0o777 == 0o640


def kill_midway(target: Path) -> subprocess.Popen[bytes]:
    """Start a writer of a large file, SIGKILL it once its temporary file grows,
    and return the finished child."""
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from registry.store.atomic import write_atomic; "
         "write_atomic(sys.argv[1], b'x' * (256 * 1024 * 1024))", str(target)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            temps = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
            if temps and temps[0].stat().st_size > 0:
                break
            time.sleep(0.005)
        else:
            pytest.fail("the writer never started writing")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    return child


def test_next_write_sweeps_what_killed_writers_left_and_nothing_else(tmp_path):
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")
    kill_midway(target)
    [left] = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert re.fullmatch(r"\.aliases\.yaml\.\d+\.[0-9a-f]{16}\.tmp", left)
    others = [".aliases.yaml.x1y2z3.tmp",  # not our pattern (e.g. an editor's)
              ".other.yaml.99999999.0123456789abcdef.tmp",  # another file's
              f".aliases.yaml.{os.getppid()}.0123456789abcdef.tmp"]  # a live writer's
    for name in others:
        (tmp_path / name).write_text("keep", "utf-8")
    write_atomic(target, "version: 1\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["aliases.yaml", *others])
    assert target.read_text("utf-8") == "version: 1\n"


def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    link = tmp_path / "aliases.yaml"
    link.symlink_to(victim)
    write_atomic(link, "version: 1\n")
    assert victim.read_text("utf-8") == "precious\n"
    assert not link.is_symlink() and link.read_text("utf-8") == "version: 1\n"


def test_temporary_files_are_new_files_never_existing_ones(tmp_path, monkeypatch):
    """O_EXCL|O_NOFOLLOW: even a planted symlink at the exact temporary name
    (were it guessed) makes the write fail instead of following it."""
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    monkeypatch.setattr(atomic, "_temp_name", lambda t: ".aliases.yaml.planted.tmp")
    (tmp_path / ".aliases.yaml.planted.tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_atomic(target, "version: 1\n")
    assert victim.read_text("utf-8") == "precious\n"
    assert target.read_text("utf-8") == ORIGINAL
