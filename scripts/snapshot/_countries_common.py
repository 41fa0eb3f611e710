"""Helpers shared by the countries snapshot step (reading hand tables, writing CSVs)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

REPO_DATA = Path(__file__).resolve().parents[2] / "data" / "countries"
"""Where the hand-written tables live (inputs of this step, kept in git)."""

HAND_FILES = (
    "state_additions.csv",
    "gw_iso3_fixes.csv",
    "gwno_aliases.csv",
    "iso3_holdings.csv",
    "name_aliases.csv",
    "border_fixes.csv",
    "memberships_manual.csv",
)

COVERAGE_START = date(1946, 1, 1)
"""First day the neighbour table covers (the post-war state system UCDP/PRIO ACD starts in)."""

OPEN_END = date(9999, 12, 31)


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def end_text(text: str) -> str:
    """An empty end date means ongoing."""
    return text or OPEN_END.isoformat()


def read_hand(name: str, *, years_allowed: bool = False) -> list[dict[str, str]]:
    """Rows of a hand-written table; every row must cite a source, dates must parse.

    With ``years_allowed`` a date may be a bare year (``1984``) where the source gives no day.
    """
    path = REPO_DATA / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=1):
        cite = row.get("source") or row.get("reason")
        if not cite:
            raise SystemExit(f"{path}, row {number}: no source cited")
        for key in ("start", "end"):
            if row.get(key) and not (years_allowed and re.fullmatch(r"\d{4}", row[key])):
                try:
                    date.fromisoformat(row[key])
                except ValueError as error:
                    raise SystemExit(f"{path}, row {number}, field '{key}': {error}") from error
    return rows


def read_cc_table() -> pd.DataFrame:
    """country_converter's bundled table, read with ``keep_default_na=False``.

    Why not ``coco.CountryConverter()``: with pandas 3 its loader turns Namibia's ISO2 "NA" into
    a missing value and the constructor crashes (country_converter 1.3.2); reading the file
    directly keeps "NA" a string.
    """
    import country_converter

    path = Path(country_converter.__file__).parent / "country_data.tsv"
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def cc_path() -> Path:
    import country_converter

    return Path(country_converter.__file__).parent / "country_data.tsv"


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    if not rows:
        raise SystemExit(f"{path}: nothing to write")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
