"""``get_row``: ids outside what an INTEGER column holds are "not found" on both backends."""

from __future__ import annotations

import pytest

from detente.accounts.models import User
from detente.store import MAX_ROW_ID, Database, get_row


@pytest.mark.parametrize("row_id", [0, -1, MAX_ROW_ID + 1, 10**20])
def test_out_of_range_ids_are_not_found(database: Database, row_id: int) -> None:
    with database.session() as session:
        assert get_row(session, User, row_id) is None


def test_an_id_in_range_reaches_the_database(database: Database) -> None:
    with database.session() as session:
        assert get_row(session, User, MAX_ROW_ID) is None  # asked, not refused
