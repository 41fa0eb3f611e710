"""Security fixtures: a small pact with three members on each backend."""

from __future__ import annotations

import pytest

from detente.security import add_member, create_pact
from detente.store import Database

ACTOR = "test"


@pytest.fixture
def pact_id(database: Database) -> int:
    """A pact 'test' (Helsinki principles, Vienna Document thresholds): FRA and RUS from 1975,
    UKR from 1992."""
    with database.session() as session:
        pact = create_pact(session, slug="test", name="Test pact", region="Europe", actor=ACTOR)
        add_member(session, pact.id, "FRA", "1975-08-01", actor=ACTOR)
        add_member(session, pact.id, "RUS", "1975-08-01", actor=ACTOR)
        add_member(session, pact.id, "UKR", "1992-01-30", actor=ACTOR)
    return pact.id


@pytest.fixture
def signed_pact_id(database: Database) -> int:
    """A pact 'signed' signed on 1975-08-01 with FRA and RUS from that day."""
    with database.session() as session:
        pact = create_pact(
            session,
            slug="signed",
            name="Signed pact",
            region="Europe",
            signed_on="1975-08-01",
            actor=ACTOR,
        )
        add_member(session, pact.id, "FRA", "1975-08-01", actor=ACTOR)
        add_member(session, pact.id, "RUS", "1975-08-01", actor=ACTOR)
    return pact.id
