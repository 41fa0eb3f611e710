"""Build the country-year and country-month panels from the raw tables (SQL in DuckDB).

Every Gleditsch–Ward state alive in a period gets one row for it, zero included (see
``docs/data-contracts.md``). Source codes are first mapped to the state they mean that year
(:func:`detente.sources.gwcodes.canonical`: UCDP's 345 after 2006 is Serbia 340; PA-X's 626
before 2011 is Sudan 625), once per distinct ``(code, year)`` pair.

* violence: country-year from the UCDP country-year file (``sb_total_deaths_best_cy`` ...);
  country-month from GED events by ``type_of_violence`` in the month of ``date_start``.
* ACD: conflicts located in the state (``gwno_loc``, split), their maximum intensity, how many
  are interstate (type 2) or internationalized (type 4), and the distinct states supporting a
  side (``gwno_a_2nd``/``gwno_b_2nd``); months repeat their year's values.
* PA-X: agreements located in the state (``Loc1GWNO``/``Loc2GWNO``), of which ceasefires
  (``Stage == 'Cea'``) and comprehensive agreements (``SubComp``, ``Comp``).

A source says nothing about periods after the ones it covers, so their columns are NULL there,
not 0: the bundled PA-X ends with an agreement of 2020-04-09, and a 0 for 2021 would read as
"no peace process" to a model or a reader when it means "not recorded yet". ACD covers the
years up to its last one; PA-X the periods that end on or before its last agreement's date
(its release date is not in the file, so that is the only end we can prove). Without the
source imported, its columns are NULL everywhere.
"""

from __future__ import annotations

import contextlib
import hashlib

import duckdb
import pandas as pd

from detente.analytics.store import get_meta, set_meta, table_exists
from detente.countries import all_states, gwno_to_iso3
from detente.countries.loading import snapshot_folder
from detente.sources.gwcodes import canonical

PANEL_VERSION = "2"
"""Bump when the panel SQL changes, so existing stores rebuild their panels at ``init``."""

FIRST_YEAR = 1989
FIRST_MONTH_ID = (FIRST_YEAR - 1980) * 12 + 1
"""ViEWS month_id of 1989-01."""

VIOLENCE = ("sb", "ns", "os")
LEVELS = ("best", "low", "high")

CY_COLUMNS = (
    "gwno year period iso3 country "
    + " ".join(f"{v}_{lv}" for v in VIOLENCE for lv in LEVELS)
    + " acd_conflicts acd_intensity acd_interstate acd_internationalized "
    "acd_external_supporters pax_agreements pax_ceasefire pax_comprehensive"
).split()
"""Columns of the country-year panel, in order."""

CM_COLUMNS = ["gwno", "month", "month_id", "period", *CY_COLUMNS[3:]]
"""Columns of the country-month panel, in order."""

_SPLIT = "list_transform(string_split({0}, ','), lambda x: CAST(trim(x) AS BIGINT))"


def reference_fingerprint() -> str:
    """Hash of the country reference files the panels depend on (states, codes, aliases)."""
    digest = hashlib.sha256(PANEL_VERSION.encode())
    folder = snapshot_folder()
    for name in ("states.csv", "codes.csv", "gwno_aliases.csv"):
        path = folder / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def _spells_frame() -> pd.DataFrame:
    rows = [
        {
            "gwno": s.gwno,
            "start": pd.Timestamp(s.start),
            "end": pd.Timestamp(s.end) if s.end else pd.Timestamp("2262-01-01"),
            "iso3": s.iso3 or gwno_to_iso3(s.gwno),
            "country": s.name,
        }
        for s in all_states()
    ]
    return pd.DataFrame(rows)


