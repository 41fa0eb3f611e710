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
    """The column names of ``path``; a problem that stops any reader is raised here.

    A missing file, a directory, an empty file, a corrupt zip or a file that is not UTF-8
    would otherwise surface as "cannot tell which source this is", which sends the user the
    wrong way: the same problems are named as the readers name them.
    """
    lowered = path.name.lower()
    if path.is_dir():
        names = {p.stem for p in path.iterdir()}
        if "un_votes" in names:
            return ["rcid", "vote"]
        raise DataValidationError(path, None, None, "is a folder, not a file")
    if not path.is_file():
        raise DataValidationError(path, None, None, "no such file")
    if path.stat().st_size == 0:
        raise DataValidationError(path, None, None, "the file is empty")
    try:
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
    except zipfile.BadZipFile as error:
        problem = f"the zip archive is truncated or corrupt ({error}); download it again"
        raise DataValidationError(path, None, None, problem) from error
    except UnicodeDecodeError as error:
        raise DataValidationError(
            path, 0, None, f"not UTF-8 encoded ({error.reason}); save it as UTF-8"
        ) from error
    except (OSError, csv.Error, ValueError):
        return []


def detect_kind(path: Path) -> str:
    """The source kind of ``path`` (one of :data:`KINDS`).

    Raises
    ------
    DataValidationError
        If the file cannot be read at all (missing, a folder, empty, corrupt zip, not UTF-8), or
        neither its columns nor its name match a known source.
    """
    columns = set(_header(path))
    for kind, needed in _SIGNATURES:
        if needed <= columns:
            return kind
    stem = path.name.lower()
    for kind, prefixes in _NAMES:
        if stem.startswith(prefixes):
            return kind
    for kind, needed in _SIGNATURES:  # a known file with a column missing: its reader says which
        if len(needed & columns) >= 2:
            return kind
    raise DataValidationError(
        path,
        0,
        None,
        "cannot tell which source this is from its columns or name; pass --kind "
        f"({'|'.join(KINDS)})",
    )
