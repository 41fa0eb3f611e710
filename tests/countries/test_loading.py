"""Reading the snapshot files: cached, and one clear error for a malformed file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from detente.countries.loading import load_reference, snapshot_folder
from detente.errors import DataValidationError


@pytest.fixture
def copy_of_snapshot(tmp_path: Path) -> Path:
    target = tmp_path / "countries"
    shutil.copytree(snapshot_folder(), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reference_is_loaded_once_per_folder() -> None:
    assert load_reference(snapshot_folder()) is load_reference(snapshot_folder())


def test_bad_date_names_file_row_and_field(copy_of_snapshot: Path) -> None:
    _replace(copy_of_snapshot / "states.csv", "1867-07-01", "1867-13-01")
    with pytest.raises(DataValidationError, match=r"states.csv, row 2, field 'start'"):
        load_reference(copy_of_snapshot)


def test_bad_integer_names_file_row_and_field(copy_of_snapshot: Path) -> None:
    _replace(copy_of_snapshot / "states.csv", "\n20,CAN", "\ntwenty,CAN")
    with pytest.raises(DataValidationError, match=r"row 2, field 'gwno': invalid value 'twenty'"):
        load_reference(copy_of_snapshot)


def test_missing_column_is_reported(copy_of_snapshot: Path) -> None:
    _replace(copy_of_snapshot / "codes.csv", "kind", "sort")
    with pytest.raises(DataValidationError, match=r"codes.csv, field 'kind': column missing"):
        load_reference(copy_of_snapshot)


def test_missing_file_says_to_rebuild(copy_of_snapshot: Path) -> None:
    (copy_of_snapshot / "names.csv").unlink()
    with pytest.raises(DataValidationError, match=r"names\.csv: file missing; rebuild"):
        load_reference(copy_of_snapshot)
