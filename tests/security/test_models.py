"""``add_audited``: the row and its audit entry land together, on the row or on its parent."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.security.models import Sanction, add_audited
from detente.store import Database, list_audit


def _sanction() -> Sanction:
    return Sanction(
        imposed_by="EU",
        target="Test target",
        category="economic",
        reason="test",
        adopted_on=dt.date(2014, 7, 31),
        source="https://example.org/act",
    )


def test_the_entry_names_the_new_row_and_holds_its_columns(database: Database) -> None:
    with database.session() as session:
        row = _sanction()
        add_audited(session, row, actor="alice", action="create", entity="sanction")
        [entry] = list_audit(session, entity="sanction")
        assert entry.entity_id == str(row.id)
        assert (entry.actor, entry.action) == ("alice", "create")
        assert entry.after is not None
        assert entry.after["adopted_on"] == "2014-07-31"
        assert entry.after["target"] == "Test target"


def test_an_entry_can_belong_to_the_parent(database: Database) -> None:
    with database.session() as session:
        add_audited(session, _sanction(), actor="a", action="add", entity="pact", entity_id=99)
        assert [e.entity_id for e in list_audit(session, entity="pact")] == ["99"]


def _insert_then_fail(database: Database) -> None:
    with database.session() as session:
        add_audited(session, _sanction(), actor="a", action="create", entity="sanction")
        raise RuntimeError("the caller fails after the insert")


def test_a_rolled_back_row_leaves_no_entry(database: Database) -> None:
    with pytest.raises(RuntimeError, match="after the insert"):
        _insert_then_fail(database)
    with database.session() as session:
        assert list_audit(session, entity="sanction") == []
