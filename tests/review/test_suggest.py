"""registry suggest: proposals with sources; --apply only when it validates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
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


CONCURRENT = {  # article: the id its new person gets
    "a1.txt": ("واستقبل اللواء فلان الفلاني، قائد المنطقة، وفدا.\n", "flan-alflany"),
    "a2.txt": ("وقال العميد سالم البدري إن القوات انسحبت.\n", "salm-albdry"),
    "a3.txt": ("وأعلن اللواء ناصر القاسمي عن خطة جديدة.\n", "nasr-alqasmy"),
    "a4.txt": ("وزار العقيد كامل العتيبي المعسكر.\n", "kaml-alatyby-almaskr"),
}


def test_parallel_apply_runs_keep_every_addition(tmp_path):
    """Each run re-reads the registry under its lock: none overwrites another's
    addition (without the lock all read the same text and the last rename won)."""
    work = workspace(tmp_path)
    for name, (text, _) in CONCURRENT.items():
        (work / name).write_text(text, "utf-8")
    procs = [subprocess.Popen([sys.executable, "-m", "registry", "suggest", "--apply", name],
                              cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for name in CONCURRENT]
    try:
        results = [p.communicate(timeout=240) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert [p.returncode for p in procs] == [0] * len(procs), results
    text = (work / "aliases.yaml").read_text("utf-8")
    for _, entity_id in CONCURRENT.values():
        assert f"id: {entity_id}" in text
    assert run("validate", "aliases.yaml", cwd=work).returncode == 0
    assert [p.name for p in work.iterdir() if p.name.endswith(".tmp")] == []
    assert not (work / ".aliases.yaml.lock").exists()  # removed by each holder on release


def test_apply_never_follows_a_symlink_beside_the_registry(tmp_path):
    """A pull request can commit symlinks at any name next to aliases.yaml:
    neither the old fixed staging name, nor a temporary-file name, nor the lock
    file writes through one (a symlinked lock is refused in one line)."""
    work = workspace(tmp_path)
    victim = tmp_path.parent / f"{tmp_path.name}-victim.txt"
    victim.write_text("precious\n", "utf-8")
    for name in (".aliases.yaml.suggest.yaml", ".aliases.yaml.tmp",
                 f".aliases.yaml.{os.getpid()}.0123456789abcdef.tmp"):
        (work / name).symlink_to(victim)
    proc = run("suggest", "--apply", "article.txt", cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert victim.read_text("utf-8") == "precious\n"
    assert "id: flan-alflany" in (work / "aliases.yaml").read_text("utf-8")
    assert not (work / ".aliases.yaml.lock").exists()  # removed on release
    (work / ".aliases.yaml.lock").symlink_to(victim)
    proc = run("suggest", "--apply", "article.txt", cwd=work)
    assert proc.returncode == 3
    assert proc.stderr.strip().endswith("cannot lock for writing: .aliases.yaml.lock is a "
                                        "symlink; remove it"), proc.stderr
    assert victim.read_text("utf-8") == "precious\n"


TYPOS = ("وقال المشير خليفة حفترر إن الجيش سيواصل عملياته.\n"
         "والتقى صدام حفترر بالوفد في بنغازي.\n"
         "وقال اللواء حسين رشاد إن الوفد وصل.\n")


def test_a_one_letter_slip_of_a_known_name_is_a_likely_typo_not_a_new_person(reg):
    """حفترر is one letter from حفتر (too short for the resolver's long-word typo
    rule, and a doubled letter is not a short-word rule): the chains are reported
    as likely typos of the people they then name. حسين is a listed name of its
    own, one letter from the registry's حسن: never mended, a new person."""
    from registry.review.suggest import snippet, suggest

    found = suggest(reg, [("typos.txt", TYPOS)])
    assert [p.name for p in found.people] == ["حسين رشاد"]
    assert [(t.text, t.reading, t.ids) for t in found.typos] == [
        ("خليفة حفترر", "خليفة حفتر", ["khalifa-haftar"]),
        ("صدام حفترر", "صدام حفتر", ["saddam-haftar"])]
    text = snippet(found)
    assert "# likely a typo of صدام خليفة حفتر (saddam-haftar), not a new person" in text
    assert yaml.safe_load(text)["likely_typos"][1]["source"] == {
        "file": "typos.txt", "quote": "والتقى صدام حفترر بالوفد في بنغازي."}


def test_likely_typos_are_not_applied(tmp_path):
    work = workspace(tmp_path)
    (work / "typos.txt").write_text(TYPOS, "utf-8")
    proc = run("suggest", "--apply", "typos.txt", cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (work / "aliases.yaml").read_text("utf-8")
    assert "حفترر" not in text and "ar: حسين رشاد" in text
    assert "2 likely typos not added" in proc.stderr


@pytest.mark.parametrize("style", ["bom", "crlf", "bom+crlf", "no final newline"])
def test_apply_keeps_the_files_bom_line_ends_and_every_line(tmp_path, reg, style):
    """ruamel.yaml dropped a UTF-8 byte-order mark, and read a CRLF file into
    mixed line ends with its 19 blank lines gone. --apply now writes the file
    as it was, plus the additions (and a final newline, as fmt does)."""
    import difflib

    from registry.review.suggest import apply, suggest

    text = (ROOT / "aliases.yaml").read_text("utf-8") + "# a closing remark at column 0"
    if "crlf" in style:
        text = text.replace("\n", "\r\n")
    if "bom" in style:
        text = "\ufeff" + text
    work = workspace(tmp_path)
    (work / "aliases.yaml").write_bytes(text.encode("utf-8"))
    found = suggest(reg, [("article.txt", ARTICLE)])
    assert apply(work / "aliases.yaml", found) == []
    after = (work / "aliases.yaml").read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") == ("bom" in style)
    if "crlf" in style:
        assert after.count("\n") == after.count("\r\n")
    else:
        assert "\r" not in after
    lines = [line.rstrip("\r\n") for line in text.splitlines()]
    new = [line.rstrip("\r\n") for line in after.splitlines()]
    removed = [d for d in difflib.ndiff(lines, new) if d.startswith("- ")]
    assert removed == [] and after.endswith("# a closing remark at column 0" + "\r\n"[
        "crlf" not in style:]), removed
    assert "id: flan-alflany" in after
