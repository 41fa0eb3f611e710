"""Incidents, verdicts, per-principle and per-member views, and links to UCDP conflicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.errors import DataValidationError, InvalidTransitionError
from detente.security import (
    by_member,
    by_principle,
    get_incident,
    give_verdict,
    list_incidents,
    report_incident,
    set_incident_status,
    ucdp_matches,
)
from detente.store import Database, list_audit

ACTOR = "test"


def _report(database: Database, pact_id: int, **overrides: object) -> int:
    values: dict[str, object] = {
        "occurred_on": "2022-02-24",
        "place": "Kyiv",
        "reporting_party": "UKR",
        "accused": "RUS",
        "principles": [2, 3, 4],
        "summary": "Full-scale invasion",
        "evidence": ["https://www.osce.org/"],
    }
    values.update(overrides)
    with database.session() as session:
        return report_incident(session, pact_id, actor=ACTOR, **values).id  # type: ignore[arg-type]


def test_report_review_verdict_and_views(database: Database, pact_id: int) -> None:
    first = _report(database, pact_id)
    second = _report(
        database,
        pact_id,
        occurred_on="2021-06-01",
        place="Paris",
        reporting_party="Some NGO",
        accused="FRA",
        principles=[7],
        summary="Alleged breach",
        evidence=[],
    )
    with database.session() as session:
        incident = get_incident(session, first)
        assert incident.principles == (2, 3, 4)
        assert incident.reporting_gwno == 369
        assert incident.accused_iso3 == "RUS"
        assert incident.status == "reported"
        set_incident_status(session, first, "under_review", actor=ACTOR)
        decided = give_verdict(
            session,
            first,
            finding="violation",
            reasoning="Established",
            actor="monitor-1",
            decided_on="2022-03-02",
        )
        assert decided.status == "decided"
        assert decided.verdict is not None
        assert decided.verdict.monitor == "monitor-1"
        give_verdict(
            session, second, finding="no_violation", reasoning="Not established", actor=ACTOR
        )
        with pytest.raises(InvalidTransitionError):
            give_verdict(session, first, finding="violation", reasoning="again", actor=ACTOR)
        with pytest.raises(InvalidTransitionError):
            set_incident_status(session, second, "withdrawn", actor=ACTOR)
        principles = {row.key: row for row in by_principle(session, pact_id)}
        assert len(principles) == 10
        assert principles[3].violations == 1
        assert principles[7].no_violation == 1
        assert principles[1].incidents == 0
        members = by_member(session, pact_id)
        assert [(m.label, m.violations) for m in members] == [("RUS", 1), ("FRA", 0)]
        assert [i.id for i in list_incidents(session, pact_id, gwno=369)] == [first]
        assert [i.id for i in list_incidents(session, pact_id, principle=7)] == [second]
        assert list_audit(session, entity="incident", entity_id=first)[0].action == "verdict"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": "24/02/2022"}, "occurred_on"),
        ({"occurred_on": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "occurred_on"),
        ({"place": " "}, "place"),
        ({"accused": "Nowhere-land"}, "accused"),
        ({"principles": []}, "principles"),
        ({"principles": [11]}, "principles"),
        ({"principles": ["three"]}, "principles"),
        ({"evidence": ["javascript:alert(1)"]}, "evidence"),
        ({"accused": "CHN"}, "accused"),  # not a participating state
        ({"occurred_on": "1970-01-01"}, "accused"),  # before RUS joined the test pact (1975)
    ],
)
def test_bad_reports_are_refused(
    database: Database, pact_id: int, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(DataValidationError) as error:
        _report(database, pact_id, **overrides)
    assert error.value.field == field
    with database.session() as session:
        assert list_incidents(session, pact_id) == []


def test_bad_verdicts_are_refused(database: Database, pact_id: int) -> None:
    incident = _report(database, pact_id)
    with database.session() as session:
        with pytest.raises(DataValidationError, match="finding"):
            give_verdict(session, incident, finding="guilty", reasoning="x", actor=ACTOR)
        with pytest.raises(DataValidationError, match="before the incident"):
            give_verdict(
                session,
                incident,
                finding="violation",
                reasoning="x",
                decided_on="2022-01-01",
                actor=ACTOR,
            )


def test_incidents_link_to_the_ucdp_conflicts_of_their_parties(
    database: Database, pact_id: int, analytics_path: Path
) -> None:
    invasion = _report(database, pact_id)
    unrelated = _report(database, pact_id, accused="FRA", reporting_party="RUS", principles=[6])
    with database.session() as session:
        incidents = list_incidents(session, pact_id)
    matches = ucdp_matches(analytics_path, incidents)
    found = matches[invasion]
    assert 13243 in {m.conflict_id for m in found}  # Russia (Soviet Union) - Ukraine
    war = next(m for m in found if m.conflict_id == 13243)
    assert war.year == 2022
    assert war.intensity_level == 2
    assert war.url == "https://ucdp.uu.se/conflict/13243"
    assert unrelated not in matches
    assert ucdp_matches(analytics_path.parent / "missing.duckdb", incidents) == {}


def test_nothing_new_under_a_terminated_pact(database: Database, pact_id: int) -> None:
    from detente.errors import ConflictError
    from detente.security import add_commitment, add_member, set_pact_status

    with database.session() as session:
        set_pact_status(session, pact_id, "terminated", actor=ACTOR)
    with pytest.raises(ConflictError, match="terminated"):
        _report(database, pact_id)
    with pytest.raises(ConflictError, match="terminated"), database.session() as session:
        add_member(session, pact_id, "DEU", "2020-01-01", actor=ACTOR)
    with pytest.raises(ConflictError, match="terminated"), database.session() as session:
        add_commitment(session, pact_id, basket="security", title="t", owner="o", actor=ACTOR)
