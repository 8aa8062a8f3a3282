"""A cold start from a compiled store never imports pydantic, and answers
exactly as the validated models do.

pydantic (importing it and building the schema's models) costs more CPU than
the whole of a cold ``registry resolve`` may; a store holds plain records, so
the lookup path must not reach the schema. This runs in a fresh interpreter,
where ``sys.modules`` tells what a real cold run imports.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

from registry.core import load
from tests.conftest import ROOT, SEEDS
from tests.query_table import read_queries

CHILD = """
import dataclasses, json, sys
import registry
reg = registry.load(sys.argv[1])
queries = json.loads(sys.stdin.read())
answers = [dataclasses.asdict(reg.lookup(q, at)) for q, at in queries["names"]]
mentions = [[dataclasses.asdict(m) for m in reg.annotate(text)] for text in queries["texts"]]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml")
               or m in ("registry.model.schema", "registry.store.loader"))
print(json.dumps({"answers": answers, "mentions": mentions, "heavy": heavy}))
"""


def test_a_lookup_from_a_store_imports_no_pydantic_and_answers_like_the_models(seed_store):
    # Nor PyYAML: the store carries the packaged data files parsed.
    queries = [(row.query, row.at) for row in read_queries()]
    texts = [path.read_text("utf-8") for path in SEEDS[:3]]
    proc = subprocess.run([sys.executable, "-c", CHILD, str(seed_store)],
                          input=json.dumps({"names": queries, "texts": texts}),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    child = json.loads(proc.stdout)
    assert child["heavy"] == []
    models = load(ROOT / "aliases.yaml", use_cache=False)
    expected = [dataclasses.asdict(models.lookup(q, at)) for q, at in queries]
    assert len(expected) > 100
    assert child["answers"] == json.loads(json.dumps(expected))
    mentions = [[dataclasses.asdict(m) for m in models.annotate(text)] for text in texts]
    assert child["mentions"] == json.loads(json.dumps(mentions))


def test_show_from_a_store_still_gives_the_whole_validated_entity(seed_store):
    proc = subprocess.run([sys.executable, "-m", "registry", "show", "--registry", str(seed_store),
                           "--json", "saddam-haftar"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    entity = load(ROOT / "aliases.yaml", use_cache=False).get("saddam-haftar")
    assert json.loads(proc.stdout) == entity.model_dump(mode="json", exclude_defaults=True)
