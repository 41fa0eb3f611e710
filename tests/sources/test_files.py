"""Release names, release order, kind detection and opening inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataValidationError
from detente.sources import detect_kind, open_input, release_from_name, release_order
from tests.sources.ged_files import SUDAN_EVENTS, write_ged, zip_file
from tests.sources.snapshot_files import ACD_FILE, CY_FILE, PAX_FILE, UNVOTES_DIR


@pytest.mark.parametrize(
    ("name", "release"),
    [
        ("ged251-csv.zip", "25.1"),
        ("GEDEvent_v25_1.csv", "25.1"),
        ("GEDEvent_v25_0_3.csv", "25.0.3"),
        ("organizedviolencecy-251-csv.zip", "25.1"),
        ("organizedviolencecy_v25_1.csv", "25.1"),
        ("ucdp-prio-acd-241-csv.zip", "24.1"),
        ("UcdpPrioConflict_v25_1.csv", "25.1"),
        ("events.csv", None),
    ],
)
def test_release_from_name(name: str, release: str | None) -> None:
    assert release_from_name(name) == release


def test_candidates_sort_before_the_next_annual_release() -> None:
    labels = ["25.1", "24.1", "25.0.12", "25.0.2", "25.2", "2020-04-09"]
    assert sorted(labels[:5], key=release_order) == ["24.1", "25.0.2", "25.0.12", "25.1", "25.2"]
    assert release_order("2020-04-09") < release_order("2020-05-01")


def test_detects_every_snapshot_file_and_ged(tmp_path: Path) -> None:
    ged = write_ged(tmp_path / "events.csv", SUDAN_EVENTS)
    assert detect_kind(CY_FILE) == "ucdp-cy"
    assert detect_kind(ACD_FILE) == "acd"
    assert detect_kind(PAX_FILE) == "pax"
    assert detect_kind(UNVOTES_DIR) == "unvotes"
    assert detect_kind(UNVOTES_DIR / "un_roll_calls.parquet") == "unvotes"
    assert detect_kind(ged) == "ged"
    assert detect_kind(zip_file(ged, tmp_path / "ged251-csv.zip")) == "ged"


def test_unknown_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(DataValidationError, match="pass --kind"):
        detect_kind(other)


def test_open_input_refuses_missing_files_and_other_formats(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="no such file"), open_input(tmp_path / "x.csv"):
        pass
    text = tmp_path / "data.xlsx"
    text.write_bytes(b"PK")
    with pytest.raises(DataValidationError, match="not a CSV, Parquet or zip"), open_input(text):
        pass
