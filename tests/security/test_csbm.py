"""CSBM notifications: thresholds, deadlines, overdue detection, per-member record."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import DataValidationError, InvalidTransitionError
from detente.security import (
    list_notifications,
    mark_sent,
    member_records,
    overdue,
    record_notification,
)
from detente.store import Database

ACTOR = "test"


def test_military_activity_above_a_threshold_is_due_42_days_ahead(
    database: Database, pact_id: int
) -> None:
    with database.session() as session:
        big = record_notification(
            session,
            pact_id,
            country="RUS",
            kind="military_activity",
            subject="Exercise",
            starts_on="2021-09-10",
            ends_on="2021-09-16",
            troops=12000,
            actor=ACTOR,
        )
        small = record_notification(
            session,
            pact_id,
            country="FRA",
            kind="military_activity",
            subject="Drill",
            starts_on="2021-09-10",
            troops=8999,
            tanks=249,
            acv=499,
            artillery=249,
            actor=ACTOR,
        )
    assert big.required
    assert big.due_on == dt.date(2021, 7, 30)
    assert not small.required
    assert small.status == "not_required"
    with database.session() as session:
        statuses = {
            v.id: v.status for v in list_notifications(session, pact_id, as_of=dt.date(2021, 7, 1))
        }
        assert statuses[big.id] == "pending"
        late = overdue(session, pact_id, as_of=dt.date(2021, 8, 9))
        assert [(v.id, v.days_overdue) for v in late] == [(big.id, 10)]
        with pytest.raises(DataValidationError, match="not a member"):
            mark_sent(session, big.id, "1900-01-01", actor=ACTOR)  # FRA joined in 1975
        with pytest.raises(DataValidationError, match="in the future"):
            mark_sent(session, big.id, "2999-01-01", actor=ACTOR)
        sent = mark_sent(session, big.id, "2021-08-05", actor=ACTOR)
        assert sent.status == "late"
        assert sent.days_overdue == 6
        assert overdue(session, pact_id, as_of=dt.date(2021, 8, 9)) == []
        with pytest.raises(InvalidTransitionError):
            mark_sent(session, big.id, "2021-08-06", actor=ACTOR)


def test_exchange_liaison_pre_alert_and_member_record(database: Database, pact_id: int) -> None:
    with database.session() as session:
        record_notification(
            session,
            pact_id,
            country="UKR",
            kind="information_exchange",
            subject="Annual exchange of military information 2024",
            due_on="2024-12-15",
            sent_on="2024-12-10",
            actor=ACTOR,
        )
        alert = record_notification(
            session,
            pact_id,
            country="RUS",
            kind="pre_alert",
            counterpart="UKR",
            subject="Request about unusual military activity",
            starts_on="2021-04-09",
            actor=ACTOR,
        )
        assert alert.due_on == dt.date(2021, 4, 11)
        record_notification(
            session,
            pact_id,
            country="FRA",
            kind="liaison",
            counterpart="RUS",
            subject="Deconfliction contact point",
            sent_on="2020-01-10",
            actor=ACTOR,
        )
        records = {r.iso3: r for r in member_records(session, pact_id, as_of=dt.date(2025, 1, 1))}
    assert records["UKR"].counts == {"on_time": 1}
    assert records["UKR"].compliance_rate == 1.0
    assert records["RUS"].counts == {"overdue": 1}
    assert records["RUS"].compliance_rate == 0.0
    assert records["FRA"].counts == {"on_time": 1}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "parade"}, "kind"),
        ({"kind": "military_activity"}, "starts_on"),
        (
            {"kind": "military_activity", "starts_on": "2021-09-10", "ends_on": "2021-09-01"},
            "ends_on",
        ),
        ({"kind": "military_activity", "starts_on": "2021-09-10", "troops": "-5"}, "troops"),
        ({"kind": "military_activity", "starts_on": "2021-09-10", "tanks": "many"}, "tanks"),
        # more than an INTEGER column holds: PostgreSQL "integer out of range", SQLite stored it
        ({"kind": "military_activity", "starts_on": "2021-09-10", "acv": "3000000000"}, "acv"),
        (
            {"kind": "military_activity", "starts_on": "2021-09-10", "troops": "9" * 20},
            "troops",
        ),  # SQLite OverflowError
        ({"kind": "information_exchange"}, "due_on"),
        ({"kind": "liaison"}, "counterpart"),
        ({"kind": "pre_alert", "starts_on": "2021-01-01"}, "counterpart"),
        ({"kind": "information_exchange", "due_on": "1980-12-15", "country": "UKR"}, "country"),
        ({"kind": "information_exchange", "due_on": "2020-12-15", "country": "DEU"}, "country"),
        ({"kind": "information_exchange", "due_on": "2999-12-31"}, "due_on"),  # > 10 years ahead
        ({"kind": "military_activity", "starts_on": "2999-12-31"}, "starts_on"),
        (
            {"kind": "military_activity", "starts_on": "2026-01-10", "ends_on": "2999-12-31"},
            "ends_on",
        ),
        ({"kind": "liaison", "counterpart": "RUS", "sent_on": "2999-12-31"}, "sent_on"),
    ],
)
def test_bad_notifications_are_refused(
    database: Database, pact_id: int, kwargs: dict[str, str], field: str
) -> None:
    values = {"country": "FRA", "subject": "x", **kwargs}
    with pytest.raises(DataValidationError) as error, database.session() as session:
        record_notification(session, pact_id, actor=ACTOR, **values)
    assert error.value.field == field
    with database.session() as session:
        assert list_notifications(session, pact_id) == []


def test_a_notification_is_not_due_before_the_pact_was_signed(
    database: Database, signed_pact_id: int
) -> None:
    with pytest.raises(DataValidationError) as error, database.session() as session:
        record_notification(
            session,
            signed_pact_id,
            country="FRA",
            kind="information_exchange",
            subject="Annual exchange",
            due_on="1800-01-01",
            actor=ACTOR,
        )
    assert str(error.value) == (
        "notification, field 'due_on': 1800-01-01 is before the pact was signed (1975-08-01)"
    )
    with database.session() as session:
        assert list_notifications(session, signed_pact_id) == []
