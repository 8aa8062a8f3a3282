"""registry suggest: proposals with sources; --apply only when it validates."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml

from tests.conftest import ROOT

ARTICLE = ("واستقبل اللواء فلان الفلاني، قائد المنطقة، وفدا.\n"
           "كما التقى الفريق أول عبدالمجبد صقر نظيره.\n")


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "registry", *args], capture_output=True,
                          text=True, cwd=cwd)


def workspace(tmp_path):
    shutil.copy(ROOT / "aliases.yaml", tmp_path / "aliases.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "article.txt").write_text(ARTICLE, "utf-8")
    return tmp_path


def test_suggest_prints_reviewable_yaml_and_writes_nothing(tmp_path):
    work = workspace(tmp_path)
    before = (work / "aliases.yaml").read_bytes()
    proc = run("suggest", "article.txt", cwd=work)
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(proc.stdout)
    person = data["entities"][0]
    assert person["name"]["ar"] == "فلان الفلاني"
    assert person["ranks"][0]["title"] == "major-general"
    assert person["ranks"][0]["sources"][0] == {
        "file": "article.txt", "quote": "واستقبل اللواء فلان الفلاني، قائد المنطقة، وفدا."}
    alias = data["new_aliases"][0]
    assert (alias["entity"], alias["text"]) == ("abdel-majeed-saqr", "عبدالمجبد صقر")
    assert "# typo: 'عبدالمجبد' read as 'عبدالمجيد'" in proc.stdout
    assert (work / "aliases.yaml").read_bytes() == before


def test_apply_adds_validated_and_formatted(tmp_path):
    work = workspace(tmp_path)
    proc = run("suggest", "--apply", "article.txt", cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (work / "aliases.yaml").read_text("utf-8")
    assert "id: flan-alflany" in text and "- text: عبدالمجبد صقر" in text
    assert text.startswith("# yaml-language-server:")  # comments kept
    assert run("validate", "aliases.yaml", cwd=work).returncode == 0
    assert run("fmt", "--check", "aliases.yaml", cwd=work).returncode == 0
    resolved = run("resolve", "--json", "اللواء فلان الفلاني", cwd=work)
    assert '"flan-alflany"' in resolved.stdout


def test_apply_refuses_what_would_not_validate(tmp_path):
    work = workspace(tmp_path)
    sub = work / "inbox"
    sub.mkdir()
    (work / "article.txt").rename(sub / "article.txt")
    before = (work / "aliases.yaml").read_bytes()
    # Source paths are relative to the registry's folder: inbox/article.txt
    # cited as article.txt cannot be found from there, so validation fails.
    proc = run("suggest", "--apply", "--registry", "../aliases.yaml", "article.txt", cwd=sub)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "source file article.txt not found" in proc.stdout
    assert "not changed" in proc.stderr
    assert (work / "aliases.yaml").read_bytes() == before
