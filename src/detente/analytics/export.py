"""Write a panel to a Parquet or CSV file (``detente panel --out FILE``)."""

from __future__ import annotations

from pathlib import Path

from detente.analytics.store import read_connection, store_path, table_exists
from detente.errors import ConfigError, NotFoundError
from detente.settings import Settings
from detente.types import Unit

_FORMATS = {".parquet": "(FORMAT parquet, COMPRESSION zstd)", ".csv": "(FORMAT csv, HEADER)"}


def export_panel(target: Settings | Path | str, unit: Unit | str, out: Path) -> int:
    """Write the ``unit`` panel (``"cy"`` or ``"cm"``) to ``out``; return the number of rows.

    The format follows the suffix: ``.parquet`` (zstd) or ``.csv``. Columns as in
    :func:`detente.analytics.load_panel`, sorted by ``gwno`` then period.

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
        con.execute(f"COPY (SELECT * FROM panel_{unit} ORDER BY {order}) TO '{escaped}' {options}")
    return rows
