"""What the analytics store holds: sources, releases, coverage and row counts; and the panels.

:func:`data_status` feeds ``detente data status`` and the web home page; :func:`load_panel` is
how every other domain reads the panels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from detente.analytics.panels import CM_COLUMNS, CY_COLUMNS
from detente.analytics.store import RAW_TABLES, read_connection, store_path, table_exists
from detente.settings import Settings
from detente.sources import TITLES
from detente.types import Unit


@dataclass(frozen=True)
class ReleaseInfo:
    """One imported release (current or replaced)."""

    release_id: int
    kind: str
    release: str
    file_name: str
    sha256: str
    imported_at: datetime
    rows_imported: int
    rows_current: int
    """Rows of this release still in force (0 once a newer release replaced them all)."""
    first_period: str
    last_period: str


@dataclass(frozen=True)
class SourceStatus:
    """One source kind: the releases in force and the rows and periods it covers now."""

    kind: str
    title: str
    releases: tuple[str, ...]
    rows: int
    first_period: str | None
    last_period: str | None


@dataclass(frozen=True)
class PanelInfo:
    """Size and coverage of one panel (periods ``None`` when it is empty)."""

    unit: str
    rows: int
    countries: int
    first_period: str | None
    last_period: str | None


@dataclass(frozen=True)
class DataStatus:
    """Everything ``detente data status`` shows.

    Attributes
    ----------
    exists:
        Whether the store file exists (``False``: nothing imported, run ``detente init``).
    sources:
        One entry per source kind that has rows.
    releases:
        Every release ever imported, oldest first.
    cy, cm:
        The country-year and country-month panels.
    """

    path: Path
    exists: bool
    sources: tuple[SourceStatus, ...]
    releases: tuple[ReleaseInfo, ...]
    cy: PanelInfo
    cm: PanelInfo

    @property
    def coverage_years(self) -> tuple[int, int] | None:
        """First and last year of the country-year panel."""
        if self.cy.first_period is None or self.cy.last_period is None:
            return None
        return int(self.cy.first_period), int(self.cy.last_period)

    @property
    def coverage_months(self) -> tuple[str, str] | None:
        """First and last month (``YYYY-MM``) of the country-month panel."""
        if self.cm.first_period is None or self.cm.last_period is None:
            return None
        return self.cm.first_period, self.cm.last_period


_EMPTY = {"cy": PanelInfo("cy", 0, 0, None, None), "cm": PanelInfo("cm", 0, 0, None, None)}


def _panel_info(con: duckdb.DuckDBPyConnection, unit: str) -> PanelInfo:
    if not table_exists(con, f"panel_{unit}", None):
        return _EMPTY[unit]
    found = con.execute(
        f"SELECT count(*), count(DISTINCT gwno), min(period), max(period) FROM panel_{unit}"
    ).fetchone()
    assert found is not None
    return PanelInfo(unit, int(found[0]), int(found[1]), found[2], found[3])


def _release_rows(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    current: dict[int, int] = {}
    for tables in RAW_TABLES.values():
        for name in tables:
            if table_exists(con, f"raw_{name}", None):
                query = f"SELECT release_id, count(*) FROM raw_{name} GROUP BY release_id"
                for release_id, count in con.execute(query).fetchall():
                    current[int(release_id)] = current.get(int(release_id), 0) + int(count)
    return current


def data_status(target: Settings | Path | str) -> DataStatus:
    """Sources, releases, coverage and row counts of the analytics store.

    Never raises for a missing store: ``exists`` is then ``False`` and everything is empty.
    """
    path = store_path(target)
    if not path.is_file():
        return DataStatus(path, False, (), (), _EMPTY["cy"], _EMPTY["cm"])
    with read_connection(path) as con:
        if not table_exists(con, "releases", None):
            return DataStatus(path, True, (), (), _EMPTY["cy"], _EMPTY["cm"])
        current = _release_rows(con)
        releases = tuple(
            ReleaseInfo(
                release_id=int(r[0]),
                kind=r[1],
                release=r[2],
                file_name=r[3],
                sha256=r[4],
                imported_at=r[5],
                rows_imported=int(r[6]),
                rows_current=current.get(int(r[0]), 0),
                first_period=r[7],
                last_period=r[8],
            )
            for r in con.execute(
                "SELECT release_id, kind, release, file_name, sha256, imported_at, "
                "rows_imported, first_period, last_period FROM releases ORDER BY release_id"
            ).fetchall()
        )
        sources = []
        for kind in RAW_TABLES:
            live = [r for r in releases if r.kind == kind and r.rows_current > 0]
            if not live:
                continue
            sources.append(
                SourceStatus(
                    kind=kind,
                    title=TITLES[kind],
                    releases=tuple(r.release for r in live),
                    rows=sum(r.rows_current for r in live),
                    first_period=min(r.first_period for r in live),
                    last_period=max(r.last_period for r in live),
                )
            )
        return DataStatus(
            path, True, tuple(sources), releases, _panel_info(con, "cy"), _panel_info(con, "cm")
        )


def load_panel(path_or_settings: Settings | Path | str, unit: Unit | str = "cy") -> pd.DataFrame:
    """The country-year (``unit="cy"``) or country-month (``"cm"``) panel.

    Parameters
    ----------
    path_or_settings:
        Settings (uses ``analytics_path``) or the DuckDB file.
    unit:
        ``"cy"``: one row per Gleditsch–Ward state alive in the year x year, 1989 to the last
        year of the UCDP country-year release. ``"cm"``: per month, 1989-01 to the last month
        of the imported GED releases (empty until a GED release is imported).

    Returns
    -------
    pandas.DataFrame
        Columns and meaning as in ``docs/data-contracts.md``: ``gwno``, ``year`` (cy) or
        ``month``/``month_id`` (cm), ``period``, ``iso3``, ``country``, deaths ``{sb,ns,os}_
        {best,low,high}`` (float, zero where no source row), ``acd_*`` and ``pax_*`` counts
        (int). Sorted by ``gwno`` then period.

    Raises
    ------
    NotFoundError
        If the store does not exist (run ``detente init``).
    ValueError
        If ``unit`` is neither ``"cy"`` nor ``"cm"``.
    """
    if unit not in ("cy", "cm"):
        raise ValueError(f"unit must be 'cy' or 'cm', got {unit!r}")
    columns = CY_COLUMNS if unit == "cy" else CM_COLUMNS
    with read_connection(store_path(path_or_settings)) as con:
        if not table_exists(con, f"panel_{unit}", None):
            return _empty_panel(columns)
        order = "gwno, year" if unit == "cy" else "gwno, month_id"
        return con.execute(f"SELECT * FROM panel_{unit} ORDER BY {order}").df()


def _empty_panel(columns: list[str]) -> pd.DataFrame:
    text = {"period", "iso3", "country", "month"}
    return pd.DataFrame(
        {
            c: pd.Series(
                dtype="str"
                if c in text
                else ("float64" if c[:3] in ("sb_", "ns_", "os_") else "int64")
            )
            for c in columns
        }
    )
