"""validate: the naming-model checks (alias strength, shared identifying names)."""

from __future__ import annotations

from pathlib import Path

from registry.review.validate import validate_file

HEAD = "version: 1\nentities:\n"


def person(pid: str, given: str, family: str, extra: str = "") -> str:
    return (f"  - id: {pid}\n    type: person\n    name: {{ar: {given} {family}, en: {pid}}}\n"
            f"    name_parts: {{given: {given}, family: {family}}}\n{extra}")


def problems(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return [str(p) for p in validate_file(path)]


def test_identifying_alias_that_is_a_common_name_or_word(tmp_path: Path):
    found = problems(tmp_path, person("a", "نادر", "الصافي",
                                      "    aliases:\n"
                                      "      - {text: حسن, kind: nickname}\n"
                                      "      - {text: الزعيم, kind: laqab, strength: identifying}\n"
                                      "      - {text: الزعيم الصغير, kind: laqab}\n"))
    assert any(":8:" in p and "'حسن'" in p and "common given name" in p
               and "strength: never-alone" in p for p in found), found
    assert any(":9:" in p and "ordinary word" in p and "would name anyone" in p
               for p in found), found
    assert not any(":10:" in p for p in found), found


def test_identifying_alias_shared_by_two_people(tmp_path: Path):
    alias = "    aliases:\n      - {text: حميدتي, kind: nickname}\n"
    body = person("a", "نادر", "الصافي", alias) + person("b", "وائل", "الحداد", alias)
    found = problems(tmp_path, body)
    assert any("error" in p and "mark both shared" in p for p in found), found
    shared = body.replace("kind: nickname}", "kind: nickname, shared: true}")
    assert not any("error" in p for p in problems(tmp_path, shared))


def test_two_people_called_by_the_same_name(tmp_path: Path):
    body = (person("a", "شمس الدين", "كباشي").replace("كباشي}", "كباشي, called_by: family}")
            + person("b", "وائل", "الكباشي").replace("الكباشي}",
                                                   "الكباشي, called_by: family}"))
    found = problems(tmp_path, body)
    assert any("warning" in p and "'كباشي'" in p and "a and b" in p for p in found), found


def test_members_of_one_house_need_no_shared_alias(tmp_path: Path):
    """Relatives share a house name (آل ثاني) by nature: it resolves as ambiguous
    between them, which is right, so validate reports nothing; a house name
    someone declares as what they are called by is still checked."""
    body = person("a", "تميم", "آل ثاني") + person("b", "حمد", "آل ثاني")
    assert problems(tmp_path, body) == []
    declared = body.replace("آل ثاني}\n", "آل ثاني, called_by: family}\n")
    found = problems(tmp_path, declared)
    assert any("'ال ثاني'" in p and "a and b" in p for p in found), found
