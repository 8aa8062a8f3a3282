"""Dates with the precision the source gives: a year, a month or a day.

A source that says "in August 2025" must not be stored as 2025-08-01, and a
question about 2025-08-10 must be answerable against it; so a partial date is a
range from its earliest to its latest day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# ASCII digits only (\d would take Arabic-Indic digits), and nothing after.
_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")

# Plausible years for a registry of living and recent public figures. Outside
# them a date in the registry is a typo (0000, 2205); the schema refuses it, so
# nothing that loads can fail later in a command.
MIN_YEAR = 1800


def max_year() -> int:
    """Next year: a decree may be dated ahead, nothing further."""
    return dt.date.today().year + 1


def registry_date(value: object) -> PartialDate:
    """A date written in the registry: parsed, and within the plausible years."""
    date = PartialDate.parse(value)
    if date.year < MIN_YEAR:
        raise ValueError(f"{date}: year {date.year:04d} is before {MIN_YEAR}")
    if date.year > max_year():
        raise ValueError(f"{date}: year {date.year} is after next year ({max_year()})")
    return date


# How a tenure relates to the period a question asks about (see Tenure.fit).
Fit = Literal["throughout", "part", "possible", "before-record", "undated"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``2025``, ``"2025-08"``, ``"2025-08-14"`` or a ``datetime.date``."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError(f"expected a date like 2025, 2025-08 or 2025-08-14, got {value!r}")
        text = value.strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"invalid date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        return cls.of(year, month, day, text)

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None,
           text: str | None = None) -> PartialDate:
        """A checked date from its numbers (``text`` names it in the error)."""
        label = text or "-".join(str(n) for n in (year, month, day) if n is not None)
        if not 1 <= year <= 9999:
            raise ValueError(f"{label}: no such year")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{label}: no such month")
        if day is not None:
            if month is None:
                raise ValueError(f"{label}: a day needs its month")
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"{label}: no such day")
        return cls(year, month, day)

    def earliest(self) -> dt.date:
        """The first day this date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


    @property
    def precision(self) -> str:
        """"year", "month" or "day"."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"


When = PartialDate | dt.date


def as_period(when: When | None) -> PartialDate | None:
    """A day or a partial date as the period a question is about."""
    if when is None or isinstance(when, PartialDate):
        return when
    return PartialDate.parse(when)


@lru_cache(maxsize=4096)  # a batch or a news feed asks about a few days, again and again
def parse_when(value: str) -> PartialDate:
    """Parse exactly ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``--at``, ``--date``).

    Other ISO 8601 spellings (``20250101``, ``2025-W01-1``, ``2025-001``) are
    refused rather than guessed at: a wrong date silently changes who held an
    office. Errors are one line: ``2025-02-29: no such day``.
    """
    text = value.strip()
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"{text or repr(value)}: not a date; expected YYYY, YYYY-MM or "
                         "YYYY-MM-DD")
    return PartialDate.parse(text)


def parse_day(value: str) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` day."""
    date = parse_when(value)
    if date.day is None:
        raise ValueError(f"{value.strip()}: expected a full day, YYYY-MM-DD")
    return date.earliest()


@dataclass(frozen=True)
class Tenure:
    """When something was held: a start and an end, each exact or only bounded.

    ``start_by`` is "not later than": the source shows it already held on that
    day. No end at all means the registry holds it to be ongoing.
    """

    start: PartialDate | None = None
    start_by: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def first_day(self) -> dt.date | None:
        """The earliest day it is known to be held (None: since before any record)."""
        if self.start is not None:
            return self.start.earliest()
        if self.start_by is not None:
            return self.start_by.earliest()
        return None

    def covers(self, day: dt.date, *, unknown_start_held: bool = False) -> bool:
        """Whether it is known to be held on ``day``. With no start at all, the
        answer is no (nobody knows since when), unless ``unknown_start_held``."""
        first = self.first_day()
        if first is None and not unknown_start_held:
            return False
        if first is not None and day < first:
            return False
        return self.end is None or day <= self.end.latest()

    def certain_from(self) -> dt.date | None:
        """The first day it was surely held (None: undated). A partial start
        counts from its last day; ``start_by`` from its last day too."""
        if self.start is not None:
            return self.start.latest()
        if self.start_by is not None:
            return self.start_by.latest()
        return None

    def possible_from(self) -> dt.date:
        """The first day it may have been held: a ``start_by`` or an undated
        tenure may reach back before any record."""
        return self.start.earliest() if self.start is not None else dt.date.min

    def certain_to(self) -> dt.date:
        return self.end.earliest() if self.end is not None else dt.date.max

    def possible_to(self) -> dt.date:
        return self.end.latest() if self.end is not None else dt.date.max

    def fit(self, period: PartialDate) -> Fit | None:
        """How this tenure relates to a period (a year, a month or a day):

        - ``throughout``: surely held on every day of it;
        - ``part``: surely held on some of its days, not all;
        - ``before-record``: the period is before ``start_by`` (held by then;
          whether earlier is not recorded);
        - ``possible``: only a partial start or end date reaches into it;
        - ``undated``: no start at all: held at some time, the end permitting;
        - None: certainly not held then.
        """
        first_day, last_day = period.earliest(), period.latest()
        if first_day > self.possible_to() or last_day < self.possible_from():
            return None
        first = self.certain_from()
        if first is None:
            return "undated"
        last = self.certain_to()
        if first <= first_day and last_day <= last:
            return "throughout"
        if first <= last_day and first_day <= last:
            return "part"
        if self.start is None and last_day < first:
            return "before-record"
        return "possible"

    def describe(self) -> str:
        if self.start is not None:
            since = str(self.start)
        elif self.start_by is not None:
            since = f"by {self.start_by}"
        else:
            since = "?"
        return f"{since} – {self.end if self.end is not None else 'present'}"
