"""UCDP country-year reader: the real snapshot file, and every bad input it must refuse."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from detente.errors import DataValidationError
from detente.sources import read_ucdp_cy
from tests.sources.snapshot_files import ACD_FILE, CY_FILE, Mutate, read_rows, write_rows


def test_reads_the_snapshot_file_with_2024_withheld() -> None:
    frame = read_ucdp_cy(CY_FILE)
    assert len(frame) == 6_740  # 6,936 published rows minus the 196 of 2024
    assert (frame["year_cy"].min(), frame["year_cy"].max()) == (1989, 2023)
    assert frame["country_id_cy"].nunique() == 199
    assert frame["sb_total_deaths_best_cy"].sum() == 2_244_519
    assert set(frame["version"]) == {"25.1"}
    assert frame["sb_total_deaths_best_cy"].dtype == "int64"


def test_reads_the_published_zip(tmp_path: Path) -> None:
    archive = tmp_path / "organizedviolencecy-251-csv.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(CY_FILE, "OrganizedViolenceCY_v25_1.csv")
    assert len(read_ucdp_cy(archive)) == 6_740


@pytest.mark.parametrize(
    ("row", "field", "value", "problem"),
    [
        (7, "sb_total_deaths_best_cy", "many", "'many' is not a whole number"),
        (9, "sb_total_deaths_high_cy", "12.5", "'12.5' is not a whole number"),
        (12, "ns_total_deaths_low_cy", "-3", "-3 is negative"),
        (3, "year_cy", "2oo1", "'2oo1' is not a whole number"),
        (5, "country_id_cy", "999", "999 is not a known Gleditsch–Ward country code"),
        (20, "country_cy", "", "is empty; a value is required"),
        (25, "year_cy", "2099", "2099 is in the future"),
    ],
)
def test_bad_value_names_file_row_and_field(
    mutate: Mutate, row: int, field: str, value: str, problem: str
) -> None:
    path = mutate(CY_FILE, row, field, value)
    with pytest.raises(DataValidationError) as caught:
        read_ucdp_cy(path)
    error = caught.value
    assert (error.file, error.row, error.field) == (str(path), row, field)
    assert problem in error.problem


def test_code_of_a_state_not_alive_that_year(mutate: Mutate) -> None:
    header, rows = read_rows(CY_FILE, 40)
    row = next(i for i, r in enumerate(rows, 1) if r[header.index("year_cy")] == "2000")
    path = mutate(CY_FILE, row, "country_id_cy", "265")  # the GDR ended in 1990
    with pytest.raises(DataValidationError, match="265 names no independent state in 2000"):
        read_ucdp_cy(path)


def test_missing_column(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, 5)
    index = header.index("sb_total_deaths_best_cy")
    path = write_rows(
        tmp_path / "cy.csv",
        header[:index] + header[index + 1 :],
        [r[:index] + r[index + 1 :] for r in rows],
    )
    with pytest.raises(DataValidationError) as caught:
        read_ucdp_cy(path)
    assert (caught.value.row, caught.value.field) == (0, "sb_total_deaths_best_cy")
    assert "missing column" in caught.value.problem


def test_another_source_given_as_country_year() -> None:
    with pytest.raises(DataValidationError, match="is this a UCDP Country-Year"):
        read_ucdp_cy(ACD_FILE)


def test_duplicate_country_year(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, 10)
    path = write_rows(tmp_path / "cy.csv", header, [*rows, rows[3]])
    with pytest.raises(DataValidationError) as caught:
        read_ucdp_cy(path)
    assert (caught.value.row, caught.value.field) == (11, "country_id_cy")
    assert "duplicate row" in caught.value.problem


def test_wrong_encoding(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, 10)
    rows[4][header.index("country_cy")] = "Côte d’Ivoire"
    text = write_rows(tmp_path / "utf8.csv", header, rows).read_text(encoding="utf-8")
    path = tmp_path / "cy.csv"
    path.write_bytes(text.replace("’", "'").encode("latin-1"))
    with pytest.raises(DataValidationError, match="not UTF-8 encoded") as caught:
        read_ucdp_cy(path)
    assert caught.value.row == 5


def test_ragged_row(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, 10)
    rows[2] = rows[2][:10]
    path = write_rows(tmp_path / "cy.csv", header, rows)
    with pytest.raises(DataValidationError, match="not a well-formed CSV") as caught:
        read_ucdp_cy(path)
    assert caught.value.row == 3


def test_truncated_zip(tmp_path: Path) -> None:
    archive = tmp_path / "organizedviolencecy-251-csv.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(CY_FILE, CY_FILE.name)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(DataValidationError, match="truncated or corrupt"):
        read_ucdp_cy(archive)


def test_header_only_and_empty_files(tmp_path: Path) -> None:
    header, _ = read_rows(CY_FILE, 1)
    with pytest.raises(DataValidationError, match="no data rows"):
        read_ucdp_cy(write_rows(tmp_path / "header.csv", header, []))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataValidationError, match="empty"):
        read_ucdp_cy(empty)


def test_a_row_with_too_few_fields_says_how_many(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, 100)
    rows[79] = rows[79][:10]  # data row 80
    path = write_rows(tmp_path / "cy.csv", header, rows)
    with pytest.raises(DataValidationError) as caught:
        read_ucdp_cy(path)
    assert caught.value.row == 80
    assert f"expected {len(header)} fields, found 10" in caught.value.problem
