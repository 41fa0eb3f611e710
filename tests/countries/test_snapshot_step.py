"""The snapshot step's border derivation, on a small real extract of the ISO border list.

The full step needs ../shared (absent at test time); the derivation itself is exercised here on
a handful of real mledoze rows and the committed state and code tables.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from scripts.snapshot import _countries_borders as countries_borders
from scripts.snapshot import _countries_orgs as countries_orgs

from detente.countries.loading import snapshot_folder

EDGES = [("SDN", "SSD"), ("SSD", "UGA"), ("SSD", "KEN"), ("UGA", "KEN"), ("SDN", "EGY")]
CORE = {"SD": "SDN", "SS": "SSD", "UG": "UGA", "KE": "KEN", "EG": "EGY"}


def _table(name: str) -> list[dict[str, Any]]:
    with (snapshot_folder() / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["gwno"] = int(row["gwno"])
    return rows


def _write(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "country_borders"
    directed = EDGES + [(b, a) for a, b in EDGES]
    _write(folder / "mledoze_land_borders_edges.csv", ["cca3", "neighbour_cca3"], directed)
    _write(folder / "mledoze_countries_core.csv", ["cca2", "cca3"], list(CORE.items()))
    alpha2 = {v: k for k, v in CORE.items()}
    _write(
        folder / "GEODATASOURCE-COUNTRY-BORDERS.CSV",
        ["country_code", "country_name", "country_border_code", "country_border_name"],
        [(alpha2[a], a, alpha2[b], b) for a, b in directed],
    )
    return tmp_path


def _periods(rows: list[dict[str, Any]], a: int, b: int) -> list[tuple[str, str]]:
    low, high = sorted((a, b))
    return [(r["start"], r["end"]) for r in rows if (r["gwno_a"], r["gwno_b"]) == (low, high)]


def test_sudan_keeps_south_sudans_borders_until_independence(shared: Path) -> None:
    rows, note = countries_borders.build_neighbours(
        shared, _table("states.csv"), _table("codes.csv")
    )
    assert _periods(rows, 625, 500) == [("1962-10-09", "2011-07-08")]  # from Uganda's start
    assert _periods(rows, 625, 501) == [("1963-12-12", "2011-07-08")]
    assert _periods(rows, 626, 500) == [("2011-07-09", "")]
    assert _periods(rows, 625, 626) == [("2011-07-09", "")]
    assert _periods(rows, 625, 651) == [("1956-01-01", "")]
    assert _periods(rows, 500, 501) == [("1963-12-12", "")]
    assert "only in mledoze: none" in note


def test_membership_bounds_accept_days_and_bare_years() -> None:
    assert countries_orgs._bound("1984", end=True)[0].isoformat() == "1984-12-31"
    assert countries_orgs._bound("1984", end=False)[0].isoformat() == "1984-01-01"
    assert countries_orgs._bound("2020-01-31", end=True) == (
        countries_orgs.parse_date("2020-01-31"),
        "day",
    )
