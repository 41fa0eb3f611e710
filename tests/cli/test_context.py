"""What every command needs: a state database that ``detente init`` has made, or one line
saying so (``detente.cli.context``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings

runner = CliRunner()
COMMANDS = [
    ["alerts", "list"],
    ["officers", "list"],
    ["pacts", "list"],
    ["alliance", "initiatives"],
    ["actions", "list"],
    ["deployments", "list"],
    ["incidents", "list"],
]


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder where ``detente init`` never ran."""
    folder = tmp_path / "state"
    monkeypatch.setenv("DETENTE_DATA_DIR", str(folder))
    monkeypatch.delenv("DETENTE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_command_before_init_says_what_to_run_and_writes_nothing(
    empty: Path, args: list[str]
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert (
        result.output
        == f"error: no application state in {empty}/. Hint: run 'detente init' first\n"
    )
    assert not empty.exists()  # no empty detente.sqlite left behind


def test_a_database_file_without_the_schema_is_named_too(empty: Path) -> None:
    empty.mkdir()
    engine = create_engine(f"sqlite:///{empty / 'detente.sqlite'}")
    engine.connect().close()  # the file exists, no table in it
    engine.dispose()
    result = runner.invoke(app, ["alerts", "list"])
    assert result.exit_code == 1
    assert result.output == (
        "error: the application state is not initialised. Hint: run 'detente init'\n"
    )


OUT_COMMANDS = {
    "panel": ["panel", "--out"],
    "brief": ["brief", "--period", "2023-12", "--out"],
    "forecast": ["forecast", "--model", "zero", "--out"],
    "alliance export": ["alliance", "export", "--out"],
    "officers export": ["officers", "export", "--out"],
    "alerts backtest": ["alerts", "backtest", "--out"],
    "backtest": ["backtest", "--models", "zero", "--out"],
}


@pytest.mark.parametrize("args", OUT_COMMANDS.values(), ids=OUT_COMMANDS.keys())
def test_every_out_into_a_missing_folder_is_the_same_line_and_creates_nothing(
    empty: Path, tmp_path: Path, args: list[str]
) -> None:
    """``panel`` and ``brief`` used to create the missing folder silently; ``forecast`` refused."""
    missing = tmp_path / "no-such-folder"
    out = missing / "out.csv"
    result = runner.invoke(app, [*args, str(out)])
    assert result.exit_code == 1, result.output
    assert result.output == f"error: {out}, field 'out': the folder {missing} does not exist\n"
    assert not missing.exists()
