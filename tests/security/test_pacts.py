"""Pacts, members over time, status lifecycle and commitments, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import (
    ConflictError,
    DataValidationError,
    InvalidTransitionError,
    NotFoundError,
)
from detente.security import (
    add_commitment,
    add_member,
    close_commitment,
    create_pact,
    end_membership,
    get_pact,
    helsinki_principles,
    list_commitments,
    list_pacts,
    pacts_of,
    set_pact_status,
)
from detente.store import Database, list_audit

ACTOR = "test"


def test_a_new_pact_has_the_ten_helsinki_principles_and_vienna_thresholds(
    database: Database, pact_id: int
) -> None:
    with database.session() as session:
        pact = get_pact(session, "test")
    assert pact.id == pact_id
    assert [p.title for p in pact.principles] == list(helsinki_principles())
    assert pact.principles[2].title == "Inviolability of frontiers"
    assert len(pact.principles) == 10
    assert (pact.thresholds.troops, pact.thresholds.tanks, pact.thresholds.days) == (9000, 250, 42)
    assert "Vienna Document 2011" in pact.thresholds.source


def test_members_over_time(database: Database, pact_id: int) -> None:
    with database.session() as session:
        pact = get_pact(session, pact_id)
        assert {m.iso3 for m in pact.members_on(dt.date(1980, 1, 1))} == {"FRA", "RUS"}
        assert {m.iso3 for m in pact.members_on(dt.date(2000, 1, 1))} == {"FRA", "RUS", "UKR"}
        end_membership(session, pact_id, "RUS", "2022-03-16", actor=ACTOR)
        pact = get_pact(session, pact_id)
        assert {m.iso3 for m in pact.members_on(dt.date(2023, 1, 1))} == {"FRA", "UKR"}
        assert [p.slug for p in pacts_of(session, 365, dt.date(2020, 1, 1))] == ["test"]
        assert pacts_of(session, 365, dt.date(2023, 1, 1)) == []
        # back again later: a new spell
        add_member(session, pact_id, "RUS", "2024-01-01", actor=ACTOR)
        assert list_pacts(session, dt.date(2024, 6, 1))[0].member_count == 3
    with database.session() as session:
        actions = [a.action for a in list_audit(session, entity="pact")]
    assert actions.count("add_member") == 4
    assert "end_membership" in actions


def test_membership_is_refused_when_it_cannot_be(database: Database, pact_id: int) -> None:
    with database.session() as session:
        with pytest.raises(ConflictError, match="already a member"):
            add_member(session, pact_id, "FRA", "2000-01-01", actor=ACTOR)
        with pytest.raises(DataValidationError, match="joined_on"):
            add_member(session, pact_id, "UKR", "1980-01-01", actor=ACTOR)  # not independent
        with pytest.raises(DataValidationError, match="country"):
            add_member(session, pact_id, "Atlantis", "2000-01-01", actor=ACTOR)
        with pytest.raises(NotFoundError):
            end_membership(session, pact_id, "DEU", "2000-01-01", actor=ACTOR)
        with pytest.raises(DataValidationError, match="not after joining"):
            end_membership(session, pact_id, "UKR", "1990-01-01", actor=ACTOR)
        with pytest.raises(NotFoundError, match="no pact 'nope'"):
            get_pact(session, "nope")


def test_bad_pacts_are_refused(database: Database, pact_id: int) -> None:
    with database.session() as session:
        with pytest.raises(ConflictError):
            create_pact(session, slug="test", name="Again", region="Europe", actor=ACTOR)
        with pytest.raises(DataValidationError, match="slug"):
            create_pact(session, slug="Bad slug!", name="X", region="Europe", actor=ACTOR)
        with pytest.raises(DataValidationError, match="reserved"):
            create_pact(session, slug="tracks", name="X", region="Europe", actor=ACTOR)
        with pytest.raises(DataValidationError, match="reserved"):
            create_pact(session, slug="42", name="X", region="Europe", actor=ACTOR)
        with pytest.raises(DataValidationError, match="status"):
            create_pact(session, slug="x", name="X", region="E", status="alive", actor=ACTOR)
        with pytest.raises(DataValidationError, match="signed_on"):
            create_pact(
                session, slug="x", name="X", region="E", signed_on="1975-13-01", actor=ACTOR
            )


def test_status_lifecycle(database: Database, pact_id: int) -> None:
    with database.session() as session:
        assert set_pact_status(session, pact_id, "suspended", actor=ACTOR).status == "suspended"
        assert set_pact_status(session, pact_id, "in_force", actor=ACTOR).status == "in_force"
        set_pact_status(session, pact_id, "terminated", actor=ACTOR)
        with pytest.raises(InvalidTransitionError, match="terminated"):
            set_pact_status(session, pact_id, "in_force", actor=ACTOR)


def test_commitments_per_basket_owner_and_overdue(database: Database, pact_id: int) -> None:
    with database.session() as session:
        exchange = add_commitment(
            session,
            pact_id,
            basket="security",
            title="Annual exchange of military information",
            owner="UKR",
            due_on="2025-12-15",
            actor=ACTOR,
        )
        assert exchange.owner == "UKR"
        assert exchange.owner_gwno == 369
        body = add_commitment(
            session,
            pact_id,
            basket="civil_society",
            title="Student exchanges",
            owner="Secretariat",
            actor=ACTOR,
        )
        assert body.owner_gwno is None
        views = list_commitments(session, pact_id, as_of=dt.date(2026, 1, 1))
        assert [(v.basket, v.overdue) for v in views] == [
            ("civil_society", False),
            ("security", True),
        ]
        assert not list_commitments(session, pact_id, as_of=dt.date(2025, 12, 1))[1].overdue
        done = close_commitment(session, exchange.id, "fulfilled", on="2025-12-20", actor=ACTOR)
        assert done.status == "fulfilled"
        assert not done.overdue
        with pytest.raises(InvalidTransitionError):
            close_commitment(session, exchange.id, "dropped", actor=ACTOR)
        with pytest.raises(DataValidationError, match="basket"):
            add_commitment(session, pact_id, basket="economy", title="x", owner="FRA", actor=ACTOR)
        assert list_commitments(session, pact_id, basket="security")[0].id == exchange.id


@pytest.mark.parametrize(
    ("country", "joined_on", "problem"),
    [
        ("JPN", "2999-12-31", "2999-12-31 is in the future"),
        ("DEU", "1970-01-01", "1970-01-01 is before the pact was signed (1975-08-01)"),
        ("UKR", "1980-01-01", "was not an independent state"),
    ],
)
def test_a_member_cannot_join_in_the_future_or_before_the_pact_was_signed(
    database: Database, signed_pact_id: int, country: str, joined_on: str, problem: str
) -> None:
    with pytest.raises(DataValidationError) as error, database.session() as session:
        add_member(session, signed_pact_id, country, joined_on, actor=ACTOR)
    assert error.value.field == "joined_on"
    assert problem in str(error.value)
    with database.session() as session:
        assert {m.iso3 for m in get_pact(session, signed_pact_id).members} == {"FRA", "RUS"}
        # joining today is a fact already
        add_member(session, signed_pact_id, "JPN", dt.date.today(), actor=ACTOR)


@pytest.mark.parametrize(
    ("due_on", "problem"),
    [
        ("1800-01-01", "before the pact was signed (1975-08-01)"),
        ("2999-12-31", "more than 10 years ahead"),
    ],
)
def test_a_commitment_is_due_after_the_signature_and_within_ten_years(
    database: Database, signed_pact_id: int, due_on: str, problem: str
) -> None:
    values = {"basket": "security", "title": "t", "owner": "FRA", "actor": ACTOR}
    with pytest.raises(DataValidationError) as error, database.session() as session:
        add_commitment(session, signed_pact_id, due_on=due_on, **values)
    assert error.value.field == "due_on"
    assert problem in str(error.value)
    with database.session() as session:
        assert list_commitments(session, signed_pact_id) == []
        in_ten_years = dt.date.today() + dt.timedelta(days=3650)
        assert add_commitment(session, signed_pact_id, due_on=in_ten_years, **values).due_on
