"""Plausible days for what users record: one helper so every form, import and CLI agrees.

Why: a typo such as 2999-12-31 or 1800-01-01 is a valid date, and once stored it distorts what
reads it (a member "since 2999", a deadline no list will ever show as overdue, a team booked for
a millennium). Two kinds of day are checked:

* :func:`happened`: something that took place (joined, adopted, started, ended) is not after
  today and not before what it depends on (a pact's signature);
* :func:`ahead`: something due or planned may be in the future, but within a horizon in years,
  and not before what it depends on.

Whether a state was independent on the day is a question for :mod:`detente.countries`; the
callers check it next to these.
"""

from __future__ import annotations

import datetime as dt

from detente.errors import DataValidationError

Bound = tuple[dt.date, str]
"""The earliest plausible day and what happened on it, e.g. ``(signed_on, "the pact was
signed")``; the message reads "<day> is before the pact was signed (<signed_on>)"."""


def years_after(day: dt.date, years: int) -> dt.date:
    """``day`` moved ``years`` years on (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _not_before(day: dt.date, source: str, field: str, bound: Bound | None) -> None:
    if bound is not None and day < bound[0]:
        raise DataValidationError(
            source, None, field, f"{day.isoformat()} is before {bound[1]} ({bound[0].isoformat()})"
        )


def happened(
    day: dt.date,
    source: str,
    field: str,
    *,
    not_before: Bound | None = None,
    today: dt.date | None = None,
) -> dt.date:
    """``day`` when it can be the day something took place: today at the latest.

    Raises ``DataValidationError(source, None, field, ...)`` for a future day or one before
    ``not_before``.
    """
    if day > (today or dt.date.today()):
        raise DataValidationError(source, None, field, f"{day.isoformat()} is in the future")
    _not_before(day, source, field, not_before)
    return day


def ahead(
    day: dt.date,
    source: str,
    field: str,
    *,
    years: int,
    not_before: Bound | None = None,
    today: dt.date | None = None,
) -> dt.date:
    """``day`` when it can be a due or planned day: at most ``years`` years from today.

    Raises ``DataValidationError(source, None, field, ...)`` for a day beyond the horizon or
    before ``not_before``.
    """
    latest = years_after(today or dt.date.today(), years)
    if day > latest:
        raise DataValidationError(
            source,
            None,
            field,
            f"{day.isoformat()} is more than {years} years ahead; "
            f"give a day up to {latest.isoformat()}",
        )
    _not_before(day, source, field, not_before)
    return day