def _pairs_sql(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Queries giving (code, year) pairs used by the panels, for the tables that exist."""
    queries = []
    if table_exists(con, "raw_ucdp_cy"):
        queries.append("SELECT country_id_cy, year_cy FROM store.raw_ucdp_cy")
    if table_exists(con, "raw_ged"):
        queries.append("SELECT country_id, year(date_start) FROM store.raw_ged")
    if table_exists(con, "raw_acd"):
        for column in ("gwno_loc", "gwno_a_2nd", "gwno_b_2nd"):
            split = _SPLIT.format(column)
            queries.append(
                f"SELECT unnest({split}), year FROM store.raw_acd "
                f"WHERE {column} IS NOT NULL AND year >= {FIRST_YEAR}"
            )
    if table_exists(con, "raw_pax"):
        for column in ("Loc1GWNO", "Loc2GWNO"):
            queries.append(
                f"SELECT {column}, year(Dat) FROM store.raw_pax WHERE {column} IS NOT NULL"
            )
    return queries


def _register_reference(con: duckdb.DuckDBPyConnection) -> None:
    queries = _pairs_sql(con)
    pairs: list[tuple[int, int]] = []
    if queries:
        union = " UNION ALL ".join(queries)
        distinct = f"SELECT DISTINCT * FROM ({union}) AS pairs(code, year)"
        pairs = [(int(c), int(y)) for c, y in con.execute(distinct).fetchall()]
    canon = pd.DataFrame(
        [(c, y, canonical(c, y) or c) for c, y in pairs], columns=["code", "year", "gwno"]
    ).astype("int64")
    con.register("canon", canon)
    con.register("spells", _spells_frame())


def _empty(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    if not table_exists(con, name):
        return True
    found = con.execute(f"SELECT count(*) FROM store.{name}").fetchone()
    return not found or found[0] == 0


def _acd_pax_sql(con: duckdb.DuckDBPyConnection) -> tuple[str, str, str]:
    """CTEs for ACD by (gwno, year) and PA-X by (gwno, year, month_id), each with its coverage
    (``acd_end``: last year; ``pax_end``: date of the last agreement; NULL without data)."""
    if _empty(con, "raw_acd"):
        acd = (
            "acd_y AS (SELECT NULL::BIGINT AS gwno, NULL::BIGINT AS year, 0 AS acd_conflicts, "
            "0 AS acd_intensity, 0 AS acd_interstate, 0 AS acd_internationalized, "
            "0 AS acd_external_supporters WHERE FALSE),\n"
            "acd_end AS (SELECT NULL::BIGINT AS last_year)"
        )
    else:
        loc = _SPLIT.format("a.gwno_loc")
        support = (
            f"list_concat(coalesce({_SPLIT.format('a.gwno_a_2nd')}, []), "
            f"coalesce({_SPLIT.format('a.gwno_b_2nd')}, []))"
        )
        acd = f"""
        acd_loc AS (
            SELECT DISTINCT m.gwno, a.year, a.conflict_id, a.intensity_level, a.type_of_conflict
            FROM (SELECT *, unnest({loc}) AS code FROM store.raw_acd a
                  WHERE a.year >= {FIRST_YEAR}) a
            JOIN canon m ON m.code = a.code AND m.year = a.year),
        acd_end AS (SELECT max(year) AS last_year FROM store.raw_acd),
        acd_sup AS (
            SELECT l.gwno, l.year, count(DISTINCT m.gwno) AS acd_external_supporters
            FROM acd_loc l
            JOIN (SELECT a.conflict_id, a.year,
                         unnest({support}) AS code
                  FROM store.raw_acd a WHERE a.year >= {FIRST_YEAR}) s
              ON s.conflict_id = l.conflict_id AND s.year = l.year
            JOIN canon m ON m.code = s.code AND m.year = s.year
            GROUP BY ALL),
        acd_y AS (
            SELECT l.gwno, l.year,
                   count(DISTINCT l.conflict_id) AS acd_conflicts,
                   max(l.intensity_level) AS acd_intensity,
                   count(DISTINCT l.conflict_id) FILTER (l.type_of_conflict = 2) AS acd_interstate,
                   count(DISTINCT l.conflict_id) FILTER (l.type_of_conflict = 4)
                       AS acd_internationalized,
                   coalesce(any_value(s.acd_external_supporters), 0) AS acd_external_supporters
            FROM acd_loc l LEFT JOIN acd_sup s USING (gwno, year)
            GROUP BY l.gwno, l.year)"""
    if _empty(con, "raw_pax"):
        pax = (
            "pax_loc AS (SELECT NULL::BIGINT AS gwno, NULL::BIGINT AS year, "
            "NULL::BIGINT AS month_id, NULL::BIGINT AS AgtId, NULL::VARCHAR AS Stage "
            "WHERE FALSE),\n"
            "pax_end AS (SELECT NULL::DATE AS last_date)"
        )
    else:
        pax = """
        pax_loc AS (
            SELECT DISTINCT m.gwno, year(p.Dat) AS year,
                   (year(p.Dat) - 1980) * 12 + month(p.Dat) AS month_id, p.AgtId, p.Stage
            FROM (SELECT *, unnest([Loc1GWNO, Loc2GWNO]) AS code FROM store.raw_pax) p
            JOIN canon m ON m.code = p.code AND m.year = year(p.Dat)),
        pax_end AS (SELECT max(Dat)::DATE AS last_date FROM store.raw_pax)"""
    pax_agg = (
        "count(DISTINCT AgtId) AS pax_agreements, "
        "count(DISTINCT AgtId) FILTER (Stage = 'Cea') AS pax_ceasefire, "
        "count(DISTINCT AgtId) FILTER (Stage IN ('SubComp', 'Comp')) AS pax_comprehensive"
    )
    return acd, pax, pax_agg


def _covered(column: str, source: str, condition: str) -> str:
    """``column`` where ``source`` covers the period (0 when it recorded nothing), else NULL."""
    return f"CASE WHEN {condition} THEN coalesce({source}.{column}, 0) END::BIGINT AS {column}"


_ACD_COVERED = "b.year <= (SELECT last_year FROM acd_end)"
_PAX_COVERED = "b.period_end <= (SELECT last_date FROM pax_end)"
_TAIL = ",\n".join(
    [
        *(
            _covered(c, "a", _ACD_COVERED)
            for c in (
                "acd_conflicts",
                "acd_intensity",
                "acd_interstate",
                "acd_internationalized",
                "acd_external_supporters",
            )
        ),
        *(
            _covered(c, "p", _PAX_COVERED)
            for c in ("pax_agreements", "pax_ceasefire", "pax_comprehensive")
        ),
    ]
)


def _violence(prefix: str) -> str:
    return ",\n".join(
        f"coalesce(v.{v}_{lv}, 0)::DOUBLE AS {v}_{lv}" for v in VIOLENCE for lv in LEVELS
    )


def _build_cy(con: duckdb.DuckDBPyConnection) -> None:
    last = None
    if not _empty(con, "raw_ucdp_cy"):
        found = con.execute("SELECT max(year_cy) FROM store.raw_ucdp_cy").fetchone()
        last = int(found[0]) if found and found[0] is not None else None
    acd, pax, pax_agg = _acd_pax_sql(con)
    sums = ",\n".join(
        f"sum(c.{v}_total_deaths_{lv}_cy) AS {v}_{lv}" for v in VIOLENCE for lv in LEVELS
    )
    violence_source = (
        f"SELECT m.gwno, c.year_cy AS year, {sums} FROM store.raw_ucdp_cy c "
        "JOIN canon m ON m.code = c.country_id_cy AND m.year = c.year_cy GROUP BY ALL"
        if last is not None
        else "SELECT NULL::BIGINT AS gwno, NULL::BIGINT AS year, "
        + ", ".join(f"0 AS {v}_{lv}" for v in VIOLENCE for lv in LEVELS)
        + " WHERE FALSE"
    )
    con.execute(f"""
    CREATE OR REPLACE TABLE store.panel_cy AS
    WITH years AS (SELECT range AS year FROM range({FIRST_YEAR}, {(last or FIRST_YEAR - 1) + 1})),
    base AS (
        SELECT s.gwno, y.year, make_date(y.year::BIGINT, 12, 31) AS period_end, s.iso3,
               s.country
        FROM years y JOIN spells s
          ON s.start <= make_date(y.year::BIGINT, 12, 31)
         AND s."end" >= make_date(y.year::BIGINT, 1, 1)
        QUALIFY row_number() OVER (PARTITION BY s.gwno, y.year ORDER BY s.start DESC) = 1),
    violence AS ({violence_source}),
    {acd},
    {pax},
    pax_y AS (SELECT gwno, year, {pax_agg} FROM pax_loc GROUP BY ALL)
    SELECT b.gwno::BIGINT AS gwno, b.year::BIGINT AS year, CAST(b.year AS VARCHAR) AS period,
           b.iso3, b.country,
           {_violence("v")},
           {_TAIL}
    FROM base b
    LEFT JOIN violence v USING (gwno, year)
    LEFT JOIN acd_y a USING (gwno, year)
    LEFT JOIN pax_y p USING (gwno, year)
    ORDER BY gwno, year""")


def _build_cm(con: duckdb.DuckDBPyConnection) -> None:
    last = None
    if not _empty(con, "raw_ged"):
        found = con.execute("SELECT max(period) FROM store.raw_ged").fetchone()
        last = int(found[0]) if found and found[0] is not None else None
    acd, pax, pax_agg = _acd_pax_sql(con)
    sums = ", ".join(
        f"sum({lv}) FILTER (type_of_violence = {i}) AS {v}_{lv}"
        for i, v in enumerate(VIOLENCE, start=1)
        for lv in LEVELS
    )
    resums = ", ".join(f"sum(g.{v}_{lv}) AS {v}_{lv}" for v in VIOLENCE for lv in LEVELS)
    violence_source = (
        f"SELECT m.gwno, g.month_id, {resums} FROM (SELECT country_id, period AS month_id, "
        f"year(date_start) AS year, {sums} FROM store.raw_ged GROUP BY ALL) g "
        "JOIN canon m ON m.code = g.country_id AND m.year = g.year GROUP BY ALL"
        if last is not None
        else "SELECT NULL::BIGINT AS gwno, NULL::BIGINT AS month_id, "
        + ", ".join(f"0 AS {v}_{lv}" for v in VIOLENCE for lv in LEVELS)
        + " WHERE FALSE"
    )
    con.execute(f"""
    CREATE OR REPLACE TABLE store.panel_cm AS
    WITH months AS (
        SELECT range AS month_id,
               make_date((1980 + (range - 1) // 12)::BIGINT, ((range - 1) % 12 + 1)::BIGINT, 1)
                   AS first_day
        FROM range({FIRST_MONTH_ID}, {(last or FIRST_MONTH_ID - 1) + 1})),
    base AS (
        SELECT s.gwno, m.month_id, year(m.first_day) AS year,
               strftime(m.first_day, '%Y-%m') AS month, last_day(m.first_day) AS period_end,
               s.iso3, s.country
        FROM months m JOIN spells s
          ON s.start <= last_day(m.first_day) AND s."end" >= m.first_day
        QUALIFY row_number() OVER (PARTITION BY s.gwno, m.month_id ORDER BY s.start DESC) = 1),
    violence AS ({violence_source}),
    {acd},
    {pax},
    pax_m AS (SELECT gwno, month_id, {pax_agg} FROM pax_loc GROUP BY ALL)
    SELECT b.gwno::BIGINT AS gwno, b.month, b.month_id::BIGINT AS month_id, b.month AS period,
           b.iso3, b.country,
           {_violence("v")},
           {_TAIL}
    FROM base b
    LEFT JOIN violence v USING (gwno, month_id)
    LEFT JOIN acd_y a ON a.gwno = b.gwno AND a.year = b.year
    LEFT JOIN pax_m p ON p.gwno = b.gwno AND p.month_id = b.month_id
    ORDER BY gwno, month_id""")


def rebuild_panels(con: duckdb.DuckDBPyConnection) -> None:
    """Recreate ``store.panel_cy`` and ``store.panel_cm`` from the raw tables.

    Runs inside the caller's transaction (``con`` has the store attached as ``store``).
    """
    _register_reference(con)
    try:
        _build_cy(con)
        _build_cm(con)
    finally:
        for view in ("canon", "spells"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(view)
    set_meta(con, "panel_reference", reference_fingerprint())


def panels_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the stored panels were built by this code from this country reference."""
    return get_meta(con, "panel_reference") == reference_fingerprint()
