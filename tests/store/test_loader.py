"""Loading aliases.yaml: a malformed file fails with ``file:line: message``."""

from __future__ import annotations

import pytest

import registry
from registry.errors import RegistryFileError

GOOD = """\
version: 1
vocabulary:
  titles:
    - id: general
      kind: military-rank
      en: General
      ar: [الفريق أول]
entities:
  - id: some-army
    type: organization
    name: {ar: جيش ما, en: Some Army}
  - id: army-chief
    type: position
    name: {ar: قائد الجيش, en: Army chief}
    organization: some-army
  - id: ali-hassan
    type: person
    name: {ar: علي حسن, en: Ali Hassan}
    name_parts: {given: علي, family: حسن}
    roles:
      - position: army-chief
        start: "2020"
        sources:
          - url: https://example.org/ali
"""


def write(tmp_path, text: str | bytes):
    path = tmp_path / "aliases.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(RegistryFileError) as info:
        registry.load(path)
    return str(info.value)


def test_good_file_loads(tmp_path):
    reg = registry.load(write(tmp_path, GOOD))
    assert reg.get("ali-hassan").name.en == "Ali Hassan"
    assert reg.lookup("علي حسن").contenders == ["ali-hassan"]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("    type: organization\n", "    type: organization\n   bad: [\n", 11,
         "YAML syntax"),
        ("    name: {ar: جيش ما, en: Some Army}\n",
         "    name: {ar: جيش ما, en: Some Army}\n    type: place\n", 12,
         "duplicate key 'type' (first at line 10)"),
        ("    organization: some-army\n", "    organization: some-army\n    colour: red\n", 16,
         "army-chief: unknown key 'colour'"),
        ('        start: "2020"\n', '        start: "2020-13"\n', 22,
         "ali-hassan: roles[0].start: 2020-13: no such month"),
        ("  - id: ali-hassan\n", "  - id: Ali Hassan\n", 16,
         "Ali Hassan: id: 'Ali Hassan' is not an id"),
        ("          - url: https://example.org/ali\n", "          - note: trust me\n", 24,
         "a source needs a file and a quote, or a url"),
        ("        sources:\n          - url: https://example.org/ali\n", "        sources: []\n",
         23, "ali-hassan: roles[0].sources: needs at least one entry"),
        ("      - position: army-chief\n", "      - position: navy-chief\n", 21,
         "unknown id 'navy-chief'"),
        ("      - position: army-chief\n", "      - position: some-army\n", 21,
         "'some-army' is an organization, not a position"),
        ("  - id: army-chief\n", "  - id: some-army\n", 12, "duplicate id 'some-army'"),
        ("    name_parts: {given: علي, family: حسن}\n",
         "    name_parts: {given: علي, family: حسن}\n    organization: some-army\n", 20,
         "organization is for positions, not a person"),
    ],
)
def test_broken_file_reports_line_and_message(tmp_path, old, new, line, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    error = error_of(path)
    assert error.startswith(f"{path}:{line}")
    assert message in error
    assert "\n" not in error


def test_invalid_utf8_names_line_and_byte(tmp_path):
    data = GOOD.encode("utf-8").replace(b"Some Army", b"Some \xff Army", 1)
    path = write(tmp_path, data)
    error = error_of(path)
    assert error.startswith(f"{path}:11: not UTF-8: byte 0xff at offset")


def test_missing_file_and_directory(tmp_path):
    assert error_of(tmp_path / "nope.yaml").endswith("nope.yaml: no such file")
    assert error_of(tmp_path).endswith("a registry folder with no .yaml files")


def test_empty_file_is_a_schema_error(tmp_path):
    error = error_of(write(tmp_path, ""))
    assert error.endswith("the file is empty: expected 'version: 1' and 'entities:'")


def test_deep_nesting_is_refused(tmp_path):
    deep = "version: 1\nx: " + "[" * 200 + "]" * 200 + "\n"
    assert "nesting deeper than" in error_of(write(tmp_path, deep))
