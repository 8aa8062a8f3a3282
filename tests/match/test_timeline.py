"""Who held an office in a period: partial dates, start_by, undated tenures and
same-day handovers (README, "Dates"), against a registry built in the test."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile
from tests.match.test_resolver_rules import SOURCE, person


def role(position, **dates):
    return {"position": position, **dates, "sources": SOURCE}


@pytest.fixture(scope="module")
def reg() -> Registry:
    doc = {"version": 1, "entities": [
        {"id": "navy", "type": "organization", "name": {"ar": "البحرية", "en": "Navy"}},
        {"id": "admiral", "type": "position", "organization": "navy",
         "name": {"ar": "قائد القوات البحرية", "en": "Navy chief"}},
        {"id": "spokesman", "type": "position", "organization": "navy",
         "name": {"ar": "المتحدث باسم البحرية", "en": "Navy spokesman"}},
        {"id": "keeper", "type": "position", "organization": "navy",
         "name": {"ar": "أمين سر البحرية", "en": "Navy secretary"}},
        {"id": "archivist", "type": "position", "organization": "navy",
         "name": {"ar": "أمين أرشيف البحرية", "en": "Navy archivist"}},
        # Handover on one day: 2022-06-15 is the last day of one, the first of the next.
        person("first", "سمير", "النجار",
               roles=[role("admiral", start="2019-05-01", end="2022-06-15")]),
        person("second", "وائل", "الحداد", roles=[role("admiral", start="2022-06-15")]),
        # Only known to be in office by a date.
        person("speaker", "نبيل", "الصافي", roles=[role("spokesman", start_by="2025-08-14")]),
        # No dates at all, alone; and undated beside a dated holder.
        person("lone", "حسن", "الشامي", roles=[role("keeper")]),
        person("dated", "كريم", "العطار", roles=[role("archivist", start="2020")]),
        person("undated", "مراد", "الجبوري", roles=[role("archivist")]),
    ]}
    return Registry(RegistryFile.model_validate(doc))


@pytest.mark.parametrize(("query", "at", "status", "holder"), [
    ("قائد القوات البحرية", "2020", "matched", "first"),  # one holder all year
    ("قائد القوات البحرية", "2022-06", "ambiguous", None),  # handover within the month
    ("قائد القوات البحرية", "2022", "ambiguous", None),
    ("قائد القوات البحرية", "2022-06-14", "matched", "first"),
    ("قائد القوات البحرية", "2022-06-16", "matched", "second"),
    ("قائد القوات البحرية", "2023", "matched", "second"),
    ("قائد القوات البحرية", "2019-04", "unknown", None),  # before anyone's start
    ("المتحدث باسم البحرية", "2025-08-14", "matched", "speaker"),
    ("المتحدث باسم البحرية", "2025-05-01", "matched", "speaker"),  # before start_by, lower
    ("المتحدث باسم البحرية", "2021", "ambiguous", None),  # years before: a candidate only
    ("أمين سر البحرية", "2026-11-23", "matched", "lone"),  # undated, nothing contradicts
    ("أمين سر البحرية", None, "matched", "lone"),
    ("أمين أرشيف البحرية", "2023", "matched", "dated"),  # the undated one is a low candidate
])
def test_office_holder_in_a_period(reg, query, at, status, holder):
    res = reg.lookup(query, at)
    assert (res.status, res.id) == (status, holder), res.explanation
    if status == "ambiguous" and "البحرية" in query and at in ("2022-06", "2022"):
        assert {c.id for c in res.candidates} == {"first", "second"}


def test_before_start_by_is_explained_and_scored_lower(reg):
    on = reg.lookup("المتحدث باسم البحرية", "2025-08-14")
    before = reg.lookup("المتحدث باسم البحرية", "2025-05-01")
    assert before.score < on.score
    assert any("in office by 2025-08-14; earlier tenure not recorded" in line
               for line in before.explanation)


def test_an_undated_tenure_is_a_low_candidate_beside_a_dated_one(reg):
    res = reg.lookup("أمين أرشيف البحرية", "2023")
    scores = {c.id: c.score for c in res.candidates}
    assert scores["undated"] < scores["dated"]
    assert any("tenure undated" in line for line in res.explanation) or "undated" in scores


def test_partial_date_spanning_a_handover_names_both(reg):
    res = reg.lookup("قائد القوات البحرية", "2022-06")
    assert any("only part of 2022-06" in line for line in res.explanation)
