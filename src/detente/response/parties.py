"""Who is party to the conflicts in a country, from the UCDP/PRIO Armed Conflict Dataset.

A state is a party when it is a primary side (``gwno_a`` or ``gwno_b``) of an ACD conflict whose
location (``gwno_loc``) includes the crisis country in the last ``years`` years of the imported
release. Secondary supporters (``*_2nd``) are left out: in coalitions they list dozens of states
(Mali 2023: 54), which would empty the roster rather than prevent a conflict of interest.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.analytics.store import read_connection, table_exists
from detente.errors import NotFoundError
from detente.settings import Settings


@dataclass(frozen=True)
class Parties:
    """State parties to recent conflicts located in a country, and where that came from."""

    gwno: int
    states: frozenset[int]
    source: str  # e.g. "UCDP/PRIO ACD 2021-2023", or why nothing is known


def _codes(value: str | None) -> set[int]:
    return {int(part) for part in (value or "").replace(";", ",").split(",") if part.strip()}


def conflict_parties(settings: Settings, gwno: int, years: int = 3) -> Parties:
    """The state parties (primary sides) of ACD conflicts in ``gwno`` in the latest years.

    Returns an empty set with the reason in ``source`` when no analytics store or no ACD release
    is available (the conflict-of-interest rule then rests on nationality and neighbours only).
    """
    try:
        with read_connection(settings.analytics_path) as con:
            if not table_exists(con, "raw_acd", database=None):
                return Parties(gwno, frozenset(), "no ACD release imported")
            rows = con.execute(
                "SELECT year, gwno_a, gwno_b, gwno_loc FROM raw_acd "
                "WHERE year > (SELECT max(year) FROM raw_acd) - ?",
                [years],
            ).fetchall()
            latest = con.execute("SELECT max(year) FROM raw_acd").fetchone()
    except NotFoundError:
        return Parties(gwno, frozenset(), "no analytics store (run 'detente init')")
    states: set[int] = set()
    for _year, side_a, side_b, location in rows:
        if gwno in _codes(location):
            states |= _codes(side_a) | _codes(side_b)
    last = int(latest[0]) if latest and latest[0] is not None else 0
    return Parties(gwno, frozenset(states), f"UCDP/PRIO ACD {last - years + 1}-{last}")
