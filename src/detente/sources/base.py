"""What a reader hands to the analytics store: validated temporary tables plus their release.

Each source module (:mod:`~detente.sources.ucdp_cy`, :mod:`~detente.sources.acd`,
:mod:`~detente.sources.ged`, :mod:`~detente.sources.pax`, :mod:`~detente.sources.unvotes`) has
``stage(con, source, release)`` returning a :class:`StagedRelease` whose tables live in the
DuckDB connection ``con``; the public ``read_*`` functions run the same code on an in-memory
connection and return pandas frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from detente.errors import DataValidationError
from detente.sources.files import InputFile, open_input

PeriodUnit = Literal["year", "month"]


@dataclass(frozen=True)
class StagedTable:
    """A validated temporary table and how its rows map to periods.

    ``period_sql`` is SQL over the table's columns giving each row's period: a year, or a ViEWS
    ``month_id`` (1 = 1980-01) for monthly sources. A newer release replaces the rows of older
    releases within its own first..last period.
    """

    name: str
    rows: int
    period_sql: str


@dataclass(frozen=True)
class StagedRelease:
    """One validated release, ready to be written."""

    kind: str
    display: str
    release: str
    tables: dict[str, StagedTable]
    period_unit: PeriodUnit
    first_period: int
    last_period: int


Stager = Callable[[duckdb.DuckDBPyConnection, InputFile, str | None], StagedRelease]


def period_range(con: duckdb.DuckDBPyConnection, table: StagedTable) -> tuple[int, int]:
    """First and last period of a staged table."""
    found = con.execute(
        f"SELECT min({table.period_sql}), max({table.period_sql}) FROM {table.name}"
    ).fetchone()
    assert found is not None
    assert found[0] is not None
    return int(found[0]), int(found[1])


def need_release(display: str, release: str | None, what: str) -> str:
    """``release`` or a clear error saying how to give it."""
    if not release:
        raise DataValidationError(
            display,
            None,
            None,
            f"cannot tell which {what} release this is (no version column, nothing in the "
            "file name); pass --release",
        )
    return release


def read_frame(path: Path, stager: Stager, release: str | None, table: str) -> pd.DataFrame:
    """Stage ``path`` on an in-memory connection and return one staged table as a frame."""
    with open_input(path) as source, duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        staged = stager(con, source, release)
        return con.execute(f"SELECT * FROM {staged.tables[table].name} ORDER BY rowid").df()
