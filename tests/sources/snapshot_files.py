"""Paths of the real snapshot files and CSV helpers for reader tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from detente.settings import REPO_ROOT

DATA = REPO_ROOT / "data"
CY_FILE = DATA / "ucdp" / "organizedviolencecy_v25_1.csv"
ACD_FILE = DATA / "acd" / "UcdpPrioConflict_v25_1.csv"
PAX_FILE = DATA / "pax" / "pax_agreements.parquet"
UNVOTES_DIR = DATA / "unvotes"

Mutate = Callable[..., Path]


def read_rows(path: Path, limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and the first ``limit`` data rows of a CSV."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for _, row in zip(range(limit or 10**9), reader, strict=False)]
    return header, rows


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
