"""A held-out Latin <-> Arabic name list, scored per spelling convention.

tests/match/data/cross_script_heldout.jsonl was written blind (before reading the
transliteration code): about 125 Arabic names, each with the Latin renderings that
real copy uses for it, every row tagged with the convention it follows (Egyptian
press, Gulf, Levant, Iraqi/academic English, Maghreb French, Sudan/Libya, scholarly
transliteration with diacritics and its plain ASCII form). The negatives file holds
different names that come close in Latin script, where a confident match is the
worst possible answer.

Both directions are scored, as in test_cross_script.py:
- Latin queries against a registry holding one Arabic-only entity per distinct
  Arabic name;
- Arabic queries against Latin-only entities: registry k holds the k-th listed
  rendering of every name (so each pair is asked once, among the other names'
  renderings as distractors).

A pair passes when the right entity is matched, or the answer is ambiguous with the
right entity first. FLOORS are the figures measured on this list; they may only
rise. A negative must never be matched: the blind run found some that were, listed
in KNOWN_WRONG, each a failure to fix; that list may only shrink.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile
from registry.names.normalize import name_key

DATA = Path(__file__).parent / "data"

Pair = tuple[str, str, str]  # arabic, latin, convention
Table = dict[tuple[str, str], tuple[int, list[str]]]  # (direction, convention) -> total, failures

# (direction, convention) -> fewest pairs that must pass: the measured figures
FLOORS: dict[tuple[str, str], int] = {
    ("arabic->latin", "egyptian"): 58,
    ("arabic->latin", "gulf"): 59,
    ("arabic->latin", "iraqi"): 90,
    ("arabic->latin", "levant"): 39,
    ("arabic->latin", "maghreb"): 67,
    ("arabic->latin", "scholarly"): 30,
    ("arabic->latin", "scholarly_ascii"): 35,
    ("arabic->latin", "sudan_libya"): 26,
    ("latin->arabic", "egyptian"): 58,
    ("latin->arabic", "gulf"): 61,
    ("latin->arabic", "iraqi"): 91,
    ("latin->arabic", "levant"): 39,
    ("latin->arabic", "maghreb"): 68,
    ("latin->arabic", "scholarly"): 31,
    ("latin->arabic", "scholarly_ascii"): 35,
    ("latin->arabic", "sudan_libya"): 26,
}

# Negatives matched when the list was written (the blind run):
# (Arabic, Latin) -> directions. This may only shrink.
KNOWN_WRONG: dict[tuple[str, str], set[str]] = {
    # Salah is صلاح in most copy but صالح in Maghreb and Libyan copy (Bensalah):
    # usual for both, so the letters decide, and they fit صالح
    ("صالح العلي", "Salah al-Ali"): {"l->a", "a->l"},
    # رائد is peeled as the rank Major, then the family name alone matches
    ("رائد الحمداني", "Raad al-Hamdani"): {"a->l"},
}


def rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]


def pairs() -> list[Pair]:
    return [(r["name_a"], r["name_b"], r["convention"])
            for r in rows("cross_script_heldout.jsonl")]


def build(entities: list[dict[str, Any]]) -> Registry:
    doc = {"version": 1, "vocabulary": {"titles": []}, "entities": entities}
    return Registry(RegistryFile.model_validate(doc))


def arabic_only(pid: str, arabic: str) -> dict[str, Any]:
    return {"id": pid, "type": "person", "name": {"ar": arabic, "en": "—"}}


def latin_only(pid: str, latin: str) -> dict[str, Any]:
    return {"id": pid, "type": "person", "name": {"ar": latin, "en": latin}}


def passes(reg: Registry, query: str, want: str) -> bool:
    res = reg.lookup(query, explain=False)
    if res.status == "matched":
        return res.id == want
    return res.status == "ambiguous" and bool(res.contenders) and res.contenders[0] == want


@cache
def score() -> Table:
    """Every pair asked in both directions; failures listed per convention."""
    table: dict[tuple[str, str], tuple[int, list[str]]] = {}
    total: dict[tuple[str, str], int] = defaultdict(int)
    failed: dict[tuple[str, str], list[str]] = defaultdict(list)
    ids: dict[str, str] = {}
    for arabic, _, _ in pairs():
        ids.setdefault(name_key(arabic), f"p{len(ids)}")
    forward = build([arabic_only(pid, arabic) for arabic, pid in
                     {a: ids[name_key(a)] for a, _, _ in pairs()}.items()])
    renderings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for arabic, latin, convention in pairs():
        key = ("latin->arabic", convention)
        total[key] += 1
        if not passes(forward, latin, ids[name_key(arabic)]):
            failed[key].append(f"{latin} -> {arabic}")
        renderings[ids[name_key(arabic)]].append((latin, convention))
    arabic_of = {ids[name_key(a)]: a for a, _, _ in pairs()}
    for k in range(max(len(v) for v in renderings.values())):
        slot = {pid: r[k] for pid, r in renderings.items() if len(r) > k}
        reg = build([latin_only(pid, latin) for pid, (latin, _) in slot.items()])
        for pid, (latin, convention) in slot.items():
            key = ("arabic->latin", convention)
            total[key] += 1
            if not passes(reg, arabic_of[pid], pid):
                failed[key].append(f"{arabic_of[pid]} -> {latin}")
    for key, n in total.items():
        table[key] = (n, failed[key])
    return table


def test_the_list_covers_every_convention() -> None:
    ps = pairs()
    assert len(ps) >= 400 and len({name_key(a) for a, _, _ in ps}) >= 120
    assert len(rows("cross_script_heldout_negatives.jsonl")) >= 100
    assert {c for _, _, c in ps} == {"egyptian", "gulf", "levant", "iraqi", "maghreb",
                                     "sudan_libya", "scholarly", "scholarly_ascii"}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_floors(key: tuple[str, str]) -> None:
    n, failures = score()[key]
    assert n - len(failures) >= FLOORS[key], failures


def matched_negatives() -> dict[tuple[str, str], set[str]]:
    """Negatives answered with a confident match, in either direction."""
    wrong: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows("cross_script_heldout_negatives.jsonl"):
        pair = (row["arabic"], row["latin"])
        if build([arabic_only("p", row["arabic"])]).lookup(row["latin"]).status == "matched":
            wrong[pair].add("l->a")
        if build([latin_only("p", row["latin"])]).lookup(row["arabic"]).status == "matched":
            wrong[pair].add("a->l")
    return dict(wrong)


def test_no_new_negative_is_matched() -> None:
    """A confident match on a different name is the worst answer: none beyond the
    ones the blind run found, each of which is a listed failure to fix."""
    new = {pair: dirs - KNOWN_WRONG.get(pair, set())
           for pair, dirs in matched_negatives().items()}
    assert not {pair: dirs for pair, dirs in new.items() if dirs}


def test_fixed_negatives_leave_the_known_list() -> None:
    """Keeps KNOWN_WRONG honest: an entry the system no longer matches must go."""
    now = matched_negatives()
    stale = {pair: dirs - now.get(pair, set()) for pair, dirs in KNOWN_WRONG.items()}
    assert not {pair: dirs for pair, dirs in stale.items() if dirs}
