"""The command line contract that scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str, stdin: str | None = None, env: dict | None = None, cwd=ROOT):
    full_env = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "registry", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=full_env, timeout=60)


def test_resolve_json_contract_in_input_order():
    proc = run("resolve", "--json", "--at", "2026-01-14", "صدام حفتر", "حفتر", "صدام حسين",
               "نائب القائد العام للجيش الوطني الليبي")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["صدام حفتر", "حفتر", "صدام حسين",
                                          "نائب القائد العام للجيش الوطني الليبي"]
    assert [r["status"] for r in rows] == ["matched", "ambiguous", "unknown", "matched"]
    assert rows[0]["id"] == rows[3]["id"] == "saddam-haftar"
    for row in rows:
        assert set(row) == {"query", "status", "id", "name", "score", "candidates", "titles",
                            "explanation"}
        assert 0 <= row["score"] <= 1
        for cand in row["candidates"]:
            assert set(cand) == {"id", "name", "score"}
    assert len(rows[1]["candidates"]) == 3 and rows[1]["id"] is None


def test_resolve_reads_stdin_one_name_per_line():
    proc = run("resolve", "--json", stdin="خالد حفتر\n\nالمشير خليفة حفتر\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["matched", "unknown", "matched"]
    dash = run("resolve", "-", stdin="خالد حفتر\n")
    assert "khaled-haftar" in dash.stdout


def test_resolve_readable_output():
    proc = run("resolve", "المشير حفتر")
    assert proc.stdout.startswith("المشير حفتر → khalifa-haftar")


def test_show_prints_the_role_timeline():
    proc = run("show", "saddam-haftar")
    assert proc.returncode == 0
    assert "deputy-commander-in-chief-lna" in proc.stdout and "by 2025-08-14" in proc.stdout
    data = json.loads(run("show", "--json", "khaled-haftar").stdout)
    assert data["roles"][0]["position"] == "chief-of-general-staff-lna"


def test_errors_are_one_line_with_exit_codes(tmp_path):
    cases = [
        (("show", "nobody"), 4, "unknown id 'nobody'"),
        (("resolve", "--at", "2026-13-01", "x"), 2, "--at: 2026-13-01: no such month"),
        (("resolve", "--at", "20260101", "x"), 2, "--at: 20260101: not a date"),
        (("resolve", "--at", "2026-W01-1", "x"), 2, "--at: 2026-W01-1: not a date"),
        (("resolve", "--at", "2025-02-29", "x"), 2, "--at: 2025-02-29: no such day"),
        (("resolve", "--registry", str(tmp_path / "nope.yaml"), "x"), 3, "no such file"),
    ]
    for args, code, message in cases:
        proc = run(*args)
        assert proc.returncode == code, (args, proc.stderr)
        assert message in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert "Traceback" not in proc.stderr


def test_broken_registry_reports_file_and_line(tmp_path):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("version: 1\nentities:\n  - id: x\n    type: alien\n", "utf-8")
    proc = run("resolve", "--registry", str(bad), "x")
    assert proc.returncode == 3
    assert proc.stderr.startswith(f"registry: {bad}:4:")
    assert "Traceback" not in proc.stderr


def test_registry_path_from_environment_and_from_any_folder(tmp_path):
    proc = run("resolve", "صدام حفتر", cwd=tmp_path)  # no ./aliases.yaml here
    assert "saddam-haftar" in proc.stdout, proc.stderr
    proc = run("resolve", "x", env={"REGISTRY_PATH": str(tmp_path / "missing.yaml")})
    assert proc.returncode == 3 and "missing.yaml: no such file" in proc.stderr


def test_library_default_lookup():
    import registry

    assert registry.lookup("خالد حفتر").id == "khaled-haftar"
    assert registry.lookup("").status == "unknown"
