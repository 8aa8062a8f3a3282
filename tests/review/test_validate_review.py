"""validate as a reviewer's safety net: every problem in one run, named by entity
id and field path, with suggestions; dates the runtime would choke on; names that
collide with anything another entity resolves by; machine-readable output."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import registry
from registry.errors import RegistryFileError
from registry.review.validate import validate_file
from tests.conftest import ROOT

REPO = (ROOT / "aliases.yaml").read_text("utf-8")
SADDAM_PARTS = "      grandfather: بلقاسم\n      family: حفتر\n    aliases:\n"
KHALED_ALIASES = """      - text: Khalid Haftar
        lang: en
        kind: transliteration
"""


def write(tmp_path: Path, text: str, name: str = "aliases.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    if not (tmp_path / "seeds").exists():
        (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    return path


def edit(old: str, new: str, text: str = REPO) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def errors(path: Path) -> list[str]:
    return [f"{p.line}: {p.message}" for p in validate_file(path) if p.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- every problem in one run -------------------------------------------------------------

def test_a_typo_key_does_not_hide_the_problems_after_it(tmp_path):
    text = edit("    description: Deputy commander-in-chief of the Libyan National Army.\n",
                "    descripton: Deputy commander-in-chief of the Libyan National Army.\n")
    # A bad reference (in the same entity), a quote that is not in its article
    # and a duplicate id, all later in the file.
    text = edit("      - position: deputy-commander-in-chief-lna\n",
                "      - position: deputy-commander-in-chef-lna\n", text)
    text = edit("            quote: الفريق أول ركن خالد خليفة حفتر\n",
                "            quote: الفريق أول ركن خالد بن حفتر\n", text)
    text = edit("  - id: ahmed-khalifa\n", "  - id: khaled-haftar\n", text)
    found = "\n".join(errors(write(tmp_path, text)))
    assert "saddam-haftar: unknown key 'descripton' (did you mean 'description'?)" in found
    assert ("saddam-haftar: roles[0].position: unknown id 'deputy-commander-in-chef-lna'"
            in found)
    assert "khaled-haftar: relations[0].sources[0].quote: quote not found in seeds/" in found
    assert "khaled-haftar: duplicate id 'khaled-haftar'" in found


def test_messages_name_the_entity_and_field_path_not_the_position(tmp_path):
    text = edit('        start_by: "2025-08-14"\n        sources:\n          - file: seeds/001',
                '        start_by: "2025-13-14"\n        sources:\n          - file: seeds/001')
    path = write(tmp_path, text)
    found = errors(path)
    line = line_of(text, '"2025-13-14"')
    assert any(e.startswith(f"{line}: saddam-haftar: ranks[0].start_by: ") for e in found), found
    assert not any("entities[" in e for e in found), found


def test_unknown_keys_suggest_the_nearest_known_key(tmp_path):
    text = edit("        kind: transliteration\n", "        knd: transliteration\n")
    found = errors(write(tmp_path, text))
    assert any("aliases[0]: unknown key 'knd' (did you mean 'kind'?)" in e for e in found), found


def test_github_and_json_formats(tmp_path):
    text = edit("    description: Deputy commander-in-chief of the Libyan National Army.\n",
                "    descripton: Deputy commander-in-chief of the Libyan National Army.\n")
    path = write(tmp_path, text)
    line = line_of(text, "descripton")
    github = subprocess.run([sys.executable, "-m", "registry", "validate", "--format", "github",
                             str(path)], capture_output=True, text=True, cwd=ROOT)
    assert github.returncode == 1
    assert (f"::error file={path},line={line},col=5,title=registry validate::saddam-haftar: "
            "unknown key 'descripton' (did you mean 'description'?)") in github.stdout.splitlines()
    as_json = subprocess.run([sys.executable, "-m", "registry", "validate", "--format", "json",
                              str(path)], capture_output=True, text=True, cwd=ROOT)
    assert as_json.returncode == 1
    problems = json.loads(as_json.stdout)
    assert {"path": str(path), "line": line, "column": 5, "severity": "error",
            "entity": "saddam-haftar", "field": "descripton",
            "message": "unknown key 'descripton' (did you mean 'description'?)"} in problems


def test_json_messages_do_not_repeat_the_entity_and_field(tmp_path, capsys):
    """--format json carries entity and field apart; the message says only the rest."""
    from registry.cli import main

    text = edit('        start_by: "2025-08-14"\n        sources:\n          - file: seeds/001',
                '        start_by: "2025-13-14"\n        sources:\n          - file: seeds/001')
    text = edit("        kind: transliteration\n", "        knd: transliteration\n", text)
    assert main(["validate", "--format", "json", str(write(tmp_path, text))]) == 1
    problems = json.loads(capsys.readouterr().out)
    located = [p for p in problems if p["entity"] and p["field"]]
    assert {(p["entity"], p["field"]) for p in located} >= {
        ("saddam-haftar", "ranks[0].start_by"), ("khalifa-haftar", "aliases[0].knd")}
    for problem in located:
        assert problem["entity"] not in problem["message"], problem
        assert not problem["message"].startswith(problem["field"].split(".")[0]), problem
    assert main(["validate", str(tmp_path / "aliases.yaml")]) == 1  # people read both in one
    assert "saddam-haftar: ranks[0].start_by: " in capsys.readouterr().out


# -- dates the runtime enforces -----------------------------------------------------------

@pytest.mark.parametrize("value", ['"0000"', '"1700-01"', f'"{dt.date.today().year + 2}"'])
def test_implausible_years_are_errors_in_validate_and_at_load(tmp_path, value):
    text = edit('        start_by: "2025-08-14"\n        sources:\n          - file: seeds/001',
                f'        start_by: {value}\n        sources:\n          - file: seeds/001')
    path = write(tmp_path, text)
    found = errors(path)
    assert any("saddam-haftar: ranks[0].start_by: " in e and "year" in e for e in found), found
    with pytest.raises(RegistryFileError):  # the runtime refuses it too: no crash later
        registry.load(path, use_cache=False)


def test_a_year_zero_no_longer_breaks_every_command(tmp_path):
    text = edit('        start_by: "2025-08-14"\n        sources:\n          - file: seeds/001',
                '        start_by: "0000"\n        sources:\n          - file: seeds/001')
    path = write(tmp_path, text)
    proc = subprocess.run([sys.executable, "-m", "registry", "show", "--registry", str(path),
                           "saddam-haftar"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "0000" in proc.stderr and "year" in proc.stderr


def test_a_start_after_the_end_is_refused_by_the_runtime_too(tmp_path):
    text = edit('        start_by: "2025-08-14"\n        sources:\n          - file: seeds/001',
                '        start: "2025-08-14"\n        end: "2024"\n'
                '        sources:\n          - file: seeds/001')
    path = write(tmp_path, text)
    assert any("saddam-haftar: ranks[0].end: end 2024 is before start 2025-08-14" in e
               for e in errors(path))
    with pytest.raises(RegistryFileError, match="end 2024 is before start"):
        registry.load(path, use_cache=False)


def test_a_tenure_before_birth(tmp_path):
    text = edit(SADDAM_PARTS, SADDAM_PARTS.replace("    aliases:\n",
                                                   '    born: "2026-01"\n    aliases:\n'))
    path = write(tmp_path, text)
    found = errors(path)
    assert any("saddam-haftar: ranks[0]: starts 2025-08-14, before born 2026-01" in e
               for e in found), found
    assert any("saddam-haftar: roles[0]: starts 2025-08-14, before born 2026-01" in e
               for e in found), found
    fine = edit(SADDAM_PARTS, SADDAM_PARTS.replace("    aliases:\n",
                                                   '    born: "1975"\n    aliases:\n'))
    assert errors(write(tmp_path, fine, "fine.yaml")) == []


# -- collisions with everything that resolves -----------------------------------------------

def test_an_alias_that_is_another_persons_derived_short_form(tmp_path):
    # صدام حفتر is Saddam's given + family name, derived, never listed.
    text = edit(KHALED_ALIASES, KHALED_ALIASES + "      - text: صدام حفتر\n")
    path = write(tmp_path, text)
    found = errors(path)
    line = line_of(text, "      - text: صدام حفتر")
    assert any(e.startswith(f"{line}: khaled-haftar: aliases[") and "].text: 'صدام حفتر'" in e
               and "saddam-haftar's given + family name" in e for e in found), found
    assert len(found) == 1, found


def test_an_alias_that_is_another_persons_given_father_family_form(tmp_path):
    text = edit(KHALED_ALIASES, KHALED_ALIASES + "      - text: صدام خليفه حفتر\n")
    found = errors(write(tmp_path, text))
    assert any("khaled-haftar: aliases[" in e and "saddam-haftar" in e for e in found), found
    assert len(found) == 1, found


def test_a_person_alias_that_is_an_office_phrase(tmp_path):
    text = edit(KHALED_ALIASES, KHALED_ALIASES + "      - text: نائب القائد العام للجيش الوطني "
                "الليبي\n")
    found = errors(write(tmp_path, text))
    assert any("khaled-haftar: aliases[" in e and "deputy-commander-in-chief-lna" in e
               for e in found), found


def test_a_collision_marked_shared_on_both_sides_is_allowed(tmp_path):
    text = edit(KHALED_ALIASES, KHALED_ALIASES + "      - text: صدام حفتر\n        shared: true\n")
    one_sided = errors(write(tmp_path, text))
    assert any("صدام حفتر" in e for e in one_sided), one_sided
    both = edit("      - text: Saddam Haftar\n", "      - text: صدام حفتر\n        shared: true\n"
                "      - text: Saddam Haftar\n", text)
    assert errors(write(tmp_path, both, "both.yaml")) == []


def test_the_repository_registry_has_no_collisions():
    assert [p for p in validate_file(ROOT / "aliases.yaml") if p.severity == "error"] == []


def test_a_query_table_under_checks_must_exist_and_parse(tmp_path):
    (tmp_path / "bad.tsv").write_text("only\ttwo\n", "utf-8")
    text = REPO.replace("\nentities:\n", "\nchecks: [missing.tsv, bad.tsv]\nentities:\n", 1)
    found = errors(write(tmp_path, text))
    assert any("query table missing.tsv: no such query table" in e for e in found), found
    assert any("query table bad.tsv:1: 2 tab-separated fields; expected 5" in e
               for e in found), found


def test_a_new_namesake_is_reported_until_both_list_the_short_form_as_shared(tmp_path):
    person = ("  - id: {id}\n    type: person\n    name: {{ar: {ar}, en: {en}}}\n"
              "    name_parts: {{given: علي, father: {father}, family: حسن}}\n{extra}")
    head = ("version: 1\nentities:\n"
            + person.format(id="ali-mahmoud-hassan", ar="علي محمود حسن", en="Ali M. Hassan",
                            father="محمود", extra="")
            + person.format(id="ali-salem-hassan", ar="علي سالم حسن", en="Ali S. Hassan",
                            father="سالم", extra=""))
    found = errors(write(tmp_path, head))
    assert len(found) == 1 and found[0].startswith("10: ali-salem-hassan: name_parts: "
                                                   "'علي حسن' (given + family name)"), found
    assert "list it as an alias with shared: true on both" in found[0]
    shared = "    aliases:\n      - {text: علي حسن, kind: short, shared: true}\n"
    both = head.replace("family: حسن}\n", "family: حسن}\n" + shared)
    assert errors(write(tmp_path, both, "both.yaml")) == []


def test_validate_names_the_default_registry_as_the_user_would(tmp_path, monkeypatch, capsys):
    """The default registry is found as an absolute path; inside the working
    directory it is printed relative to it, as the user would name it."""
    from registry.cli import main

    description = "    description: Deputy commander-in-chief of the Libyan National Army.\n"
    write(tmp_path, edit(description, description.replace("description", "descripton")))
    monkeypatch.delenv("REGISTRY_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "github", "json"):
        assert main(["validate", "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert str(tmp_path) not in out, out
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.startswith("aliases.yaml:")
    assert main(["show", "nobody"]) == 3  # the other commands name it the same way
    assert capsys.readouterr().err.startswith("registry: aliases.yaml:")
