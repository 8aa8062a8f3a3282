"""An office head's own wording is never read as a typo of another word.

وزيرة ("minister", feminine) is one letter from وزارة ("ministry"): the phrase
وزيرة الخارجية المصرية was read as the ministry through a typo, a confident
wrong answer (an organisation for a person's office). A word that starts a head
wording (data/offices.yaml) is not corrected inside a phrase name."""

from __future__ import annotations


def test_the_feminine_minister_is_the_office_not_the_ministry(reg):
    res = reg.lookup("وزيرة الخارجية المصرية", "2025-01-01")
    assert res.id != "egyptian-ministry-of-foreign-affairs", res.explanation
    assert (res.status, res.id) == ("matched", "badr-abdelatty"), res.explanation


def test_the_ministry_is_still_the_ministry(reg):
    for query in ("وزارة الخارجية المصرية", "وزاره الخارجيه المصريه"):
        assert reg.lookup(query).id == "egyptian-ministry-of-foreign-affairs"


def test_in_running_text(reg):
    text = "وقالت وزيرة الخارجية المصرية إن المحادثات مثمرة."
    mentions = reg.annotate(text, "2025-01-01")
    assert all(m.id != "egyptian-ministry-of-foreign-affairs" for m in mentions)
