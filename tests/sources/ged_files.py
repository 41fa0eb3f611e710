"""Small files in the UCDP GED codebook format for tests. GENERATED, NOT REAL EVENTS.

GED itself is not bundled (see ../shared/data/README.md), so the GED reader is tested on files
written here with the 49 codebook columns in the published order. Every value is made up; the
side and place names say so ("synthetic").
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

from detente.sources.ged import COLUMNS


def event(
    event_id: int,
    country_id: int,
    date_start: str,
    type_of_violence: int = 1,
    best: int = 1,
    **overrides: Any,
) -> dict[str, Any]:
    """One synthetic GED event (deaths split into ``deaths_a`` and ``deaths_unknown``)."""
    year = int(date_start[:4])
    row: dict[str, Any] = {
        "id": event_id,
        "relid": f"SYNTHETIC-{event_id}",
        "year": year,
        "active_year": 1,
        "code_status": "Clear",
        "type_of_violence": type_of_violence,
        "conflict_dset_id": 900 + type_of_violence,
        "conflict_new_id": 900 + type_of_violence,
        "conflict_name": "Synthetic conflict",
        "dyad_dset_id": 9000 + type_of_violence,
        "dyad_new_id": 9000 + type_of_violence,
        "dyad_name": "Synthetic side A - Synthetic side B",
        "side_a_dset_id": 1,
        "side_a_new_id": 1,
        "side_a": "Synthetic side A",
        "side_b_dset_id": 2,
        "side_b_new_id": 2,
        "side_b": "Synthetic side B",
        "number_of_sources": 1,
        "source_article": "Synthetic test source, not a real report",
        "source_office": "",
        "source_date": "",
        "source_headline": "",
        "source_original": "",
        "where_prec": 1,
        "where_coordinates": "Synthetic town",
        "where_description": "",
        "adm_1": "",
        "adm_2": "",
        "latitude": 10.5,
        "longitude": 20.25,
        "geom_wkt": "POINT (20.25 10.5)",
        "priogrid_gid": 100000,
        "country": "Synthetic",
        "country_id": country_id,
        "region": "Africa",
        "event_clarity": 1,
        "date_prec": 1,
        "date_start": f"{date_start} 00:00:00.000",
        "date_end": f"{date_start} 00:00:00.000",
        "deaths_a": best - best // 2,
        "deaths_b": 0,
        "deaths_civilians": 0,
        "deaths_unknown": best // 2,
        "best": best,
        "high": best + 2,
        "low": max(best - 1, 0),
        "gwnoa": str(country_id) if type_of_violence == 1 else "",
        "gwnob": "",
    }
    row.update(overrides)
    return row


def write_ged(path: Path, events: list[dict[str, Any]], columns: list[str] | None = None) -> Path:
    """Write events as a GED CSV (UTF-8, comma, quoted as needed) with ``columns`` in order."""
    names = columns or list(COLUMNS)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(events)
    return path


def zip_file(source: Path, archive: Path) -> Path:
    """Zip ``source`` into ``archive`` as UCDP does (one CSV in a ``-csv.zip``)."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(source, source.name)
    return archive


SUDAN_EVENTS = [
    event(1, 625, "2010-03-04", 1, best=10),
    event(2, 625, "2010-03-20", 1, best=5),
    event(3, 625, "2010-03-21", 2, best=7),
    event(4, 625, "2010-04-01", 3, best=3),
    event(5, 626, "2011-08-15", 1, best=4),
    event(6, 626, "2010-12-01", 1, best=6),  # South Sudan's code before independence: Sudan
    event(7, 700, "2010-03-31", 1, best=2),
    event(8, 345, "2010-05-05", 2, best=1),  # UCDP's Serbia (Yugoslavia) code after 2006
]
"""Synthetic events whose month totals the tests know by heart."""
