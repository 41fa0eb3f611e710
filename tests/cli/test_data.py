"""``detente data status|import|update`` and ``detente panel`` through the real CLI app."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.settings import get_settings
from tests.sources.ged_files import SUDAN_EVENTS, event, write_ged
from tests.sources.snapshot_files import CY_FILE
from tests.sources.ucdp_site import closed_port_url, make_site, serve_folder

runner = CliRunner()


@pytest.fixture
def data_dir(
    analytics_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """DETENTE_DATA_DIR holding a copy of the snapshot analytics store."""
    folder = tmp_path / "var"
    folder.mkdir()
    shutil.copyfile(analytics_path, folder / "analytics.duckdb")
    monkeypatch.setenv("DETENTE_DATA_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_status_lists_sources_releases_and_coverage(data_dir: Path) -> None:
    result = runner.invoke(app, ["data", "status"])
    assert result.exit_code == 0, result.output
    assert "Sources" in result.output
    assert "6,740" in result.output
    assert "1989..2023" in result.output
    as_json = json.loads(runner.invoke(app, ["data", "status", "--json"]).output)
    assert as_json["cy"]["rows"] == 6_773
    assert {r["kind"] for r in as_json["releases"]} == {"ucdp-cy", "acd", "pax", "unvotes"}


def test_status_without_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    result = runner.invoke(app, ["data", "status"])
    get_settings.cache_clear()
    assert result.exit_code == 0
    assert "run `detente init`" in result.output


def test_import_detects_ged_and_then_says_unchanged(data_dir: Path, tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", SUDAN_EVENTS)
    first = runner.invoke(app, ["data", "import", str(path)])
    assert first.exit_code == 0, first.output
    assert "imported ged 25.1: 8 rows, 2010-03..2011-08" in first.output
    again = runner.invoke(app, ["data", "import", str(path), "--kind", "ged"])
    assert "unchanged: ged 25.1" in again.output
    cy = runner.invoke(app, ["data", "import", str(CY_FILE)])
    assert cy.output.strip().startswith("unchanged: ucdp-cy 25.1")


def test_bad_file_is_one_line_and_exit_1(data_dir: Path, tmp_path: Path) -> None:
    path = write_ged(tmp_path / "GEDEvent_v25_1.csv", [event(1, 625, "2010-13-01")])
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    problem = "'2010-13-01 00:00:00.000' is not an ISO date (YYYY-MM-DD)"
    assert lines == [f"error: {path}, row 1, field 'date_start': {problem}"]


def test_unknown_kind_is_refused(data_dir: Path) -> None:
    result = runner.invoke(app, ["data", "import", str(CY_FILE), "--kind", "gdelt"])
    assert result.exit_code != 0
    assert "is not one of" in result.output


def test_update_offline_says_so_in_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_UCDP_DOWNLOADS_BASE", closed_port_url())
    get_settings.cache_clear()
    before = (data_dir / "analytics.duckdb").read_bytes()
    result = runner.invoke(app, ["data", "update"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("error: offline: cannot reach http://127.0.0.1:")
    assert (data_dir / "analytics.duckdb").read_bytes() == before


def test_update_downloads_from_a_loopback_server(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yy = date.today().year % 100
    site = make_site(tmp_path / "site", yy, [event(1, 700, f"20{yy - 1}-02-03", best=5)], {})
    with serve_folder(site) as base:
        monkeypatch.setenv("DETENTE_UCDP_DOWNLOADS_BASE", base)
        get_settings.cache_clear()
        result = runner.invoke(app, ["data", "update"])
    assert result.exit_code == 0, result.output
    assert f"imported ged {yy}.1: 1 rows" in result.output


def test_panel_writes_parquet(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.parquet"
    result = runner.invoke(app, ["panel", "--unit", "cy", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 6,773 rows" in result.output
    assert len(pd.read_parquet(out)) == 6_773
    empty = runner.invoke(app, ["panel", "--unit", "cm", "--out", str(tmp_path / "cm.parquet")])
    assert empty.exit_code == 1
    assert "import a GED release first" in empty.output
