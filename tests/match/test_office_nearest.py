"""A head + a country names the office styled by that head's title (the
President of Mauritania), not the president of a party or of the assembly; a
head + an organisation names that organisation's office before one of a body
inside it. From the Palestine/Libya/Mauritania held-out audit
(tests/domains/pal_libya_maur, causes 3 and 4). Constructed registry."""

from __future__ import annotations

import pytest

from registry.core import Registry
from registry.model.schema import RegistryFile

SOURCE = [{"url": "https://example.org/source"}]


def person(pid: str, ar: str, position: str, start: str, end: str | None = None
           ) -> dict[str, object]:
    role: dict[str, object] = {"position": position, "start": start, "sources": SOURCE}
    if end:
        role["end"] = end
    return {"id": pid, "type": "person", "name": {"ar": ar, "en": pid}, "roles": [role]}


def body(bid: str, ar: str, part_of: str) -> dict[str, object]:
    return {"id": bid, "type": "organization", "name": {"ar": ar, "en": bid}, "part_of": part_of}


def office(pid: str, ar: str, org: str, title: str | None = None) -> dict[str, object]:
    out: dict[str, object] = {"id": pid, "type": "position", "name": {"ar": ar, "en": pid},
                              "organization": org, "heads": ["president"]}
    if title:
        out["title"] = title
    return out


@pytest.fixture(scope="module")
def offices() -> Registry:
    doc = {"version": 1, "entities": [
        person("state-president", "سيدي ولد بوبكر", "president", "2007-04-19", "2008-08-06"),
        person("party-leader", "أحمد ولد داداه", "party-president", "2001-01-01"),
        person("plo-chairman", "محمود عباس", "plo-chair", "2004-11-11"),
        person("speaker", "روحي فتوح", "council-speaker", "2022-02-08"),
        office("president", "رئيس الجمهورية الموريتانية", "presidency", title="president"),
        office("party-president", "رئيس حزب التكتل", "party"),
        office("plo-chair", "رئيس منظمة التحرير", "plo", title="president"),
        office("council-speaker", "رئيس المجلس الوطني الفلسطيني", "council"),
        body("presidency", "رئاسة الجمهورية الموريتانية", "mauritania"),
        body("party", "حزب التكتل", "mauritania"),
        body("plo", "منظمة التحرير الفلسطينية", "palestine"),
        body("council", "المجلس الوطني الفلسطيني", "plo"),
        {"id": "mauritania", "type": "place", "name": {"ar": "موريتانيا", "en": "Mauritania"}},
        {"id": "palestine", "type": "place", "name": {"ar": "فلسطين", "en": "Palestine"}},
    ]}
    return Registry(RegistryFile.model_validate(doc))


def test_the_countrys_president_is_the_styled_one(offices: Registry) -> None:
    res = offices.lookup("الرئيس الموريتاني", "2008-01-01")
    assert (res.status, res.id) == ("matched", "state-president"), res.explanation
    # the junta's year: no president of the republic, and the party leader is none
    assert offices.lookup("الرئيس الموريتاني", "2009-01-01").status == "unknown"
    # the party's own name still names its president
    assert offices.lookup("رئيس حزب التكتل", "2009-01-01").id == "party-leader"


def test_an_organisations_own_office_before_its_councils(offices: Registry) -> None:
    res = offices.lookup("رئيس منظمة التحرير الفلسطينية", "2023-01-01")
    assert (res.status, res.id) == ("matched", "plo-chairman"), res.explanation
    assert offices.lookup("رئيس المجلس الوطني الفلسطيني", "2023-01-01").id == "speaker"
