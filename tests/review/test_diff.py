"""registry diff: a real edit and the answers it changes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

KHALED_ALIASES = """      - text: Khalid Haftar
        lang: en
        kind: transliteration
"""


def edited(tmp_path):
    """Declare the bare family name an alias of Khaled (a plausible, wrong edit)."""
    text = (ROOT / "aliases.yaml").read_text("utf-8")
    assert KHALED_ALIASES in text
    head = tmp_path / "aliases.yaml"
    head.write_text(text.replace(KHALED_ALIASES, KHALED_ALIASES
                                 + "      - text: حفتر\n        kind: short\n"), "utf-8")
    return head


def run(*args):
    return subprocess.run([sys.executable, "-m", "registry", "diff", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_diff_reports_entity_and_resolution_changes(tmp_path):
    proc = run("--json", str(ROOT / "aliases.yaml"), str(edited(tmp_path)))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["entities"]["changed"] == {"khaled-haftar": ['alias + "حفتر"']}
    queries = {c["query"]: c for c in report["queries"]["changes"]}
    assert queries["حفتر"]["before"] == "ambiguous"
    assert queries["حفتر"]["after"] == "khaled-haftar"
    mentions = report["corpus"]["changes"]
    # Articles 003 and 004 are about Khalifa: their bare حفتر mentions move.
    moved = [c for c in mentions if c["before"] == "khalifa-haftar"]
    assert len(moved) >= 5
    assert {c["file"].split("/")[-1][:3] for c in moved} >= {"003", "004"}


def test_diff_markdown_for_a_pull_request(tmp_path):
    proc = run(str(ROOT / "aliases.yaml"), str(edited(tmp_path)))
    assert proc.stdout.splitlines()[1].startswith("## Registry change:")
    assert "| where | text | before | after |" in proc.stdout
    assert "| query | at | before | after | expected | verdict |" in proc.stdout


def test_diff_of_identical_versions_changes_nothing():
    proc = run("--json", str(ROOT / "aliases.yaml"), str(ROOT / "aliases.yaml"))
    report = json.loads(proc.stdout)
    assert report["corpus"]["changes"] == [] and report["queries"]["changes"] == []


def test_diff_accepts_git_revisions():
    inside = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], capture_output=True,
                            cwd=ROOT)
    if inside.returncode != 0:
        return  # not a git checkout (an sdist): nothing to compare
    proc = run("--json", "HEAD", str(ROOT / "aliases.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["base"] == "HEAD:aliases.yaml"


def test_diff_with_an_unknown_revision_is_a_clear_error():
    proc = run("no-such-revision", str(ROOT / "aliases.yaml"))
    assert proc.returncode == 2
    assert "neither a file nor a git revision" in proc.stderr


def test_query_tables_are_read_by_lines_as_editors_count_them(tmp_path):
    """str.splitlines broke a row at a U+2028 or form feed inside a query (an
    error "expected 5 fields" for a good row, at the wrong line); a status
    typo or a matched row without its id could never agree with an answer,
    so the --fail-on expected gate silently stopped guarding the row."""
    from registry.errors import InputError
    from registry.review.diff import read_query_table

    table = tmp_path / "q.tsv"
    table.write_bytes("\ufeff# query\tat\tstatus\tid\tnote\r\n"
                      "صدام\u2028حفتر\t\tunknown\t\tx\r\n"
                      "خليفة\x0cحفتر\t2020\tmatched\tkhalifa-haftar\ty\r\n".encode())
    rows = read_query_table(table)
    assert [(r.query, r.line, r.status, r.id) for r in rows] == [
        ("صدام\u2028حفتر", 2, "unknown", None), ("خليفة\x0cحفتر", 3, "matched", "khalifa-haftar")]
    for row, message in (("x\t\tMATCHED\tkhalifa-haftar\t\n",
                          "q.tsv:2: status: 'MATCHED' is not one of matched, ambiguous, unknown"),
                         ("x\t\tmatched\t\t\n", "q.tsv:2: id: a matched row needs the expected id"),
                         ('"x\ty"\t\tunknown\t\t\n',
                          "q.tsv:2: 6 tab-separated fields; expected 5")):
        table.write_text("ok\t\tunknown\t\t\n" + row, "utf-8")
        with pytest.raises(InputError, match=message):
            read_query_table(table)
