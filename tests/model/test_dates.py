"""Partial dates and tenures."""

from __future__ import annotations

import datetime as dt

import pytest

from registry.model.dates import PartialDate, Tenure, parse_day


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
