"""The pull-request gate: `registry diff --fail-on expected` on the registered
query tables (the project's and the registry's own `checks:`), the workflow that
runs it with the tests, validate and fmt --check and keeps one sticky comment,
and the pre-commit hooks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

REPO = (ROOT / "aliases.yaml").read_text("utf-8")
KHALED_ALIASES = """      - text: Khalid Haftar
        lang: en
        kind: transliteration
"""
# The case from the issue: another general's alias that is Saddam's short form.
STEALS = KHALED_ALIASES + "      - text: صدام حفتر\n"


def diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "registry", "diff", *args],
                          capture_output=True, text=True, cwd=ROOT)


def head_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.yaml"
    assert KHALED_ALIASES in REPO
    path.write_text(text, "utf-8")
    return path


def test_fail_on_expected_stops_a_change_that_breaks_an_expected_answer(tmp_path):
    head = head_with(tmp_path, REPO.replace(KHALED_ALIASES, STEALS))
    proc = diff("--fail-on", "expected", "--json", str(ROOT / "aliases.yaml"), str(head))
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    broken = [c for c in report["queries"]["changes"] if c["verdict"] == "breaks expected"]
    short = next(c for c in broken if c["query"] == "صدام حفتر")
    assert {"before": "saddam-haftar", "after": "ambiguous", "expected": "saddam-haftar",
            "table": "tests/queries.tsv"}.items() <= short.items()
    assert report["gate"] == {"fail_on": "expected", "failed": True,
                              "breaks_expected": len(broken)}
    assert "registry diff: 1" not in proc.stderr
    assert "breaks" in proc.stderr  # a one-line reason on stderr for the CI log


def test_fail_on_expected_passes_a_change_that_keeps_every_expected_answer(tmp_path):
    harmless = REPO.replace(KHALED_ALIASES, KHALED_ALIASES + "      - text: Khaled Hafter\n"
                            "        lang: en\n        kind: transliteration\n")
    proc = diff("--fail-on", "expected", str(ROOT / "aliases.yaml"),
                str(head_with(tmp_path, harmless)))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_tables_the_registry_lists_under_checks_are_gated_too(tmp_path):
    (tmp_path / "extra.tsv").write_text(
        "# query\tat\tstatus\tid\tnote\nالفريق صدام حفتر\t\tmatched\tsaddam-haftar\tours\n",
        "utf-8")
    listed = REPO.replace("\nentities:\n", "\nchecks: [extra.tsv]\nentities:\n", 1)
    assert listed != REPO
    base = tmp_path / "base.yaml"
    base.write_text(listed, "utf-8")
    head = tmp_path / "head.yaml"
    head.write_text(listed.replace(KHALED_ALIASES, STEALS), "utf-8")
    proc = diff("--fail-on", "expected", "--json", "--queries", "", str(base), str(head))
    assert proc.returncode == 1, proc.stderr
    changes = json.loads(proc.stdout)["queries"]["changes"]
    assert [(c["table"].endswith("extra.tsv"), c["query"]) for c in changes] == [
        (True, "الفريق صدام حفتر")]


def test_the_report_carries_the_sticky_comment_marker(tmp_path):
    proc = diff(str(ROOT / "aliases.yaml"), str(ROOT / "aliases.yaml"))
    assert proc.stdout.splitlines()[0] == "<!-- registry-diff -->"


# -- the workflow and the hooks ---------------------------------------------------------

WORKFLOW = ROOT / ".github" / "workflows" / "registry.yml"


def steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    jobs = list(workflow["jobs"].values())
    return [step for job in jobs for step in job["steps"]]


def commands() -> str:
    return "\n".join(str(step.get("run", "")) for step in steps())


def test_the_workflow_runs_the_tests_validate_fmt_and_the_gate():
    run = commands()
    assert "pip install -e '.[test]'" in run
    assert "pytest" in run
    assert "registry validate --format github" in run
    assert "registry fmt --check" in run
    assert "--fail-on expected" in run
    # The gate fails the job only after the report is posted.
    names = [str(step.get("name", "")) for step in steps()]
    assert names.index("Post the report") < names.index("Gate on expected answers")


def test_the_workflow_updates_one_sticky_comment():
    post = next(step for step in steps() if step.get("name") == "Post the report")
    script = str(post.get("run", "")) + str(post.get("with", {}))
    assert "<!-- registry-diff -->" in script  # found by its marker ...
    assert "PATCH" in script  # ... and edited in place
    assert "gh pr comment" not in script  # never a new comment per push


def test_pre_commit_offers_fmt_in_fix_mode_beside_validate():
    hooks = {h["id"]: h for h in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert hooks["registry-fmt"]["entry"] == "registry fmt"
    assert hooks["registry-validate"]["entry"].startswith("registry validate")
