"""Helpers for response tests: small rosters written through the real import path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from detente.response.officers import OfficerRecord, save_records
from detente.store import Database

ALWAYS = ((dt.date(2026, 1, 1), dt.date(2028, 12, 31)),)


def officer(
    name: str,
    gwno: int,
    languages: Sequence[str] = ("en",),
    expertise: Sequence[str] = ("mediation",),
    seniority: int = 3,
    availability: Sequence[tuple[dt.date, dt.date]] = ALWAYS,
) -> OfficerRecord:
    """A (generated, test) officer record."""
    return OfficerRecord(
        id=None,
        name=name,
        gwno=gwno,
        languages=tuple(languages),
        expertise=tuple(expertise),
        seniority=seniority,
        availability=tuple(availability),
        generated=True,
    )


def add_roster(database: Database, records: Sequence[OfficerRecord]) -> None:
    """Save ``records`` in one transaction."""
    with database.session() as session:
        save_records(session, records, actor="test")
