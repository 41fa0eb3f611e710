"""Control characters refused on the way in, spreadsheet formulas neutralised on the way out."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from detente.errors import DataValidationError
from detente.safetext import (
    control_character,
    csv_cell,
    csv_cell_value,
    csv_frame,
    csv_row,
    refuse_control_characters,
)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Clear breach\x0b of principle\x00 2", "U+000B"),
        ("nul\x00", "U+0000"),
        ("escape \x1b[31m", "U+001B"),
        ("form feed \x0c", "U+000C"),
        ("delete \x7f", "U+007F"),
        ("tab\tline\nreturn\r\n", None),
        ("Détente — Kyiv, Київ", None),
        ("", None),
    ],
)
def test_control_character_names_the_first_forbidden_one(value: str, code: str | None) -> None:
    assert control_character(value) == code


def test_refusal_names_source_row_and_field() -> None:
    assert refuse_control_characters("Kyiv", "form", "place") == "Kyiv"
    with pytest.raises(DataValidationError) as error:
        refuse_control_characters("Ky\x00iv", "incidents.csv", "place", 3)
    assert str(error.value) == (
        "incidents.csv, row 3, field 'place': contains the control character U+0000; remove it"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","Kyiv")', '\'=HYPERLINK("http://evil.example","Kyiv")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("Kyiv", "Kyiv"),
        ("a=b", "a=b"),
        ("", ""),
        ("-3", "-3"),
        ("-12.5", "-12.5"),
        ("+1.5e3", "+1.5e3"),
        (-7, -7),
        (-0.25, -0.25),
        (None, None),
    ],
)
def test_csv_cell_neutralises_formulas_and_leaves_numbers(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "-",
        "-3",
        "Kyiv",
        "'quoted'",
        "",
    ],
)
def test_csv_cell_value_undoes_csv_cell(value: str) -> None:
    assert csv_cell_value(str(csv_cell(value))) == value


@pytest.mark.parametrize("cell", ["'Kyiv", "'-3", "'", "O'Brien", "'+1.5e3"])
def test_csv_cell_value_keeps_an_apostrophe_csv_cell_would_not_have_added(cell: str) -> None:
    assert csv_cell_value(cell) == cell


def test_csv_row_keeps_a_neutralised_cell_one_cell() -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row([1, "=1+1", -2, "Kyiv, Ukraine"]))
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["1", "'=1+1", "-2", "Kyiv, Ukraine"]


def test_csv_frame_changes_text_columns_only() -> None:
    frame = pd.DataFrame(
        {
            "country": ["=cmd()", "Ukraine", None],
            "deaths": [-1, 2, 3],
            "share": [-0.5, 0.1, 0.2],
            "code": pd.array([-4, None, 1], dtype="Int64"),
            "flag": [True, False, True],
        }
    )
    safe = csv_frame(frame)
    assert safe["country"].tolist()[:2] == ["'=cmd()", "Ukraine"]
    assert pd.isna(safe["country"].iloc[2])
    pd.testing.assert_frame_equal(safe.drop(columns="country"), frame.drop(columns="country"))
    assert frame["country"].iloc[0] == "=cmd()"  # the caller's frame is not changed
    assert safe.to_csv(index=False).splitlines()[1] == "'=cmd(),-1,-0.5,-4,True"


def test_csv_frame_also_reaches_mixed_and_categorical_columns() -> None:
    frame = pd.DataFrame(
        {
            "mixed": pd.Series([1, "=1+1", None], dtype=object),
            "kind": pd.Series(["@x", "ok", "@x"], dtype="category"),
            "empty": pd.Series([None, None, None], dtype=object),
        }
    )
    safe = csv_frame(frame)
    assert safe["mixed"].tolist()[:2] == [1, "'=1+1"]
    assert safe["kind"].tolist() == ["'@x", "ok", "'@x"]
    assert safe["empty"].isna().all()
