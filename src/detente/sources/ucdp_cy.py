"""UCDP Country-Year Dataset on Organized Violence within Country Borders (CSV as published).

One row per country (``country_id_cy``, Gleditsch–Ward) and year (``year_cy``) with deaths from
state-based, non-state and one-sided violence (best, low, high). The file is the yearly forecast
target of Détente (``sb_total_deaths_best_cy``). Reference: Davies, Pettersson, Sollenberg &
Öberg (2025), "Organized violence 1989–2024", *Journal of Peace Research* 62(4); codebook
``UCDP_OrganizedViolenceCY_Codebook``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from detente.errors import DataValidationError
from detente.sources.base import StagedRelease, StagedTable, need_release, period_range, read_frame
from detente.sources.files import InputFile, release_from_name
from detente.sources.gwcodes import check_alive
from detente.sources.schema import Column, RowCheck, Schema, columns
from detente.sources.staging import stage

KIND = "ucdp-cy"
TITLE = "UCDP Country-Year Organized Violence"

_DEATHS = " ".join(
    f"{kind}_{what}_{level}_cy"
    for kind, what in (
        ("sb", "total_deaths"),
        ("sb_intrastate", "deaths"),
        ("sb_interstate", "deaths"),
        ("ns", "total_deaths"),
        ("os", "total_deaths"),
    )
    for level in ("best", "high", "low")
)

SCHEMA = Schema(
    kind=KIND,
    title=TITLE,
    columns=(
        Column("country_id_cy", "gwno"),
        Column("country_cy"),
        Column("year_cy", "int"),
        Column("region_cy", nullable=True),
        Column("main_govt_name_cy", nullable=True),
        *columns("sb_exist_cy ns_exist_cy os_exist_cy", "count"),
        *columns("sb_dyad_count_cy ns_dyad_count_cy os_dyad_count_cy", "count"),
        *columns(_DEATHS, "count"),
        Column("version", nullable=True),
    ),
    unique=("country_id_cy", "year_cy"),
    checks=(
        RowCheck("year_cy", "year_cy < 1946", "{value} is not a UCDP year (1946-)"),
        RowCheck("year_cy", "year_cy > year(current_date)", "{value} is in the future"),
    ),
)


def stage_cy(
    con: duckdb.DuckDBPyConnection, source: InputFile, release: str | None = None
) -> StagedRelease:
    """Validate a UCDP country-year file into temporary table ``ucdp_cy`` of ``con``."""
    rows = stage(con, source, SCHEMA, "ucdp_cy")
    check_alive(con, "ucdp_cy", source.display, "country_id_cy", "year_cy")
    versions = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT version FROM ucdp_cy WHERE version IS NOT NULL"
        ).fetchall()
    ]
    if len(versions) > 1:
        raise DataValidationError(
            source.display, None, "version", f"several versions in one file: {sorted(versions)}"
        )
    found = release or (versions[0] if versions else None) or release_from_name(source.display)
    table = StagedTable("ucdp_cy", rows, "year_cy")
    first, last = period_range(con, table)
    return StagedRelease(
        kind=KIND,
        display=source.display,
        release=need_release(source.display, found, TITLE),
        tables={"ucdp_cy": table},
        period_unit="year",
        first_period=first,
        last_period=last,
    )


def read_ucdp_cy(path: Path, release: str | None = None) -> pd.DataFrame:
    """Read and validate a UCDP country-year organized violence file.

    Parameters
    ----------
    path:
        The CSV as published (``organizedviolencecy_v25_1.csv``), or its ``-csv.zip``.

    Returns
    -------
    pandas.DataFrame
        One row per country and year, in file order, with the declared columns of
        :data:`SCHEMA` (deaths as integers, ``version`` as text).

    Raises
    ------
    DataValidationError
        Naming file, row and field of the first problem.
    """
    return read_frame(path, stage_cy, release, "ucdp_cy")
