"""The audit log records changes in the same transaction as the change."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.store import Database, list_audit, record_audit


def test_recorded_entry_is_listed_with_before_and_after(database: Database) -> None:
    with database.session() as session:
        record_audit(
            session,
            actor="alice",
            action="update",
            entity="officer",
            entity_id=7,
            before={"status": "available"},
            after={"status": "deployed"},
        )
    with database.session() as session:
        [entry] = list_audit(session, entity="officer")
    assert (entry.actor, entry.action, entry.entity_id) == ("alice", "update", "7")
    assert entry.before == {"status": "available"}
    assert entry.after == {"status": "deployed"}
    assert entry.at.utcoffset() == dt.timedelta(0)  # aware UTC on both backends
    assert abs(dt.datetime.now(dt.UTC) - entry.at) < dt.timedelta(minutes=5)


def test_rolled_back_change_leaves_no_audit_entry(database: Database) -> None:
    def change_that_fails_after_auditing() -> None:
        with database.session() as session:
            record_audit(session, actor="bob", action="create", entity="pact", entity_id=1)
            session.flush()
            raise RuntimeError("the change fails after the audit entry was added")

    with pytest.raises(RuntimeError):
        change_that_fails_after_auditing()
    with database.session() as session:
        assert list_audit(session) == []


def test_filters_and_newest_first(database: Database) -> None:
    with database.session() as session:
        for index in range(3):
            record_audit(session, actor="a", action="create", entity="x", entity_id=index)
        record_audit(session, actor="b", action="create", entity="y", entity_id=9)
    with database.session() as session:
        assert [e.entity_id for e in list_audit(session, entity="x")] == ["2", "1", "0"]
        assert [e.entity for e in list_audit(session, actor="b")] == ["y"]
        assert len(list_audit(session, limit=2)) == 2
