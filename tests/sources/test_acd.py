"""UCDP/PRIO ACD reader: the real snapshot file and the bad inputs it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataValidationError
from detente.sources import read_acd
from tests.sources.snapshot_files import ACD_FILE, Mutate, read_rows


def test_reads_the_snapshot_file() -> None:
    frame = read_acd(ACD_FILE)
    assert len(frame) == 2_690  # 2,751 published conflict-years minus the 61 of 2024
    assert (frame["year"].min(), frame["year"].max()) == (1946, 2023)
    assert frame["conflict_id"].nunique() == 300  # 303 in the published file, 3 new in 2024
    assert set(frame["version"]) == {"25.1"}
    assert str(frame["start_date"].dtype).startswith("datetime64")
    two_states = frame[frame["gwno_loc"] == "651, 666"]
    assert not two_states.empty  # several codes in one field stay as published


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("gwno_loc", "651, 9999", "'651, 9999' holds 9999, not a known Gleditsch–Ward"),
        ("gwno_a", "651; 666", "is not a list of Gleditsch–Ward codes"),
        ("start_date", "31-12-2020", "'31-12-2020' is not an ISO date"),
        ("start_date2", "2020-02-30", "'2020-02-30' is not an ISO date"),
        ("intensity_level", "3", "3 is not one of 1, 2"),
        ("type_of_conflict", "", "is empty; a value is required"),
        ("year", "2099", "2099 is in the future"),
    ],
)
def test_bad_value_names_file_row_and_field(
    mutate: Mutate, field: str, value: str, problem: str
) -> None:
    path = mutate(ACD_FILE, 6, field, value)
    with pytest.raises(DataValidationError) as caught:
        read_acd(path)
    assert (caught.value.row, caught.value.field) == (6, field)
    assert problem in caught.value.problem


def test_episode_ending_before_it_starts(mutate: Mutate, tmp_path: Path) -> None:
    header, rows = read_rows(ACD_FILE, 40)
    row = next(i for i, r in enumerate(rows, 1) if r[header.index("ep_end_date")])
    path = mutate(ACD_FILE, row, "ep_end_date", "1900-01-01")
    with pytest.raises(DataValidationError, match="before start_date2") as caught:
        read_acd(path)
    assert caught.value.row == row


def test_location_not_a_state_that_year(mutate: Mutate) -> None:
    header, rows = read_rows(ACD_FILE, 40)
    row = next(i for i, r in enumerate(rows, 1) if int(r[header.index("year")]) >= 1991)
    path = mutate(ACD_FILE, row, "gwno_loc", "750, 265")
    with pytest.raises(DataValidationError, match="265 names no independent state"):
        read_acd(path)
