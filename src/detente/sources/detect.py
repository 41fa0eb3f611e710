"""Which source a file is, from its columns (first) or its name.

``detente data import PATH`` works without ``--kind``: the header of a CSV (or the schema of a
Parquet file, or of the one CSV inside a zip archive) says which codebook it follows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pyarrow.parquet as pq

from detente.errors import DataValidationError

KINDS = ("ucdp-cy", "acd", "ged", "pax", "unvotes")
"""Every source kind the analytics store imports."""

_SIGNATURES = (
    ("ucdp-cy", {"country_id_cy", "year_cy", "sb_total_deaths_best_cy"}),
    ("acd", {"conflict_id", "gwno_loc", "intensity_level"}),
    ("ged", {"type_of_violence", "date_start", "country_id", "best"}),
    ("pax", {"AgtId", "PPName", "Dat"}),
    ("unvotes", {"rcid", "vote"}),
    ("unvotes", {"rcid", "session", "unres"}),
    ("unvotes", {"rcid", "short_name", "issue"}),
)
_NAMES = (
    ("ucdp-cy", ("organizedviolencecy",)),
    ("acd", ("ucdp-prio-acd", "ucdpprioconflict")),
    ("ged", ("ged", "gedevent")),
    ("pax", ("pax",)),
    ("unvotes", ("un_votes", "un_roll_call")),
)


def _header(path: Path) -> list[str]:
    lowered = path.name.lower()
    try:
        if path.is_dir():
            names = {p.stem for p in path.iterdir()}
            return ["rcid", "vote"] if "un_votes" in names else []
        if lowered.endswith(".parquet"):
            return list(pq.read_schema(path).names)
        if lowered.endswith(".zip"):
            with zipfile.ZipFile(path) as zipped:
                members = [m for m in zipped.namelist() if m.lower().endswith(".csv")]
                if len(members) != 1:
                    return []
                with zipped.open(members[0]) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                    return next(csv.reader(text), [])
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, csv.Error, ValueError):
        return []


def detect_kind(path: Path) -> str:
    """The source kind of ``path`` (one of :data:`KINDS`).

    Raises
    ------
    DataValidationError
        If neither the columns nor the file name match a known source.
    """
    columns = set(_header(path))
    for kind, needed in _SIGNATURES:
        if needed <= columns:
            return kind
    stem = path.name.lower()
    for kind, prefixes in _NAMES:
        if stem.startswith(prefixes):
            return kind
    raise DataValidationError(
        path,
        0,
        None,
        "cannot tell which source this is from its columns or name; pass --kind "
        f"({'|'.join(KINDS)})",
    )
