"""``registry resolve -`` as a batch and as a co-process: answers come in input
order, equal to the library's, and a name written alone is answered at once
(the command reads stdin in chunks of what has arrived, never waiting to fill
one)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys

from registry.cli import visible
from tests.conftest import ROOT
from tests.query_table import read_queries

COMMAND = [sys.executable, "-m", "registry", "resolve", "--registry", str(ROOT / "aliases.yaml")]
ENV = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}


def batch(*flags: str, stdin: bytes) -> list[str]:
    proc = subprocess.run([*COMMAND, *flags, "-"], input=stdin, capture_output=True,
                          env=ENV, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode("utf-8").splitlines()


def names() -> list[str]:
    """The query table's undated names, repeated, with blank lines: a batch of a
    few thousand lines, many repeats, read in several chunks."""
    distinct = sorted({q.query for q in read_queries() if q.at is None})
    return [*distinct, ""] * 40


def test_a_batch_answers_every_line_in_order_as_the_library_does(reg):
    lines = names()
    payload = "".join(f"{n}\r\n" if i % 3 else f"{n}\n" for i, n in enumerate(lines))
    full = [json.loads(row) for row in batch("--json", stdin=payload.encode())]
    assert len(full) == len(lines) > 2000
    expected = {n: reg.lookup(n).to_json() for n in set(lines)}
    assert full == [expected[n] for n in lines]
    brief = [json.loads(row) for row in batch("--json", "--brief", stdin=payload.encode())]
    assert brief == [{k: r[k] for k in ("query", "status", "id", "score")} for r in full]
    tsv = batch("--brief", stdin=payload.encode())
    # (direction marks in a query are written as escapes in text output)
    assert tsv == [visible(f"{n}\t{r['status']}\t{r['id'] or ''}\t{r['score']:.2f}")
                   for n, r in zip(lines, full, strict=True)]


def test_a_long_line_cut_inside_a_character_is_answered_unknown():
    stdin = ("x" + "حفتر" * 40_000 + "\nخالد حفتر\n").encode()
    rows = [json.loads(r) for r in batch("--json", "--brief", stdin=stdin)]
    assert [(r["status"], r["id"]) for r in rows] == [("unknown", None),
                                                      ("matched", "khaled-haftar")]


def read_answer(proc: subprocess.Popen[bytes]) -> dict[str, object]:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready, "no answer within 60 s: the command waited for more input"
    return json.loads(proc.stdout.readline())  # type: ignore[no-any-return]


def test_a_co_process_gets_each_answer_before_sending_the_next_name():
    proc = subprocess.Popen([*COMMAND, "--json", "--brief", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert proc.stdin is not None
    try:
        for name, expected in (("خالد حفتر", "khaled-haftar"), ("صدام حفتر", "saddam-haftar"),
                               ("خالد حفتر", "khaled-haftar")):  # a repeat, from the memo
            proc.stdin.write(f"{name}\n".encode())
            proc.stdin.flush()
            answer = read_answer(proc)
            assert (answer["query"], answer["id"]) == (name, expected)
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_visible_escapes_exactly_the_control_characters():
    from registry.cli import _CONTROLS

    kept = "صدام حفتر Haftar\t\u200e\u200f\u061c\u00a0\u202f\u2065\u206a"
    assert visible(kept + "\n") == kept + "\n"
    for code in range(0x3000):
        text = f"حفتر{chr(code)}x"
        expected = f"حفتر\\u{code:04x}x" if code in _CONTROLS else text
        assert visible(text) == expected, hex(code)
