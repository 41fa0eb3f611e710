"""``detente serve`` serves and stops cleanly on Ctrl-C; ``detente web get`` runs one request."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings
from detente.store import upgrade

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated state database selected through DETENTE_DATA_DIR."""
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    upgrade(f"sqlite:///{tmp_path / 'detente.sqlite'}")
    yield tmp_path
    get_settings.cache_clear()


def test_web_get_prints_status_and_body(data_dir: Path) -> None:
    result = runner.invoke(app, ["web", "get", "/api/v1/countries/KEN"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("200 application/json")
    assert '"name":"Kenya"' in result.output


def test_web_get_of_a_missing_page_exits_1(data_dir: Path) -> None:
    result = runner.invoke(app, ["web", "get", "/countries/NOWHERE"])
    assert result.exit_code == 1
    assert result.output.startswith("404 ")


def test_serve_refuses_an_uninitialised_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path / "empty"))
    get_settings.cache_clear()
    result = runner.invoke(app, ["serve"])
    get_settings.cache_clear()
    assert result.exit_code == 1
    assert "run 'detente init'" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_then_stops_cleanly_on_ctrl_c(data_dir: Path) -> None:
    port = _free_port()
    env = {**os.environ, "DETENTE_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-c", "from detente.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx2.get(f"http://127.0.0.1:{port}/countries/KEN", timeout=2)
                break
            except httpx2.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status_code == 200
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "Détente stopped." in output
    assert "Traceback" not in output
