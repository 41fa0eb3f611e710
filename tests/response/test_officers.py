"""Roster CSV import/export: validation names file, row and field; imports are all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.dates import years_after
from detente.errors import DataValidationError
from detente.response.officers import (
    AVAILABILITY_YEARS,
    count_officers,
    export_csv,
    get_officer,
    import_csv,
    list_officers,
)
from detente.store import Database, list_audit

HEADER = "id,name,nationality,languages,expertise,seniority,availability,generated\n"
GOOD = (
    ",Demo-1 Ka Lo,MLI,fr;en,mediation;DDR,3,2026-01-01/2026-12-31,yes\n"
    ",Demo-2 Ma Tu,Brazil,pt;es,elections,2,,yes\n"
    ",Demo-3 Ri Sen,710,zh;en,Human Rights;cyber,5,2026-01-01/2026-06-30;2027-01-01/2027-12-31,no\n"
)


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_import_then_export_round_trips(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        summary = import_csv(session, _write(tmp_path, GOOD), actor="tester")
    assert (summary.created, summary.updated) == (3, 0)
    with database.session() as session:
        officers = list_officers(session)
        text = export_csv(session)
    assert [o.iso3 for o in officers] == ["MLI", "BRA", "CHN"]
    assert officers[0].languages == ("fr", "en")
    assert officers[0].expertise == ("mediation", "ddr")
    assert officers[0].region == "Africa"
    assert officers[2].region == "Asia"
    assert officers[2].availability[1] == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert officers[2].generated is False
    # re-importing the export with one change updates in place
    changed = text.replace("Demo-2 Ma Tu", "Demo-2 Ma Tu Renamed")
    with database.session() as session:
        summary = import_csv(session, _write(tmp_path, changed, header=""), actor="tester")
    assert (summary.created, summary.updated) == (0, 3)
    with database.session() as session:
        assert get_officer(session, officers[1].id).name == "Demo-2 Ma Tu Renamed"
        assert count_officers(session) == 3
        audit = list_audit(session, entity="officer")
    assert {a.action for a in audit} == {"create", "update"}
    renamed = [a for a in audit if a.action == "update" and a.entity_id == str(officers[1].id)]
    assert renamed[0].before is not None
    assert renamed[0].before["name"] == "Demo-2 Ma Tu"
    assert renamed[0].after is not None
    assert renamed[0].after["name"] == "Demo-2 Ma Tu Renamed"


def test_filters(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        import_csv(session, _write(tmp_path, GOOD), actor="tester")
        assert [o.name for o in list_officers(session, region="Asia")] == ["Demo-3 Ri Sen"]
        assert len(list_officers(session, language="en")) == 2
        assert [o.iso3 for o in list_officers(session, expertise="ddr")] == ["MLI"]
        on = dt.date(2026, 8, 1)
        assert [o.iso3 for o in list_officers(session, available_on=on)] == ["MLI"]
        assert [o.name for o in list_officers(session, region="asia")] == ["Demo-3 Ri Sen"]


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"region": "Mars"}, "region"),
        ({"language": "zz"}, "language"),
        ({"expertise": "cooking"}, "expertise"),
        ({"limit": -5}, "limit"),
    ],
)
def test_unknown_filters_are_refused_not_answered_with_nobody(
    database: Database, filters: dict[str, object], field: str
) -> None:
    with pytest.raises(DataValidationError) as caught, database.session() as session:
        list_officers(session, **filters)  # type: ignore[arg-type]
    assert caught.value.field == field


BAD = [
    (",Demo-4,Atlantis,en,mediation,3,,yes\n", 1, "nationality"),
    (",Demo-4,FRA,english,mediation,3,,yes\n", 1, "languages"),
    (",Demo-4,FRA,en,juggling,3,,yes\n", 1, "expertise"),
    (",Demo-4,FRA,en,mediation,7,,yes\n", 1, "seniority"),
    (",Demo-4,FRA,en,mediation,3,2026-05-01/2026-01-01,yes\n", 1, "availability"),
    (",Demo-4,FRA,en,mediation,3,2026-13-01/2026-12-31,yes\n", 1, "availability"),
    (",,FRA,en,mediation,3,,yes\n", 1, "name"),
    (",Demo-4,DDR,en,mediation,3,,yes\n", 1, "nationality"),
    (",Demo-4,FRA,en,mediation,3,,maybe\n", 1, "generated"),
    ("abc,Demo-4,FRA,en,mediation,3,,yes\n", 1, "id"),
    ("999,Demo-4,FRA,en,mediation,3,,yes\n", 1, "id"),
    ("5,Demo-4,FRA,en,mediation,3,,yes\n5,Demo-5,FRA,en,mediation,3,,yes\n", 2, "id"),
    (",Demo-4,FRA,en,mediation,3,,yes,extra\n", 1, None),
    (",Demo\x0b-4,FRA,en,mediation,3,,yes\n", 1, "name"),
]


@pytest.mark.parametrize(("line", "row", "field"), BAD)
def test_bad_rows_name_row_and_field_and_write_nothing(
    database: Database, tmp_path: Path, line: str, row: int, field: str | None
) -> None:
    # good rows come first: the file must still import nothing
    path = _write(tmp_path, GOOD + line)
    with pytest.raises(DataValidationError) as caught, database.session() as session:
        import_csv(session, path, actor="tester")
    error = caught.value
    assert error.file == str(path)
    assert error.row == row + 3
    assert error.field == field
    assert str(path) in str(error)
    assert f"row {row + 3}" in str(error)
    with database.session() as session:
        assert count_officers(session) == 0
        assert list_audit(session, entity="officer") == []


def test_bad_header(database: Database, tmp_path: Path) -> None:
    with (
        pytest.raises(DataValidationError, match="lacks column") as caught,
        database.session() as s,
    ):
        import_csv(s, _write(tmp_path, GOOD, header="name,nationality\n"), actor="t")
    assert caught.value.row == 0
    with pytest.raises(DataValidationError, match="unknown column"), database.session() as s:
        import_csv(s, _write(tmp_path, GOOD, header=HEADER.replace("generated", "age")), actor="t")


def test_a_new_officer_given_twice_is_refused_and_nothing_is_added(
    database: Database, tmp_path: Path
) -> None:
    first = GOOD.splitlines(keepends=True)[0]
    with pytest.raises(DataValidationError) as refused, database.session() as session:
        import_csv(session, _write(tmp_path, GOOD + first), actor="t")
    assert str(refused.value).endswith("roster.csv, row 4: repeats row 1")
    with database.session() as session:
        assert count_officers(session) == 0
    same_name_other_seniority = first.replace(",3,", ",4,")
    with database.session() as session:  # another row for the same name is another record
        import_csv(session, _write(tmp_path, first + same_name_other_seniority), actor="t")
        assert count_officers(session) == 2


def test_a_header_without_rows_is_refused(database: Database, tmp_path: Path) -> None:
    header_only = _write(tmp_path, "")
    with (
        pytest.raises(DataValidationError, match="a header but no data rows"),
        database.session() as session,
    ):
        import_csv(session, header_only, actor="t")


def test_not_utf8(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + ",Démo,FRA,fr,mediation,3,,yes\n").encode("latin-1"))
    with pytest.raises(DataValidationError, match="UTF-8"), database.session() as session:
        import_csv(session, path, actor="t")


def test_export_neutralises_a_name_a_spreadsheet_would_run(
    database: Database, tmp_path: Path
) -> None:
    line = ',"=HYPERLINK(""http://evil.example"",""Ka"")",MLI,fr,mediation,3,,yes\n'
    with database.session() as session:
        import_csv(session, _write(tmp_path, line), actor="tester")
        text = export_csv(session)
    assert text.splitlines()[1].startswith('1,"\'=HYPERLINK(""http://evil.example"",""Ka"")",MLI,')
    with database.session() as session:  # the export re-imported keeps the name as typed
        summary = import_csv(session, _write(tmp_path, text, header=""), actor="tester")
        name = list_officers(session)[0].name
    assert (summary.created, summary.updated) == (0, 1)
    assert name == '=HYPERLINK("http://evil.example","Ka")'


def _window(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


TODAY = dt.date.today()
HORIZON = AVAILABILITY_YEARS


@pytest.mark.parametrize(
    ("window", "problem"),
    [
        ("1900-01-01/9999-12-31", "1900-01-01 is before 10 years ago"),
        (_window(TODAY, dt.date(9999, 12, 31)), "9999-12-31 is more than 10 years ahead"),
        (
            _window(TODAY, years_after(TODAY, HORIZON) + dt.timedelta(days=1)),
            "more than 10 years ahead",
        ),
        (
            _window(dt.date(1990, 1, 1), years_after(TODAY, -HORIZON) - dt.timedelta(days=1)),
            "1990-01-01 is before 10 years ago",
        ),
        ("1900-01-01/2027-01-01", "1900-01-01 is before 10 years ago"),
    ],
)
def test_availability_windows_stay_within_ten_years_of_today(
    database: Database, tmp_path: Path, window: str, problem: str
) -> None:
    """Like every planned day (detente.dates.ahead): 1900-01-01/9999-12-31 was stored."""
    path = _write(tmp_path, GOOD + f",Demo-4,FRA,en,mediation,3,{window},yes\n")
    with pytest.raises(DataValidationError) as caught, database.session() as session:
        import_csv(session, path, actor="tester")
    assert (caught.value.row, caught.value.field) == (4, "availability")
    assert problem in caught.value.problem
    assert f"'{window}'" in caught.value.problem
    with database.session() as session:
        assert count_officers(session) == 0


def test_availability_windows_up_to_ten_years_either_side_are_kept(
    database: Database, tmp_path: Path
) -> None:
    earliest, latest = years_after(TODAY, -HORIZON), years_after(TODAY, HORIZON)
    path = _write(tmp_path, f",Demo-4,FRA,en,mediation,3,{_window(earliest, latest)},yes\n")
    with database.session() as session:
        import_csv(session, path, actor="tester")
        [kept] = list_officers(session)
    assert kept.availability == ((earliest, latest),)
