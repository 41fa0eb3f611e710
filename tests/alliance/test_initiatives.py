"""Initiatives and endorsements: create, endorse, refuse invented lists, timeline, download."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.alliance.initiatives import (
    add_count_report,
    add_endorsement,
    create_initiative,
    endorsements_bytes,
    endorsements_frame,
    export_endorsements,
    get_initiative,
    list_endorsements,
    timeline,
)
from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.store import Database, list_audit


def _initiative(database: Database, list_public: bool = True) -> int:
    with database.session() as session:
        return create_initiative(
            session,
            slug="ocean-pact",
            title="Ocean pact",
            category="environment",
            actor="tester",
            list_public=list_public,
        ).id


def test_endorsements_make_a_cumulative_timeline_and_are_audited(database: Database) -> None:
    initiative = _initiative(database)
    with database.session() as session:
        add_endorsement(session, initiative, gwno=220, level="signed", actor="t",
                        endorsed_on=dt.date(2020, 1, 5))  # fmt: skip
        add_endorsement(session, initiative, gwno=255, level="endorsed", actor="t",
                        endorsed_on=dt.date(2020, 1, 5))  # fmt: skip
        add_endorsement(session, initiative, organisation="Red Cross", level="supports", actor="t",
                        endorsed_on=dt.date(2020, 3, 1))  # fmt: skip
        add_endorsement(session, initiative, gwno=2, level="supports", actor="t")
    with database.session() as session:
        line = timeline(session, "ocean-pact")
        audit = list_audit(session, entity="alliance_endorsement")
    assert [(p.day.isoformat(), p.states, p.organisations) for p in line.points] == [
        ("2020-01-05", 2, 0),
        ("2020-03-01", 2, 1),
    ]
    assert line.undated_states == 1
    assert len(audit) == 4
    assert audit[-1].actor == "t"


def test_duplicate_and_invalid_endorsements_are_refused(database: Database) -> None:
    initiative = _initiative(database)
    with database.session() as session:
        add_endorsement(session, initiative, gwno=220, level="signed", actor="t")
    with pytest.raises(ConflictError, match="FRA already endorsed"), database.session() as s:
        add_endorsement(s, initiative, gwno=220, level="endorsed", actor="t")
    with (
        pytest.raises(DataValidationError, match="'ratified' is not one of"),
        database.session() as s,
    ):
        add_endorsement(s, initiative, gwno=2, level="ratified", actor="t")
    with (
        pytest.raises(DataValidationError, match="either a state or an organisation"),
        database.session() as s,
    ):
        add_endorsement(s, initiative, gwno=2, organisation="UN", level="signed", actor="t")
    with pytest.raises(NotFoundError), database.session() as s:
        add_endorsement(s, "nope", gwno=2, level="signed", actor="t")


def test_an_endorsement_dated_in_the_future_or_before_the_launch_is_refused(
    database: Database,
) -> None:
    """A typo such as 2099 stood first on the timeline; nothing is stored."""
    with database.session() as session:
        initiative = create_initiative(
            session, slug="ocean-pact", title="Ocean pact", category="environment",
            actor="tester", list_public=True, launched_on=dt.date(2018, 11, 12),
        ).id  # fmt: skip
    future = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(DataValidationError, match="is in the future"), database.session() as s:
        add_endorsement(s, initiative, gwno=220, level="signed", actor="t", endorsed_on=future)
    with (
        pytest.raises(DataValidationError, match="before the initiative was launched"),
        database.session() as s,
    ):
        add_endorsement(
            s, initiative, gwno=220, level="signed", actor="t", endorsed_on=dt.date(2018, 11, 11)
        )
    with database.session() as session:
        assert list_endorsements(session, initiative) == []


@pytest.mark.parametrize(
    ("given", "field"), [({}, "endorsed_on"), ({"date_field": "--date"}, "--date")]
)
def test_a_refused_endorsement_date_is_named_as_the_caller_asks(
    database: Database, given: dict[str, str], field: str
) -> None:
    """The web form's message keeps 'endorsed_on'; the command line names its '--date'."""
    initiative = _initiative(database)
    future = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(DataValidationError) as caught, database.session() as session:
        add_endorsement(
            session, initiative, gwno=220, level="signed", actor="t", endorsed_on=future, **given
        )
    assert caught.value.field == field
    assert f"field '{field}': {future.isoformat()} is in the future" in str(caught.value)
    with database.session() as session:
        assert list_endorsements(session, initiative) == []


def test_an_organisation_endorses_once_however_its_name_is_spaced(database: Database) -> None:
    """The name is stored trimmed, so the look for a copy compares the trimmed name too (it
    once compared the name as typed, and " Red Cross " passed beside "Red Cross")."""
    initiative = _initiative(database)
    with database.session() as session:
        add_endorsement(session, initiative, organisation="Red Cross", level="supports", actor="t")
    with pytest.raises(ConflictError, match="Red Cross already endorsed"), database.session() as s:
        add_endorsement(s, initiative, organisation=" Red Cross ", level="signed", actor="t")
    with database.session() as session:
        assert len(list_audit(session, entity="alliance_endorsement")) == 1


def test_an_initiative_with_only_a_public_count_gets_no_list(database: Database) -> None:
    initiative = _initiative(database, list_public=False)
    with database.session() as session:
        add_count_report(session, initiative, as_of=dt.date(2019, 9, 26), count=48,
                         source="Alliance page", actor="t")  # fmt: skip
    with (
        pytest.raises(DataValidationError, match="only a count is public"),
        database.session() as s,
    ):
        add_endorsement(s, initiative, gwno=2, level="signed", actor="t")
    with database.session() as session:
        view = get_initiative(session, initiative)
        assert list_endorsements(session, initiative) == []
    assert view.count_only
    assert view.latest_report is not None
    assert view.latest_report.count == 48


def test_endorsements_frame_has_the_documented_columns(database: Database) -> None:
    initiative = _initiative(database)
    with database.session() as session:
        add_endorsement(session, initiative, gwno=220, level="signed", actor="t")
        frame = endorsements_frame(session)
    assert list(frame.columns) == [
        "initiative", "gwno", "iso3", "organisation", "organisation_kind", "level",
        "endorsed_on", "source",
    ]  # fmt: skip
    assert frame.iloc[0]["iso3"] == "FRA"


def test_csv_files_neutralise_text_a_spreadsheet_would_run(
    database: Database, tmp_path: Path
) -> None:
    initiative = _initiative(database)
    with database.session() as session:
        add_endorsement(
            session, initiative, organisation="@SUM(1+1)", level="signed", actor="t", source="-x"
        )
        add_endorsement(session, initiative, gwno=220, level="signed", actor="t")
        download = endorsements_bytes(session, "csv").decode()
        export_endorsements(session, tmp_path / "endorsements.csv")
    written = (tmp_path / "endorsements.csv").read_text(encoding="utf-8")
    for text in (download, written):
        rows = text.splitlines()
        assert rows[1] == "ocean-pact,,,'@SUM(1+1),,signed,,'-x"
        assert rows[2] == "ocean-pact,220,FRA,,,signed,,"
