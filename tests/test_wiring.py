"""The pre-commit hooks and the CI workflow are valid and call real commands."""

from __future__ import annotations

import shlex
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def test_pre_commit_hooks_run_real_commands():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in hooks} == {"registry-fmt", "registry-validate",
                                        "registry-fmt-check"}
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        args = [*shlex.split(hook["entry"])[1:], "aliases.yaml"]
        proc = subprocess.run([sys.executable, "-m", "registry", *args], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode == 0, (hook["id"], proc.stdout, proc.stderr)


def test_workflow_validates_formats_and_posts_the_diff():
    workflow = yaml.safe_load((ROOT / ".github/workflows/registry.yml").read_text("utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["review"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    for command in ("registry validate", "registry fmt --check", "registry diff",
                    "gh api"):
        assert command in commands
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
