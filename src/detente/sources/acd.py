"""UCDP/PRIO Armed Conflict Dataset (conflict-year), comma-separated with ISO dates.

One row per conflict (``conflict_id``) and year in which it caused at least 25 battle deaths.
Location and parties are Gleditsch–Ward codes, several in one field when there are several
(``gwno_loc`` = ``"651, 666"``). Accepts the file as published by UCDP
(``UcdpPrioConflict_v25_1.csv`` in ``ucdp-prio-acd-251-csv.zip``) and the normalised copy of
the snapshot (same columns).
Reference: Gleditsch et al. (2002), "Armed Conflict 1946–2001: A New Dataset", *Journal of
Peace Research* 39(5); codebook ``ucdp-prio-acd-251.pdf``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from detente.errors import DataValidationError
from detente.sources.base import StagedRelease, StagedTable, need_release, period_range, read_frame
from detente.sources.files import InputFile, release_from_name
from detente.sources.gwcodes import check_alive
from detente.sources.schema import Column, RowCheck, Schema
from detente.sources.staging import stage

KIND = "acd"
TITLE = "UCDP/PRIO Armed Conflict Dataset"
CONFLICT_URL = "https://ucdp.uu.se/conflict/{}"
"""UCDP's public page of a conflict (its ``conflict_id``), for links from pages that cite it."""

SCHEMA = Schema(
    kind=KIND,
    title=TITLE,
    columns=(
        Column("conflict_id", "int"),
        Column("location"),
        Column("side_a"),
        Column("side_a_id"),
        Column("side_a_2nd", nullable=True),
        Column("side_b"),
        Column("side_b_id"),
        Column("side_b_2nd", nullable=True),
        Column("incompatibility", "int", allowed=(1, 2, 3)),
        Column("territory_name", nullable=True),
        Column("year", "int"),
        Column("intensity_level", "int", allowed=(1, 2)),
        Column("cumulative_intensity", "int", allowed=(0, 1)),
        Column("type_of_conflict", "int", allowed=(1, 2, 3, 4)),
        Column("start_date", "date"),
        Column("start_prec", "int", nullable=True),
        Column("start_date2", "date"),
        Column("start_prec2", "int", nullable=True),
        Column("ep_end", "int", allowed=(0, 1)),
        Column("ep_end_date", "date", nullable=True),
        Column("ep_end_prec", "int", nullable=True),
        Column("gwno_a", "gwno_list"),
        Column("gwno_a_2nd", "gwno_list", nullable=True),
        Column("gwno_b", "gwno_list", nullable=True),
        Column("gwno_b_2nd", "gwno_list", nullable=True),
        Column("gwno_loc", "gwno_list"),
        Column("region"),
        Column("version", nullable=True),
    ),
    unique=("conflict_id", "year"),
    checks=(
        RowCheck("year", "year < 1946", "{value} is not an ACD year (1946-)"),
        RowCheck("year", "year > year(current_date)", "{value} is in the future"),
        RowCheck(
            "start_date2",
            "start_date2 < start_date",
            "{value} is before start_date; the episode cannot start before the conflict",
        ),
        RowCheck(
            "ep_end_date",
            "ep_end_date < start_date2",
            "{value} is before start_date2; an episode cannot end before it starts",
        ),
    ),
)


def stage_acd(
    con: duckdb.DuckDBPyConnection, source: InputFile, release: str | None = None
) -> StagedRelease:
    """Validate an ACD file into temporary table ``acd`` of ``con``."""
    rows = stage(con, source, SCHEMA, "acd")
    check_alive(con, "acd", source.display, "gwno_loc", "year", is_list=True, where="year >= 1989")
    versions = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT version FROM acd WHERE version IS NOT NULL"
        ).fetchall()
    ]
    if len(versions) > 1:
        raise DataValidationError(
            source.display, None, "version", f"several versions in one file: {sorted(versions)}"
        )
    found = release or (versions[0] if versions else None) or release_from_name(source.display)
    table = StagedTable("acd", rows, "year")
    first, last = period_range(con, table)
    return StagedRelease(
        kind=KIND,
        display=source.display,
        release=need_release(source.display, found, TITLE),
        tables={"acd": table},
        period_unit="year",
        first_period=first,
        last_period=last,
    )


def read_acd(path: Path, release: str | None = None) -> pd.DataFrame:
    """Read and validate a UCDP/PRIO Armed Conflict Dataset file.

    Parameters
    ----------
    path:
        The CSV (comma-separated, ISO dates) or its ``-csv.zip``.

    Returns
    -------
    pandas.DataFrame
        One row per conflict-year in file order with the 28 codebook columns; Gleditsch–Ward
        code lists stay text as published (``"651, 666"``), dates are ``datetime64``.

    Raises
    ------
    DataValidationError
        Naming file, row and field of the first problem.
    """
    return read_frame(path, stage_acd, release, "acd")
