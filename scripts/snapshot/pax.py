"""Snapshot step: PA-X peace agreements, the 20 columns Détente uses, as zstd Parquet.

Reads the agreement-level CSV export (UTF-8 with BOM) through :func:`detente.sources.read_pax`,
so the snapshot holds only validated rows, and drops the ~240 coded provisions nobody uses
(2.8 MB of CSV -> about 0.2 MB).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow as pa

from detente.sources import read_pax
from detente.sources.pax import KEPT_COLUMNS

from ._common import entry, input_entry, write_parquet

SOURCE = "pax_peace_agreements/pax_all_agreements_data.csv"
TARGET = "pax/pax_agreements.parquet"


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Write ``out/pax/pax_agreements.parquet``; one provenance entry."""
    frame = read_pax(shared / SOURCE)
    frame["Dat"] = frame["Dat"].dt.date
    schema = pa.schema(
        [
            ("AgtId", pa.int64()),
            *[(c, pa.string()) for c in ("Agt",)],
            ("Dat", pa.date32()),
            *[(c, pa.string()) for c in ("Con", "Contp")],
            ("PP", pa.int64()),
            *[(c, pa.string()) for c in KEPT_COLUMNS[6:16]],
            ("Loc1GWNO", pa.int64()),
            ("Loc2GWNO", pa.int64()),
            ("UcdpCon", pa.string()),
            ("UcdpAgr", pa.string()),
        ]
    )
    assert schema.names == list(KEPT_COLUMNS)
    table = pa.Table.from_pandas(frame[list(KEPT_COLUMNS)], schema=schema, preserve_index=False)
    write_parquet(table.replace_schema_metadata(None), out / TARGET)
    return [
        entry(
            file=TARGET,
            title="PA-X Peace Agreements Database (agreement level, selected columns)",
            publisher="PA-X, Political Settlements Research Programme, University of Edinburgh",
            release="agreement-level export with agreements to 2020-04-09 (PA-X version not "
            "stated; likely v4, 2020)",
            licence="Published openly for research with citation (see peaceagreements.org)",
            citation=(
                "Bell, C. & Badanjak, S. (2019), 'Introducing PA-X: A new peace agreement "
                "database and dataset', Journal of Peace Research 56(3)."
            ),
            inputs=[input_entry(shared, SOURCE)],
            notes=(
                f"{len(table):,} agreements; columns kept: {', '.join(KEPT_COLUMNS)} "
                "(the coded provisions are dropped). Validated by detente.sources.read_pax."
            ),
            import_kind="pax",
        )
    ]


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    for item in build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here / "data"):
        print(item["file"])
