"""Opinion groups: blocs found on a constructed case, consensus vs divisive items, real votes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from detente.alliance.consensus import create_text, record_position
from detente.alliance.groups import opinion_groups, verdict
from detente.alliance.initiatives import add_endorsement, create_initiative
from detente.alliance.seed import load_seed
from detente.alliance.voting import load_votes, vote_data_from_frames
from detente.errors import DataValidationError
from detente.settings import REPO_ROOT
from detente.store import Database

BLOC_A = [200, 205, 210, 211, 220, 230]  # GBR IRL NLD BEL FRA ESP
BLOC_B = [700, 710, 750, 770, 775, 780]  # AFG CHN IND PAK MMR LKA
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _two_blocs() -> object:
    """Constructed votes (not real): bloc A votes yes on 1-20, bloc B no; all yes on 21-30."""
    rows = []
    for rcid in range(1, 31):
        for gwno in BLOC_A + BLOC_B:
            vote = "yes" if rcid > 20 or gwno in BLOC_A else "no"
            rows.append((rcid, gwno, vote))
    votes = pd.DataFrame(rows, columns=["rcid", "gwno", "vote"])
    calls = pd.DataFrame({"rcid": range(1, 31), "year": 2019})
    issues = pd.DataFrame({"rcid": list(range(21, 31)), "short_name": "ec"})
    return vote_data_from_frames(votes, calls, issues)


def test_two_voting_blocs_become_two_groups_with_consensus_and_division(
    database: Database,
) -> None:
    data = _two_blocs()
    with database.session() as session:
        create_initiative(session, slug="a-only", title="A", category="x", actor="t",
                          list_public=True)  # fmt: skip
        for gwno in BLOC_A:
            add_endorsement(session, "a-only", gwno=gwno, level="signed", actor="t")
        text = create_text(session, title="Shared text", paragraphs=["p1"], actor="t")
        for gwno in BLOC_A + BLOC_B:
            record_position(session, text.id, number=1, gwno=gwno, stance="support",
                            actor="d", acting_for=gwno, now=T0)  # fmt: skip
    with database.session() as session:
        groups = opinion_groups(session, data, 2019, 2019, k=2)  # type: ignore[arg-type]
    by_state = dict(zip(groups.states["gwno"], groups.states["group"], strict=True))
    assert len({by_state[g] for g in BLOC_A}) == 1
    assert len({by_state[g] for g in BLOC_B}) == 1
    assert by_state[BLOC_A[0]] != by_state[BLOC_B[0]]
    verdicts = dict(zip(groups.items["item"], groups.items["verdict"], strict=True))
    assert verdicts["a-only"] == "divisive"
    assert verdicts["ec"] == "consensus"  # everyone voted yes on 21-30
    assert verdicts[str(text.id)] == "consensus"


def test_verdict_thresholds_and_bad_k() -> None:
    assert verdict(0.7, 0.1) == "consensus"
    assert verdict(0.1, 0.8) == "divisive"
    assert verdict(0.4, 0.2) == "mixed"
    with pytest.raises(DataValidationError, match="'k'"):
        opinion_groups(None, _two_blocs(), k=1)  # type: ignore[arg-type]


def test_real_votes_put_france_and_germany_together_and_split_on_the_paris_call(
    database: Database, analytics_path: Path
) -> None:
    with database.session() as session:
        load_seed(session, REPO_ROOT / "data" / "alliance")
    with database.session() as session:
        groups = opinion_groups(session, load_votes(analytics_path), 2015, 2019, k=4)
    by_iso = dict(zip(groups.states["iso3"], groups.states["group"], strict=True))
    assert by_iso["FRA"] == by_iso["DEU"] == by_iso["NLD"]
    assert by_iso["USA"] == by_iso["ISR"]
    assert by_iso["FRA"] != by_iso["CUB"]
    paris = groups.items.set_index("item").loc["paris-call"]
    assert paris["verdict"] == "divisive"
    assert groups.explained_variance[0] > groups.explained_variance[1]
