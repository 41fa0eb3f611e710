"""Consensus on texts: positions, silence broken in time, passing after the deadline, history."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.alliance.consensus import (
    closing_soon,
    create_text,
    get_text,
    open_silence,
    paragraph_status,
    record_position,
    revise_text,
    text_history,
    withdraw_text,
)
from detente.errors import (
    DataValidationError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from detente.store import Database

FRA, DEU, CHL = 220, 260, 155
YUGOSLAVIA = 345  # GW code of Yugoslavia, not an independent state in 2026
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(hours=24)


def _text(database: Database) -> int:
    with database.session() as session:
        return create_text(
            session,
            title="Declaration on cyber norms",
            paragraphs=["We affirm international law applies.", "We will share incident data."],
            actor="secretariat",
        ).id


def _position(
    database: Database, text_id: int, gwno: int, stance: str, at: dt.datetime, **kw: str
) -> None:
    with database.session() as session:
        record_position(
            session, text_id, number=1, gwno=gwno, stance=stance, actor=f"delegate-{gwno}",
            acting_for=gwno, now=at, **kw,
        )  # fmt: skip


def test_an_objection_before_the_deadline_breaks_the_silence(database: Database) -> None:
    text_id = _text(database)
    with database.session() as session:
        open_silence(session, text_id, deadline=DEADLINE, actor="secretariat", now=T0)
    _position(database, text_id, FRA, "support", T0 + dt.timedelta(hours=1))
    _position(database, text_id, DEU, "objection", DEADLINE, comment="data sharing too broad")
    with database.session() as session:
        view = get_text(session, text_id, now=DEADLINE + dt.timedelta(days=3))
    assert view.status == "draft"
    assert view.silence is not None
    assert (view.silence.status, view.silence.broken_by) == ("broken", DEU)
    assert view.paragraphs[0].status == "objection"
    assert view.consensus == "blocked"


def test_after_the_deadline_the_silence_passes_and_late_objections_are_refused(
    database: Database,
) -> None:
    text_id = _text(database)
    with database.session() as session:
        open_silence(session, text_id, deadline=DEADLINE, actor="secretariat", now=T0)
    _position(database, text_id, FRA, "reservation", T0 + dt.timedelta(hours=2))
    late = DEADLINE + dt.timedelta(seconds=1)
    with pytest.raises(InvalidTransitionError, match="adopted"):
        _position(database, text_id, DEU, "objection", late)
    with database.session() as session:
        view = get_text(session, text_id, now=late)
        history = text_history(session, text_id)
    assert view.status == view.consensus == "adopted"
    assert view.silence is not None
    assert view.silence.status == "passed"
    assert [h.action for h in history] == ["create", "open_silence", "position", "silence_passed"]


def test_support_and_reservations_do_not_break_the_silence(database: Database) -> None:
    text_id = _text(database)
    with database.session() as session:
        open_silence(session, text_id, deadline=DEADLINE, actor="secretariat", now=T0)
    _position(database, text_id, FRA, "support", T0)
    _position(database, text_id, CHL, "reservation", T0)
    with database.session() as session:
        view = get_text(session, text_id, now=T0)
    assert view.status == "silence"
    assert view.paragraphs[0].status == "consensus with reservations"


def test_an_amendment_breaks_the_silence_and_a_revision_asks_states_again(
    database: Database,
) -> None:
    text_id = _text(database)
    with database.session() as session:
        open_silence(session, text_id, deadline=DEADLINE, actor="secretariat", now=T0)
    _position(database, text_id, CHL, "amendment", T0, amendment="We will share data voluntarily.")
    with database.session() as session:
        revised = revise_text(
            session,
            text_id,
            paragraphs=["We affirm international law applies.", "We will share data voluntarily."],
            actor="secretariat",
            now=T0,
        )
    assert revised.version == 2
    assert all(p.positions == () for p in revised.paragraphs)
    assert revised.consensus == "open"


def test_a_delegate_acts_only_for_their_own_state(database: Database) -> None:
    text_id = _text(database)
    with pytest.raises(PermissionDeniedError, match="represent FRA"), database.session() as s:
        record_position(
            s, text_id, number=1, gwno=DEU, stance="objection", actor="d", acting_for=FRA
        )
    with pytest.raises(PermissionDeniedError), database.session() as s:
        record_position(
            s, text_id, number=1, gwno=DEU, stance="objection", actor="d", acting_for=None
        )


def test_invalid_lifecycle_steps_and_inputs_are_refused(database: Database) -> None:
    text_id = _text(database)
    with database.session() as session:
        open_silence(session, text_id, deadline=DEADLINE, actor="s", now=T0)
    with pytest.raises(InvalidTransitionError, match="only a draft"), database.session() as s:
        revise_text(s, text_id, paragraphs=["x"], actor="s", now=T0)
    with pytest.raises(InvalidTransitionError), database.session() as s:
        open_silence(s, text_id, deadline=DEADLINE, actor="s", now=T0)
    with pytest.raises(DataValidationError, match="paragraph 9"), database.session() as s:
        record_position(s, text_id, number=9, gwno=FRA, stance="support", actor="d",
                        acting_for=FRA, now=T0)  # fmt: skip
    with pytest.raises(DataValidationError, match="'veto' is not one of"), database.session() as s:
        record_position(s, text_id, number=1, gwno=FRA, stance="veto", actor="d",
                        acting_for=FRA, now=T0)  # fmt: skip
    with (
        pytest.raises(DataValidationError, match="not an independent state"),
        database.session() as s,
    ):
        record_position(s, text_id, number=1, gwno=YUGOSLAVIA, stance="support", actor="d",
                        acting_for=YUGOSLAVIA, now=T0)  # fmt: skip
    with pytest.raises(DataValidationError, match="wording"), database.session() as s:
        record_position(s, text_id, number=1, gwno=FRA, stance="amendment", actor="d",
                        acting_for=FRA, now=T0)  # fmt: skip
    with database.session() as session:
        withdrawn = withdraw_text(session, text_id, actor="s", now=T0)
    assert withdrawn.status == "withdrawn"
    with pytest.raises(InvalidTransitionError), database.session() as s:
        withdraw_text(s, text_id, actor="s", now=T0)
    other = _text(database)
    with pytest.raises(DataValidationError, match="not in the future"), database.session() as s:
        open_silence(s, other, deadline=T0, actor="s", now=T0)


def test_closing_soon_lists_open_silences_ending_within_48_hours(database: Database) -> None:
    soon, later = _text(database), _text(database)
    with database.session() as session:
        open_silence(session, soon, deadline=T0 + dt.timedelta(hours=30), actor="s", now=T0)
        open_silence(session, later, deadline=T0 + dt.timedelta(days=5), actor="s", now=T0)
    with database.session() as session:
        notices = closing_soon(session, now=T0)
    assert [n.text_id for n in notices] == [soon]


def test_paragraph_status_rules() -> None:
    assert paragraph_status([]) == "no positions"
    assert paragraph_status(["support"]) == "consensus"
    assert paragraph_status(["support", "reservation"]) == "consensus with reservations"
    assert paragraph_status(["amendment", "reservation"]) == "amendments proposed"
    assert paragraph_status(["support", "objection", "amendment"]) == "objection"
