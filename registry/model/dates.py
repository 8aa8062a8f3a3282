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

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Plausible years for a registry of living and recent public figures. Outside
# them a date is a typo (0000, 20225) and year 0 would not even be a Python date,
# so the schema refuses it: nothing that loads can fail later in a command.
MIN_YEAR = 1800


def max_year() -> int:
    """Next year: a decree may be dated ahead, nothing further."""
    return dt.date.today().year + 1


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
            value = value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError(f"expected a date like 2025, 2025-08 or 2025-08-14, got {value!r}")
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        if year < MIN_YEAR:
            raise ValueError(f"invalid date {value!r}: year {year:04d} is before {MIN_YEAR}")
        if year > max_year():
            raise ValueError(f"invalid date {value!r}: year {year} is after next year "
                             f"({max_year()})")
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"invalid date {value!r}: month {month} is not 1-12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"invalid date {value!r}: day {day} is not in {year}-{month:02d}")
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


def parse_day(value: str) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` day (for ``--at`` and ``--date``)."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


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

    def describe(self) -> str:
        if self.start is not None:
            since = str(self.start)
        elif self.start_by is not None:
            since = f"by {self.start_by}"
        else:
            since = "?"
        return f"{since} – {self.end if self.end is not None else 'present'}"
