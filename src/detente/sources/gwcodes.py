"""Gleditsch–Ward codes in source files: which state a code means in a given year.

UCDP writes several countries in one field (``gwno_loc`` = ``"651, 666"``) and keeps codes past
their Gleditsch–Ward validity (345 for Serbia after 2006); PA-X places agreements in South Sudan
(626) before 2011. :func:`canonical` asks :func:`detente.countries.canonical_gwno` once per
distinct ``(code, year)`` pair, so a file of any size costs a few hundred look-ups.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb

from detente.countries import canonical_gwno
from detente.errors import DataValidationError, UnknownCountryError


@lru_cache(maxsize=65536)
def canonical(code: int, year: int) -> int | None:
    """The state ``code`` denotes in ``year`` (``None`` if none: not alive, nobody held it)."""
    try:
        return canonical_gwno(code, year)
    except UnknownCountryError:
        return None


def codes_sql(column: str, is_list: bool) -> str:
    """SQL list of integer codes of a column (split on commas when ``is_list``)."""
    if is_list:
        return f"list_transform(string_split({column}, ','), lambda x: CAST(trim(x) AS BIGINT))"
    return f"[CAST({column} AS BIGINT)]"


def check_alive(
    con: duckdb.DuckDBPyConnection,
    table: str,
    display: str,
    field: str,
    year_sql: str,
    *,
    is_list: bool = False,
    where: str = "TRUE",
) -> None:
    """Fail on the first row whose ``field`` names no state alive in the row's year.

    Parameters
    ----------
    year_sql:
        SQL for the row's year (``year_cy``, ``year(date_start)``).
    is_list:
        The field holds comma-separated codes (each is checked).
    where:
        Only rows matching this SQL condition are checked.
    """
    column = f'"{field}"'
    codes = codes_sql(column, is_list)
    pairs = con.execute(
        f"SELECT DISTINCT code, year FROM (SELECT unnest({codes}) AS code, {year_sql} AS year "
        f"FROM {table} WHERE {column} IS NOT NULL AND {where})"
    ).fetchall()
    bad = sorted((int(c), int(y)) for c, y in pairs if canonical(int(c), int(y)) is None)
    if not bad:
        return
    first: tuple[int, int, int] | None = None
    for code, year in bad:
        found = con.execute(
            f"SELECT min(rowid) FROM {table} WHERE {column} IS NOT NULL AND {where} "
            f"AND {year_sql} = ? AND list_contains({codes}, ?)",
            [year, code],
        ).fetchone()
        if found and found[0] is not None and (first is None or found[0] < first[0]):
            first = (int(found[0]), code, year)
    assert first is not None
    rowid, code, year = first
    raise DataValidationError(
        display,
        rowid + 1,
        field,
        f"Gleditsch–Ward code {code} names no independent state in {year} "
        "(see `detente countries show CODE` for its dates)",
    )
