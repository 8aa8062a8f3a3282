"""CLI conveniences: list, resolve --csv, annotate over folders with a progress
bar only on a terminal, and shell completion."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios

from tests.conftest import ROOT, SEEDS
from tests.test_cli import run


def test_list_all_and_by_type(reg):
    proc = run("list")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(reg)
    assert lines[0].split()[:2] == [next(iter(reg)).id, next(iter(reg)).type]
    places = run("list", "--type", "place", "--json")
    ids = [line.split('"id": "')[1].split('"')[0] for line in places.stdout.splitlines()]
    assert ids == [e.id for e in reg.iter_entities("place")]
    bad = run("list", "--type", "planet")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_resolve_csv_adds_id_status_score(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("\ufeffname,note\nصدام حفتر,first\nحفتر,\"with, comma\"\n"
                      "رئيس الأركان المصري,office\nصدام حسين,nobody\n,empty\n", "utf-8")
    proc = run("resolve", "--csv", str(source), "--column", "name", "--at", "2026-01-14")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == ["name", "note", "id", "status", "score", "candidates"]
    got = [(r["name"], r["note"], r["id"], r["status"]) for r in rows]
    assert got == [("صدام حفتر", "first", "saddam-haftar", "matched"),
                   ("حفتر", "with, comma", "", "ambiguous"),
                   ("رئيس الأركان المصري", "office", "ahmed-khalifa", "matched"),
                   ("صدام حسين", "nobody", "", "unknown"),
                   ("", "empty", "", "unknown")]
    assert rows[1]["candidates"].split("|") == ["khaled-haftar", "khalifa-haftar",
                                                "saddam-haftar"]
    assert float(rows[0]["score"]) >= 0.9
    out = tmp_path / "out.csv"
    assert run("resolve", "--csv", str(source), "--column", "name", "-o", str(out)
               ).returncode == 0
    assert out.read_text("utf-8").splitlines()[1].startswith("صدام حفتر,first,saddam-haftar")
    alone = run("resolve", "-o", str(tmp_path / "x.out"), "صدام حفتر")
    assert alone.returncode == 2 and "goes with --csv" in alone.stderr
    assert not (tmp_path / "x.out").exists()


def test_resolve_csv_errors_and_name_clashes(tmp_path):
    source = tmp_path / "t.csv"
    source.write_text("id,name\n7,خالد حفتر\n", "utf-8")
    proc = run("resolve", "--csv", str(source), "--column", "name")
    header, row = proc.stdout.splitlines()
    assert header == "id,name,registry_id,registry_status,registry_score,registry_candidates"
    assert row.startswith("7,خالد حفتر,khaled-haftar,matched")
    for args, words in [
        (("--csv", str(source), "--column", "nom"), "no column 'nom'; the columns are: id, name"),
        (("--csv", str(source)), "go together"),
        (("--csv", str(tmp_path / "missing.csv"), "--column", "name"), "no such file"),
    ]:
        bad = run("resolve", *args)
        assert bad.returncode == 2 and words in bad.stderr and bad.stderr.count("\n") == 1


def test_annotate_folder_recursive_in_sorted_order(tmp_path):
    nested = tmp_path / "corpus" / "b"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS[0], tmp_path / "corpus" / "z.txt")
    shutil.copy(SEEDS[1], nested / "a.txt")
    (tmp_path / "corpus" / "notes.md").write_text("not an article", "utf-8")
    proc = run("annotate", "--json", str(tmp_path / "corpus"))
    assert proc.returncode == 0, proc.stderr
    files = list(dict.fromkeys(line.split('"file": "')[1].split('"')[0]
                               for line in proc.stdout.splitlines()))
    assert files == [str(nested / "a.txt"), str(tmp_path / "corpus" / "z.txt")]
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    (tmp_path / "empty").mkdir()
    bad = run("annotate", str(tmp_path / "empty"))
    assert bad.returncode == 2 and "no *.txt files" in bad.stderr


def test_annotate_shows_progress_on_a_terminal():
    """stderr on a pseudo-terminal: tqdm draws its bar there (stdout stays clean)."""
    main, secondary = pty.openpty()
    # a real terminal has a size (tqdm draws nothing in zero columns)
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}
    try:
        proc = subprocess.Popen([sys.executable, "-m", "registry", "annotate", "seeds"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=secondary)
        os.close(secondary)
        drawn = b""
        while len(drawn) < 1 << 20:  # bounded; EIO once the process has exited
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        stdout = proc.stdout.read() if proc.stdout else b""
        proc.wait(timeout=120)
    finally:
        os.close(main)
    assert proc.returncode == 0
    assert f"0/{len(SEEDS)}".encode() in drawn and b"file/s" in drawn
    assert b"\r" not in stdout and b"saddam-haftar" in stdout


def test_shell_completion(tmp_path):
    """argcomplete answers the shell: commands, options, and entity ids for show."""
    def complete(line: str) -> list[str]:
        out = tmp_path / "completions"
        env = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}
        env.update({"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                    "_ARGCOMPLETE_STDOUT_FILENAME": str(out), "_ARGCOMPLETE_IFS": "\n"})
        proc = subprocess.run([sys.executable, "-m", "registry"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        return sorted(out.read_text().split())

    assert complete("registry ex") == ["export"]
    assert "--format" in complete("registry export --f")
    assert complete("registry export --format ") == ["csv", "ftm", "jsonl"]
    assert complete("registry show saddam") == ["saddam-haftar"]
