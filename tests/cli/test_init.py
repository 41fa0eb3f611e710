"""The root group of ``detente``: usage errors are one line and exit code 2, like any error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from detente.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["forecast", "--draws", "0", "--cutoff", "2020"], "'--draws'"),
        (["backtest", "--draws", "5"], "'--draws'"),
        (["nosuch"], "'nosuch'"),
        (["--bogus"], "--bogus"),
        (["data", "import"], "'path'"),
        (["data", "import", "--kind", "foo", "x.csv"], "'foo'"),
        (["alliance", "text", "silence"], "'text_id'"),
    ],
)
def test_usage_errors_are_one_line_naming_the_command_and_the_field(
    args: list[str], named: str
) -> None:
    result = runner.invoke(app, args, prog_name="detente")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: detente")
    assert named in lines[0]
    assert "--help'" in lines[0]
    assert "╭" not in result.output


def test_no_arguments_still_show_the_help() -> None:
    result = runner.invoke(app, ["alliance"], prog_name="detente")
    assert "Usage: detente alliance" in result.output
    assert "error:" not in result.output


def test_the_installed_command_prints_the_same_line_on_stderr() -> None:
    """Through the console script's entry point, not the test runner."""
    completed = subprocess.run(
        [sys.executable, "-c", "from detente.cli import main; main()", "forecast", "--draws", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert "Invalid value for '--draws'" in completed.stderr


@pytest.mark.parametrize("args", [["countries", "list", "--json"], ["countries", "list"]])
def test_a_reader_that_stops_early_is_not_an_error(args: list[str]) -> None:
    """``detente countries list --json | head``: once the pipe's reader is gone the command stops
    quietly (click's EPIPE handling, exit 1) instead of printing "error: Broken pipe"."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from detente.cli import main; main()", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # before the interpreter has started: every write meets EPIPE
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""
    assert process.returncode == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["incidents", "report", "osce", "--place", "Ky\x0biv"], "field '--place'"),
        (["incidents", "report", "osce", "--place=Ky\x1biv"], "field '--place'"),
        (["pacts", "show", "os\x7fce"], "field 'argument 3'"),
    ],
)
def test_a_control_character_in_any_argument_is_one_line_naming_it(
    args: list[str], named: str
) -> None:
    """Checked before any command runs, so nothing can store it (no state database needed)."""
    result = runner.invoke(app, args, prog_name="detente")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: command line, {named}: contains the control character")
