"""Deployment lifecycle, audit, envoy hand-over, and no double booking even when concurrent."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from detente.errors import ConflictError, DataValidationError, InvalidTransitionError
from detente.response.deployments import (
    approve,
    cancel,
    deploy,
    end,
    get_deployment,
    handover,
    list_deployments,
    propose,
    request_deployment,
)
from detente.response.teams import booked_officers
from detente.settings import Settings
from detente.store import Database, list_audit, upgrade
from tests.response.roster import add_roster, officer
from tests.store.postgres_locks import backend_pid, wait_until_blocked_by

START = dt.date(2026, 12, 1)
# Mali (432): French; neighbours and Mali itself are conflicts of interest
TEAM = [
    officer("Demo-1", 220, ["fr", "en"], ["mediation"], 4),  # France, Europe
    officer("Demo-2", 20, ["fr", "en"], ["ddr"], 3),  # Canada, Americas
    officer("Demo-3", 740, ["en"], ["gender"], 5),  # Japan, Asia
]


def _request(database: Database, settings: Settings, start: dt.date = START) -> int:
    with database.session() as session:
        return request_deployment(
            session,
            settings,
            country="MLI",
            size=3,
            expertise=["mediation"],
            start=start,
            end=start + dt.timedelta(days=60),
            actor="coordinator-a",
        ).id


def test_full_lifecycle_is_audited(database: Database, settings: Settings) -> None:
    add_roster(database, TEAM)
    deployment_id = _request(database, settings)
    with database.session() as session:
        view, proposal = propose(session, settings, deployment_id, actor="coordinator-a")
    assert proposal.status == "optimal"
    assert view.status == "proposed"
    assert [m.name for m in view.team] == ["Demo-1", "Demo-2", "Demo-3"]
    assert all(m.reason for m in view.team)
    with database.session() as session:
        assert approve(session, deployment_id, actor="coordinator-b").status == "approved"
    with database.session() as session:
        assert deploy(session, deployment_id, actor="coordinator-b").status == "deployed"
    with database.session() as session:
        ended = handover(
            session,
            deployment_id,
            envoy_name="Special Envoy (demo)",
            on=START + dt.timedelta(days=30),
            note="envoy appointed",
            actor="coordinator-b",
        )
    assert ended.status == "ended"
    assert ended.envoy_name == "Special Envoy (demo)"
    assert ended.handover_date == ended.end == START + dt.timedelta(days=30)
    with database.session() as session:
        audit = list_audit(session, entity="deployment", entity_id=deployment_id)
        assert [d.id for d in list_deployments(session, status="ended")] == [deployment_id]
    assert [a.action for a in reversed(audit)] == [
        "request",
        "propose",
        "approve",
        "deploy",
        "handover",
    ]
    assert audit[0].before is not None
    assert audit[0].before["status"] == "deployed"
    assert audit[0].after is not None
    assert audit[0].after["envoy_name"] == "Special Envoy (demo)"


def test_invalid_transitions(database: Database, settings: Settings) -> None:
    add_roster(database, TEAM)
    deployment_id = _request(database, settings)
    for step in (approve, deploy, end):
        with pytest.raises(InvalidTransitionError), database.session() as session:
            step(session, deployment_id, actor="x")
    with pytest.raises(InvalidTransitionError), database.session() as session:
        handover(session, deployment_id, envoy_name="E", actor="x")
    with database.session() as session:
        cancel(session, deployment_id, actor="x")
    with pytest.raises(InvalidTransitionError, match="cancelled"), database.session() as session:
        propose(session, settings, deployment_id, actor="x")
    with database.session() as session:
        assert get_deployment(session, deployment_id).status == "cancelled"


def test_end_date_must_not_precede_start(database: Database, settings: Settings) -> None:
    add_roster(database, TEAM)
    deployment_id = _request(database, settings)
    for step in ("propose", "approve", "deploy"):
        with database.session() as session:
            if step == "propose":
                propose(session, settings, deployment_id, actor="x")
            else:
                {"approve": approve, "deploy": deploy}[step](session, deployment_id, actor="x")
    with pytest.raises(DataValidationError, match="before"), database.session() as session:
        end(session, deployment_id, actor="x", on=START - dt.timedelta(days=1))
    with database.session() as session:
        assert get_deployment(session, deployment_id).status == "deployed"


def _proposed_pair(database: Database, settings: Settings) -> tuple[int, int]:
    """Two deployments on overlapping dates whose proposed teams are the same three officers."""
    add_roster(database, TEAM)
    first = _request(database, settings)
    second = _request(database, settings, START + dt.timedelta(days=20))
    for deployment_id in (first, second):
        with database.session() as session:
            propose(session, settings, deployment_id, actor="x")
    return first, second


def test_overlapping_booking_is_refused(database: Database, settings: Settings) -> None:
    first, second = _proposed_pair(database, settings)
    with database.session() as session:
        approve(session, first, actor="a")
    with pytest.raises(ConflictError, match="already booked"), database.session() as session:
        approve(session, second, actor="b")
    with database.session() as session:
        assert get_deployment(session, second).status == "proposed"
        # proposing again now leaves the booked officers out: not enough of them remain
        _view, proposal = propose(session, settings, second, actor="b")
    assert proposal.status == "infeasible"
    assert proposal.members == ()
    # once the first ends before the second starts, the officers are free again
    with database.session() as session:
        deploy(session, first, actor="a")
        end(session, first, actor="a", on=START + dt.timedelta(days=10))
    with database.session() as session:
        propose(session, settings, second, actor="b")
        assert approve(session, second, actor="b").status == "approved"


def _approve_concurrently(
    url: str, first: int, second: int, wait_for_second: Callable[[Session], None]
) -> list[str]:
    """Coordinator A approves and keeps its transaction open until B is waiting; B approves."""
    outcomes: list[str] = []
    a_locked = threading.Event()
    b_started = threading.Event()

    def coordinator_a() -> None:
        database = Database(url)
        try:
            with database.session() as session:
                approve(session, first, actor="coordinator-a")
                a_locked.set()  # A holds its locks, its transaction still open
                b_started.wait(10)
                wait_for_second(session)  # returns once B is blocked behind our locks
            outcomes.append("a: approved")
        except ConflictError:
            outcomes.append("a: conflict")
        finally:
            database.dispose()

    def coordinator_b() -> None:
        database = Database(url)
        try:
            # B starts after A has taken its locks: with a sleep instead, a loaded CI runner
            # let B approve first (the race then reversed: "a: conflict", "b: approved")
            a_locked.wait(30)
            b_started.set()
            with database.session() as session:
                approve(session, second, actor="coordinator-b")
            outcomes.append("b: approved")
        except ConflictError:
            outcomes.append("b: conflict")
        finally:
            database.dispose()

    threads = [threading.Thread(target=coordinator_a), threading.Thread(target=coordinator_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(outcomes)


def test_two_coordinators_at_once_on_postgresql(postgres_url: str, settings: Settings) -> None:
    upgrade(postgres_url)
    database = Database(postgres_url)
    first, second = _proposed_pair(database, settings)

    def wait_until_b_waits_on_a_lock(session: Session) -> None:
        wait_until_blocked_by(postgres_url, backend_pid(session), "coordinator B")

    outcomes = _approve_concurrently(postgres_url, first, second, wait_until_b_waits_on_a_lock)
    assert outcomes == ["a: approved", "b: conflict"]
    with database.session() as session:
        assert get_deployment(session, first).status == "approved"
        assert get_deployment(session, second).status == "proposed"
        approvals = [a for a in list_audit(session, entity="deployment") if a.action == "approve"]
    assert len(approvals) == 1
    database.dispose()


def test_two_coordinators_at_once_on_sqlite(tmp_path: object, settings: Settings) -> None:
    url = f"sqlite:///{settings.data_dir.parent / 'concurrent.sqlite'}"
    upgrade(url)
    database = Database(url)
    first, second = _proposed_pair(database, settings)
    outcomes = _approve_concurrently(url, first, second, lambda _session: time.sleep(0.3))
    assert outcomes == ["a: approved", "b: conflict"]
    with database.session() as session:
        assert get_deployment(session, second).status == "proposed"
    database.dispose()


def test_a_team_that_does_not_meet_the_request_cannot_be_approved(
    database: Database, settings: Settings
) -> None:
    """Only two officers for a team of three: the closest team is shown, never booked."""
    add_roster(database, TEAM[:2])
    deployment_id = _request(database, settings)
    with database.session() as session:
        _view, proposal = propose(session, settings, deployment_id, actor="coordinator-a")
        assert not proposal.feasible
    with (
        pytest.raises(InvalidTransitionError, match="does not meet the request"),
        database.session() as session,
    ):
        approve(session, deployment_id, actor="coordinator-a")
    with database.session() as session:
        assert get_deployment(session, deployment_id).status == "proposed"


def _approved(database: Database, settings: Settings, start: dt.date) -> int:
    add_roster(database, TEAM)
    deployment_id = _request(database, settings, start)
    with database.session() as session:
        propose(session, settings, deployment_id, actor="x")
        approve(session, deployment_id, actor="x")
    return deployment_id


def test_a_team_cannot_be_deployed_before_its_start_date(
    database: Database, settings: Settings
) -> None:
    start = dt.date.today() + dt.timedelta(days=30)
    deployment_id = _approved(database, settings, start)
    with pytest.raises(InvalidTransitionError) as refused, database.session() as session:
        deploy(session, deployment_id, actor="x")
    assert f"starts on {start.isoformat()}" in str(refused.value)
    with database.session() as session:
        assert get_deployment(session, deployment_id).status == "approved"
        assert next(a.action for a in list_audit(session, entity="deployment")) == "approve"


def test_ending_a_deployment_that_never_started_cancels_it(
    database: Database, settings: Settings
) -> None:
    start = dt.date.today() + dt.timedelta(days=30)
    deployment_id = _approved(database, settings, start)
    with database.session() as session:  # deployed early, as the code allowed before
        session.execute(
            text("UPDATE response_deployment SET status = 'deployed' WHERE id = :id"),
            {"id": deployment_id},
        )
    with database.session() as session:
        view = end(session, deployment_id, actor="x")
    assert (view.status, view.end) == ("cancelled", start + dt.timedelta(days=60))
    with database.session() as session:
        [latest, *_] = list_audit(session, entity="deployment", entity_id=deployment_id)
        assert booked_officers(session, start, start + dt.timedelta(days=60)) == set()
    assert latest.action == "cancel"
    assert latest.before is not None
    assert latest.before["status"] == "deployed"
