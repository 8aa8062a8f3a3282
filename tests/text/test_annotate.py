"""annotate on constructed text: clitics, spans, context, dates, unknown names."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def found(reg, text, date=None):
    mentions = reg.annotate(text, date)
    for m in mentions:
        assert m.text in (text[m.start:m.end], "ا" + text[m.start:m.end])  # لل: alef restored
    return [(m.text, m.kind, m.status, m.id) for m in mentions]


@pytest.mark.parametrize(("text", "surface"), [
    ("التقى السيسي وخليفة حفتر في القاهرة", "خليفة حفتر"),
    ("رسالة لخليفة حفتر من القاهرة", "خليفة حفتر"),
    ("اجتمع بخالد حفتر أمس", "خالد حفتر"),
    ("وصل فخالد حفتر إلى القاهرة", "خالد حفتر"),
])
def test_leading_clitic_is_outside_the_span(reg, text, surface):
    ids = {t: i for t, _, _, i in found(reg, text)}
    assert surface in ids and ids[surface] is not None


def test_clitic_before_an_office_phrase(reg):
    text = "والتقى الوزير بنائب القائد العام للجيش الوطني الليبي"
    assert ("نائب القائد العام للجيش الوطني الليبي", "role", "matched",
            "saddam-haftar") in found(reg, text)


def test_lam_alef_lam_becomes_the_article(reg):
    """للجيش is ل + الجيش: the span reads الجيش (its unwritten alef restored), the
    clitic ل is reported apart, as for وحفتر; titles after لل read the same way."""
    text = "دعم مصري للجيش الوطني الليبي"
    assert ("الجيش الوطني الليبي", "name", "matched", "libyan-national-army") in found(reg, text)
    army = reg.annotate(text)[-1]
    assert (army.clitic, army.start) == ("ل", text.index("للجيش") + 1)
    people = reg.annotate("وقدم الشكر وللمشير خليفة حفتر.")
    assert [(m.text, m.titles, m.clitic) for m in people] == [("خليفة حفتر", ["المشير"], "ول")]
    libya = reg.annotate("وقدم الشكر لليبيا.")  # ل + ليبيا: nothing to restore
    assert [(m.text, m.clitic) for m in libya] == [("ليبيا", "ل")]


def test_words_that_begin_with_clitic_letters_are_not_split(reg):
    # وليد، بلقاسم، فتحي، كمال، لطفي: no clitic is read off them.
    text = "قال وليد وبلقاسم وفتحي وكمال ولطفي إن حفتر"
    assert all(m[0] != "ليد" for m in found(reg, text))
    # Not Khalifa, and not ب + قاسم: a name the registry does not know.
    assert found(reg, "التقى بلقاسم حفتر") == [("بلقاسم حفتر", "name", "unknown", None)]


def test_titles_are_reported_apart_from_the_span(reg):
    mentions = reg.annotate("استقبل الفريق أول ركن صدام خليفة حفتر الوفد")
    person = next(m for m in mentions if m.id == "saddam-haftar")
    assert person.text == "صدام خليفة حفتر"
    assert person.titles == ["الفريق أول", "ركن"]


def test_bare_family_name_follows_the_article(reg):
    khaled = "زار الفريق أول ركن خالد حفتر القاهرة. وقال حفتر إن التعاون مهم."
    khalifa = "استقبل المشير خليفة حفتر الوفد. وقال حفتر إن التعاون مهم."
    assert found(reg, khaled)[-1] == ("حفتر", "name", "matched", "khaled-haftar")
    assert found(reg, khalifa)[-1] == ("حفتر", "name", "matched", "khalifa-haftar")


def test_context_also_reaches_back_to_a_headline(reg):
    text = "حفتر يستقبل الوفد\nاستقبل خليفة حفتر الوفد المصري"
    assert found(reg, text)[0] == ("حفتر", "name", "matched", "khalifa-haftar")


def test_partial_titled_name_after_the_full_one(reg):
    text = "التقى الفريق أحمد خليفة نظيره. وأكد الفريق خليفة أهمية التنسيق."
    assert found(reg, text)[-1] == ("خليفة", "name", "matched", "ahmed-khalifa")
    text = "زار الفريق صدام حفتر القاهرة. وقال الفريق صدام إن"
    assert found(reg, text)[-1] == ("صدام", "name", "matched", "saddam-haftar")


def test_lone_word_unconfirmed_by_the_article_is_not_reported(reg):
    # صقر is also "falcon": alone, with no fuller mention, it is not a name.
    assert found(reg, "حلق صقر فوق المدينة") == []


def test_office_uses_the_article_date_marker(reg):
    # Over a year before the start_by date: the holder is only a candidate.
    text = " date 2024-01-01 وصل نائب القائد العام للجيش الوطني الليبي"
    assert found(reg, text)[-1][2:] == ("ambiguous", None)
    text = " date 2026-01-14 وصل نائب القائد العام للجيش الوطني الليبي"
    assert found(reg, text)[-1][2:] == ("matched", "saddam-haftar")


def test_date_argument_overrides_the_marker(reg):
    text = " date 2026-01-14 وصل نائب القائد العام للجيش الوطني الليبي"
    assert found(reg, text, "2024-01-01")[-1][2:] == ("ambiguous", None)


def test_undated_office_resolves_only_when_ongoing(reg):
    assert found(reg, "وقال قائد الثورة الليبية")[-1][2:] == ("unknown", None)
    assert found(reg, "وقال قائد الثورة الليبية", "1990-05-05")[-1][2:] == (
        "matched", "muammar-gaddafi")


def test_shared_office_resolved_by_apposition(reg):
    text = "التقى القائد العام للقوات المسلحة المشير خليفة حفتر"
    assert found(reg, text)[0] == ("القائد العام للقوات المسلحة", "role", "matched",
                                   "khalifa-haftar")


def test_unknown_titled_person_is_reported_for_review(reg):
    mentions = reg.annotate("واستقبل اللواء فلان الفلاني، قائد المنطقة، الوفد")
    unknown = [m for m in mentions if m.status == "unknown"]
    assert [(m.text, m.type, m.titles) for m in unknown] == [
        ("فلان الفلاني", "person", ["اللواء"])]


def test_spans_do_not_overlap_and_are_ordered(reg):
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        mentions = reg.annotate(text)
        for a, b in itertools.pairwise(mentions):
            assert a.end <= b.start


def test_presentation_forms_and_diacritics_keep_original_offsets(reg):
    text = "وقال ﺧﻠﻴﻔﺔ ﺣﻔﺘﺮ و صَدَّام حَفْتَر"
    got = found(reg, text)
    assert ("ﺧﻠﻴﻔﺔ ﺣﻔﺘﺮ", "name", "matched", "khalifa-haftar") in got
    assert ("صَدَّام حَفْتَر", "name", "matched", "saddam-haftar") in got


def test_cli_annotate_json_contract(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("وقال الفريق أول ركن خالد حفتر", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "registry", "annotate", "--json",
                           str(article)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout.splitlines()[0])
    assert set(row) == {"file", "start", "end", "text", "clitic", "kind", "type", "status",
                        "id", "name", "score", "titles", "candidates", "explanation"}
    assert (row["text"], row["id"], row["titles"]) == ("خالد حفتر", "khaled-haftar",
                                                       ["الفريق أول", "ركن"])
    assert row["name"] == "خالد خليفة حفتر" and row["clitic"] == ""
    assert row["candidates"][0]["id"] == "khaled-haftar" and row["explanation"]


def test_cli_annotate_bad_inputs(tmp_path):
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02")
    latin = tmp_path / "l.txt"
    latin.write_bytes("سطر\n".encode() + b"caf\xe9\n")
    (tmp_path / "empty").mkdir()
    cases = [(str(tmp_path / "missing.txt"), "no such file"),
             (str(tmp_path / "empty"), "no *.txt files in this folder"),  # a folder: its *.txt
             (str(binary), "binary file"),
             (str(latin), "l.txt:2: not UTF-8: byte 0xe9 at offset 10")]
    for name, message in cases:
        proc = subprocess.run([sys.executable, "-m", "registry", "annotate", name],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
