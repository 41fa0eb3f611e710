"""UCDP Georeferenced Event Dataset (GED): annual releases and monthly candidate files.

One row per event of organized violence, with the columns of the GED codebook (Högbladh,
"UCDP GED Codebook version 25.1"), in the annual zipped CSV (``ged251-csv.zip`` holding
``GEDEvent_v25_1.csv``) and in the monthly candidate CSV files (``GEDEvent_v25_0_1.csv``,
Hegre et al. 2020, "Introducing the UCDP Candidate Events Dataset", *Research & Politics*).
Deaths are counted in the month of ``date_start`` (as in the VIEWS challenge); the country is
``country_id`` (Gleditsch–Ward); ``gwnoa``/``gwnob`` may hold several codes (``"2, 200"``).
Reference: Sundberg & Melander (2013), "Introducing the UCDP Georeferenced Event Dataset",
*Journal of Peace Research* 50(4).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from detente.sources.base import StagedRelease, StagedTable, need_release, period_range, read_frame
from detente.sources.files import InputFile, release_from_name
from detente.sources.gwcodes import check_alive
from detente.sources.schema import Column, RowCheck, Schema, columns
from detente.sources.staging import stage

KIND = "ged"
TITLE = "UCDP GED"

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
"""The 49 columns of the GED codebook, in the published order."""

MONTH_ID_SQL = "(year(date_start) - 1980) * 12 + month(date_start)"
"""ViEWS ``month_id`` (1 = 1980-01) of an event's ``date_start``."""

SCHEMA = Schema(
    kind=KIND,
    title=TITLE,
    columns=(
        Column("id", "int"),
        Column("relid", nullable=True),
        Column("year", "int"),
        Column("active_year", "bool", nullable=True),
        Column("code_status", nullable=True),
        Column("type_of_violence", "int", allowed=(1, 2, 3)),
        Column("conflict_dset_id", "int", nullable=True),
        Column("conflict_new_id", "int"),
        Column("conflict_name", nullable=True),
        Column("dyad_dset_id", "int", nullable=True),
        Column("dyad_new_id", "int"),
        Column("dyad_name", nullable=True),
        Column("side_a_dset_id", "int", nullable=True),
        Column("side_a_new_id", "int"),
        Column("side_a", nullable=True),
        Column("side_b_dset_id", "int", nullable=True),
        Column("side_b_new_id", "int"),
        Column("side_b", nullable=True),
        Column("number_of_sources", "int", nullable=True),
        *columns(
            "source_article source_office source_date source_headline source_original",
            "text",
            nullable=True,
        ),
        Column("where_prec", "int", allowed=(1, 2, 3, 4, 5, 6, 7)),
        *columns("where_coordinates where_description adm_1 adm_2", "text", nullable=True),
        Column("latitude", "float"),
        Column("longitude", "float"),
        Column("geom_wkt", nullable=True),
        Column("priogrid_gid", "int", nullable=True),
        Column("country"),
        Column("country_id", "gwno"),
        Column("region", nullable=True),
        Column("event_clarity", "int", allowed=(1, 2)),
        Column("date_prec", "int", allowed=(1, 2, 3, 4, 5)),
        Column("date_start", "date"),
        Column("date_end", "date"),
        *columns("deaths_a deaths_b deaths_civilians deaths_unknown best high low", "count"),
        Column("gwnoa", "gwno_list", nullable=True),
        Column("gwnob", "gwno_list", nullable=True),
    ),
    unique=("id",),
    checks=(
        RowCheck("date_end", "date_end < date_start", "{value} is before date_start"),
        RowCheck(
            "date_start",
            "year(date_start) < 1989",
            "{value} is outside GED's coverage (1989-)",
        ),
        RowCheck(
            "date_start",
            "date_start > current_date",
            "{value} is in the future",
        ),
        RowCheck("latitude", "abs(latitude) > 90", "{value} is not a latitude (-90..90)"),
        RowCheck("longitude", "abs(longitude) > 180", "{value} is not a longitude (-180..180)"),
    ),
)
assert SCHEMA.names == COLUMNS


def stage_ged(
    con: duckdb.DuckDBPyConnection, source: InputFile, release: str | None = None
) -> StagedRelease:
    """Validate a GED file (annual or candidate) into temporary table ``ged`` of ``con``."""
    rows = stage(con, source, SCHEMA, "ged")
    check_alive(con, "ged", source.display, "country_id", "year(date_start)")
    found = release or release_from_name(source.display)
    table = StagedTable("ged", rows, MONTH_ID_SQL)
    first, last = period_range(con, table)
    return StagedRelease(
        kind=KIND,
        display=source.display,
        release=need_release(source.display, found, TITLE),
        tables={"ged": table},
        period_unit="month",
        first_period=first,
        last_period=last,
    )


def read_ged(path: Path, release: str | None = None) -> pd.DataFrame:
    """Read and validate a UCDP GED file.

    Parameters
    ----------
    path:
        ``ged251-csv.zip``, ``GEDEvent_v25_1.csv`` or a monthly candidate ``GEDEvent_v25_0_X.csv``.
    release:
        The release label when the file name does not tell it.

    Returns
    -------
    pandas.DataFrame
        One row per event in file order with the 49 codebook columns (dates as
        ``datetime64``, deaths as integers, ``gwnoa``/``gwnob`` as published text).

    Raises
    ------
    DataValidationError
        Naming file, row and field of the first problem.
    """
    return read_frame(path, stage_ged, release, "ged")
