"""Hostile sizes: one enormous word must cost memory and time linear in its
length, whether it reaches the index through a library caller (who can build
entities without the schema's length limits) or arrives as a query."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# Run in a child with address-space and CPU caps, so the quadratic failure
# this guards against ends there instead of eating the shared machine.
PROBE = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
from registry.core import Registry
from registry.model.schema import Alias, Entity, Names, RegistryFile

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

n = int(sys.argv[1])
word = "ب" * n
before = peak()
start = time.process_time()
entity = Entity.model_construct(
    id="a", type="person", name=Names.model_construct(ar="علي حسن", en="Ali Hassan"),
    aliases=[Alias.model_construct(text=word, lang="ar", kind="full", shared=False)])
reg = Registry(RegistryFile.model_construct(version=1, entities=[entity]))
found = reg.lookup("علي حسن").id
typo = [m.token == word for m in reg.index.token_matches(word[:-1] + "ت")]
mentions = len(reg.annotate("قال " + word + " أمس"))
print(json.dumps({"rss": peak() - before, "cpu": time.process_time() - start,
                  "found": found, "typo": typo, "mentions": mentions}))
"""


def probe(size: int) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", PROBE, str(size)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_memory_and_time_stay_linear_as_one_alias_grows_from_1kb_to_1mb():
    small, large = probe(1024), probe(1024 * 1024)
    assert small["found"] == large["found"] == "a"
    grown = int(large["rss"]) - int(small["rss"])  # type: ignore[call-overload]
    # A copy of the word is 2 MB (two bytes a letter); a handful of copies
    # (text, normalised text, tokens) is linear. The deletion neighbourhood
    # of a 1 MB word would need about 10^12 bytes.
    assert grown <= 64 * 1024 * 1024, grown
    assert float(large["cpu"]) < 10, large  # type: ignore[arg-type]
