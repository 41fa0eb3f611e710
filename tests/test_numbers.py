"""Numbers as each page language writes them (Babel's CLDR patterns)."""

from __future__ import annotations

from detente.numbers import counted, number, percent

NNBSP, NBSP = "\u202f", "\u00a0"


def test_english_and_french_numbers() -> None:
    assert number(10034.24, "en", 1) == "10,034.2"
    assert number(10034.24, "fr", 1) == f"10{NNBSP}034,2"
    assert number(163210, "fr") == f"163{NNBSP}210"
    assert number(0.25, "en", 2, sign=True) == "+0.25"
    assert number(-0.25, "fr", 2, sign=True) == "-0,25"
    assert number(0, "en", 2, sign=True) == "0.00"


def test_english_and_french_percentages() -> None:
    assert percent(0.964, "en", 1) == "96.4%"
    assert percent(0.964, "fr", 1) == f"96,4{NBSP}%"
    assert percent(0.5, "fr") == f"50{NBSP}%"


def test_counted_agrees_in_number() -> None:
    assert counted(1, "alert") == "1 alert"
    assert counted(0, "alert") == "0 alerts"
    assert counted(16, "release") == "16 releases"
    assert counted(2, "analysis", "analyses") == "2 analyses"
    assert counted(1200, "row") == "1,200 rows"
