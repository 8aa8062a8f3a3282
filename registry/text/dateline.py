"""An article's own date, read from its dateline or date line.

Offices name whoever held them on the article's date, so the date decides who
"وزير الدفاع" is. Articles carry it in a few conventional places and spellings:

    بنغازي - 3 مارس 2026            a dateline: place, dash, date
    الأحد 14 يناير 2026              a date line, weekday first
    ١٤ كانون الثاني ٢٠٢٦             Arabic-Indic digits, Levantine month names
    14/01/2026                      day/month/year, the Arabic press order
    January 14, 2026 / 14 January 2026
    date 2026-01-14                 this project's explicit marker

Only the head of the article (its first few lines) and its last lines are read,
and only lines short enough to be a dateline or date line, or a date right
after the dateline's dash: a date in the body ("قرار 18 أغسطس 2025") is about an
event, not the article. Month names come from the shared vocabulary (every
regional name: يناير / كانون الثاني / جانفي). The result says which date was
used and where it was found, so a reviewer can check it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from registry.model.dates import PartialDate

if TYPE_CHECKING:
    from registry.model.schema import Month

HEAD_LINES = 4  # non-empty lines read at the top of an article
TAIL_LINES = 2  # and at its end (a "published on" line)
DATE_LINE_CHARS = 100  # a line this short may be a date line as a whole,
DATE_LINE_WORDS = 5  # with this few other words (weekday, place, "نشر في", a time)
DATELINE_REACH = 60  # in a longer line, a date must start this close to the line start
MARKER_REACH = 2000  # the explicit marker counts anywhere in the article's first chars

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ANY_DIGIT = re.compile("[0-9٠-٩۰-۹]")
_OTHER_DIGIT = re.compile("[٠-٩۰-۹]")
_YEAR = re.compile(r"\d{4}")  # any script's digits: translating them keeps the run
_LATIN_LETTER = re.compile("[A-Za-z]")
# Letters writers interchange in month names (hamza seats, alef maqsura).
_LOOSE = {"أ": "[أإآا]", "إ": "[أإآا]", "آ": "[أإآا]", "ا": "[أإآا]", "ي": "[يى]", "ى": "[يى]",
          "ه": "[هة]", "ة": "[هة]"}
_MARKER = re.compile(r"\bdate\s+(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


@dataclass(frozen=True)
class ArticleDate:
    """The date an article gives itself, and where it says so."""

    date: PartialDate
    line: int  # 1-based line number
    start: int  # character offsets of the date's words in the text
    end: int
    text: str  # the words, as written
    how: str  # "marker", "dateline" or "date line"

    def describe(self) -> str:
        return f"{self.date} from the {self.how}, line {self.line}: '{self.text}'"


def _loose(name: str) -> str:
    return r"\s+".join("".join(_LOOSE.get(c, re.escape(c)) for c in word)
                       for word in name.split())


class DateFinder:
    """Datelines and date lines with one vocabulary's month names."""

    def __init__(self, months: Sequence[Month]) -> None:
        self._month_of: dict[str, int] = {}
        english: list[str] = []
        for month in months:
            names = [month.en, month.en[:3], *month.forms.get("en", ())]
            if month.number == 9:
                names.append("Sept")
            for name in names:
                english.append(name)
                self._month_of[name.lower()] = month.number
        self._arabic = [(re.compile(_loose(n)), m.number) for m in months for n in m.ar]
        ar = "|".join(sorted((_loose(n) for m in months for n in m.ar), key=len, reverse=True))
        en = "|".join(sorted((re.escape(n) for n in set(english)), key=len, reverse=True))
        # 14 يناير 2026, 14 كانون الثاني/يناير 2026, 14 من يناير، 2026
        self._day_month_ar = re.compile(
            rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?({ar})(?:\s*[/(-]\s*(?:{ar})\)?)?\s*[،,]?\s*(\d{{4}})"
            r"(?!\d)")
        ordinal = "(?:st|nd|rd|th)?"
        self._month_day_en = re.compile(
            rf"\b({en})\.?\s+(\d{{1,2}}){ordinal},?\s+(\d{{4}})\b", re.IGNORECASE)
        self._day_month_en = re.compile(
            rf"\b(\d{{1,2}}){ordinal}\s+({en})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)

    def _arabic_month(self, name: str) -> int:
        for pattern, number in self._arabic:
            if pattern.fullmatch(name):
                return number
        raise ValueError(name)  # pragma: no cover - the regex only matches listed names

    def _in_line(self, line: str) -> list[tuple[int, int, PartialDate]]:
        """Full dates in one line (digits already ASCII): (start, end, date)."""
        found: list[tuple[int, int, PartialDate]] = []

        def add(match: re.Match[str], year: str, month: int, day: str) -> None:
            with contextlib.suppress(ValueError):  # 31 فبراير: not a date, read on
                found.append((match.start(), match.end(),
                              PartialDate.of(int(year), month, int(day))))

        for m in self._day_month_ar.finditer(line):
            add(m, m.group(3), self._arabic_month(m.group(2)), m.group(1))
        if _LATIN_LETTER.search(line):  # English month names
            for m in self._month_day_en.finditer(line):
                add(m, m.group(3), self._month_of[m.group(1).lower()], m.group(2))
            for m in self._day_month_en.finditer(line):
                add(m, m.group(3), self._month_of[m.group(2).lower()], m.group(1))
        for m in _NUMERIC.finditer(line):
            first, second = int(m.group(1)), int(m.group(3))
            if second > 12 >= first:  # 01/14/2026: an American month first
                first, second = second, first
            add(m, m.group(4), second, str(first))
        for m in _ISO.finditer(line):
            add(m, m.group(1), int(m.group(2)), m.group(3))
        found.sort(key=lambda f: f[0])
        return found

    def find(self, text: str) -> ArticleDate | None:
        """The article's date, or None when its head and tail give none."""
        # Only the head and the tail are read, so only they are translated (same
        # length: offsets stay valid); a long article costs no more than a short one.
        head = text[:MARKER_REACH]
        marker = _MARKER.search(head.translate(_DIGITS)) if "date" in head else None
        if marker:
            try:
                date = PartialDate.of(int(marker.group(1)), int(marker.group(2)),
                                      int(marker.group(3)))
                line_no = text.count("\n", 0, marker.start()) + 1
                return ArticleDate(date, line_no, marker.start(1), marker.end(3),
                                   text[marker.start(1):marker.end(3)], "marker")
            except ValueError:
                pass
        for number, line_offset, line in _head_and_tail(text):
            digit = _ANY_DIGIT.search(line)
            if digit is None or _YEAR.search(line) is None:
                continue  # every date form has a year of four digits
            if not digit.group().isascii() or _OTHER_DIGIT.search(line, digit.end()):
                line = line.translate(_DIGITS)
            short = len(line.strip()) <= DATE_LINE_CHARS
            for start, end, date in self._in_line(line):
                if start > DATELINE_REACH and not short:
                    break  # in start order: no later date qualifies (and each test
                    # below costs the line's length: a one-line article of
                    # thousands of dates took minutes)
                before = line[:start]
                dateline = bool(re.search(r"[-–—:]\s*$", before)) and start <= DATELINE_REACH
                rest = len((before + " " + line[end:]).split())
                date_line = short and rest <= DATE_LINE_WORDS
                if not (date_line or dateline):
                    continue
                how = "dateline" if dateline else "date line"
                return ArticleDate(date, number, line_offset + start, line_offset + end,
                                   text[line_offset + start : line_offset + end], how)
        return None


def _head_and_tail(text: str) -> list[tuple[int, int, str]]:
    """The first HEAD_LINES non-empty lines and the last TAIL_LINES after them:
    (line number, offset, text), found from both ends without splitting the
    whole article."""
    head: list[tuple[int, int, str]] = []
    offset = 0
    while len(head) < HEAD_LINES and offset <= len(text):
        stop = text.find("\n", offset)
        stop = len(text) if stop < 0 else stop
        if text[offset:stop].strip():
            head.append((text.count("\n", 0, offset) + 1, offset, text[offset:stop]))
        offset = stop + 1
    tail: list[tuple[int, int, str]] = []
    stop = len(text)
    while len(tail) < TAIL_LINES and stop >= offset:
        start = text.rfind("\n", 0, stop) + 1
        if start < offset:
            break
        if text[start:stop].strip():
            tail.append((text.count("\n", 0, start) + 1, start, text[start:stop]))
        stop = start - 1
    return head + tail[::-1]
