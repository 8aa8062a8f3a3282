"""The article's date from its dateline or date line, and what annotate does with it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from registry.names.vocabulary import default_vocabulary
from registry.text.dateline import DateFinder
from tests.conftest import ROOT

FINDER = DateFinder(default_vocabulary().months)
BODY = "\nوقال مصدر عسكري إن الاجتماع تناول ملفات الأمن على الحدود المشتركة بين البلدين."


@pytest.mark.parametrize(("head", "date", "how", "text"), [
    ("بنغازي - 3 مارس 2026", "2026-03-03", "dateline", "3 مارس 2026"),
    ("القاهرة – ١٤ كانون الثاني ٢٠٢٦", "2026-01-14", "dateline", "١٤ كانون الثاني ٢٠٢٦"),
    ("الأحد 14 يناير 2026", "2026-01-14", "date line", "14 يناير 2026"),
    ("١٤ يناير ٢٠٢٦", "2026-01-14", "date line", "١٤ يناير ٢٠٢٦"),
    ("14/01/2026", "2026-01-14", "date line", "14/01/2026"),
    ("03.02.2026", "2026-02-03", "date line", "03.02.2026"),  # day first, as the press writes
    ("01/14/2026", "2026-01-14", "date line", "01/14/2026"),  # month first only when it must be
    ("January 14, 2026", "2026-01-14", "date line", "January 14, 2026"),
    ("Tripoli, 3 Sept. 2025", "2025-09-03", "date line", "3 Sept. 2025"),
    ("الخرطوم - 5 أيار 2024", "2024-05-05", "dateline", "5 أيار 2024"),
    ("دمشق - 9 آذار/مارس 2025", "2025-03-09", "dateline", "9 آذار/مارس 2025"),
    ("تونس - 2 جانفي 2025", "2025-01-02", "dateline", "2 جانفي 2025"),
    ("نشر في: 5 إبريل 2024", "2024-04-05", "dateline", "5 إبريل 2024"),
    ("الثلاثاء، 1 أغسطس 2023 10:30", "2023-08-01", "date line", "1 أغسطس 2023"),
    (" date 2026-01-14 في خطوة تعكس عمق التنسيق العسكري", "2026-01-14", "marker",
     "2026-01-14"),
])
def test_datelines_and_date_lines(head, date, how, text):
    found = FINDER.find(f"عنوان الخبر\n{head}{BODY}")
    assert found is not None
    assert (str(found.date), found.how, found.text, found.line) == (date, how, text, 2)
    article = f"عنوان الخبر\n{head}{BODY}"
    assert article[found.start:found.end] == text


@pytest.mark.parametrize("text", [
    # A date inside the body is an event's date, not the article's.
    "عنوان\nأصدر مجلس النواب الليبي في 18 أغسطس 2025 قرارا بتعيين رئيس جديد للأركان العامة "
    "للجيش الوطني الليبي، في خطوة رأى فيها مراقبون تعزيزا لنفوذ القيادة العامة في الشرق.",
    "عنوان\nقال مصدر إن 31 فبراير 2025 لن يأتي",  # no such day
    "عنوان بلا تاريخ\nنص الخبر",
    "20260114",
])
def test_no_article_date(text):
    assert FINDER.find(text) is None


def test_a_short_headline_with_many_words_is_not_a_date_line():
    text = "قرار 18 أغسطس 2025 يعيد رسم خريطة القيادة العسكرية في الشرق\nنص"
    assert FINDER.find(text) is None


def test_annotate_reads_offices_as_of_the_dateline(reg):
    text = "القاهرة - 3 مارس 2023\nاستقبل وزير الدفاع المصري وفدا ليبيا."
    article = reg.annotate_article(text)
    assert article.found is not None and article.found.how == "dateline"
    office = next(m for m in article.mentions if m.kind == "role")
    assert (office.text, office.id) == ("وزير الدفاع المصري", "mohamed-zaki")
    assert not article.warnings
    # The same sentence in 2026 is the next minister; --date overrides the dateline.
    later = next(m for m in reg.annotate(text, "2026-02") if m.kind == "role")
    assert later.id == "abdel-majeed-saqr"


def test_undated_article_with_offices_warns(reg):
    article = reg.annotate_article("استقبل وزير الدفاع المصري وفدا ليبيا.")
    assert article.date is None and article.date_source == "none found"
    assert article.warnings and "undated article" in article.warnings[0]
    assert not reg.annotate_article("وصل صدام حفتر إلى القاهرة.").warnings


def test_cli_reports_the_date_and_where(tmp_path, reg):
    path = tmp_path / "a.txt"
    path.write_text("بنغازي - ٣ مارس ٢٠٢٦\nالتقى القائد العام للجيش الليبي وفدا.", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "registry", "annotate", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert "date: 2026-03-03 from the dateline, line 1: '٣ مارس ٢٠٢٦'" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "registry", "annotate", "--json", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    office = next(row for row in map(json.loads, proc.stdout.splitlines())
                  if row["kind"] == "role")
    assert office["id"] == "khalifa-haftar"
    assert ("article date: 2026-03-03 from the dateline, line 1: '٣ مارس ٢٠٢٦'"
            in office["explanation"])
    record = reg.annotate_article(path.read_text("utf-8")).to_json(str(path))
    assert (record["date"], record["found"]["line"], record["found"]["how"]) == (
        "2026-03-03", 1, "dateline")
