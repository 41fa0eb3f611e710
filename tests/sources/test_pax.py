"""PA-X reader: the snapshot Parquet, the published CSV layout (UTF-8 with BOM), bad inputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.sources import read_pax
from detente.sources.pax import KEPT_COLUMNS
from tests.sources.snapshot_files import PAX_FILE


@pytest.fixture(scope="module")
def agreements() -> pd.DataFrame:
    return read_pax(PAX_FILE)


def test_reads_the_snapshot_parquet(agreements: pd.DataFrame) -> None:
    assert tuple(agreements.columns) == KEPT_COLUMNS
    assert len(agreements) == 1_868
    assert agreements["AgtId"].is_unique
    assert agreements["Dat"].min() == pd.Timestamp("1990-02-15")
    assert agreements["Dat"].max() == pd.Timestamp("2020-04-09")
    assert agreements["PPName"].nunique() == 157
    assert str(agreements["Loc1GWNO"].dtype) == "Int64"


def test_reads_a_csv_with_byte_order_mark_and_extra_columns(
    agreements: pd.DataFrame, tmp_path: Path
) -> None:
    sample = agreements.head(30).copy()
    sample["Dat"] = sample["Dat"].dt.strftime("%Y-%m-%d")
    sample["GCh"] = 0  # one of the coded provisions the reader drops
    path = tmp_path / "pax_all_agreements_data.csv"
    sample.to_csv(path, index=False, encoding="utf-8-sig")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    again = read_pax(path)
    pd.testing.assert_frame_equal(again, agreements.head(30), check_dtype=False)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("Loc1GWNO", "9999", "9999 is not a known Gleditsch–Ward country code"),
        ("Dat", "2019-02-30", "'2019-02-30' is not an ISO date"),
        ("AgtId", "A12", "'A12' is not a whole number"),
    ],
)
def test_bad_agreement(
    agreements: pd.DataFrame, tmp_path: Path, field: str, value: str, problem: str
) -> None:
    sample = agreements.head(10).astype("string")
    sample["Dat"] = agreements["Dat"].head(10).dt.strftime("%Y-%m-%d")
    sample.loc[3, field] = value
    path = tmp_path / "pax.parquet"
    sample.to_parquet(path, index=False)
    with pytest.raises(DataValidationError) as caught:
        read_pax(path)
    assert (caught.value.row, caught.value.field) == (4, field)
    assert problem in caught.value.problem


def test_agreement_placed_in_a_state_that_did_not_exist(
    agreements: pd.DataFrame, tmp_path: Path
) -> None:
    sample = agreements.head(10).copy()
    sample.loc[2, "Loc2GWNO"] = 265  # GDR, gone in 1990
    sample.loc[2, "Dat"] = pd.Timestamp("2005-01-01")
    path = tmp_path / "pax.parquet"
    sample.to_parquet(path, index=False)
    with pytest.raises(DataValidationError, match="265 names no independent state in 2005"):
        read_pax(path)
