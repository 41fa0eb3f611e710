"""The security core's input checks: every bad value becomes one DataValidationError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest

from detente.errors import DataValidationError
from detente.security import checks
from detente.security.models import Pact
from detente.security.pacts import create_pact
from detente.store import Database

SOURCE = "form"


def _refused(call: Callable[[], object], field: str, problem: str) -> DataValidationError:
    with pytest.raises(DataValidationError) as caught:
        call()
    error = caught.value
    assert (error.file, error.row, error.field) == (SOURCE, None, field)
    assert problem in error.problem
    return error


def test_text_is_stripped_and_bounded() -> None:
    assert checks.text("  Vienna  ", SOURCE, "name", 10) == "Vienna"
    assert checks.text(None, SOURCE, "note", 10, required=False) == ""
    _refused(lambda: checks.text("   ", SOURCE, "name", 10), "name", "must not be empty")
    _refused(lambda: checks.text(None, SOURCE, "name", 10), "name", "must not be empty")
    _refused(lambda: checks.text("x" * 11, SOURCE, "name", 10), "name", "11 characters long")
    assert checks.text("x" * 10, SOURCE, "name", 10) == "x" * 10


def test_choice_lists_the_allowed_values() -> None:
    assert checks.choice("draft", ("draft", "in_force"), SOURCE, "status") == "draft"
    error = _refused(
        lambda: checks.choice("Draft", ("draft", "in_force"), SOURCE, "status"), "status", "'Draft'"
    )
    assert "draft, in_force" in error.problem


def test_countries_by_code_iso3_or_name() -> None:
    assert checks.gwno(369, SOURCE, "country") == 369
    assert checks.gwno("UKR", SOURCE, "country") == 369
    assert checks.gwno(" 369 ", SOURCE, "country") == 369
    assert checks.gwno("Ukraine", SOURCE, "country") == 369
    _refused(lambda: checks.gwno(999, SOURCE, "country"), "country", "not a Gleditsch-Ward code")
    _refused(lambda: checks.gwno("Atlantis", SOURCE, "country"), "country", "Atlantis")
    # a bool is not a code, even though Python counts it as an int
    _refused(lambda: checks.gwno(True, SOURCE, "country"), "country", "True")
    assert checks.optional_gwno(None, SOURCE, "country") is None
    assert checks.optional_gwno("  ", SOURCE, "country") is None
    assert checks.optional_gwno("FRA", SOURCE, "country") == 220


def test_days_from_dates_datetimes_or_iso_text() -> None:
    day = dt.date(2024, 2, 29)
    assert checks.day(day, SOURCE, "on") == day
    assert checks.day(dt.datetime(2024, 2, 29, 23, 59), SOURCE, "on") == day
    assert checks.day(" 2024-02-29 ", SOURCE, "on") == day
    _refused(lambda: checks.day("2023-02-29", SOURCE, "on"), "on", "write YYYY-MM-DD")
    _refused(lambda: checks.day("29/02/2024", SOURCE, "on"), "on", "'29/02/2024' is not a date")
    assert checks.optional_day("", SOURCE, "on") is None
    assert checks.optional_day(None, SOURCE, "on") is None
    assert checks.optional_day("2024-02-29", SOURCE, "on") == day


def test_counts_are_whole_and_not_negative() -> None:
    assert checks.count(" 9000 ", SOURCE, "troops") == 9000
    assert checks.count(0, SOURCE, "troops") == 0
    assert checks.count(None, SOURCE, "troops") is None
    assert checks.count("", SOURCE, "troops") is None
    _refused(lambda: checks.count("9 000", SOURCE, "troops"), "troops", "not a whole number")
    _refused(lambda: checks.count("1.5", SOURCE, "troops"), "troops", "not a whole number")
    _refused(lambda: checks.count("-3", SOURCE, "troops"), "troops", "-3 is negative")
    _refused(lambda: checks.count(-1, SOURCE, "troops"), "troops", "negative")


def test_links_must_be_checkable_http() -> None:
    link = "https://www.osce.org/fsc/86597"
    assert checks.url(f"  {link} ", SOURCE, "evidence") == link
    too_long = "https://" + "x" * 500
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "https://a b", too_long):
        _refused(partial(checks.url, bad, SOURCE, "evidence"), "evidence", "http(s) link")


def test_iso3_for_display() -> None:
    assert checks.iso3(369) == "UKR"
    assert checks.iso3(None) == ""
    assert checks.iso3(347) == "XKX"  # Kosovo's user-assigned code
    assert checks.iso3(817) == "817"  # the Republic of Vietnam has no ISO3: its GW code


def test_rows_by_id_refuse_ids_no_column_can_hold(database: Database) -> None:
    with database.session() as session:
        pact = create_pact(session, slug="checks", name="Checks", region="Europe", actor="test")
    with database.session() as session:
        found = checks.get_row(session, Pact, pact.id)
        assert found is not None
        assert found.slug == "checks"
        assert checks.get_row(session, Pact, pact.id + 1000) is None
        for huge in (0, -1, 2**31, 2**63):  # PostgreSQL would overflow on these
            assert checks.get_row(session, Pact, huge) is None
