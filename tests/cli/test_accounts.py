"""``detente users``: add (stdin or prompt), list, passwd, deactivate; bad input exits 1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings
from detente.store import upgrade

runner = CliRunner()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated state database selected through DETENTE_DATA_DIR."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    upgrade(f"sqlite:///{tmp_path / 'detente.sqlite'}")
    yield tmp_path
    get_settings.cache_clear()


def test_add_with_password_on_stdin_then_list_as_json(state: Path) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "amina", "--role", "delegate", "--gwno", "625", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "added user 'amina' with role delegate for gwno 625" in result.output
    listed = json.loads(runner.invoke(app, ["users", "list", "--json"]).output)
    assert [(u["username"], u["role"], u["gwno"], u["active"]) for u in listed] == [
        ("amina", "delegate", 625, True)
    ]


def test_add_prompts_twice_for_the_password(state: Path) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "bao", "--role", "analyst"],
        input="a long enough secret\na long enough secret\n",
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "king"], "unknown role 'king'"),
        (["--role", "delegate"], "a delegate acts for one state"),
        (["--role", "analyst", "--gwno", "2"], "only a delegate acts for a state, not an analyst"),
        (["--role", "monitor", "--gwno", "2"], "only a delegate acts for a state, not a monitor"),
        (["--role", "delegate", "--gwno", "345"], "345 is not an independent state today"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(state: Path, args: list[str], message: str) -> None:
    result = runner.invoke(
        app, ["users", "add", "amina", *args, "--password-stdin"], input="a long enough secret\n"
    )
    assert result.exit_code == 1
    assert message in result.output
    assert json.loads(runner.invoke(app, ["users", "list", "--json"]).output) == []


def test_short_password_is_refused(state: Path) -> None:
    result = runner.invoke(
        app, ["users", "add", "amina", "--role", "analyst", "--password-stdin"], input="short\n"
    )
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output


def test_passwd_and_deactivate(state: Path) -> None:
    runner.invoke(
        app,
        ["users", "add", "amina", "--role", "monitor", "--password-stdin"],
        input="a long enough secret\n",
    )
    changed = runner.invoke(
        app, ["users", "passwd", "amina", "--password-stdin"], input="another long secret\n"
    )
    assert changed.exit_code == 0, changed.output
    assert runner.invoke(app, ["users", "deactivate", "amina"]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["users", "list", "--json"]).output)
    assert listed[0]["active"] is False
    missing = runner.invoke(app, ["users", "deactivate", "nobody"])
    assert missing.exit_code == 1
    assert "no user named 'nobody'" in missing.output


def test_the_last_active_admin_cannot_be_deactivated(state: Path) -> None:
    secret = "a long enough secret\n"
    for name in ("root1", "root2"):
        add = ["users", "add", name, "--role", "admin", "--password-stdin"]
        assert runner.invoke(app, add, input=secret).exit_code == 0
    assert runner.invoke(app, ["users", "deactivate", "root1"]).exit_code == 0
    last = runner.invoke(app, ["users", "deactivate", "root2"])
    assert last.exit_code == 1
    assert "last active admin" in last.output
    listed = json.loads(runner.invoke(app, ["users", "list", "--json"]).output)
    assert {u["username"]: u["active"] for u in listed} == {"root1": False, "root2": True}
