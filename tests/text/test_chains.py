"""Whole name chains, honest document context, Latin script, and the output of
``registry annotate`` (text and --json)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from registry.text.lexicon import build, chain_words
from tests.conftest import ROOT


def run(*args, stdin=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "registry", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd)


def found(reg, text):
    mentions = reg.annotate(text)
    for m in mentions:
        assert m.text in (text[m.start:m.end], "ا" + text[m.start:m.end])  # لل: alef restored
    return [(m.text, m.status, m.id) for m in mentions if m.kind == "name"]


# The three commands of the issue, run as a new user would.
@pytest.mark.parametrize(("text", "expected"), [
    ("التقى الفريق أحمد خليفة بالوفد. وقال اللواء أحمد المسماري إن الاجتماع ناجح.\n",
     [("أحمد خليفة", "matched", "ahmed-khalifa"), ("أحمد المسماري", "unknown", None)]),
    ("التقى خليفة حفتر بالوفد. وقال خليفة الغويل إن الاجتماع ناجح.\n",
     [("خليفة حفتر", "matched", "khalifa-haftar"), ("خليفة الغويل", "unknown", None)]),
    ("التقى صدام حفتر بالوفد. وقال اللواء صدام الجبوري إن الاجتماع ناجح.\n",
     [("صدام حفتر", "matched", "saddam-haftar"), ("صدام الجبوري", "unknown", None)]),
])
def test_the_three_commands_of_the_issue(text, expected):
    proc = run("annotate", "--json", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["text"], r["status"], r["id"]) for r in rows] == expected


@pytest.mark.parametrize(("text", "surface", "entity_id"), [
    ("وحضر عمر خليفة حفتر الاجتماع", "عمر خليفة حفتر", None),  # a son the registry lacks
    ("وحضر خالد خليفة حفتر الاجتماع", "خالد خليفة حفتر", "khaled-haftar"),  # one it has
    ("وقال محمد صدام حفتر إن", "محمد صدام حفتر", None),  # Saddam's name inside a longer one
    ("وقال صدام بن خليفة حفتر إن", "صدام بن خليفة حفتر", "saddam-haftar"),  # with بن
    ("وقال صدام خليفة بلقاسم حفتر إن", "صدام خليفة بلقاسم حفتر", "saddam-haftar"),
])
def test_the_whole_chain_is_resolved(reg, text, surface, entity_id):
    got = {t: i for t, _, i in found(reg, text)}
    assert surface in got and got[surface] == entity_id


def test_an_unlisted_given_name_before_a_registry_name_is_not_cut_off(reg):
    # صفوان is in no name list: it may still be Saddam's son, so never Saddam.
    assert all(i != "saddam-haftar" for _, _, i in found(reg, "وقال صفوان صدام حفتر إن"))


def test_words_after_a_family_name_without_article_are_not_the_name(reg):
    assert found(reg, "واعتبر المراقبون خليفة حفتر شريكا أساسيا") == [
        ("خليفة حفتر", "matched", "khalifa-haftar")]
    # A definite word after the family name may be a nisba: the chain goes on.
    assert found(reg, "وقال أحمد خليفة المسماري إن")[0][1:] == ("unknown", None)


def test_folding_traps_are_decided_on_the_original_spelling(reg):
    # على folds onto علي; لصالح reads as ل + صالح: neither is a name here.
    text = "التقى المشير خليفة حفتر الوفد. وشدد على حفتر أن يعمل لصالح الجيش."
    names = found(reg, text)
    assert all("على" not in t and "صالح" not in t for t, _, _ in names)
    # علي spelled as the name, before a noun, is the preposition written loosely.
    assert found(reg, "وقال علي الرغم من ذلك") == []


def test_a_family_name_after_a_place_word_is_a_place(reg):
    text = "التقى المشير خليفة حفتر الوفد. ثم زار الوفد شارع حفتر وميدان السيسي."
    assert [i for _, _, i in found(reg, text)] == ["khalifa-haftar"]


def test_a_title_the_person_never_held_blocks_context(reg):
    text = "التقى المشير خليفة حفتر الوفد. وقال الإمام حفتر إن الصلاة قائمة."
    mentions = reg.annotate(text)
    imam = next(m for m in mentions if m.titles == ["الإمام"])
    assert imam.id is None and imam.status != "matched"
    assert any("rules out" in line for line in imam.explanation)


def test_context_cites_the_full_mention_and_its_offset(reg):
    text = "استقبل المشير خليفة حفتر الوفد.\nوقال حفتر إن اللقاء مثمر."
    last = reg.annotate(text)[-1]
    assert (last.text, last.id) == ("حفتر", "khalifa-haftar")
    assert any("named in full at 14-24 ('خليفة حفتر')" in line for line in last.explanation)


def test_two_family_members_in_play_make_a_bare_name_ambiguous(reg):
    text = "استقبل المشير خليفة حفتر نجله صدام حفتر. وقال حفتر إن الزيارة مهمة."
    last = reg.annotate(text)[-1]
    assert last.status == "ambiguous" and last.id is None
    assert set(last.candidates) == {"khalifa-haftar", "saddam-haftar"}


def test_the_nearest_full_mention_decides_across_paragraphs(reg):
    text = ("استقبل المشير خليفة حفتر الوفد.\n"
            "وفي القاهرة، التقى الفريق أول ركن صدام حفتر وزير الدفاع. وقال حفتر إن التعاون مهم.")
    assert found(reg, text)[-1] == ("حفتر", "matched", "saddam-haftar")


def test_a_bare_given_name_needs_a_full_mention(reg):
    assert found(reg, "وقال الفريق صدام إن الجيش مستعد.") == [("صدام", "ambiguous", None)]
    assert found(reg, "وقال صدام إن الجيش مستعد.") == []
    text = "التقى الفريق أول ركن صدام خليفة حفتر الوفد. وقال صدام إن الجيش مستعد."
    assert found(reg, text)[-1] == ("صدام", "matched", "saddam-haftar")


def test_latin_names_titles_and_context(reg):
    text = ("Libyan strongman Field Marshal Khalifa Hifter met the delegation on Monday. "
            "Hifter said the talks were useful.")
    mentions = [m for m in reg.annotate(text) if m.kind == "name"]
    assert [(m.text, m.id) for m in mentions] == [("Khalifa Hifter", "khalifa-haftar"),
                                                  ("Hifter", "khalifa-haftar")]
    assert mentions[0].titles == ["strongman", "Field Marshal"]
    text = "وقال Khalifa Haftar إن Omar Khalifa Haftar لم يحضر."
    assert found(reg, text) == [("Khalifa Haftar", "matched", "khalifa-haftar")]


def test_text_output_shows_candidates_and_clitics():
    text = "استقبل المشير خليفة حفتر نجله صدام حفتر. وقال حفتر إن الزيارة مهمة. ولخالد حفتر"
    proc = run("annotate", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    ambiguous = next(line for line in lines if " ambiguous " in line)
    assert "one of saddam-haftar|khalifa-haftar" in ambiguous
    clitic = next(line for line in lines if "khaled-haftar" in line)
    assert "خالد حفتر" in clitic and "(clitic ول+)" in clitic


def test_suggest_offers_unknown_chains(tmp_path):
    import shutil

    shutil.copy(ROOT / "aliases.yaml", tmp_path / "aliases.yaml")
    (tmp_path / "a.txt").write_text(
        "وقال اللواء أحمد المسماري إن الاجتماع ناجح.\nوحضر عمر خليفة حفتر اللقاء.\n", "utf-8")
    proc = run("suggest", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    people = yaml.safe_load(proc.stdout)["entities"]
    names = {p["name"]["ar"]: p for p in people}
    assert names["أحمد المسماري"]["ranks"][0]["title"] == "major-general"
    assert names["عمر خليفة حفتر"]["name_parts"] == {"given": "عمر", "father": "خليفة",
                                                   "family": "حفتر"}
    assert "a child of khalifa-haftar?" in proc.stdout


def test_chain_lists_refuse_a_word_that_hides_a_name():
    raw = yaml.safe_load((ROOT / "registry" / "data" / "chains.yaml").read_text("utf-8"))
    raw["function_words"] = [*raw["function_words"], "علي"]
    with pytest.raises(ValueError, match="fold onto a name"):
        build(raw)


def test_chain_lists_hold_no_registry_name_word(reg):
    """A listed word would cut every name that holds it: the seed registry's
    people must keep all their name words."""
    listed = chain_words().boundary
    assert not (listed & reg.index.person_tokens)
