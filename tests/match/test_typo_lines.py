"""An explanation's typo lines are the readings its answer rests on.

A query word is read every way the index allows (a typo away, through
transliteration); only the readings a candidate's fit used are reasons. A line
for a reading tried on the way misleads a reviewer, and annotate takes a typo
line as "matched only through a typo" and asks the article to confirm it.
"""

from __future__ import annotations

import registry


def typo_lines(res: registry.Resolution) -> list[str]:
    return [line for line in res.explanation if line.startswith("typo:")]


def test_a_transliterated_name_shows_no_typo_it_did_not_use(reg: registry.Registry) -> None:
    # 'hiftar' is a letter from the Latin aliases' 'haftar' and 'hifter', but the
    # match comes through transliteration to the Arabic حفتر
    res = reg.lookup("Saddam Hiftar")
    assert (res.status, res.id) == ("matched", "saddam-haftar")
    assert any("hiftar → حفتر" in line for line in res.explanation)
    assert typo_lines(res) == []


def test_a_typo_the_match_rests_on_is_still_shown(reg: registry.Registry) -> None:
    res = reg.lookup("عبد الحميد الدبيبا")
    assert (res.status, res.id) == ("matched", "abdul-hamid-dbeibah")
    assert typo_lines(res) == ["typo: 'الدبيبا' read as 'الدبيبه'"]


def test_ambiguous_answers_keep_the_typos_their_candidates_used(reg: registry.Registry
                                                                  ) -> None:
    res = reg.lookup("Hafter")
    assert res.status == "ambiguous"
    # the candidates fit through the English names' 'haftar'; 'hifter' fits none
    assert typo_lines(res) == ["typo: 'hafter' read as 'haftar'"]
