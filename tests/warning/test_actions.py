"""The registry of organisation actions and mediation initiatives: validation and audit."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.store import Database, list_audit, upgrade
from detente.warning.actions import (
    add_mediation,
    add_org_action,
    end_mediation,
    list_mediation,
    list_org_actions,
    withdraw_record,
)
from detente.warning.models import MediationInitiative, OrgAction
from tests.store.postgres_locks import backend_pid, wait_until_blocked_by

DAY = dt.date(2023, 5, 2)


def _action(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "gwno": 432,
        "org": "ecowas",
        "kind": "statement",
        "acted_on": DAY,
        "title": "Communiqué (test record)",
        "source": "https://example.org/test",
        "actor": "t",
    }
    values.update(changes)
    return values


def test_add_and_list_org_action_is_audited(database: Database) -> None:
    with database.session() as session:
        view = add_org_action(session, **_action())  # type: ignore[arg-type]
    assert view.org == "ECOWAS"
    with database.session() as session:
        assert [a.id for a in list_org_actions(session, 432)] == [view.id]
        assert list_org_actions(session, 432, first_year=2024) == []
        audit = list_audit(session, entity="org_action")
    assert audit[0].after is not None
    assert audit[0].after["org"] == "ECOWAS"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"org": "WTO"}, "org"),
        ({"kind": "tweet"}, "kind"),
        ({"gwno": 999}, "gwno"),
        ({"gwno": 626, "acted_on": dt.date(2005, 1, 1)}, "gwno"),
        ({"acted_on": dt.date.today() + dt.timedelta(days=2)}, "acted_on"),
        ({"title": "  "}, "title"),
        ({"source": "x" * 501}, "source"),
    ],
)
def test_bad_org_action_names_the_field_and_writes_nothing(
    database: Database, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(DataValidationError) as raised, database.session() as session:
        add_org_action(session, **_action(**changes))  # type: ignore[arg-type]
    assert raised.value.field == field
    with database.session() as session:
        assert session.scalar(select(func.count(OrgAction.id))) == 0
        assert list_audit(session) == []


def test_mediation_tracks_and_windows(database: Database) -> None:
    with database.session() as session:
        add_mediation(
            session,
            gwno=432,
            track="official",
            mediator="Test envoy",
            started_on=dt.date(2019, 1, 1),
            ended_on=dt.date(2020, 6, 1),
            title="Talks (test record)",
            source="test",
            actor="t",
        )
        add_mediation(
            session,
            gwno=432,
            track="private",
            mediator="Test NGO",
            started_on=dt.date(2022, 1, 1),
            title="Dialogue (test record)",
            source="test",
            actor="t",
        )
    with database.session() as session:
        assert len(list_mediation(session, 432)) == 2
        running_2023 = list_mediation(session, 432, first_year=2023, last_year=2023)
        assert [m.track for m in running_2023] == ["private"]
        assert running_2023[0].active_in(2023)
        assert not running_2023[0].active_in(2021)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"track": "track-3"}, "track"),
        ({"ended_on": dt.date(2018, 1, 1)}, "ended_on"),
        ({"ended_on": dt.date(2999, 12, 31)}, "ended_on"),  # an end is known once it came
        ({"mediator": ""}, "mediator"),
    ],
)
def test_bad_mediation_is_refused(
    database: Database, changes: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "gwno": 432,
        "track": "official",
        "mediator": "Envoy",
        "started_on": dt.date(2019, 1, 1),
        "title": "Talks",
        "source": "test",
        "actor": "t",
    }
    values.update(changes)
    with pytest.raises(DataValidationError) as raised, database.session() as session:
        add_mediation(session, **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    with database.session() as session:
        assert session.scalar(select(func.count(MediationInitiative.id))) == 0


def _mediation(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "gwno": 625,
        "track": "official",
        "mediator": "IGAD",
        "started_on": dt.date(2023, 5, 1),
        "title": "Jeddah talks support (test record)",
        "source": "https://example.org/test",
        "actor": "t",
    }
    values.update(changes)
    return values


def test_the_same_action_twice_is_refused_and_counted_once(database: Database) -> None:
    with database.session() as session:
        first = add_org_action(session, **_action())  # type: ignore[arg-type]
    for copy in (_action(), _action(source="https://example.org/other", actor="u")):
        with pytest.raises(ConflictError) as refused, database.session() as session:
            add_org_action(session, **copy)  # type: ignore[arg-type]
        assert str(refused.value) == f"org action: already recorded as #{first.id}"
    with database.session() as session:  # another day or kind is another action
        add_org_action(session, **_action(acted_on=DAY + dt.timedelta(days=1)))  # type: ignore[arg-type]
        add_org_action(session, **_action(kind="mission"))  # type: ignore[arg-type]
    with database.session() as session:
        assert len(list_org_actions(session, 432)) == 3
        assert len(list_audit(session, entity="org_action")) == 3


def test_the_same_mediation_twice_is_refused_and_counted_once(database: Database) -> None:
    with database.session() as session:
        first = add_mediation(session, **_mediation())  # type: ignore[arg-type]
        ended = add_mediation(session, **_mediation(ended_on=dt.date(2023, 6, 1)))  # type: ignore[arg-type]
    for copy, kept in ((_mediation(), first), (_mediation(ended_on=dt.date(2023, 6, 1)), ended)):
        with pytest.raises(ConflictError) as refused, database.session() as session:
            add_mediation(session, **copy)  # type: ignore[arg-type]
        assert str(refused.value) == f"mediation initiative: already recorded as #{kept.id}"
    with database.session() as session:
        add_mediation(session, **_mediation(track="private"))  # type: ignore[arg-type]
        assert len(list_mediation(session, 625)) == 3


@pytest.mark.postgres
def test_two_copies_sent_at_once_store_one(postgres_url: str) -> None:
    """The race the service's look cannot see: a second request looks while the first has
    inserted but not committed. The look finds nothing, the insert waits for the first
    transaction on the unique index, and is then refused as a copy; one row is stored."""
    upgrade(postgres_url)
    database = Database(postgres_url)
    refused: list[Exception] = []

    def second_request() -> None:
        try:
            with database.session() as session:
                add_org_action(session, **_action(actor="u"))  # type: ignore[arg-type]
        except ConflictError as error:
            refused.append(error)

    second = threading.Thread(target=second_request)
    try:
        with database.session() as first:
            add_org_action(first, **_action())  # type: ignore[arg-type]
            second.start()
            wait_until_blocked_by(postgres_url, backend_pid(first), "the second request")
        second.join(timeout=30)
        assert [str(e) for e in refused] == ["org action: already recorded"]
        with database.session() as session:
            assert len(list_org_actions(session, 432)) == 1
            assert len(list_audit(session, entity="org_action")) == 1
    finally:
        second.join(timeout=30)
        database.dispose()


def test_an_ongoing_mediation_gets_its_end_once_and_audited(database: Database) -> None:
    with database.session() as session:
        ongoing = add_mediation(session, **_mediation())  # type: ignore[arg-type]
    with database.session() as session:
        ended = end_mediation(session, ongoing.id, ended_on=dt.date(2023, 7, 1), actor="u")
    assert ended.ended_on == dt.date(2023, 7, 1)
    assert ended.active_in(2023)
    assert not ended.active_in(2024)
    with database.session() as session:
        assert list_mediation(session, 625, first_year=2024) == []
        audit = list_audit(session, entity="mediation")
    step = next(a for a in audit if a.action == "end")
    assert step.actor == "u"
    assert step.before is not None
    assert step.before["ended_on"] is None
    assert step.after is not None
    assert step.after["ended_on"] == "2023-07-01"
    with pytest.raises(DataValidationError) as again, database.session() as session:
        end_mediation(session, ongoing.id, ended_on=dt.date(2023, 8, 1), actor="u")
    assert str(again.value) == (
        "mediation initiative, field 'ended_on': #1 already ended on 2023-07-01; withdraw the"
        " record and enter it again to correct it"
    )


@pytest.mark.parametrize(
    ("ended_on", "problem"),
    [
        (dt.date(2023, 4, 30), "2023-04-30 is before the start"),
        (dt.date.today() + dt.timedelta(days=1), "is in the future"),
    ],
)
def test_a_mediation_end_before_its_start_or_to_come_is_refused(
    database: Database, ended_on: dt.date, problem: str
) -> None:
    with database.session() as session:
        ongoing = add_mediation(session, **_mediation())  # type: ignore[arg-type]
    with pytest.raises(DataValidationError, match=problem), database.session() as session:
        end_mediation(session, ongoing.id, ended_on=ended_on, actor="u")
    with database.session() as session:
        assert list_mediation(session)[0].ended_on is None


def test_ending_a_mediation_into_a_copy_of_another_is_a_conflict(database: Database) -> None:
    end = dt.date(2023, 6, 1)
    with database.session() as session:
        add_mediation(session, **_mediation(ended_on=end))  # type: ignore[arg-type]
        ongoing = add_mediation(session, **_mediation())  # type: ignore[arg-type]
    with pytest.raises(ConflictError), database.session() as session:
        end_mediation(session, ongoing.id, ended_on=end, actor="u")
    with database.session() as session:
        assert sorted(str(m.ended_on) for m in list_mediation(session)) == ["2023-06-01", "None"]


@pytest.mark.parametrize("record_id", [99, 0, 2**40])
def test_an_unknown_record_cannot_be_ended_or_withdrawn(database: Database, record_id: int) -> None:
    missing = f"#{record_id} does not exist"
    with pytest.raises(NotFoundError, match=missing), database.session() as session:
        end_mediation(session, record_id, ended_on=DAY, actor="u")
    for kind in ("action", "mediation"):
        with pytest.raises(NotFoundError, match=missing), database.session() as session:
            withdraw_record(session, kind, record_id, reason="typo", actor="u")


def test_a_withdrawn_record_stops_counting_and_the_audit_keeps_it(database: Database) -> None:
    with database.session() as session:
        action = add_org_action(session, **_action())  # type: ignore[arg-type]
        mediation = add_mediation(session, **_mediation())  # type: ignore[arg-type]
    with database.session() as session:
        withdrawn = withdraw_record(session, "action", action.id, reason=" wrong date ", actor="u")
        withdraw_record(session, "mediation", mediation.id, reason="not a mediation", actor="u")
    assert withdrawn == action
    with database.session() as session:
        assert list_org_actions(session) == []
        assert list_mediation(session) == []
        audit = list_audit(session, entity="org_action")
    step = next(a for a in audit if a.action == "withdraw")
    assert (step.actor, step.entity_id) == ("u", str(action.id))
    assert step.before == action.audit_state()
    assert step.after == {"withdrawn": True, "reason": "wrong date"}
    with database.session() as session:  # corrected, the same record can be entered again
        add_org_action(session, **_action())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "reason", "field"), [("alert", "typo", "kind"), ("action", "  ", "reason")]
)
def test_a_withdrawal_needs_a_known_kind_and_a_reason(
    database: Database, kind: str, reason: str, field: str
) -> None:
    with database.session() as session:
        action = add_org_action(session, **_action())  # type: ignore[arg-type]
    with pytest.raises(DataValidationError) as refused, database.session() as session:
        withdraw_record(session, kind, action.id, reason=reason, actor="u")
    assert refused.value.field == field
    with database.session() as session:
        assert len(list_org_actions(session)) == 1
