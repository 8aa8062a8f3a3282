"""Writers replace files atomically: a killed or failing writer leaves the original."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from registry.store import atomic
from registry.store.atomic import write_atomic
from tests.conftest import ROOT

ORIGINAL = "version: 1\n# a reviewer's comment\nentities: []\n"


def test_killed_writer_leaves_the_original_intact(tmp_path):
    target = tmp_path / "aliases.yaml"
    target.write_text(ORIGINAL, "utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from registry.store.atomic import write_atomic; "
         "write_atomic(sys.argv[1], b'x' * (1024 * 1024 * 1024))", str(target)],
        cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until it is midway through the write
            temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
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
