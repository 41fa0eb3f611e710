"""PA-X Peace Agreements Database (agreement level): CSV with UTF-8 BOM, or Parquet.

One row per agreement (``AgtId``) with its date (``Dat``), peace process (``PP``/``PPName``),
stage (``Stage``: ``Pre``, ``SubPar``, ``Cea``, ``SubComp``, ``Comp``, ``Imp``, ``Ren``, ``Oth``),
parties and third parties (free text) and location as ISO3 and Gleditsch–Ward codes
(``Loc1GWNO``/``Loc2GWNO``). Only the columns Détente uses are kept (the ~240 coded provisions are
dropped). Reference: Bell & Badanjak (2019), "Introducing PA-X: A new peace agreement database
and dataset", *Journal of Peace Research* 56(3).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from detente.sources.base import StagedRelease, StagedTable, period_range, read_frame
from detente.sources.files import InputFile
from detente.sources.gwcodes import check_alive
from detente.sources.schema import Column, RowCheck, Schema, columns
from detente.sources.staging import stage

KIND = "pax"
TITLE = "PA-X Peace Agreements"
AGREEMENT_URL = "https://www.peaceagreements.org/view/{}"
"""PA-X's public page of an agreement (its ``AgtId``: coding detail and a link to the text),
for links from pages that cite it; the address PA-X's own visualisations link to."""

KEPT_COLUMNS = (
    "AgtId",
    "Agt",
    "Dat",
    "Con",
    "Contp",
    "PP",
    "PPName",
    "Reg",
    "Status",
    "Agtp",
    "Stage",
    "StageSub",
    "Part",
    "ThrdPart",
    "Loc1ISO",
    "Loc2ISO",
    "Loc1GWNO",
    "Loc2GWNO",
    "UcdpCon",
    "UcdpAgr",
)
"""The PA-X columns other domains use, in this order."""

SCHEMA = Schema(
    kind=KIND,
    title=TITLE,
    columns=(
        Column("AgtId", "int"),
        Column("Agt"),
        Column("Dat", "date"),
        Column("Con"),
        Column("Contp", nullable=True),
        Column("PP", "int"),
        Column("PPName"),
        *columns(
            "Reg Status Agtp Stage StageSub Part ThrdPart Loc1ISO Loc2ISO", "text", nullable=True
        ),
        *columns("Loc1GWNO Loc2GWNO", "gwno", nullable=True),
        *columns("UcdpCon UcdpAgr", "text", nullable=True),
    ),
    unique=("AgtId",),
    checks=(
        RowCheck("Dat", "year(Dat) < 1945", "{value} is not a plausible date (1945-)"),
        RowCheck("Dat", "Dat > current_date", "{value} is in the future"),
    ),
)
assert SCHEMA.names == KEPT_COLUMNS


def stage_pax(
    con: duckdb.DuckDBPyConnection, source: InputFile, release: str | None = None
) -> StagedRelease:
    """Validate a PA-X export into temporary table ``pax`` of ``con``.

    Without ``release`` the export is named by the date of its latest agreement, since PA-X
    exports carry no version number.
    """
    rows = stage(con, source, SCHEMA, "pax")
    for field in ("Loc1GWNO", "Loc2GWNO"):
        check_alive(con, "pax", source.display, field, "year(Dat)")
    table = StagedTable("pax", rows, "year(Dat)")
    first, last = period_range(con, table)
    latest = con.execute("SELECT CAST(max(Dat) AS VARCHAR) FROM pax").fetchone()
    assert latest is not None
    return StagedRelease(
        kind=KIND,
        display=source.display,
        release=release or str(latest[0]),
        tables={"pax": table},
        period_unit="year",
        first_period=first,
        last_period=last,
    )


def read_pax(path: Path, release: str | None = None) -> pd.DataFrame:
    """Read and validate a PA-X agreements export.

    Parameters
    ----------
    path:
        ``pax_all_agreements_data.csv`` (UTF-8, with or without BOM) or a Parquet file with at
        least :data:`KEPT_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        One row per agreement in file order with :data:`KEPT_COLUMNS`; ``Dat`` is
        ``datetime64``, ``AgtId``/``PP`` integers, ``Loc1GWNO``/``Loc2GWNO`` nullable integers.

    Raises
    ------
    DataValidationError
        Naming file, row and field of the first problem.
    """
    return read_frame(path, stage_pax, release, "pax")
