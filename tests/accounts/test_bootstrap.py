"""The first ``detente init`` creates one admin with a random password, later runs nothing."""

from __future__ import annotations

import re

from detente.accounts import authenticate, list_users
from detente.accounts.bootstrap import ensure_admin
from detente.settings import Settings
from detente.store import Database, upgrade


def test_first_run_creates_an_admin_whose_printed_password_works(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True)
    upgrade(settings.sqlalchemy_url)
    line = ensure_admin(settings)
    match = re.search(r"password (\S+)", line)
    assert match is not None, line
    database = Database(settings.sqlalchemy_url)
    try:
        user = authenticate(database, "admin", match.group(1), "127.0.0.1")
        assert user.role == "admin"
        assert ensure_admin(settings) == "accounts: users exist, no admin created"
        with database.session() as session:
            assert [u.username for u in list_users(session)] == ["admin"]
    finally:
        database.dispose()


def test_two_installations_get_different_passwords(tmp_path: object, settings: Settings) -> None:
    other = Settings(
        data_dir=settings.data_dir.parent / "other", snapshot_dir=settings.snapshot_dir
    )
    lines = []
    for current in (settings, other):
        current.data_dir.mkdir(parents=True)
        upgrade(current.sqlalchemy_url)
        lines.append(ensure_admin(current))
    assert lines[0] != lines[1]
