"""The value types of the country reference and the one rule for "on a date or in a year".

A question about a year means "on any day of that year": a state that became independent on
2011-07-09 is alive in 2011, and so is a membership that ended on 2020-01-31. Pass a
:class:`datetime.date` for a question about one day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OnDate = date | int
"""A day, or a calendar year meaning any day of it."""


@dataclass(frozen=True, slots=True)
class State:
    """One spell of a Gleditsch–Ward independent state.

    Attributes
    ----------
    gwno:
        Gleditsch–Ward code (what UCDP uses).
    iso3:
        ISO 3166-1 alpha-3 code, the withdrawn ISO 3166-3 code for dissolved states (``SUN`` is
        not used: 365 keeps ``RUS``; ``YUG``, ``CSK``, ``DDR``, ``YMD`` are), ``XKX`` for Kosovo,
        or ``None`` when no code exists (Abkhazia, South Ossetia, pre-1945 states).
    name:
        Display name (country_converter's short name for current states).
    start, end:
        First and last day of independence in this spell; ``end`` is ``None`` while ongoing.
    region, subregion:
        UN M49 region ("Africa") and subregion ("Eastern Africa"); for dissolved states those of
        the successor.
    microstate:
        Gleditsch–Ward's microstate flag.
    gwc, gw_name:
        Gleditsch–Ward's letter code and name, as published.
    """

    gwno: int
    iso3: str | None
    name: str
    start: date
    end: date | None
    region: str
    subregion: str
    microstate: bool
    gwc: str
    gw_name: str

    def alive(self, on: OnDate) -> bool:
        """Whether this spell covers the day ``on`` (or any day of the year ``on``)."""
        first, last = span(on)
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True, slots=True)
class Organisation:
    """A regional organisation whose memberships the reference tracks."""

    acronym: str
    name: str
    source: str


def span(on: OnDate) -> tuple[date, date]:
    """First and last day that ``on`` stands for (one day, or a whole year)."""
    if isinstance(on, date):
        return on, on
    if isinstance(on, int) and not isinstance(on, bool) and 1 <= on <= 9999:
        return date(on, 1, 1), date(on, 12, 31)
    raise TypeError(f"expected a date or a year, got {on!r}")


def overlaps(start: date, end: date | None, on: OnDate) -> bool:
    """Whether the period ``start``..``end`` (``None`` = ongoing) meets ``on``."""
    first, last = span(on)
    return start <= last and (end is None or end >= first)
