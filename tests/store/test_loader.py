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


# Plain values PyYAML (YAML 1.1) reads as booleans or numbers that other YAML
# tools read otherwise, and explicit tags: each loaded quietly (``version:
# 0x1`` was 1, ``!!binary`` gave bytes) or was called "Input should be a valid
# string" while validate said something else. Now one strict behaviour: load,
# the streamed build and validate refuse them with the same line.
@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("version: 1\n", "version: 0x1\n", 1, "'0x1' is read by YAML 1.1 as the number 1 "
     "(hexadecimal)"),
    ("version: 1\n", "version: 1:00\n", 1, "'1:00' is read by YAML 1.1 as the number 60 "
     "(base 60)"),
    ("version: 1\n", "version: 01\n", 1, "the number 1 (octal)"),
    ("en: Ali Hassan}", "en: No}", 18, "'No' is read by YAML 1.1 as the boolean false "
     "(other YAML tools read text): quote it if it is text"),
    ("en: Ali Hassan}", "en: on}", 18, "'on' is read by YAML 1.1 as the boolean true"),
    ("  - id: ali-hassan\n", "  - id: 0123\n", 16, "'0123' is read by YAML 1.1 as the "
     "number 83 (octal)"),
    ("en: Ali Hassan}", "en: !!binary QWxp}", 18, "YAML tag '!!binary' is not used in "
     "the registry"),
    ("en: Ali Hassan}", "en: !!str Ali}", 18, "YAML tag '!!str' is not used"),
    # portable forms where text belongs: said so, not "Input should be a valid string"
    ("en: Ali Hassan}", "en: 1973}", 18, "ali-hassan: name.en: '1973' is read by YAML as a "
     "number: quote it if it is text"),
    ("en: Ali Hassan}", "en: null}", 18, "'null' is read by YAML as no value (null)"),
])
def test_yaml_1_1_forms_and_tags_are_refused_alike_everywhere(tmp_path, old, new, line,
                                                               message):
    from registry.core import compile_registry
    from registry.review.fmt import format_file
    from registry.review.validate import validate_file

    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    error = error_of(path)
    assert error.startswith(f"{path}:{line}:") and message in error, error
    with pytest.raises(RegistryFileError) as info:
        compile_registry(path, tmp_path / "x.store")
    assert str(info.value) == error
    assert not (tmp_path / "x.store").exists()
    found = [str(p) for p in validate_file(path) if p.severity == "error"]
    assert any(p.startswith(f"{path}:{line}:") and message in p for p in found), found
    if "YAML 1.1" in message or "tag" in message:  # the others are schema errors
        with pytest.raises(RegistryFileError, match="YAML"):
            format_file(path, check=True)


def test_portable_yaml_values_still_load(tmp_path):
    text = GOOD.replace("en: Ali Hassan}", "en: 'No'}").replace(
        "name_parts: {given: علي, family: حسن}\n",
        "name_parts: {given: علي, family: حسن}\n    born: 1950\n"
        "    aliases: [{text: 'On', lang: 'no', shared: true}]\n")
    reg = registry.load(write(tmp_path, text))
    person = reg.get("ali-hassan")
    assert person.name.en == "No" and str(person.born) == "1950"
    assert (person.aliases[0].text, person.aliases[0].lang) == ("On", "no")
