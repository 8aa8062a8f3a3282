"""A bare office (وزير الصحة, "the prime minister": a head with no country or
body named) in running text: any country's office. The article's context may
say whose, for positions that list their heads and for those whose head is read
off their name alike; an article about a country the registry holds no place
for, or one lone given name beside the office, is not enough."""

from __future__ import annotations

from typing import Any

from registry.core import Registry
from tests.builders import holder, position, registry_of


def _kuwait(pm_heads: tuple[str, ...] = (), **heads: Any) -> Registry:
    return registry_of(
        {"id": "kuwait", "type": "place", "name": {"ar": "الكويت", "en": "Kuwait"}},
        {"id": "government-of-kuwait", "type": "organization",
         "name": {"ar": "الحكومة الكويتية", "en": "Government of Kuwait"}, "part_of": "kuwait"},
        position("health-minister-kuwait", "وزير الصحة الكويتي", "government-of-kuwait",
                 **heads),
        position("prime-minister-kuwait", "رئيس مجلس الوزراء الكويتي", "government-of-kuwait",
                 **({"heads": list(pm_heads)} if pm_heads else {})),
        holder("awadhi", "أحمد العوضي", "health-minister-kuwait", "2023-06-01"),
        holder("sabah", "محمد الصباح", "prime-minister-kuwait", "2024-01-01"),
    )


KUWAIT_ARTICLE = ("الكويت، 5 مايو 2024 - أعلن وزير الصحة أن الوزارة ستفتتح مستشفى جديدا "
                  "في الكويت الشهر المقبل.")


def _office(reg: Registry, text: str, words: str) -> tuple[str, str | None]:
    found = [m for m in reg.annotate(text) if m.kind == "role" and m.text == words]
    assert found, [(m.text, m.kind) for m in reg.annotate(text)]
    return found[0].status, found[0].id


def test_a_head_read_off_the_positions_name_is_found_bare_and_settled_by_context():
    # a maintainer who wrote no heads: means the same as one who listed them
    for reg in (_kuwait(), _kuwait(heads=["health-minister"])):
        assert _office(reg, KUWAIT_ARTICLE, "وزير الصحة") == ("matched", "awadhi")


def test_a_bare_office_alone_stays_ambiguous():
    res = _kuwait().lookup("وزير الصحة", "2024-05-01")
    assert res.status == "ambiguous" and res.contenders == ["awadhi"]


def test_an_article_about_an_unregistered_country_leaves_a_bare_office_open():
    # Tunisia is no place of this registry: its health minister is not Kuwait's
    text = ("تونس، 5 مايو 2024 - قال وزير الصحة التونسي إن تونس ستفتتح مستشفى جديدا، "
            "وأكد وزير الصحة أن الكويت ستمول جزءا منه.")
    for reg in (_kuwait(), _kuwait(heads=["health-minister"])):
        assert _office(reg, text, "وزير الصحة")[0] == "ambiguous"


def test_one_given_name_beside_a_bare_office_is_not_the_registrys_holder():
    # the registry's one prime minister is called محمد; a bare الوزير الأول beside
    # a lone محمد may be any country's
    text = "وقال الوزير الأول محمد إن الحكومة ستعرض خطتها على البرلمان."
    for reg in (_kuwait(), _kuwait(pm_heads=("prime-minister",))):
        names = [m for m in reg.annotate(text, "2024-05-01") if m.kind == "name"]
        assert all(m.id != "sabah" for m in names), [(m.text, m.status, m.id) for m in names]
