"""Voting alignment: the formulas on hand-computed cases, the pandas cross-check, real facts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.alliance.voting import (
    alignment,
    issue_code,
    load_votes,
    pair_alignment,
    pandas_alignment,
    vote_data_from_frames,
    who_votes_with,
)
from detente.analytics.store import read_connection
from detente.errors import DataValidationError, NotFoundError

USA, CUB, ISR, CAN, RUS = 2, 40, 666, 20, 365


def _data(rows: list[tuple[int, int, str]], issues: list[tuple[int, str]] | None = None):  # type: ignore[no-untyped-def]
    votes = pd.DataFrame(rows, columns=["rcid", "gwno", "vote"])
    calls = pd.DataFrame({"rcid": sorted({r[0] for r in rows}), "year": 2000})
    calls.loc[calls["rcid"] >= 10, "year"] = 2010
    frame = pd.DataFrame(issues or [], columns=["rcid", "short_name"])
    return vote_data_from_frames(votes, calls, frame)


def test_agreement_counts_agreement_one_abstention_half_opposite_zero() -> None:
    # roll calls: both yes (1), yes/abstain (0.5), yes/no (0), both no (1), B absent (excluded)
    data = _data(
        [
            (1, 2, "yes"), (1, 20, "yes"),
            (2, 2, "yes"), (2, 20, "abstain"),
            (3, 2, "yes"), (3, 20, "no"),
            (4, 2, "no"), (4, 20, "no"),
            (5, 2, "yes"),
        ]
    )  # fmt: skip
    pair = pair_alignment(data, 2, 20)
    assert pair.votes == 4
    assert pair.agreement == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    # S-score with d_max = 2: 1 - sum|d| / n = 1 - (0 + 1 + 2 + 0) / 4
    assert pair.s_score == pytest.approx(0.25)


def test_both_abstaining_is_full_agreement_and_the_matrix_is_symmetric() -> None:
    data = _data([(1, 2, "abstain"), (1, 20, "abstain"), (2, 2, "no"), (2, 20, "yes")])
    matrix = alignment(data)
    assert matrix.agreement[0, 1] == matrix.agreement[1, 0] == pytest.approx(0.5)
    assert matrix.s_score[0, 1] == pytest.approx(0.0)


def test_year_range_and_issue_select_roll_calls() -> None:
    data = _data(
        [
            (1, 2, "yes"),
            (1, 20, "no"),
            (10, 2, "yes"),
            (10, 20, "yes"),
            (11, 2, "no"),
            (11, 20, "abstain"),
        ],
        issues=[(11, "hr")],
    )
    assert pair_alignment(data, 2, 20, last_year=2000).agreement == 0.0
    assert pair_alignment(data, 2, 20, first_year=2010).agreement == pytest.approx(0.75)
    assert pair_alignment(data, 2, 20, issue="Human rights").agreement == pytest.approx(0.5)
    assert alignment(data, issue="hr").roll_calls == 1


def test_states_without_joint_votes_get_nan_and_unknown_states_are_named() -> None:
    data = _data([(1, 2, "yes"), (2, 20, "no")])
    assert np.isnan(alignment(data).agreement[0, 1])
    with pytest.raises(NotFoundError, match="state 999"):
        pair_alignment(data, 2, 999)


def test_bad_vote_and_bad_issue_are_refused() -> None:
    with pytest.raises(DataValidationError, match=r"row 2, field 'vote'.*'maybe'"):
        _data([(1, 2, "yes"), (1, 20, "maybe")])
    with pytest.raises(DataValidationError, match="'weather' is not one of"):
        issue_code("weather")


def test_matrix_products_equal_the_pandas_self_join_on_real_votes(analytics_path: Path) -> None:
    data = load_votes(analytics_path)
    with read_connection(analytics_path) as con:
        votes = con.execute("SELECT rcid, gwno, vote FROM raw_un_votes WHERE year = 2019").df()
    matrix = alignment(data, 2019, 2019)
    frame = pandas_alignment(votes)
    rows = np.searchsorted(matrix.gwnos, frame["a"].to_numpy())
    cols = np.searchsorted(matrix.gwnos, frame["b"].to_numpy())
    assert np.allclose(matrix.agreement[rows, cols], frame["agreement"])
    assert np.allclose(matrix.s_score[rows, cols], frame["s_score"])
    assert (matrix.joint[rows, cols] == frame["votes"]).all()


def test_real_facts_israel_votes_with_the_united_states_cuba_against(analytics_path: Path) -> None:
    # Documented in the US State Department's yearly "Voting Practices in the United Nations":
    # Israel is the state that most often votes with the United States; Cuba among the least.
    data = load_votes(analytics_path)
    assert pair_alignment(data, USA, ISR, 2000, 2019).agreement > 0.8
    assert pair_alignment(data, USA, CUB, 2000, 2019).agreement < 0.35
    ranked = who_votes_with(data, USA, 2000, 2019)
    assert ranked.iloc[0]["iso3"] == "ISR"
    assert "CUB" in set(ranked.iloc[-20:]["iso3"])
    # the Soviet bloc voted as one: Bulgaria with the USSR in the 1970s
    assert pair_alignment(data, RUS, 355, 1970, 1979).agreement > 0.95
    # the dataset covers every state that voted, 1946-2019
    assert data.codes.shape[0] > 190
    assert data.years.min() == 1946


@pytest.mark.parametrize(
    ("first", "last", "problem"),
    [(2010, 2000, "2010 is after the last year 2000"), (2030, None, "cover 2000-2010 only")],
)
def test_a_reversed_or_empty_year_range_says_why(
    first: int, last: int | None, problem: str
) -> None:
    data = _data([(1, 2, "yes"), (1, 20, "no"), (10, 2, "yes"), (10, 20, "yes")])
    with pytest.raises(DataValidationError, match=problem):
        alignment(data, first, last)
