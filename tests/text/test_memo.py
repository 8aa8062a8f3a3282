"""annotate remembers, across articles, what depends on a name's words alone
(how a chain of words reads: ``Annotator._read_chain``, keyed by the words, the
title evidence and the day). These tests show that what depends on the article
is never taken from that memo: the day, and the fuller mentions around a bare
name, still change the answer, in whichever order the articles come."""

from __future__ import annotations

from typing import Any

import registry
from tests.conftest import ROOT


def _answers(annotator: Any, text: str) -> list[tuple[str, str, str | None, float]]:
    return [(m.text, m.status, m.id, m.score)
            for m in annotator.annotate_article(text).mentions]


def _fresh() -> Any:
    return registry.load(ROOT / "aliases.yaml").annotator


def test_the_same_titled_chain_on_two_days() -> None:
    """المشير (field marshal) is evidence only on a day Haftar held the rank:
    the same words read on two datelines give two scores."""
    old = " date 1995-01-01 التقى المشير خليفة حفتر الوفد"
    new = " date 2025-06-01 التقى المشير خليفة حفتر الوفد"
    expected = {text: _answers(_fresh(), text) for text in (old, new)}
    assert expected[old] != expected[new]  # the day matters here: not vacuous
    for order in ((old, new, old), (new, old, new)):
        annotator = _fresh()
        for text in order:
            assert _answers(annotator, text) == expected[text]


def test_the_same_bare_name_in_two_articles() -> None:
    """حفتر alone is whichever Haftar the article named in full before it."""
    saddam = "وصل صدام خليفة حفتر إلى القاهرة. وقال حفتر إن الزيارة ناجحة."
    khalifa = "وصل خليفة حفتر إلى القاهرة. وقال حفتر إن الزيارة ناجحة."
    expected = {text: _answers(_fresh(), text) for text in (saddam, khalifa)}
    assert expected[saddam][-1][2] == "saddam-haftar"
    assert expected[khalifa][-1][2] == "khalifa-haftar"
    annotator = _fresh()
    for text in (saddam, khalifa, saddam, khalifa):
        assert _answers(annotator, text) == expected[text]
    assert annotator._chain_readings  # the memo was in use
