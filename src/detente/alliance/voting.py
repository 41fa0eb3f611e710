"""UN General Assembly voting alignment: agreement score and S-score for every pair of states.

Votes are coded as Voeten does (1 yes, 2 abstain, 3 no; absent = not a vote). For two states and
the ``n`` roll calls on which both voted, with ``d`` the sum of ``|x - y|`` over those votes:

* **agreement** (Voeten 2000; Bailey, Strezhnev & Voeten 2017): ``1 - d / (2 n)`` — both yes or
  both no count 1, one abstention 0.5, opposite votes 0; absences are excluded.
* **S-score** (Signorino & Ritter 1999) on the same ordinal scale with ``d_max = 2``:
  ``1 - 2 d / (n d_max) = 1 - d / n``, in ``[-1, 1]``. Unweighted, it is ``2 * agreement - 1``:
  the same ranking on a scale centred on indifference, as the S-score literature reports it.

Everything is computed for all pairs at once with three matrix products over 0/1 indicator
matrices (states x roll calls): ``joint = P Pᵀ`` and ``d = M + Mᵀ`` with
``M = Y (A + 2N)ᵀ + A Nᵀ`` (Y yes, A abstain, N no, P = Y + A + N), so the full matrix over
every state and every roll call since 1946 takes a fraction of a second
(``bench/bench_alliance_alignment.py``).

References: Voeten, E. (2000), "Clashes in the Assembly", *International Organization* 54(2);
Signorino, C. & Ritter, J. (1999), "Tau-b or Not Tau-b", *International Studies Quarterly*
43(1); Bailey, Strezhnev & Voeten (2017), *Journal of Conflict Resolution* 61(2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from detente.analytics.store import read_connection, store_path
from detente.caching import single_flight_cache
from detente.countries import gwno_to_iso3
from detente.errors import DataValidationError, NotFoundError, StoreMissingError
from detente.settings import Settings

VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3}
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
"""Issue codes of the ``unvotes`` data (``short_name``) and their names."""

Codes = npt.NDArray[np.int8]
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class VoteData:
    """Roll-call votes as a states x roll calls matrix.

    ``codes[i, j]`` is the vote of state ``gwnos[i]`` on roll call ``rcids[j]``: 0 absent,
    1 yes, 2 abstain, 3 no. ``years[j]`` is the roll call's year and ``issues[code][j]``
    whether it concerns that issue (a roll call may have several).
    """

    gwnos: npt.NDArray[np.int64]
    rcids: npt.NDArray[np.int64]
    years: npt.NDArray[np.int64]
    issues: dict[str, npt.NDArray[np.bool_]]
    codes: Codes

    def columns(
        self, first_year: int | None = None, last_year: int | None = None, issue: str | None = None
    ) -> npt.NDArray[np.bool_]:
        """Which roll calls fall in the year range and concern ``issue`` (code or name).

        ``DataValidationError`` when the range is reversed or misses the votes entirely, so
        the user hears why rather than "this state cast no vote".
        """
        if first_year is not None and last_year is not None and first_year > last_year:
            raise DataValidationError(
                "alignment", None, "from", f"{first_year} is after the last year {last_year}"
            )
        first, last = int(self.years.min()), int(self.years.max())
        if (first_year is not None and first_year > last) or (
            last_year is not None and last_year < first
        ):
            raise DataValidationError(
                "alignment", None, "from", f"the UN votes cover {first}-{last} only"
            )
        mask = np.ones(len(self.rcids), dtype=bool)
        if first_year is not None:
            mask &= self.years >= first_year
        if last_year is not None:
            mask &= self.years <= last_year
        if issue is not None:
            mask &= self.issues[issue_code(issue)]
        return mask


@dataclass(frozen=True)
class AlignmentMatrix:
    """Agreement and S-score of every pair of ``gwnos`` (NaN where they never voted together)."""

    gwnos: npt.NDArray[np.int64]
    agreement: Matrix
    s_score: Matrix
    joint: npt.NDArray[np.int64]
    roll_calls: int

    def index(self, gwno: int) -> int:
        """Row of ``gwno``; ``NotFoundError`` if the state cast no vote in the selection."""
        found = np.flatnonzero(self.gwnos == gwno)
        if len(found) == 0:
            raise NotFoundError(f"state {gwno} cast no UN General Assembly vote in this selection")
        return int(found[0])


@dataclass(frozen=True)
class PairAlignment:
    """The alignment of two states over a selection of roll calls."""

    a: int
    b: int
    agreement: float
    s_score: float
    votes: int


def issue_code(issue: str) -> str:
    """The ``unvotes`` code of an issue given by code or name (any case)."""
    wanted = issue.strip().lower()
    for code, name in ISSUES.items():
        if wanted in (code, name.lower()):
            return code
    raise DataValidationError(
        "issue",
        None,
        "issue",
        f"'{issue}' is not one of {', '.join(ISSUES)} ({'; '.join(ISSUES.values())})",
    )


def vote_data_from_frames(
    votes: pd.DataFrame, roll_calls: pd.DataFrame, issues: pd.DataFrame | None = None
) -> VoteData:
    """Build :class:`VoteData` from long frames.

    ``votes``: ``rcid``, ``gwno``, ``vote`` (yes/no/abstain; absences are not rows) or ``code``
    (1 yes, 2 abstain, 3 no).
    ``roll_calls``: ``rcid``, ``year``. ``issues``: ``rcid``, ``short_name``.
    """
    if "code" in votes:
        values = votes["code"].to_numpy(dtype=np.int8)
    else:
        values = votes["vote"].map(VOTE_CODES).fillna(0).to_numpy(dtype=np.int8)
    bad = (values < 1) | (values > 3)
    if bad.any():
        row = int(np.flatnonzero(bad)[0]) + 1
        found = votes["vote"].iloc[row - 1] if "vote" in votes else values[row - 1]
        raise DataValidationError("votes", row, "vote", f"'{found}' is not yes, no or abstain")
    calls = roll_calls.drop_duplicates("rcid").sort_values("rcid")
    rcids = calls["rcid"].to_numpy(dtype=np.int64)
    vote_gwnos = votes["gwno"].to_numpy(dtype=np.int64)
    vote_rcids = votes["rcid"].to_numpy(dtype=np.int64)
    gwnos = np.unique(vote_gwnos)
    rows = np.searchsorted(gwnos, vote_gwnos)
    cols = np.searchsorted(rcids, vote_rcids)
    if (
        len(rcids) == 0
        or (cols >= len(rcids)).any()
        or (rcids[np.minimum(cols, len(rcids) - 1)] != vote_rcids).any()
    ):
        raise DataValidationError("votes", None, "rcid", "a vote names a roll call that is missing")
    codes = np.zeros((len(gwnos), len(rcids)), dtype=np.int8)
    # the first vote wins where two country names map to one state on one roll call
    codes[rows[::-1], cols[::-1]] = values[::-1]
    issue_masks = {code: np.zeros(len(rcids), dtype=bool) for code in ISSUES}
    if issues is not None:
        for code in ISSUES:
            chosen = issues.loc[issues["short_name"] == code, "rcid"].to_numpy(dtype=np.int64)
            issue_masks[code] = np.isin(rcids, chosen)
    return VoteData(
        gwnos=gwnos,
        rcids=rcids,
        years=calls["year"].to_numpy(dtype=np.int64),
        issues=issue_masks,
        codes=codes,
    )


@single_flight_cache(maxsize=4)
def _load(path: Path, _mtime: float) -> VoteData:
    with read_connection(path) as con:
        votes = con.execute(
            "SELECT rcid, gwno, CAST(CASE vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 "
            "WHEN 'no' THEN 3 ELSE 0 END AS TINYINT) AS code FROM raw_un_votes"
        ).df()
        calls = con.execute("SELECT rcid, year(date) AS year FROM raw_un_roll_calls").df()
        issues = con.execute("SELECT rcid, short_name FROM raw_un_roll_call_issues").df()
    return vote_data_from_frames(votes, calls, issues)


def load_votes(target: Settings | Path | str) -> VoteData:
    """The UN votes of the analytics store (cached until the store file changes)."""
    path = store_path(target)
    if not path.is_file():
        raise StoreMissingError("analytics store", path)
    return _load(path, path.stat().st_mtime)


def alignment_from_codes(codes: Codes) -> tuple[Matrix, Matrix, npt.NDArray[np.int64]]:
    """Agreement, S-score and joint-vote counts of every pair of rows of ``codes``.

    ``codes`` is states x roll calls with 0 absent, 1 yes, 2 abstain, 3 no. Pairs (and the
    diagonal of states) with no joint vote get NaN.
    """
    yes = (codes == 1).astype(np.float32)
    abstain = (codes == 2).astype(np.float32)
    no = (codes == 3).astype(np.float32)
    present = yes + abstain + no
    joint = (present @ present.T).astype(np.float64)
    half = yes @ (abstain + 2.0 * no).T + abstain @ no.T
    distance = (half + half.T).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(joint > 0, 1.0 - distance / (2.0 * joint), np.nan)
        s_score = np.where(joint > 0, 1.0 - distance / joint, np.nan)
    return agreement, s_score, np.rint(joint).astype(np.int64)


def alignment(
    data: VoteData,
    first_year: int | None = None,
    last_year: int | None = None,
    issue: str | None = None,
) -> AlignmentMatrix:
    """Agreement and S-score of every pair of states over the selected roll calls.

    States that cast no vote in the selection are left out.
    """
    mask = data.columns(first_year, last_year, issue)
    codes = data.codes[:, mask]
    voted = (codes > 0).any(axis=1)
    agreement, s_score, joint = alignment_from_codes(codes[voted])
    return AlignmentMatrix(
        gwnos=data.gwnos[voted],
        agreement=agreement,
        s_score=s_score,
        joint=joint,
        roll_calls=int(mask.sum()),
    )


def pair_alignment(
    data: VoteData,
    a: int,
    b: int,
    first_year: int | None = None,
    last_year: int | None = None,
    issue: str | None = None,
) -> PairAlignment:
    """The alignment of two states (``NotFoundError`` if one never voted in the selection)."""
    matrix = alignment(data, first_year, last_year, issue)
    i, j = matrix.index(a), matrix.index(b)
    return PairAlignment(
        a, b, float(matrix.agreement[i, j]), float(matrix.s_score[i, j]), int(matrix.joint[i, j])
    )


ALIGNED_COLUMNS = ("gwno", "iso3", "agreement", "s_score", "votes")


def who_votes_with(
    data: VoteData,
    gwno: int,
    first_year: int | None = None,
    last_year: int | None = None,
    issue: str | None = None,
    min_votes: int = 20,
) -> pd.DataFrame:
    """Every other state ranked by agreement with ``gwno`` (most aligned first).

    Columns: ``gwno``, ``iso3``, ``agreement``, ``s_score``, ``votes`` (roll calls both voted
    on). Pairs with fewer than ``min_votes`` joint votes are left out as too thin to judge.
    """
    matrix = alignment(data, first_year, last_year, issue)
    i = matrix.index(gwno)
    others = np.arange(len(matrix.gwnos)) != i
    keep = others & (matrix.joint[i] >= min_votes)
    frame = pd.DataFrame(
        {
            "gwno": matrix.gwnos[keep],
            "iso3": [gwno_to_iso3(int(g)) for g in matrix.gwnos[keep]],
            "agreement": matrix.agreement[i, keep],
            "s_score": matrix.s_score[i, keep],
            "votes": matrix.joint[i, keep],
        }
    )
    return frame.sort_values(["agreement", "votes"], ascending=[False, False]).reset_index(
        drop=True
    )


def pandas_alignment(votes: pd.DataFrame) -> pd.DataFrame:
    """The same scores by a self-join in pandas (the benchmark's baseline and a cross-check).

    ``votes``: ``rcid``, ``gwno``, ``vote``. Returns one row per ordered pair with a joint vote:
    ``a``, ``b``, ``agreement``, ``s_score``, ``votes``.
    """
    coded = votes.assign(code=votes["vote"].map(VOTE_CODES))[["rcid", "gwno", "code"]]
    coded = coded.drop_duplicates(["rcid", "gwno"])
    pairs = coded.merge(coded, on="rcid", suffixes=("_a", "_b"))
    pairs = pairs[pairs["gwno_a"] != pairs["gwno_b"]]
    pairs = pairs.assign(d=(pairs["code_a"] - pairs["code_b"]).abs())
    grouped = pairs.groupby(["gwno_a", "gwno_b"])["d"].agg(["sum", "count"]).reset_index()
    return pd.DataFrame(
        {
            "a": grouped["gwno_a"],
            "b": grouped["gwno_b"],
            "agreement": 1.0 - grouped["sum"] / (2.0 * grouped["count"]),
            "s_score": 1.0 - grouped["sum"] / grouped["count"],
            "votes": grouped["count"],
        }
    )
