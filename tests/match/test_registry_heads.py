"""A registry declares its own office heads (``vocabulary: heads:``).

The shipped heads (registry/data/offices.yaml) are the jobs of states and
armies. A registry of clubs, companies or religious bodies names its offices
with other words (مدرب, المدير الفني, رئيس مجلس إدارة); declaring the head once
lets every phrasing compose, as a shipped head does, instead of listing each
phrasing as an alias. A position pointing at a head nobody declared would
silently never compose: that is an error, at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.core import compile_registry, load
from registry.errors import RegistryFileError

CLUB = """\
version: 1
vocabulary:
  heads:
    - id: coach
      en: Coach (of a team)
      ar: [مدرب, المدرب, المدير الفني]
      forms: {en: [coach, head coach]}
    - id: minister-of-defence      # a shipped id: this registry's wording replaces it
      en: Minister of War
      ar: [وزير الحربية]
      bare: true
entities:
  - id: zamalek
    type: organization
    name: {ar: نادي الزمالك, en: Zamalek SC}
    short_names: [الزمالك]
  - id: egypt
    type: place
    name: {ar: مصر, en: Egypt}
    adjectives: [مصري]
  - id: egypt-government
    type: organization
    name: {ar: الحكومة المصرية, en: Government of Egypt}
    part_of: egypt
  - id: coach-of-zamalek
    type: position
    name: {ar: مدرب نادي الزمالك, en: Zamalek head coach}
    organization: zamalek
    heads: [coach]
  - id: egypt-war-minister
    type: position
    name: {ar: وزير الحربية المصري, en: Egyptian Minister of War}
    organization: egypt-government
    heads: [minister-of-defence]
  - id: hamdi-salem
    type: person
    name: {ar: حمدي فتحي سالم, en: Hamdi Fathi Salem}
    name_parts: {given: حمدي, father: فتحي, family: سالم}
    roles:
      - {position: coach-of-zamalek, start: "2021-01", end: "2022-06",
         sources: [{url: "https://example.org/a"}]}
      - {position: egypt-war-minister, start: "2023-01",
         sources: [{url: "https://example.org/c"}]}
  - id: karim-mansour
    type: person
    name: {ar: كريم عادل منصور, en: Karim Adel Mansour}
    name_parts: {given: كريم, father: عادل, family: منصور}
    roles:
      - {position: coach-of-zamalek, start: "2022-07",
         sources: [{url: "https://example.org/b"}]}
"""


@pytest.fixture(scope="module", params=["memory", "store"])
def club(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("club")
    folder.chmod(0o700)
    path = folder / "club.yaml"
    path.write_text(CLUB, encoding="utf-8")
    if request.param == "memory":
        return load(path, use_cache=False)
    return load(compile_registry(path, folder / "club.store"))


@pytest.mark.parametrize(("phrase", "at", "holder"), [
    ("المدير الفني للزمالك", "2021-06", "hamdi-salem"),  # a wording the name does not use
    ("مدرب الزمالك", "2021-06", "hamdi-salem"),  # the club's short name
    ("المدير الفني لنادي الزمالك", "2023-06", "karim-mansour"),  # the successor
    ("the head coach of Zamalek SC", "2021-06", "hamdi-salem"),  # the head's English form
    ("Zamalek SC coach", "2023-06", "karim-mansour"),
])
def test_a_declared_head_composes_like_a_shipped_one(club, phrase, at, holder) -> None:
    res = club.lookup(phrase, at)
    assert (res.status, res.id) == ("matched", holder), res.explanation
    assert any("office head coach" in line for line in res.explanation)


def test_a_head_with_a_shipped_id_takes_the_registrys_wording(club) -> None:
    res = club.lookup("وزير الحربية المصري", "2024-01")
    assert (res.status, res.id) == ("matched", "hamdi-salem"), res.explanation
    # the shipped wording of that head is no longer this registry's
    res = club.lookup("وزير الدفاع المصري", "2024-01")
    assert res.id != "hamdi-salem" or res.status != "matched"


def test_annotate_reads_a_declared_head_in_running_text(club) -> None:
    mentions = club.annotate("وقال المدير الفني للزمالك إن الفريق جاهز للمباراة.",
                             "2023-03-01")
    offices = [m for m in mentions if m.id == "karim-mansour"]
    assert [m.text for m in offices] == ["المدير الفني للزمالك"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_position_naming_an_undeclared_head_is_an_error_at_its_line(tmp_path) -> None:
    text = CLUB.replace("heads: [coach]", "heads: [trainer]")
    line = text.splitlines().index("    heads: [trainer]") + 1
    with pytest.raises(RegistryFileError) as caught:
        load(write(tmp_path, text), use_cache=False)
    message = str(caught.value)
    assert f":{line}:" in message and "unknown office head 'trainer'" in message


def test_a_head_declared_twice_is_an_error(tmp_path) -> None:
    text = CLUB.replace("entities:\n", "    - id: coach\n      en: Coach again\n"
                        "      ar: [مدرب فريق]\nentities:\n", 1)
    with pytest.raises(RegistryFileError, match="duplicate office head id 'coach'"):
        load(write(tmp_path, text), use_cache=False)
