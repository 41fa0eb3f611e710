"""``detente countries show`` and ``detente countries list`` through the real CLI app."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli import app

runner = CliRunner()


def test_show_south_sudan_in_2012_as_json() -> None:
    result = runner.invoke(app, ["countries", "show", "SSD", "--year", "2012", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["state"]["gwno"] == 626
    assert payload["state"]["start"] == "2011-07-09"
    assert payload["alive"] is True
    assert {n["gwno"] for n in payload["neighbours"]} == {482, 490, 500, 501, 530, 625}
    assert payload["memberships"] == ["AU", "IGAD"]
    assert payload["languages"] == ["en"]


def test_show_table_for_a_gwno_and_a_dissolved_state() -> None:
    result = runner.invoke(app, ["countries", "show", "365", "--year", "1980"])
    assert result.exit_code == 0, result.output
    assert "permanent member" in result.output
    assert "Afghanistan (700)" in result.output
    gdr = runner.invoke(app, ["countries", "show", "East Germany", "--year", "2000"])
    assert gdr.exit_code == 0, gdr.output
    assert "not an independent state" in gdr.output


def test_show_before_1946_says_neighbours_are_not_covered() -> None:
    result = runner.invoke(app, ["countries", "show", "FRA", "--year", "1900"])
    assert result.exit_code == 0, result.output
    assert "not covered before 1946" in result.output


def test_show_unknown_country_is_one_line_and_exit_1() -> None:
    result = runner.invoke(app, ["countries", "show", "Frnace"])
    assert result.exit_code == 1
    assert "error: 'Frnace' is not a known country; hint: did you mean 'france'" in result.output


def test_show_a_superscript_digit_is_an_unknown_country_not_a_traceback() -> None:
    # '²'.isdigit() is True but int('²') raises ValueError: this printed a traceback
    result = runner.invoke(app, ["countries", "show", "²"])
    assert result.exit_code == 1
    assert result.output == "error: '²' is not a known country\n"


def test_list_states_of_a_region_in_a_year() -> None:
    result = runner.invoke(
        app, ["countries", "list", "--year", "2010", "--region", "Eastern Africa", "--json"]
    )
    assert result.exit_code == 0, result.output
    gwnos = {s["gwno"] for s in json.loads(result.output)}
    assert 626 not in gwnos
    assert {500, 501, 530, 531} <= gwnos


def test_list_counts_the_states_of_2023() -> None:
    result = runner.invoke(app, ["countries", "list", "--year", "2023"])
    assert result.exit_code == 0, result.output
    assert "198 states in 2023" in result.output


def test_list_unknown_region_and_bad_year_fail() -> None:
    bad_region = runner.invoke(app, ["countries", "list", "--region", "Mars"])
    assert bad_region.exit_code == 1
    assert "unknown region 'Mars'" in bad_region.output
    bad_year = runner.invoke(app, ["countries", "list", "--year", "12"])
    assert bad_year.exit_code != 0
