"""Which source a file is: columns first, then the name, on the real snapshot files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from detente.errors import DataValidationError
from detente.sources.detect import KINDS, detect_kind
from tests.sources.ged_files import SUDAN_EVENTS, write_ged
from tests.sources.snapshot_files import ACD_FILE, CY_FILE, PAX_FILE, UNVOTES_DIR, read_rows


@pytest.mark.parametrize(
    "name", ["un_votes.parquet", "un_roll_calls.parquet", "un_roll_call_issues.parquet"]
)
def test_each_un_votes_table_is_recognised_by_its_columns(name: str, tmp_path: Path) -> None:
    renamed = shutil.copyfile(UNVOTES_DIR / name, tmp_path / f"table_{name}")
    assert detect_kind(renamed) == "unvotes"


@pytest.mark.parametrize(
    ("source", "kind"), [(CY_FILE, "ucdp-cy"), (ACD_FILE, "acd"), (PAX_FILE, "pax")]
)
def test_columns_win_over_a_misleading_name(source: Path, kind: str, tmp_path: Path) -> None:
    """A real release saved under another source's name is still read as what it is."""
    other = next(k for k in ("ged", "pax") if k != kind)
    misleading = shutil.copyfile(source, tmp_path / f"{other}_download{source.suffix}")
    assert detect_kind(misleading) == kind


def test_the_pax_release_as_csv_and_the_acd_release_zipped(tmp_path: Path) -> None:
    csv_copy = tmp_path / "agreements.csv"
    pq.read_table(PAX_FILE).to_pandas().head(20).to_csv(csv_copy, index=False)
    assert detect_kind(csv_copy) == "pax"
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(ACD_FILE, "UcdpPrioConflict_v25_1.csv")
        zipped.writestr("README.txt", "codebook elsewhere")
    assert detect_kind(archive) == "acd"


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    header, rows = read_rows(CY_FILE, limit=3)
    assert header[0] == "country_id_cy"  # the signature needs the first column
    text = CY_FILE.read_text(encoding="utf-8-sig").splitlines()[:4]
    bom = tmp_path / "cy.csv"
    bom.write_text("\ufeff" + "\n".join(text) + "\n", encoding="utf-8")
    assert detect_kind(bom) == "ucdp-cy"
    assert len(rows) == 3


def test_the_name_decides_when_the_columns_cannot_be_read(tmp_path: Path) -> None:
    two = tmp_path / "ged251-csv.zip"  # two CSVs: no single header to read
    with zipfile.ZipFile(two, "w") as zipped:
        zipped.write(write_ged(tmp_path / "a.csv", SUDAN_EVENTS), "a.csv")
        zipped.write(write_ged(tmp_path / "b.csv", SUDAN_EVENTS), "b.csv")
    assert detect_kind(two) == "ged"
    broken = tmp_path / "pax_2024.parquet"  # not Parquet inside
    broken.write_text("AgtId,PPName,Dat\n")
    assert detect_kind(broken) == "pax"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("organizedviolencecy.csv", b"", "the file is empty"),
        ("data.csv", "conflict_id,r\xe9gion\n1,x\n".encode("latin-1"), "not UTF-8 encoded"),
        ("download.zip", b"PK\x03\x04 cut short", "zip archive is truncated or corrupt"),
        ("missing.csv", None, "no such file"),
    ],
)
def test_a_file_no_reader_could_open_is_named_before_guessing_its_kind(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    """Not "cannot tell which source this is": the problem the user can fix."""
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataValidationError, match=problem) as caught:
        detect_kind(path)
    assert caught.value.file == str(path)


def test_a_known_file_missing_a_column_goes_to_its_reader(tmp_path: Path) -> None:
    """Three of GED's four signature columns: GED, whose reader names the missing one."""
    partial = tmp_path / "events.csv"
    partial.write_text("type_of_violence,date_start,best\n1,2011-01-01,5\n")
    assert detect_kind(partial) == "ged"


def test_unknown_inputs_name_the_file_and_the_kinds(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("notes.txt", "no CSV here")
    other = tmp_path / "budget.csv"
    other.write_text("item,amount\nfood,5\n")
    for path in (archive, other):
        with pytest.raises(DataValidationError) as caught:
            detect_kind(path)
        error = caught.value
        assert error.file == str(path)
        assert error.row == 0
        assert all(kind in error.problem for kind in KINDS)


def test_a_folder_that_is_not_the_un_votes_release(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "readme.txt").write_text("nothing")
    with pytest.raises(DataValidationError, match="is a folder, not a file"):
        detect_kind(folder)
