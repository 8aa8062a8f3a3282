"""What aliases.yaml promises: sources that hold, seeds kept verbatim, schema in sync."""

from __future__ import annotations

import subprocess
import sys

import pytest

from registry.names.normalize import name_key
from tests.conftest import ROOT, SEEDS


def all_sources(entity):
    for held in (*entity.ranks, *entity.roles):
        yield from held.sources
    for relation in entity.relations:
        yield from relation.sources


def test_every_role_and_rank_has_a_source(reg):
    for entity in reg.entities.values():
        for held in (*entity.ranks, *entity.roles, *entity.relations):
            assert held.sources, entity.id


def test_every_quote_is_in_its_file(reg):
    for entity in reg.entities.values():
        for source in all_sources(entity):
            if source.file:
                text = (ROOT / source.file).read_text("utf-8")
                assert source.quote in text, (entity.id, source.quote)


def test_seeds_are_the_shared_articles_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is not beside this checkout")
    assert [p.name for p in SEEDS] == sorted(p.name for p in shared.glob("*.txt"))
    for path in SEEDS:
        assert path.read_bytes() == (shared / path.name).read_bytes()


def test_json_schema_file_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "export_schema.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_first_line_points_editors_at_the_schema():
    first = (ROOT / "aliases.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./registry/data/aliases.schema.json"
    assert (ROOT / "registry" / "data" / "aliases.schema.json").is_file()


def test_ids_are_unique_and_people_have_name_parts(reg):
    for entity in reg.entities.values():
        if entity.type == "person":
            assert entity.name_parts is not None, entity.id


def test_every_canonical_name_resolves_to_its_entity(reg):
    for entity in reg.entities.values():
        if entity.type in ("person", "organization", "place"):
            res = reg.lookup(entity.name.ar)
            assert (res.status, res.id) == ("matched", entity.id), entity.name.ar


def test_people_the_primer_distinguishes(reg):
    # خليفة is Ahmed Khalifa's family name and Khalifa Haftar's given name.
    assert reg.get("ahmed-khalifa").name_parts.family == "خليفة"
    assert reg.get("khalifa-haftar").name_parts.given == "خليفة"
    parents = {r.target for e in ("saddam-haftar", "khaled-haftar")
               for r in reg.get(e).relations if r.type == "child-of"}
    assert parents == {"khalifa-haftar"}
    assert name_key(reg.get("saddam-haftar").name.ar) == "صدام خليفه حفتر"
