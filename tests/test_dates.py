"""The shared plausibility checks for recorded days (detente.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.dates import ahead, happened, years_after
from detente.errors import DataValidationError

TODAY = dt.date(2026, 12, 2)
SIGNED = (dt.date(1975, 8, 1), "the pact was signed")


def test_a_day_that_happened_is_today_at_the_latest_and_not_before_its_bound() -> None:
    assert happened(TODAY, "form", "joined_on", today=TODAY) == TODAY
    assert happened(SIGNED[0], "form", "joined_on", not_before=SIGNED, today=TODAY) == SIGNED[0]
    with pytest.raises(DataValidationError) as future:
        happened(dt.date(2999, 12, 31), "form", "joined_on", today=TODAY)
    assert str(future.value) == "form, field 'joined_on': 2999-12-31 is in the future"
    with pytest.raises(DataValidationError) as early:
        happened(dt.date(1800, 1, 1), "form", "joined_on", not_before=SIGNED, today=TODAY)
    assert str(early.value) == (
        "form, field 'joined_on': 1800-01-01 is before the pact was signed (1975-08-01)"
    )


def test_a_due_day_may_be_ahead_but_within_the_horizon() -> None:
    assert ahead(dt.date(2036, 12, 2), "form", "due_on", years=10, today=TODAY)
    with pytest.raises(DataValidationError) as far:
        ahead(dt.date(2036, 12, 3), "form", "due_on", years=10, today=TODAY)
    assert str(far.value) == (
        "form, field 'due_on': 2036-12-03 is more than 10 years ahead; give a day up to 2036-12-02"
    )
    with pytest.raises(DataValidationError, match="before the pact was signed"):
        ahead(dt.date(1800, 1, 1), "form", "due_on", years=10, not_before=SIGNED, today=TODAY)


def test_years_after_a_leap_day() -> None:
    assert years_after(dt.date(2028, 2, 29), 2) == dt.date(2030, 2, 28)
