"""Opinion groups in the style of Pol.is: cluster states by how they vote and what they endorse.

Pol.is (Small et al. 2021, "Polis: Scaling Deliberation by Mapping High Dimensional Opinion
Spaces", *Recerca* 26(2)) projects a participants x statements agreement matrix on its first
principal components and clusters the projection with k-means; a statement that every group
supports is a consensus, one the groups split on is divisive. Here participants are states and
statements are UN General Assembly roll calls (yes 1, abstain 0.5, no 0; an absence takes the
roll call's mean) plus the initiatives whose endorser list is public (1 endorsed, 0 not).

The result says, for each initiative, each UN issue and each text under negotiation, how much
of each group supports it, and whether that support is shared across groups ("consensus":
every group >= 60 %) or splits them ("divisive": the groups differ by >= 40 points).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler
from sqlalchemy.orm import Session

from detente.alliance.consensus import list_texts
from detente.alliance.initiatives import list_endorsements, list_initiatives
from detente.alliance.voting import ISSUES, VoteData
from detente.countries import gwno_to_iso3
from detente.errors import DataValidationError

CONSENSUS_FLOOR = 0.6
DIVISIVE_SPREAD = 0.4


@dataclass(frozen=True)
class OpinionGroups:
    """States placed in opinion groups and what each group supports.

    ``states``: ``gwno``, ``iso3``, ``x``, ``y`` (first two principal components), ``group``.
    ``items``: ``kind`` (initiative / issue / text), ``item``, ``title``, one column
    ``group_<n>`` per group (share supporting, NaN when no member took a position), ``spread``
    (max - min), ``floor`` (min) and ``verdict`` (consensus / divisive / mixed).
    """

    states: pd.DataFrame
    items: pd.DataFrame
    k: int
    explained_variance: tuple[float, ...]
    first_year: int
    last_year: int


def _vote_features(
    votes: VoteData, first_year: int, last_year: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    codes = votes.codes[:, votes.columns(first_year, last_year)]
    if codes.shape[1] == 0:
        return votes.gwnos[:0], np.zeros((0, 0)), codes[:0]
    present = codes > 0
    keep = present.mean(axis=1) >= 0.5  # states that voted on at least half the roll calls
    codes, present = codes[keep], present[keep]
    values = np.select([codes == 1, codes == 2, codes == 3], [1.0, 0.5, 0.0], default=0.0)
    counts = present.sum(axis=0)
    means = np.where(counts > 0, (values * present).sum(axis=0) / np.maximum(counts, 1), 0.5)
    filled = np.where(present, values, means)
    return votes.gwnos[keep], filled, codes


def opinion_groups(
    session: Session,
    votes: VoteData,
    first_year: int | None = None,
    last_year: int | None = None,
    k: int = 4,
    seed: int = 0,
) -> OpinionGroups:
    """Cluster states into ``k`` opinion groups and rate every item per group.

    Parameters
    ----------
    session:
        State database (endorsements and positions on texts).
    votes:
        UN votes (:func:`detente.alliance.voting.load_votes`).
    first_year, last_year:
        Roll calls used (default: the last 5 years of the data).
    k:
        Number of groups (2-8).
    seed:
        Random state of k-means (results are reproducible).
    """
    if not 2 <= k <= 8:
        raise DataValidationError("groups", None, "k", f"{k} is not between 2 and 8")
    last_year = last_year or int(votes.years.max())
    first_year = first_year or last_year - 4
    gwnos, vote_values, codes = _vote_features(votes, first_year, last_year)
    if vote_values.size == 0 or len(gwnos) <= k:
        raise DataValidationError(
            "groups", None, "years", f"too few UN votes in {first_year}-{last_year} to group states"
        )
    index = {int(g): i for i, g in enumerate(gwnos)}
    endorsed: dict[str, tuple[str, npt.NDArray[np.float64]]] = {}
    for initiative in list_initiatives(session):
        if not initiative.list_public:
            continue
        column = np.zeros(len(gwnos))
        for endorsement in list_endorsements(session, initiative.id, states_only=True):
            if endorsement.gwno in index:
                column[index[endorsement.gwno]] = 1.0
        endorsed[initiative.slug] = (initiative.title, column)
    features = np.column_stack([vote_values, *(c for _, c in endorsed.values())])
    scaled = StandardScaler().fit_transform(features)
    scaled = np.nan_to_num(scaled)
    pca = PCA(n_components=2, random_state=seed)
    projected = pca.fit_transform(scaled)
    labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(projected)
    labels = _ordered(labels, projected)
    states = pd.DataFrame(
        {
            "gwno": gwnos,
            "iso3": [gwno_to_iso3(int(g)) for g in gwnos],
            "x": projected[:, 0],
            "y": projected[:, 1],
            "group": labels,
        }
    )
    rows: list[dict[str, object]] = []
    for slug, (title, column) in endorsed.items():
        rows.append(_item("initiative", slug, title, column, labels, k))
    selected = votes.columns(first_year, last_year)
    for code, name in ISSUES.items():
        issue_columns = votes.issues[code][selected]
        if not issue_columns.any():
            continue
        sub = codes[:, issue_columns]
        voted = (sub > 0).sum(axis=1)
        share_yes = np.where(voted > 0, (sub == 1).sum(axis=1) / np.maximum(voted, 1), np.nan)
        rows.append(_item("issue", code, f"{name} (share yes)", share_yes, labels, k))
    for text in list_texts(session):
        support = np.full(len(gwnos), np.nan)
        stances: dict[int, list[bool]] = {}
        for paragraph in text.paragraphs:
            for position in paragraph.positions:
                stances.setdefault(position.gwno, []).append(
                    position.stance in ("support", "reservation")
                )
        for gwno, values in stances.items():
            if gwno in index:
                support[index[gwno]] = float(all(values))
        rows.append(_item("text", str(text.id), text.title, support, labels, k))
    items = pd.DataFrame(rows)
    return OpinionGroups(
        states=states,
        items=items,
        k=k,
        explained_variance=tuple(float(v) for v in pca.explained_variance_ratio_),
        first_year=first_year,
        last_year=last_year,
    )


def _ordered(
    labels: npt.NDArray[np.int32], projected: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Relabel groups 1..k by their mean first component, so names are stable across runs."""
    order = sorted(set(labels.tolist()), key=lambda g: float(projected[labels == g, 0].mean()))
    mapping = {old: new for new, old in enumerate(order, 1)}
    return np.array([mapping[int(g)] for g in labels], dtype=np.int64)


def _item(
    kind: str,
    item: str,
    title: str,
    values: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int64],
    k: int,
) -> dict[str, object]:
    row: dict[str, object] = {"kind": kind, "item": item, "title": title}
    rates = []
    for group in range(1, k + 1):
        chosen = values[(labels == group) & ~np.isnan(values)]
        rate = float(chosen.mean()) if len(chosen) else float("nan")
        row[f"group_{group}"] = rate
        rates.append(rate)
    known = [r for r in rates if not np.isnan(r)]
    spread = max(known) - min(known) if known else float("nan")
    floor = min(known) if known else float("nan")
    row["spread"] = spread
    row["floor"] = floor
    row["verdict"] = verdict(floor, spread)
    return row


def verdict(floor: float, spread: float) -> str:
    """``consensus`` if every group supports >= 60 %, ``divisive`` if they differ >= 40 points."""
    if np.isnan(floor):
        return "no data"
    if floor >= CONSENSUS_FLOOR:
        return "consensus"
    if spread >= DIVISIVE_SPREAD:
        return "divisive"
    return "mixed"
