"""Shared type aliases and the month arithmetic every domain agrees on.

``Gwno`` is the Gleditsch–Ward state code UCDP uses. ``Month`` is a ``YYYY-MM`` string in files
and APIs. ViEWS numbers months with ``month_id`` where 1 is 1980-01; the two helpers below are the
single source of truth for converting between the two.
"""

from __future__ import annotations

import re
from typing import Literal, NewType

Gwno = NewType("Gwno", int)
Iso3 = NewType("Iso3", str)
Month = NewType("Month", str)
Year = NewType("Year", int)
Unit = Literal["cy", "cm"]

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_VIEWS_EPOCH_YEAR = 1980


def parse_month(value: str) -> tuple[int, int]:
    """Return ``(year, month)`` for a ``YYYY-MM`` string; raise ``ValueError`` otherwise."""
    match = _MONTH_RE.match(value)
    if match is None:
        raise ValueError(f"'{value}' is not a month in the form YYYY-MM")
    return int(match.group(1)), int(match.group(2))


def month_to_id(month: str) -> int:
    """ViEWS ``month_id`` of a ``YYYY-MM`` month (1980-01 is 1)."""
    year, mon = parse_month(month)
    return (year - _VIEWS_EPOCH_YEAR) * 12 + mon


def id_to_month(month_id: int) -> Month:
    """``YYYY-MM`` month of a ViEWS ``month_id`` (1 is 1980-01)."""
    if month_id < 1:
        raise ValueError(f"month_id must be >= 1, got {month_id}")
    year, index = divmod(month_id - 1, 12)
    return Month(f"{_VIEWS_EPOCH_YEAR + year:04d}-{index + 1:02d}")


def add_months(month: str, n: int) -> Month:
    """The month ``n`` months after ``month`` (``n`` may be negative)."""
    return id_to_month(month_to_id(month) + n)
