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
import json, resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
from registry.core import Registry
from registry.model.schema import Alias, Entity, Names, RegistryFile

def registry(alias):
    entity = Entity.model_construct(
        id="a", type="person", name=Names.model_construct(ar="بدر حسن", en="Badr Hassan"),
        aliases=[Alias.model_construct(text=alias, lang="ar", kind="full", shared=False)])
    return Registry(RegistryFile.model_construct(version=1, entities=[entity]))

def use(reg, word):
    found = reg.lookup("بدر حسن").id
    latin = reg.lookup("Badr Hassan").id  # builds the cross-script block maps too
    typo = [m.token == word for m in reg.index.token_matches(word[:-1] + "ت")]
    mentions = len(reg.annotate("قال " + word + " أمس"))
    return found, latin, typo, mentions

use(registry("بدر"), "بدر")  # language data and tables load before measuring
n = int(sys.argv[1])
word = ("بتثجحخدذرزسشصضطظعغفقكلمنهوي" * n)[:n]  # every deletion differs
tracemalloc.start()
start = time.process_time()
found, latin, typo, mentions = use(registry(word), word)
cpu = time.process_time() - start
peak = tracemalloc.get_traced_memory()[1]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"peak": peak, "rss": rss, "cpu": cpu, "found": found, "latin": latin,
                  "typo": typo, "mentions": mentions}))
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
    assert small["latin"] == large["latin"] == "a"
    # Peak Python memory while indexing and using the alias. A copy of the word
    # is 2 MB (two bytes a letter); a handful of copies (text, normalised text,
    # tokens) is linear. The deletion neighbourhood of a 1 MB word would need
    # about 10^12 bytes (the child's 2 GB cap ends it with a MemoryError).
    grown = int(large["peak"]) - int(small["peak"])  # type: ignore[call-overload]
    assert grown <= 32 * 1024 * 1024, grown
    assert float(large["cpu"]) < 10, large  # type: ignore[arg-type]
