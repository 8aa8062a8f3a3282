"""registry fmt: canonical layout, comments kept, idempotent, atomic, --check."""

from __future__ import annotations

import subprocess
import sys

import pytest

from registry.review.fmt import format_file, format_text
from tests.conftest import ROOT

MESSY = """\
# The registry (a comment that must survive)
entities:
  # people first
  - type: person
    id: ali-hassan   # trailing comment
    name: {en: Ali Hassan, ar: علي حسن}
    roles:
      - start: 2020-05-01
        sources:
          - url: https://example.org/ali
        position: army-chief
        end: 2021
version: 1
"""


def test_repository_registry_is_formatted():
    before, after = format_text(ROOT / "aliases.yaml")
    assert before == after


def test_fmt_orders_keys_quotes_dates_and_keeps_comments(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(MESSY, "utf-8")
    changed, diff = format_file(path, check=False)
    assert changed and diff
    text = path.read_text("utf-8")
    assert text.index("version: 1") < text.index("entities:")
    assert text.index("id: ali-hassan") < text.index("type: person")
    assert text.index("position: army-chief") < text.index('start: "2020-05-01"')
    assert 'end: "2021"' in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aliases.yaml"]  # no lock file left
    assert "{ar: علي حسن, en: Ali Hassan}" in text
    for comment in ("# The registry (a comment that must survive)", "# people first",
                    "# trailing comment"):
        assert comment in text


def test_fmt_is_idempotent(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(MESSY, "utf-8")
    format_file(path, check=False)
    once = path.read_text("utf-8")
    changed, _ = format_file(path, check=False)
    assert not changed and path.read_text("utf-8") == once


def test_check_reports_without_writing(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(MESSY, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "registry", "fmt", "--check", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"--- {path} (current)")
    assert "not formatted" in proc.stderr
    assert path.read_text("utf-8") == MESSY
    proc = subprocess.run([sys.executable, "-m", "registry", "fmt", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0
    proc = subprocess.run([sys.executable, "-m", "registry", "fmt", "--check", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout == ""


def test_fmt_on_broken_yaml_is_one_line_error(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("version: 1\nentities: [\n", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "registry", "fmt", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 3
    assert proc.stderr.startswith(f"registry: {path}:") and "Traceback" not in proc.stderr
    assert path.read_text("utf-8") == "version: 1\nentities: [\n"


# Written the way people write: section headers between entities, comments above
# and beside keys, and scalars in unusual spellings fmt must not touch.
AS_WRITTEN = """\
version: 1
entities:
  # ── People ──────────────────────────────
  - name: {en: Ali Hassan, ar: علي حسن}
    # the slug never changes
    id: ali-hassan
    type: person
    ids: {count: 1.0e+3, note: ~, hex: '0x1F', flag: TRUE, when: 2020-01-01}
    roles:
      - position: army-chief   # beside the position
        # from the decree
        start: 2020-05-01
        end: '2021'
        sources:
          - url: https://example.org/ali

  # ── Places ──────────────────────────────
  # (cities first)
  - id: some-city
    type: place
    name: {ar: مدينة, en: Some City}
"""

CANONICAL = """\
version: 1
entities:
  # ── People ──────────────────────────────
  # the slug never changes
  - id: ali-hassan
    type: person
    name: {ar: علي حسن, en: Ali Hassan}
    ids: {count: 1.0e+3, note: ~, hex: '0x1F', flag: TRUE, when: 2020-01-01}
    roles:
      - position: army-chief   # beside the position
        # from the decree
        start: "2020-05-01"
        end: "2021"
        sources:
          - url: https://example.org/ali

  # ── Places ──────────────────────────────
  # (cities first)
  - id: some-city
    type: place
    name: {ar: مدينة, en: Some City}
"""


def test_fmt_keeps_comments_with_the_node_they_precede_and_scalars_as_written(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(AS_WRITTEN, "utf-8")
    format_file(path, check=False)
    assert path.read_text("utf-8") == CANONICAL


def test_a_formatted_file_round_trips_byte_for_byte(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(CANONICAL, "utf-8")
    before, after = format_text(path)
    assert before == after == CANONICAL


def test_fmt_on_a_symlink_formats_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "data" / "aliases.yaml"
    target.parent.mkdir()
    target.write_text(AS_WRITTEN, "utf-8")
    link = tmp_path / "aliases.yaml"
    link.symlink_to(target)
    changed, _ = format_file(link, check=False)
    assert changed and link.is_symlink()
    assert target.read_text("utf-8") == CANONICAL


def test_any_key_order_formats_back_to_the_repository_registry(monkeypatch):
    """Shuffle the keys of every mapping (comments above keys move with them),
    then format: the canonical file comes back byte for byte."""
    import random

    from registry.review import fmt

    text = (ROOT / "aliases.yaml").read_text("utf-8")
    canonical_order = fmt._Formatter.order
    for seed in range(3):
        rnd = random.Random(seed)

        def shuffled(self, keys, kind, rnd=rnd):
            order = list(range(len(keys)))
            rnd.shuffle(order)
            return order

        monkeypatch.setattr(fmt._Formatter, "order", shuffled)
        scrambled = fmt.canonical_text(text)
        monkeypatch.setattr(fmt._Formatter, "order", canonical_order)
        assert scrambled != text
        assert fmt.canonical_text(scrambled) == text


# Comments that close a value (indented deeper than the next key) stay with that
# value when fmt moves keys: commented-out list items, a remark after the last
# entity, and comments after the last key of a mapping or at the end of a file.
TRAILING_CASES = {
    "commented-out aliases before a key that moves up": ("""\
version: 1
entities:
  - id: a
    type: organization
    name: {ar: هيئة, en: Body}
    aliases:
      - text: الهيئة
      # - text: هيئة أخرى
      #   kind: short
    ids: {wikidata: Q1}
""", """\
version: 1
entities:
  - id: a
    type: organization
    name: {ar: هيئة, en: Body}
    ids: {wikidata: Q1}
    aliases:
      - text: الهيئة
      # - text: هيئة أخرى
      #   kind: short
"""),
    "a remark after the last entity, before a top key that moves up": ("""\
entities:
  - id: a
    type: place
    name: {ar: مدينة, en: City}
  # more places to come
version: 1
""", """\
version: 1
entities:
  - id: a
    type: place
    name: {ar: مدينة, en: City}
  # more places to come
"""),
    "a remark after a blank line, before a top key that moves up": ("""\
entities:
  - id: a
    type: place
    name: {ar: مدينة, en: City}

  # more places to come
version: 1
""", """\
version: 1
entities:
  - id: a
    type: place
    name: {ar: مدينة, en: City}

  # more places to come
"""),
    "the last key moves up with the comments after it": ("""\
version: 1
entities:
  - id: a
    type: person
    name: {ar: علي, en: Ali}
    ranks:
      - title: colonel
    aliases:
      - text: Aly
      # - text: Alee
""", """\
version: 1
entities:
  - id: a
    type: person
    name: {ar: علي, en: Ali}
    aliases:
      - text: Aly
      # - text: Alee
    ranks:
      - title: colonel
"""),
    "comments between list items and after a mapping's last key": ("""\
version: 1
entities:
  - id: a
    type: person
    name: {ar: علي, en: Ali}
    roles:
      - end: "2021"
        position: x
        # closes the first role
      # between the roles
      - end: "2022"
        position: y
    # after the last key of the entity
# end of file
""", """\
version: 1
entities:
  - id: a
    type: person
    name: {ar: علي, en: Ali}
    roles:
      - position: x
        end: "2021"
        # closes the first role
      # between the roles
      - position: y
        end: "2022"
    # after the last key of the entity
# end of file
"""),
    "a file that is only comments": ("# nothing yet\n#   (to be filled)\n",
                                     "# nothing yet\n#   (to be filled)\n"),
}


@pytest.mark.parametrize("case", sorted(TRAILING_CASES))
def test_fmt_keeps_trailing_comments_with_the_value_they_close(tmp_path, case):
    written, expected = TRAILING_CASES[case]
    path = tmp_path / "aliases.yaml"
    path.write_text(written, "utf-8")
    format_file(path, check=False)
    assert path.read_text("utf-8") == expected
    assert format_text(path) == (expected, expected)  # idempotent


def test_cr_only_line_ends_are_formatted_not_spliced_into_garbage(tmp_path):
    """Old Mac line ends (CR alone) are line breaks to YAML but not to the
    formatter's line arithmetic: fmt wrote a file of repeated, cut-up entities
    that no longer parsed. They become LF, and the data is unchanged."""
    import yaml

    path = tmp_path / "mac.yaml"
    path.write_bytes(MESSY.replace("\n", "\r").encode("utf-8"))
    format_file(path, check=False)
    text = path.read_bytes().decode("utf-8")
    assert "\r" not in text
    expected = tmp_path / "unix.yaml"
    expected.write_text(MESSY, "utf-8")
    format_file(expected, check=False)
    assert text == expected.read_text("utf-8")
    assert yaml.safe_load(text)["entities"][0]["id"] == "ali-hassan"


def test_a_layout_that_would_change_the_data_is_never_written(tmp_path, monkeypatch):
    """The formatted text is read back before it is written: a formatter bug
    (here, a value dropped) is a one-line refusal and the file is untouched."""
    from registry.errors import RegistryFileError
    from registry.review import fmt

    path = tmp_path / "aliases.yaml"
    path.write_text(MESSY, "utf-8")
    real = fmt._Formatter.render

    def losing(self, node, kind, key, floor):
        piece = real(self, node, kind, key, floor)
        return fmt._Piece(piece.start, piece.end, piece.text.replace("army-chief", "x"),
                          piece.above)

    monkeypatch.setattr(fmt._Formatter, "render", losing)
    with pytest.raises(RegistryFileError, match="without changing what it says"):
        format_file(path, check=False)
    assert path.read_text("utf-8") == MESSY


def test_a_byte_order_mark_is_kept_and_does_not_shift_the_layout(tmp_path):
    """The YAML reader skips a BOM, so every node offset was one short of the
    text's: fmt wrote '-id: ...' and cut keys in half (the read-back check
    refused it; before that check the file was garbled)."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.encode("utf-8"))
    format_file(path, check=False)
    expected = tmp_path / "plain.yaml"
    expected.write_text(MESSY, "utf-8")
    format_file(expected, check=False)
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.read_bytes()
