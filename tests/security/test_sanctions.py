"""Sanctions register and reciprocal gesture pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import DataValidationError, InvalidTransitionError
from detente.security import (
    add_sanction,
    lift_sanction,
    list_pairs,
    list_sanctions,
    pair_gesture,
    set_pair_status,
)
from detente.store import Database

ACTOR = "test"


def _sanction(database: Database) -> int:
    with database.session() as session:
        return add_sanction(
            session,
            imposed_by="EU",
            target="Russia",
            target_country="RUS",
            category="economic",
            reason="Russia's actions destabilising the situation in Ukraine",
            adopted_on="2014-07-31",
            legal_act="Council Decision 2014/512/CFSP",
            source="https://eur-lex.europa.eu/eli/dec/2014/512/oj",
            actor=ACTOR,
        ).id


def test_register_pairs_and_lifting(database: Database) -> None:
    sanction_id = _sanction(database)
    with database.session() as session:
        pair = pair_gesture(
            session,
            sanction_id,
            gesture="An opening on MH17",
            gesture_country="RUS",
            illustrative=True,
            actor=ACTOR,
        )
        assert pair.status == "proposed"
        assert pair.illustrative
        assert pair.gesture_gwno == 365
        assert set_pair_status(session, pair.id, "agreed", actor=ACTOR).status == "agreed"
        with pytest.raises(InvalidTransitionError):
            set_pair_status(session, pair.id, "proposed", actor=ACTOR)
        assert [
            s.id for s in list_sanctions(session, target_gwno=365, in_force_on=dt.date(2020, 1, 1))
        ] == [sanction_id]
        lift_sanction(session, sanction_id, "2030-01-01", actor=ACTOR)
        assert list_sanctions(session, in_force_on=dt.date(2031, 1, 1)) == []
        with pytest.raises(InvalidTransitionError):
            lift_sanction(session, sanction_id, "2031-01-01", actor=ACTOR)
        with pytest.raises(InvalidTransitionError, match="lifted"):
            pair_gesture(session, sanction_id, gesture="x", actor=ACTOR)
        assert list_pairs(session)[0].sanction.id == sanction_id


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "cultural"}, "category"),
        ({"reason": ""}, "reason"),
        ({"source": ""}, "source"),
        ({"adopted_on": "July 2014"}, "adopted_on"),
        ({"adopted_on": "2999-01-01"}, "adopted_on"),  # an adoption has happened
        ({"target_country": "Nowhere-land"}, "target_country"),
        ({"target_country": "RUS", "adopted_on": "1800-01-01"}, "adopted_on"),  # before 1816
        ({"target_country": "UKR", "adopted_on": "1990-01-01"}, "adopted_on"),  # before 1991
    ],
)
def test_bad_sanctions_are_refused(
    database: Database, overrides: dict[str, str], field: str
) -> None:
    values = {
        "imposed_by": "EU",
        "target": "Russia",
        "category": "economic",
        "reason": "r",
        "adopted_on": "2014-07-31",
        "source": "https://eur-lex.europa.eu/",
        **overrides,
    }
    with pytest.raises(DataValidationError) as error, database.session() as session:
        add_sanction(session, actor=ACTOR, **values)
    assert error.value.field == field
