"""Dialogue tracks: channels per audience, and banned or sanctioned groups only via a mediator."""

from __future__ import annotations

import pytest

from detente.errors import DataValidationError, PermissionDeniedError
from detente.security import (
    ContactRefusedError,
    add_counterpart,
    list_contacts,
    list_counterparts,
    record_contact,
)
from detente.store import Database, list_audit

ACTOR = "test"


def test_channels_per_audience_and_the_private_mediation_rule(database: Database) -> None:
    with database.session() as session:
        add_counterpart(session, name="Ministry X", audience="state", country="UKR", actor=ACTOR)
        add_counterpart(session, name="Association Y", audience="civil_society", actor=ACTOR)
        add_counterpart(
            session,
            name="Group Z (fictitious)",
            audience="armed_group",
            contact_ban=True,
            actor=ACTOR,
        )
        add_counterpart(
            session,
            name="Group S (fictitious)",
            audience="armed_group",
            sanctioned=True,
            actor=ACTOR,
        )
        record_contact(
            session,
            "Ministry X",
            channel="official",
            met_on="2024-01-10",
            summary="Talks",
            actor=ACTOR,
        )
        record_contact(
            session,
            "Association Y",
            channel="discreet",
            met_on="2024-01-11",
            summary="Meeting",
            actor=ACTOR,
        )
        mediated = record_contact(
            session,
            "Group Z (fictitious)",
            channel="private_mediator",
            intermediary="Mediator M",
            met_on="2024-01-12",
            summary="Exploratory contact",
            actor=ACTOR,
        )
        assert mediated.channel == "private_mediator"
    with pytest.raises(ContactRefusedError) as refused, database.session() as session:
        record_contact(
            session,
            "Group Z (fictitious)",
            channel="direct",
            met_on="2024-01-13",
            summary="x",
            actor=ACTOR,
        )
    assert isinstance(refused.value, PermissionDeniedError)
    assert "ban on contact" in str(refused.value)
    assert "private mediator" in str(refused.value)
    with pytest.raises(ContactRefusedError, match="sanctions"), database.session() as session:
        record_contact(
            session,
            "Group S (fictitious)",
            channel="direct",
            met_on="2024-01-13",
            summary="x",
            actor=ACTOR,
        )
    with database.session() as session:
        assert len(list_contacts(session)) == 3
        assert [c.counterpart for c in list_contacts(session, audience="armed_group")] == [
            "Group Z (fictitious)"
        ]
        assert [c.name for c in list_counterparts(session, "armed_group")] == [
            "Group S (fictitious)",
            "Group Z (fictitious)",
        ]
        assert len(list_audit(session, entity="contact")) == 3


@pytest.mark.parametrize(
    ("name", "kwargs", "field"),
    [
        ("Ministry X", {"channel": "discreet"}, "channel"),
        ("Association Y", {"channel": "official"}, "channel"),
        ("Group Z", {"channel": "private_mediator"}, "intermediary"),
        ("Ministry X", {"channel": "official", "met_on": "2999-01-01"}, "met_on"),
        ("Ministry X", {"channel": "official", "summary": ""}, "summary"),
    ],
)
def test_bad_contacts_are_refused(
    database: Database, name: str, kwargs: dict[str, str], field: str
) -> None:
    with database.session() as session:
        add_counterpart(session, name="Ministry X", audience="state", country="UKR", actor=ACTOR)
        add_counterpart(session, name="Association Y", audience="civil_society", actor=ACTOR)
        add_counterpart(
            session, name="Group Z", audience="armed_group", contact_ban=True, actor=ACTOR
        )
    values = {"met_on": "2024-01-01", "summary": "s", **kwargs}
    with pytest.raises(DataValidationError) as error, database.session() as session:
        record_contact(session, name, actor=ACTOR, **values)  # type: ignore[arg-type]
    assert error.value.field == field


def test_bad_counterparts_are_refused(database: Database) -> None:
    with database.session() as session:
        with pytest.raises(DataValidationError, match="country"):
            add_counterpart(session, name="A state", audience="state", actor=ACTOR)
        with pytest.raises(DataValidationError, match="audience"):
            add_counterpart(session, name="X", audience="press", actor=ACTOR)
