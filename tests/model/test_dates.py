"""Partial dates and tenures."""

from __future__ import annotations

import datetime as dt

import pytest

from registry.model.dates import PartialDate, Tenure, parse_day, parse_when


def test_precision_is_kept():
    assert str(PartialDate.parse(2025)) == "2025"
    assert str(PartialDate.parse("2025-08")) == "2025-08"
    assert str(PartialDate.parse(dt.date(2025, 8, 14))) == "2025-08-14"


def test_a_partial_date_is_a_range():
    month = PartialDate.parse("2024-02")
    assert month.earliest() == dt.date(2024, 2, 1)
    assert month.latest() == dt.date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "25-01-01", "soon", "", True, 1.5])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_tenure_with_start_by_covers_from_that_day():
    tenure = Tenure(start_by=PartialDate.parse("2025-08-14"))
    assert tenure.covers(dt.date(2026, 1, 14))
    assert not tenure.covers(dt.date(2025, 8, 13))
    assert tenure.ongoing


def test_ended_tenure_covers_through_its_last_possible_day():
    tenure = Tenure(start=PartialDate.parse(1969), end=PartialDate.parse(2011))
    assert tenure.covers(dt.date(2011, 12, 31))
    assert not tenure.covers(dt.date(2012, 1, 1))
    assert not tenure.ongoing


def test_unknown_start_is_not_evidence_for_a_date_unless_asked():
    tenure = Tenure()
    assert not tenure.covers(dt.date(2020, 1, 1))
    assert tenure.covers(dt.date(2020, 1, 1), unknown_start_held=True)


def test_parse_day_requires_a_full_day():
    assert parse_day("2026-01-14") == dt.date(2026, 1, 14)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day("2026-01")


@pytest.mark.parametrize("text", ["2025", "2025-08", "2025-08-14", " 2024-02-29 "])
def test_parse_when_accepts_exactly_three_forms(text):
    assert str(parse_when(text)) == text.strip()


@pytest.mark.parametrize(("text", "message"), [
    ("20250101", "20250101: not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-W01-1", "2025-W01-1: not a date"),
    ("2025-001", "2025-001: not a date"),
    ("2025-1-5", "2025-1-5: not a date"),
    ("٢٠٢٥", "not a date"),  # Arabic-Indic digits are for articles, not flags
    ("2025-01-01\n", None),
    ("2025-02-29", "2025-02-29: no such day"),
    ("2025-13", "2025-13: no such month"),
    ("0000", "0000: no such year"),
])
def test_parse_when_refuses_other_spellings_in_one_line(text, message):
    if message is None:  # surrounding whitespace is fine
        assert str(parse_when(text)) == "2025-01-01"
        return
    with pytest.raises(ValueError) as info:
        parse_when(text)
    assert message in str(info.value) and "\n" not in str(info.value)


def _fit(start=None, start_by=None, end=None, at="2025"):
    def d(value):
        return None if value is None else PartialDate.parse(value)
    return Tenure(d(start), d(start_by), d(end)).fit(PartialDate.parse(at))


@pytest.mark.parametrize(("tenure", "at", "fit"), [
    ({"start": "2020-03-01"}, "2021", "throughout"),
    ({"start": "2020-03-01"}, "2020", "part"),
    ({"start": "2020-03-01"}, "2020-02", None),
    ({"start": "2020-03"}, "2020-03-10", "possible"),  # began some day in March
    ({"start": "2020", "end": "2022-06-30"}, "2022-06", "throughout"),
    ({"start": "2020", "end": "2022-06-30"}, "2022-07-01", None),
    ({"start": "2020", "end": "2022-06"}, "2022-06-15", "possible"),
    ({"start_by": "2025-08-14"}, "2025-08-14", "throughout"),
    ({"start_by": "2025-08-14"}, "2025-08-13", "before-record"),
    ({"start_by": "2025-08-14"}, "2025-08", "part"),
    ({"start_by": "2025-08"}, "2025-08-20", "before-record"),  # by the end of August
    ({}, "1990", "undated"),
    ({"end": "2011"}, "2012", None),
])
def test_how_a_tenure_fits_a_period(tenure, at, fit):
    assert _fit(at=at, **tenure) == fit
