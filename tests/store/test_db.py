"""``get_row``: ids outside what an INTEGER column holds are "not found" on both backends.
``flush_or_conflict``: a unique index refusing a copy is a ``ConflictError``, other integrity
errors stay what they are."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from detente.accounts.models import User
from detente.errors import ConflictError
from detente.store import MAX_ROW_ID, Database, flush_or_conflict, get_row
from detente.warning.models import OrgAction


@pytest.mark.parametrize("row_id", [0, -1, MAX_ROW_ID + 1, 10**20])
def test_out_of_range_ids_are_not_found(database: Database, row_id: int) -> None:
    with database.session() as session:
        assert get_row(session, User, row_id) is None


def test_an_id_in_range_reaches_the_database(database: Database) -> None:
    with database.session() as session:
        assert get_row(session, User, MAX_ROW_ID) is None  # asked, not refused


def _action_row(**changes: object) -> OrgAction:
    values: dict[str, object] = {
        "gwno": 432,
        "org": "ECOWAS",
        "kind": "statement",
        "acted_on": dt.date(2023, 5, 2),
        "title": "Communiqué (test record)",
        "source": "https://example.org/test",
        "created_by": "t",
    }
    values.update(changes)
    return OrgAction(**values)


def test_a_copy_refused_by_a_unique_index_is_a_conflict(database: Database) -> None:
    with database.session() as session:
        session.add(_action_row())
    with database.session() as session:
        session.add(_action_row(source="https://example.org/other"))  # the source is not compared
        with pytest.raises(ConflictError, match=r"^already there$"):
            flush_or_conflict(session, "already there")
        session.rollback()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(OrgAction)) == 1


def test_other_integrity_errors_are_not_called_conflicts(database: Database) -> None:
    with database.session() as session:
        session.add(_action_row(title=None))
        with pytest.raises(IntegrityError):
            flush_or_conflict(session, "already there")
        session.rollback()
