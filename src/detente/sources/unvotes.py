"""UN General Assembly roll-call votes (Voeten's data as packaged by the R package ``unvotes``).

Three tables, read together from one folder (Parquet or CSV): ``un_votes`` (rcid, country,
country_code [ISO2], vote: yes/no/abstain; absences are not rows), ``un_roll_calls`` (rcid,
session, importantvote, date, unres, amend, para, short, descr) and ``un_roll_call_issues``
(rcid, short_name, issue). The reader adds ``gwno``, the Gleditsch–Ward state that cast each
vote on its date (the code itself where the state was not yet independent that year, as
Taiwan's 1946-1948 votes for China's seat). References: Voeten, Strezhnev & Bailey (2009),
"United Nations General Assembly Voting Data", Harvard Dataverse, hdl:1902.1/12379;
Bailey, Strezhnev & Voeten (2017), *Journal of Conflict Resolution* 61(2).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from detente.countries import resolve
from detente.errors import DataValidationError, UnknownCountryError
from detente.sources.base import StagedRelease, StagedTable, period_range
from detente.sources.files import InputFile, open_input
from detente.sources.gwcodes import canonical
from detente.sources.schema import Column, RowCheck, Schema
from detente.sources.staging import stage

KIND = "unvotes"
TITLE = "UN General Assembly votes"
TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")

WITHDRAWN = {
    "CS": 315,  # Czechoslovakia (ISO 3166-3 withdrawn code CSHH)
    "DD": 265,  # German Democratic Republic (DDDE)
    "YD": 680,  # Yemen People's Republic / South Yemen (YDYE)
    "YU": 345,  # Yugoslavia, then Serbia and Montenegro, then Serbia (YUCS)
    "Yemen Arab Republic": 678,  # North Yemen; no ISO2 code in the data
}
"""Codes and names of ``unvotes`` that the country reference does not resolve (ISO 3166-3)."""

SCHEMAS = {
    "un_votes": Schema(
        kind=KIND,
        title="unvotes un_votes",
        columns=(
            Column("rcid", "int"),
            Column("country"),
            Column("country_code", nullable=True),
            Column("vote"),
        ),
        unique=("rcid", "country"),
        checks=(
            RowCheck(
                "vote",
                "vote NOT IN ('yes', 'no', 'abstain')",
                "'{value}' is not yes, no or abstain",
            ),
        ),
    ),
    "un_roll_calls": Schema(
        kind=KIND,
        title="unvotes un_roll_calls",
        columns=(
            Column("rcid", "int"),
            Column("session", "int"),
            Column("importantvote", "int", nullable=True),
            Column("date", "date"),
            Column("unres", nullable=True),
            Column("amend", "int", nullable=True),
            Column("para", "int", nullable=True),
            Column("short", nullable=True),
            Column("descr", nullable=True),
        ),
        unique=("rcid",),
    ),
    "un_roll_call_issues": Schema(
        kind=KIND,
        title="unvotes un_roll_call_issues",
        columns=(Column("rcid", "int"), Column("short_name"), Column("issue")),
        unique=("rcid", "short_name"),
    ),
}


@dataclass(frozen=True)
class UnVotes:
    """The three ``unvotes`` tables (see the module docstring for their columns)."""

    votes: pd.DataFrame
    roll_calls: pd.DataFrame
    issues: pd.DataFrame


def _files(source: InputFile) -> dict[str, InputFile]:
    """The three tables beside ``source`` (a folder or one of the three files)."""
    folder = source.path.parent if source.path.is_file() else source.path
    suffix = ".parquet" if source.format == "parquet" else ".csv"
    if source.path.is_file() and source.path.stem not in TABLES:
        raise DataValidationError(
            source.display,
            None,
            None,
            f"not one of the {TITLE} tables: import the folder holding "
            f"{', '.join(name + suffix for name in TABLES)}, or one of those files",
        )
    found: dict[str, InputFile] = {}
    for name in TABLES:
        path = folder / f"{name}{suffix}"
        if not path.is_file():
            raise DataValidationError(
                path, None, None, f"missing: the {TITLE} need {', '.join(TABLES)} side by side"
            )
        found[name] = InputFile(path, str(path), source.format)
    return found


@lru_cache(maxsize=1024)
def _resolved(country: str, code: str | None) -> int | None:
    gwno = WITHDRAWN.get(code or "") or WITHDRAWN.get(country)
    if gwno is not None:
        return gwno
    for query in (code, country):
        if query:
            try:
                return resolve(query).gwno
            except UnknownCountryError:
                continue
    return None


def _gwno_of(country: str, code: str | None, year: int) -> int | None:
    gwno = _resolved(country, code)
    if gwno is None:
        return None
    return canonical(gwno, year) or gwno


def _add_gwno(con: duckdb.DuckDBPyConnection, display: str) -> None:
    pairs = con.execute(
        "SELECT DISTINCT v.country, v.country_code, year(r.date) FROM un_votes v "
        "JOIN un_roll_calls r USING (rcid)"
    ).fetchall()
    rows = []
    for country, code, year in pairs:
        gwno = _gwno_of(country, code, int(year))
        if gwno is None:
            found = con.execute(
                "SELECT min(rowid) FROM un_votes WHERE country = ? "
                "AND country_code IS NOT DISTINCT FROM ?",
                [country, code],
            ).fetchone()
            row = int(found[0]) + 1 if found and found[0] is not None else None
            raise DataValidationError(
                display,
                row,
                "country_code",
                f"'{code}' ({country}) is not a known country code or name",
            )
        rows.append((country, code, int(year), gwno))
    mapping = pd.DataFrame(rows, columns=["country", "code", "year", "gwno"])
    con.register("_vote_gwno_frame", mapping)
    con.execute("CREATE OR REPLACE TEMP TABLE _vote_gwno AS SELECT * FROM _vote_gwno_frame")
    con.unregister("_vote_gwno_frame")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE un_votes AS SELECT v.rcid, v.country, v.country_code, "
        "v.vote, m.gwno, year(r.date) AS year FROM un_votes v JOIN un_roll_calls r USING (rcid) "
        "JOIN _vote_gwno m ON m.country = v.country "
        "AND m.code IS NOT DISTINCT FROM v.country_code AND m.year = year(r.date) ORDER BY v.rowid"
    )


def _check_rcids(con: duckdb.DuckDBPyConnection, table: str, display: str) -> None:
    found = con.execute(
        f"SELECT min(t.rowid) FROM {table} t ANTI JOIN un_roll_calls r USING (rcid)"
    ).fetchone()
    if found and found[0] is not None:
        rcid = con.execute(f"SELECT rcid FROM {table} WHERE rowid = ?", [found[0]]).fetchone()
        raise DataValidationError(
            display,
            int(found[0]) + 1,
            "rcid",
            f"roll call {rcid[0] if rcid else '?'} is not in un_roll_calls",
        )


def stage_unvotes(
    con: duckdb.DuckDBPyConnection, source: InputFile, release: str | None = None
) -> StagedRelease:
    """Validate the three tables into temporary tables of the same names in ``con``.

    Without ``release`` the data are named by the date of the latest roll call (the package
    version is not in the files).
    """
    files = _files(source)
    rows = {name: stage(con, files[name], SCHEMAS[name], name) for name in TABLES}
    for name in ("un_votes", "un_roll_call_issues"):
        _check_rcids(con, name, files[name].display)
    _add_gwno(con, files["un_votes"].display)
    tables = {
        "un_roll_calls": StagedTable("un_roll_calls", rows["un_roll_calls"], "year(date)"),
        "un_votes": StagedTable("un_votes", rows["un_votes"], "year"),
        "un_roll_call_issues": StagedTable(
            "un_roll_call_issues",
            rows["un_roll_call_issues"],
            "(SELECT year(r.date) FROM un_roll_calls r WHERE r.rcid = un_roll_call_issues.rcid)",
        ),
    }
    first, last = period_range(con, tables["un_roll_calls"])
    latest = con.execute("SELECT CAST(max(date) AS VARCHAR) FROM un_roll_calls").fetchone()
    assert latest is not None
    return StagedRelease(
        kind=KIND,
        display=files["un_votes"].display,
        release=release or str(latest[0]),
        tables=tables,
        period_unit="year",
        first_period=first,
        last_period=last,
    )


def read_un_votes(path: Path, release: str | None = None) -> UnVotes:
    """Read and validate the UN General Assembly votes.

    Parameters
    ----------
    path:
        A folder holding ``un_votes``, ``un_roll_calls`` and ``un_roll_call_issues`` as Parquet
        (or CSV), or any one of those files.

    Returns
    -------
    UnVotes
        ``votes`` (rcid, country, country_code, vote, gwno, year), ``roll_calls`` and ``issues``.

    Raises
    ------
    DataValidationError
        Naming file, row and field of the first problem (unknown roll call, vote, country).
    """
    if path.is_dir():
        parquet = path / "un_votes.parquet"
        path = parquet if parquet.is_file() else path / "un_votes.csv"
    with open_input(path) as source, duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        stage_unvotes(con, source, release)
        frames = [con.execute(f"SELECT * FROM {t} ORDER BY rowid").df() for t in TABLES]
    return UnVotes(votes=frames[0], roll_calls=frames[1], issues=frames[2])
