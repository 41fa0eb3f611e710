"""Write a panel to a Parquet or CSV file (``detente panel --out FILE``)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from detente.analytics.store import read_connection, store_path, table_exists
from detente.errors import ConfigError, NotFoundError
from detente.safetext import csv_cell
from detente.settings import Settings
from detente.types import Unit

_FORMATS = {".parquet": "(FORMAT parquet, COMPRESSION zstd)", ".csv": "(FORMAT csv, HEADER)"}


def export_panel(target: Settings | Path | str, unit: Unit | str, out: Path) -> int:
    """Write the ``unit`` panel (``"cy"`` or ``"cm"``) to ``out``; return the number of rows.

    The format follows the suffix: ``.parquet`` (zstd) or ``.csv``. Columns as in
    :func:`detente.analytics.load_panel`, sorted by ``gwno`` then period; in a CSV file, text
    cells a spreadsheet would run as formulas are neutralised (:func:`detente.safetext.csv_cell`).

    Raises
    ------
    ConfigError
        If the unit or suffix is not supported.
    NotFoundError
        If the store does not exist or the panel is empty (cm before any GED import).
    """
    if unit not in ("cy", "cm"):
        raise ConfigError(f"unit must be 'cy' or 'cm', got '{unit}'")
    options = _FORMATS.get(out.suffix.lower())
    if options is None:
        raise ConfigError(f"cannot write '{out.name}': use a .parquet or .csv file name")
    order = "gwno, year" if unit == "cy" else "gwno, month_id"
    with read_connection(store_path(target)) as con:
        rows = 0
        if table_exists(con, f"panel_{unit}", None):
            found = con.execute(f"SELECT count(*) FROM panel_{unit}").fetchone()
            rows = int(found[0]) if found else 0
        if rows == 0:
            hint = "import a GED release first" if unit == "cm" else "run `detente init`"
            raise NotFoundError(f"the {unit} panel is empty; {hint}")
        out.parent.mkdir(parents=True, exist_ok=True)
        escaped = str(out).replace("'", "''")
        with con.cursor() as cursor:  # a fresh one: functions cannot join a pending result
            columns = _columns(cursor, f"panel_{unit}") if out.suffix.lower() == ".csv" else "*"
            cursor.execute(
                f"COPY (SELECT {columns} FROM panel_{unit} ORDER BY {order}) "
                f"TO '{escaped}' {options}"
            )
    return rows


def _csv_text(value: str) -> str:
    return str(csv_cell(value))


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select list of ``table`` with its text columns passed through ``csv_cell`` (as a
    function of the connection, so DuckDB still writes the file and formats the numbers)."""
    con.create_function("csv_cell", _csv_text, ["VARCHAR"], "VARCHAR")
    described = con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()
    quoted = [(str(name).replace('"', '""'), str(kind)) for name, kind, *_ in described]
    return ", ".join(
        f'csv_cell("{name}") AS "{name}"' if kind == "VARCHAR" else f'"{name}"'
        for name, kind in quoted
    )
