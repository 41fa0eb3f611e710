"""Import speed: the bundled snapshot, and 400,000 GED-format events, against plain pandas.

Two subjects, each timed on a fresh DuckDB store per run (the import includes validation of
every column, the transactional write of the raw rows and the rebuild of both panels):

* the full bundled snapshot (UCDP country-year, ACD, PA-X, UN votes) as ``detente init`` loads it;
* a **synthetic** file of 400,000 events in the UCDP GED codebook format, generated in this run
  (GED is not bundled; the events are made up and labelled as such in ``relid``/``source_*``).

Baseline, measured in the same run on the same file: ``pandas.read_csv`` followed by a
``groupby(country_id, month of date_start, type_of_violence)["best"].sum()`` — the least a
country-month aggregation of GED needs, with no validation and nothing stored. Reported: wall
time, events per second, and ratio = import time / baseline time (target < 0.5). The time of
validation alone (read + every check, in memory) is reported too, to show where time goes.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from bench.common import Timing, time_it, write_results
from detente.analytics import import_release, import_snapshot
from detente.settings import REPO_ROOT, Settings
from detente.sources import open_input, stage_ged
from detente.sources.ged import COLUMNS

EVENTS = 400_000
REPEAT = 3
TARGET_RATIO = 0.5
COUNTRIES = (
    2, 20, 40, 70, 90, 100, 130, 135, 140, 200, 220, 365, 432, 475, 490, 500, 520, 530, 600,
    615, 620, 625, 630, 645, 652, 660, 663, 670, 700, 710, 750, 770, 775, 800, 840, 850,
)  # fmt: skip
"""Gleditsch–Ward codes of states alive throughout 1989-2024 (real codes, synthetic events)."""


def write_synthetic_ged(path: Path, events: int = EVENTS) -> None:
    """Write ``events`` made-up events with the 49 GED codebook columns (deterministic)."""
    codes = "[" + ",".join(str(c) for c in COUNTRIES) + "]"
    h = "hash(range * 2654435761 + {salt})"
    query = f"""
    WITH base AS (
        SELECT range + 1 AS id,
               {codes}[1 + ({h.format(salt=1)} % {len(COUNTRIES)})::INTEGER] AS country_id,
               DATE '1989-01-01' + ({h.format(salt=2)} % 13149)::INTEGER AS day,
               1 + ({h.format(salt=3)} % 3)::INTEGER AS type_of_violence,
               ({h.format(salt=4)} % 7)::INTEGER AS a,
               ({h.format(salt=5)} % 4)::INTEGER AS b,
               ({h.format(salt=6)} % 3)::INTEGER AS c,
               ({h.format(salt=7)} % 5)::INTEGER AS u,
               ({h.format(salt=8)} % 1000000)::INTEGER AS r
        FROM range({events}))
    SELECT id, 'SYNTHETIC-' || id AS relid, year(day) AS year, 1 AS active_year,
           'Clear' AS code_status, type_of_violence,
           200 + r % 300 AS conflict_dset_id, 200 + r % 300 AS conflict_new_id,
           'Synthetic conflict ' || (r % 300) AS conflict_name,
           400 + r % 900 AS dyad_dset_id, 400 + r % 900 AS dyad_new_id,
           'Synthetic government - synthetic group ' || (r % 900) AS dyad_name,
           r % 500 AS side_a_dset_id, r % 500 AS side_a_new_id,
           'Synthetic side A ' || (r % 500) AS side_a,
           r % 700 AS side_b_dset_id, r % 700 AS side_b_new_id,
           'Synthetic side B ' || (r % 700) AS side_b,
           1 + r % 4 AS number_of_sources,
           '"Synthetic agency,' || strftime(day, '%Y-%m-%d') || ',""Generated report number '
               || r || ' about a made-up event, not a real one""' AS source_article,
           'Synthetic office' AS source_office, strftime(day, '%Y-%m-%d') AS source_date,
           'Generated headline ' || r AS source_headline,
           'synthetic local sources' AS source_original,
           1 + r % 6 AS where_prec, 'Synthetic town ' || (r % 5000) AS where_coordinates,
           'near synthetic town ' || (r % 5000) AS where_description,
           'Synthetic province ' || (r % 40) AS adm_1,
           'Synthetic district ' || (r % 400) AS adm_2,
           round(-40 + (r % 10000) / 100.0, 4) AS latitude,
           round(-100 + (r % 25000) / 100.0, 4) AS longitude,
           'POINT (' || round(-100 + (r % 25000) / 100.0, 4) || ' '
               || round(-40 + (r % 10000) / 100.0, 4) || ')' AS geom_wkt,
           1 + r % 259200 AS priogrid_gid, 'Synthetic country' AS country, country_id,
           'Synthetic region' AS region, 1 + r % 2 AS event_clarity, 1 + r % 5 AS date_prec,
           strftime(day, '%Y-%m-%d 00:00:00.000') AS date_start,
           strftime(day + (r % 3)::INTEGER, '%Y-%m-%d 00:00:00.000') AS date_end,
           a AS deaths_a, b AS deaths_b, c AS deaths_civilians, u AS deaths_unknown,
           a + b + c + u AS best, a + b + c + u + r % 5 AS high,
           greatest(a + b + c + u - 1, 0) AS low,
           CASE WHEN type_of_violence = 1 THEN CAST(country_id AS VARCHAR) END AS gwnoa,
           NULL AS gwnob
    FROM base ORDER BY id"""
    escaped = str(path).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(f"COPY ({query}) TO '{escaped}' (HEADER, DELIMITER ',')")
    header = path.open(encoding="utf-8").readline().strip().split(",")
    assert tuple(header) == COLUMNS, "synthetic file must follow the GED codebook order"


def pandas_baseline(path: Path) -> pd.Series:
    """Plain pandas: read the CSV, sum ``best`` by country, month and type of violence."""
    frame = pd.read_csv(path)
    frame["month"] = frame["date_start"].str[:7]
    return frame.groupby(["country_id", "month", "type_of_violence"])["best"].sum()


def duckdb_floor(path: Path) -> None:
    """The least any DuckDB import can cost: read every column into a table, no checks."""
    escaped = str(path).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{escaped}')")


def duckdb_aggregate_floor(path: Path) -> None:
    """DuckDB doing only what the baseline does: read the file, sum ``best`` by country-month.

    Nothing validated, nothing stored: the least time any DuckDB import of this file can take.
    """
    escaped = str(path).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(
            f"SELECT country_id, strftime(date_start, '%Y-%m') AS month, type_of_violence, "
            f"sum(best) FROM read_csv('{escaped}') GROUP BY ALL"
        ).fetchall()


def _fresh_import(folder: Path, source: Path) -> None:
    store = Path(tempfile.mkdtemp(dir=folder)) / "analytics.duckdb"
    import_release(store, source, kind="ged", release="25.1")


def _validate_only(source: Path) -> None:
    with open_input(source) as opened, duckdb.connect() as con:
        stage_ged(con, opened, "25.1")


def _snapshot_import(folder: Path) -> int:
    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(dir=folder)), snapshot_dir=REPO_ROOT / "data"
    )
    return sum(r.rows for r in import_snapshot(settings))


def _row(label: str, timing: Timing, events: int, baseline: Timing) -> str:
    ratio = timing.median / baseline.median
    return (
        f"| {label} | {timing.median:.2f} | {timing.best:.2f} | {events / timing.median:,.0f} "
        f"| {ratio:.2f} |"
    )


def main(results_dir: Path) -> None:
    """Measure, print and write ``bench/results/import.{json,md}``."""
    with tempfile.TemporaryDirectory(prefix="detente-bench-import-") as folder_name:
        folder = Path(folder_name)
        snapshot_rows = _snapshot_import(folder)  # warm-up (imports, caches)
        snapshot = time_it("snapshot import", lambda: _snapshot_import(folder), REPEAT)
        source = folder / "GEDEvent_v25_1_synthetic.csv"
        started = time.perf_counter()
        write_synthetic_ged(source)
        generated_in = time.perf_counter() - started
        size = source.stat().st_size
        baseline = time_it("pandas read_csv + groupby", lambda: pandas_baseline(source), REPEAT)
        aggregate = time_it(
            "duckdb read_csv + group by", lambda: duckdb_aggregate_floor(source), REPEAT
        )
        floor = time_it("duckdb read_csv into a table", lambda: duckdb_floor(source), REPEAT)
        validate = time_it("validate only (in memory)", lambda: _validate_only(source), REPEAT)
        ours = time_it("import + panels", lambda: _fresh_import(folder, source), REPEAT)
    ratio = ours.median / baseline.median
    payload: dict[str, Any] = {
        "events": EVENTS,
        "file_bytes": size,
        "generated_in_s": generated_in,
        "snapshot_rows": snapshot_rows,
        "snapshot_import": snapshot,
        "baseline": baseline,
        "duckdb_aggregate": aggregate,
        "aggregate_ratio": aggregate.median / baseline.median,
        "duckdb_floor": floor,
        "floor_ratio": floor.median / baseline.median,
        "validate_only": validate,
        "import_and_panels": ours,
        "events_per_s": EVENTS / ours.median,
        "ratio": ratio,
        "validate_ratio": validate.median / baseline.median,
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio < TARGET_RATIO,
    }
    markdown = "\n".join(
        [
            "# Import benchmark",
            "",
            f"Synthetic GED-format file: {EVENTS:,} made-up events, {size / 1e6:.0f} MB, "
            f"generated in {generated_in:.1f} s in this run. Median of {REPEAT} runs, "
            "each import into a fresh store.",
            "",
            "| subject | median s | best s | events/s | ratio to pandas |",
            "|---|---:|---:|---:|---:|",
            f"| pandas read_csv + groupby (baseline) | {baseline.median:.2f} | "
            f"{baseline.best:.2f} | {EVENTS / baseline.median:,.0f} | 1.00 |",
            _row(
                "DuckDB read_csv + group by, nothing checked or stored (what the baseline does)",
                aggregate,
                EVENTS,
                baseline,
            ),
            _row(
                "DuckDB read_csv of all columns into a table, no checks (floor)",
                floor,
                EVENTS,
                baseline,
            ),
            _row("validate only (every column, in memory)", validate, EVENTS, baseline),
            _row("import + both panels (stored, one transaction)", ours, EVENTS, baseline),
            "",
            f"Ratio import / baseline: **{ratio:.2f}** (target < {TARGET_RATIO}: "
            f"{'met' if ratio < TARGET_RATIO else 'NOT met'}). The floor row is what DuckDB "
            "needs just to load the 49 columns on this machine: the store keeps every codebook "
            "column of every event, so the import cannot go below it. The group-by row is DuckDB "
            "doing exactly the baseline's work: a ratio under 0.5 would need an import twice as "
            "fast as that on this 2-core machine.",
            "",
            f"Bundled snapshot ({snapshot_rows:,} rows: UCDP CY, ACD, PA-X, UN votes) into a fresh "
            f"store with panels: median {snapshot.median:.2f} s, best {snapshot.best:.2f} s.",
            "",
        ]
    )
    write_results(results_dir, "import", payload, markdown)
    print(markdown)


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
