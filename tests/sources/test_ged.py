"""UCDP GED reader on small files in the codebook format (generated: GED is not bundled)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from detente.errors import DataValidationError
from detente.sources import read_ged
from detente.sources.ged import COLUMNS
from tests.sources.ged_files import SUDAN_EVENTS, event, write_ged, zip_file


def test_reads_a_candidate_file_with_codebook_types(tmp_path: Path) -> None:
    frame = read_ged(write_ged(tmp_path / "GEDEvent_v25_0_1.csv", SUDAN_EVENTS))
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == len(SUDAN_EVENTS)
    assert frame["best"].tolist() == [e["best"] for e in SUDAN_EVENTS]
    assert str(frame["date_start"].dtype).startswith("datetime64")
    assert frame["country_id"].dtype == "int64"
    assert frame["gwnob"].isna().all()


def test_reads_the_annual_zip_and_columns_in_another_order(tmp_path: Path) -> None:
    reordered = [*reversed(COLUMNS), "extra_column"]
    csv_path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS, reordered)
    frame = read_ged(zip_file(csv_path, tmp_path / "ged251-csv.zip"))
    assert tuple(frame.columns) == COLUMNS
    assert frame["id"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8]


def test_several_government_codes_in_one_field(tmp_path: Path) -> None:
    events = [event(1, 2, "2003-03-20", gwnoa="2, 200, 900", gwnob="645")]
    assert read_ged(write_ged(tmp_path / "GEDEvent_v25_1.csv", events))["gwnoa"][0] == "2, 200, 900"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("best", "-1", "-1 is negative"),
        ("deaths_civilians", "ten", "'ten' is not a whole number"),
        ("low", "2.5", "'2.5' is not a whole number"),
        ("date_start", "2010-13-01", "'2010-13-01' is not an ISO date"),
        ("date_end", "2010-01-01", "is before date_start"),
        ("type_of_violence", "4", "4 is not one of 1, 2, 3"),
        ("country_id", "9999", "9999 is not a known Gleditsch–Ward country code"),
        ("gwnoa", "651, 1234", "'651, 1234' holds 1234"),
        ("latitude", "95.0", "95.0 is not a latitude"),
        ("longitude", "east", "'east' is not a number"),
        ("id", "", "is empty; a value is required"),
    ],
)
def test_bad_event_names_file_row_and_field(
    tmp_path: Path, field: str, value: str, problem: str
) -> None:
    events = [dict(e) for e in SUDAN_EVENTS]
    events[4][field] = value
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", events)
    with pytest.raises(DataValidationError) as caught:
        read_ged(path)
    assert (caught.value.file, caught.value.row, caught.value.field) == (str(path), 5, field)
    assert problem in caught.value.problem


def test_country_not_independent_at_the_event_date(tmp_path: Path) -> None:
    events = [*SUDAN_EVENTS, event(99, 265, "1995-06-01")]
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", events)
    with pytest.raises(DataValidationError, match="265 names no independent state in 1995") as e:
        read_ged(path)
    assert (e.value.row, e.value.field) == (9, "country_id")


def test_duplicate_event_id(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", [*SUDAN_EVENTS, SUDAN_EVENTS[0]])
    with pytest.raises(DataValidationError, match="duplicate row") as caught:
        read_ged(path)
    assert caught.value.row == 9


def test_missing_codebook_column(tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c != "best"]
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS, columns)
    with pytest.raises(DataValidationError, match="missing column 'best'") as caught:
        read_ged(path)
    assert caught.value.row == 0


def test_release_must_be_known(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "events.csv", SUDAN_EVENTS)
    with pytest.raises(DataValidationError, match="pass --release"):
        read_ged(path)
    assert len(read_ged(path, release="25.1")) == len(SUDAN_EVENTS)


def test_wrong_encoding(tmp_path: Path) -> None:
    events = [dict(e) for e in SUDAN_EVENTS]
    events[6]["where_description"] = "près de la ville"
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", events)
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(DataValidationError, match="not UTF-8 encoded") as caught:
        read_ged(path)
    assert caught.value.row == 7


def test_truncated_zip(tmp_path: Path) -> None:
    events = [event(i, 625, "2010-03-04") for i in range(1, 400)]
    archive = zip_file(
        write_ged(tmp_path / "GEDEvent_v25_1.csv", events), tmp_path / "ged251-csv.zip"
    )
    archive.write_bytes(archive.read_bytes()[:-200])
    with pytest.raises(DataValidationError, match="truncated or corrupt"):
        read_ged(archive)


def test_zip_with_two_csv_files(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS)
    archive = tmp_path / "ged251-csv.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(path, "a.csv")
        zipped.write(path, "b.csv")
    with pytest.raises(DataValidationError, match="expected one CSV file in the archive"):
        read_ged(archive)
