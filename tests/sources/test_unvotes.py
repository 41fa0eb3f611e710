"""UN General Assembly votes: the snapshot tables, the GW code of each voter, bad inputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.sources import UnVotes, read_un_votes
from tests.sources.snapshot_files import UNVOTES_DIR


@pytest.fixture(scope="module")
def votes() -> UnVotes:
    return read_un_votes(UNVOTES_DIR)


def test_reads_the_three_snapshot_tables(votes: UnVotes) -> None:
    assert len(votes.votes) == 870_109
    assert len(votes.roll_calls) == 6_203
    assert len(votes.issues) == 5_745
    assert votes.roll_calls["date"].max() == pd.Timestamp("2020-01-14")
    assert set(votes.votes["vote"]) == {"yes", "no", "abstain"}


def test_each_vote_gets_the_state_that_cast_it(votes: UnVotes) -> None:
    frame = votes.votes
    assert not frame["gwno"].isna().any()

    def gwnos(country: str, year: int) -> set[int]:
        rows = frame[(frame["country"] == country) & (frame["year"] == year)]
        return set(rows["gwno"])

    assert gwnos("Yugoslavia", 2000) == {345}
    assert gwnos("Yugoslavia", 2010) == {340}  # Serbia keeps the seat under the old name
    assert gwnos("German Democratic Republic", 1980) == {265}
    assert gwnos("Yemen Arab Republic", 1980) == {678}
    assert gwnos("Russia", 1980) == {365}


def _small_copy(votes: UnVotes, folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    calls = votes.roll_calls.head(20)
    cast = votes.votes[votes.votes["rcid"].isin(calls["rcid"])].drop(columns=["gwno", "year"])
    issues = votes.issues[votes.issues["rcid"].isin(calls["rcid"])]
    folder.mkdir()
    return cast.reset_index(drop=True), calls, issues


def _write(folder: Path, cast: pd.DataFrame, calls: pd.DataFrame, issues: pd.DataFrame) -> None:
    cast.to_parquet(folder / "un_votes.parquet", index=False)
    calls.to_parquet(folder / "un_roll_calls.parquet", index=False)
    issues.to_parquet(folder / "un_roll_call_issues.parquet", index=False)


def test_vote_that_is_not_yes_no_or_abstain(votes: UnVotes, tmp_path: Path) -> None:
    cast, calls, issues = _small_copy(votes, tmp_path / "unvotes")
    cast.loc[7, "vote"] = "maybe"
    _write(tmp_path / "unvotes", cast, calls, issues)
    with pytest.raises(DataValidationError, match="'maybe' is not yes, no or abstain") as e:
        read_un_votes(tmp_path / "unvotes")
    assert (e.value.row, e.value.field) == (8, "vote")
    assert e.value.file.endswith("un_votes.parquet")


def test_vote_on_an_unknown_roll_call(votes: UnVotes, tmp_path: Path) -> None:
    cast, calls, issues = _small_copy(votes, tmp_path / "unvotes")
    cast.loc[4, "rcid"] = 999_999
    _write(tmp_path / "unvotes", cast, calls, issues)
    with pytest.raises(DataValidationError, match="roll call 999999 is not in un_roll_calls"):
        read_un_votes(tmp_path / "unvotes")


def test_unknown_country(votes: UnVotes, tmp_path: Path) -> None:
    cast, calls, issues = _small_copy(votes, tmp_path / "unvotes")
    cast.loc[2, ["country", "country_code"]] = ["Atlantis", "QQ"]
    _write(tmp_path / "unvotes", cast, calls, issues)
    with pytest.raises(DataValidationError, match="'QQ' \\(Atlantis\\) is not a known") as e:
        read_un_votes(tmp_path / "unvotes")
    assert (e.value.row, e.value.field) == (3, "country_code")


def test_missing_table(votes: UnVotes, tmp_path: Path) -> None:
    cast, calls, issues = _small_copy(votes, tmp_path / "unvotes")
    _write(tmp_path / "unvotes", cast, calls, issues)
    (tmp_path / "unvotes" / "un_roll_call_issues.parquet").unlink()
    with pytest.raises(DataValidationError, match="need un_votes, un_roll_calls"):
        read_un_votes(tmp_path / "unvotes")


def test_a_file_that_is_none_of_the_three_tables_is_named(votes: UnVotes, tmp_path: Path) -> None:
    """``--kind unvotes`` on some other CSV: the error names that file, not un_votes.csv."""
    cast, calls, issues = _small_copy(votes, tmp_path / "unvotes")
    _write(tmp_path / "unvotes", cast, calls, issues)
    other = tmp_path / "unvotes" / "votes_2024.csv"
    other.write_text("rcid,country,country_code,vote\n1,France,FR,yes\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="not one of the UN General Assembly") as e:
        read_un_votes(other)
    assert str(e.value).startswith(str(other))
    assert "un_votes.csv, un_roll_calls.csv, un_roll_call_issues.csv" in str(e.value)
