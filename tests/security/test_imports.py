"""CSV/JSON imports: all rows or nothing, errors naming file, row and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import DataValidationError, NotFoundError
from detente.security import list_incidents, list_notifications
from detente.security.imports import import_incidents, import_notifications
from detente.store import Database

HEADER = "occurred_on,place,reporting_party,accused,principles,summary,evidence\n"
GOOD = "2022-02-24,Kyiv,UKR,RUS,2;3,Invasion,https://www.osce.org/ https://ucdp.uu.se/\n"


def _import(database: Database, pact_id: int, path: Path) -> int:
    with database.session() as session:
        return import_incidents(session, pact_id, path, actor="test")


def test_csv_and_json_incidents(database: Database, pact_id: int, tmp_path: Path) -> None:
    csv_file = tmp_path / "incidents.csv"
    csv_file.write_text(HEADER + GOOD, encoding="utf-8")
    assert _import(database, pact_id, csv_file) == 1
    json_file = tmp_path / "incidents.json"
    json_file.write_text(
        json.dumps(
            [
                {
                    "occurred_on": "2021-01-01",
                    "place": "Paris",
                    "reporting_party": "NGO",
                    "accused": "FRA",
                    "principles": [7],
                    "summary": "s",
                }
            ]
        ),
        encoding="utf-8",
    )
    assert _import(database, pact_id, json_file) == 1
    with database.session() as session:
        incidents = list_incidents(session, pact_id)
    assert [i.principles for i in incidents] == [(2, 3), (7,)]
    assert incidents[0].evidence == ("https://www.osce.org/", "https://ucdp.uu.se/")


@pytest.mark.parametrize(
    ("content", "row", "field"),
    [
        (HEADER + GOOD + "2022-02-30,Kyiv,UKR,RUS,2,x,\n", 2, "occurred_on"),
        (HEADER + GOOD + "2022-02-24,Kyiv,UKR,XYZ,2,x,\n", 2, "accused"),
        (HEADER + GOOD + "2022-02-24,Kyiv,UKR,RUS,12,x,\n", 2, "principles"),
        (HEADER + GOOD + "2022-02-24,,UKR,RUS,2,x,\n", 2, "place"),
        (HEADER + GOOD + "2022-02-24,Kyiv,UKR,RUS,2,x,ftp://x\n", 2, "evidence"),
        (HEADER.replace("place", "where") + GOOD, 0, "where"),
        ("occurred_on,place\n2022-02-24,Kyiv\n", 0, "reporting_party"),
        (HEADER + GOOD + "2022-02-24,Kyiv,UKR,RUS,2,x,,extra\n", 2, None),
        (HEADER, None, None),
        (HEADER + GOOD + "2022-02-24,Kyiv,UKR,RUS,2,x,\n" + GOOD, 3, None),  # GOOD twice
    ],
)
def test_bad_rows_write_nothing(
    database: Database,
    pact_id: int,
    tmp_path: Path,
    content: str,
    row: int | None,
    field: str | None,
) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        _import(database, pact_id, path)
    assert (error.value.file, error.value.row, error.value.field) == ("incidents.csv", row, field)
    with database.session() as session:
        assert list_incidents(session, pact_id) == []


def test_a_repeated_row_is_refused_naming_the_first(
    database: Database, pact_id: int, tmp_path: Path
) -> None:
    """A row pasted twice recorded the same incident twice."""
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD + GOOD.replace(",Kyiv,", ", Kyiv ,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"^incidents\.csv, row 2: repeats row 1$"):
        _import(database, pact_id, path)
    with database.session() as session:
        assert list_incidents(session, pact_id) == []


def test_an_unknown_pact_is_not_blamed_on_row_1(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    with pytest.raises(NotFoundError) as error, database.session() as session:
        import_incidents(session, "nope", path, actor="test")
    assert str(error.value) == "no pact 'nope'; see 'detente pacts list'"
    with pytest.raises(NotFoundError) as error, database.session() as session:
        import_notifications(session, "nope", path, actor="test")
    assert str(error.value) == "no pact 'nope'; see 'detente pacts list'"


def test_bad_files_are_refused(database: Database, pact_id: int, tmp_path: Path) -> None:
    cases = {
        "a.json": b"{not json",
        "b.json": b'{"a": 1}',
        "c.csv": b"\xff\xfe\x00bad",
        "d.txt": b"x",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DataValidationError) as error:
            _import(database, pact_id, path)
        assert error.value.file == name
        assert error.value.row is None


def test_notifications_import(database: Database, pact_id: int, tmp_path: Path) -> None:
    path = tmp_path / "notifications.csv"
    path.write_text(
        "country,kind,subject,starts_on,troops,due_on,sent_on,counterpart\n"
        "RUS,military_activity,Exercise,2021-09-10,12000,,2021-07-01,\n"
        "UKR,information_exchange,Annual exchange,,,2021-12-15,,\n"
        "FRA,liaison,Contact point,,,,,XYZ\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as error, database.session() as session:
        import_notifications(session, pact_id, path, actor="test")
    assert (error.value.row, error.value.field) == (3, "counterpart")
    with database.session() as session:
        assert list_notifications(session, pact_id) == []
    path.write_text(path.read_text().replace("XYZ", "RUS"), encoding="utf-8")
    with database.session() as session:
        assert import_notifications(session, pact_id, path, actor="test") == 3
        assert len(list_notifications(session, pact_id)) == 3


def test_a_control_character_in_a_file_is_refused_naming_row_and_field(
    database: Database, pact_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD + "2022-02-24,Ky\x00iv,UKR,RUS,2,x,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        _import(database, pact_id, path)
    assert (error.value.row, error.value.field) == (2, "place")
    assert "control character U+0000" in error.value.problem
    with database.session() as session:
        assert list_incidents(session, pact_id) == []
