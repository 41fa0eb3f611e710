"""Writing a panel to Parquet or CSV."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from detente.analytics import export_panel, load_panel
from detente.errors import ConfigError, NotFoundError


def test_parquet_and_csv_hold_the_panel(analytics_path: Path, tmp_path: Path) -> None:
    panel = load_panel(analytics_path, "cy")
    assert export_panel(analytics_path, "cy", tmp_path / "cy.parquet") == len(panel)
    written = pd.read_parquet(tmp_path / "cy.parquet")
    pd.testing.assert_frame_equal(written, panel, check_dtype=False)
    export_panel(analytics_path, "cy", tmp_path / "out" / "cy.csv")
    assert len(pd.read_csv(tmp_path / "out" / "cy.csv")) == len(panel)


def test_empty_country_month_panel_and_bad_names(analytics_path: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="import a GED release first"):
        export_panel(analytics_path, "cm", tmp_path / "cm.parquet")
    with pytest.raises(ConfigError, match=r"use a \.parquet or \.csv"):
        export_panel(analytics_path, "cy", tmp_path / "cy.xlsx")
    assert not (tmp_path / "cm.parquet").exists()


def test_csv_neutralises_text_cells_and_keeps_numbers(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    with duckdb.connect(str(store)) as con:
        con.execute(
            "CREATE TABLE panel_cy AS SELECT * FROM (VALUES "
            '(2, 2020, \'=HYPERLINK("http://evil.example","x")\', -3, -0.5), '
            "(20, 2020, 'Canada', 4, NULL)) AS t(gwno, year, country, deaths, change)"
        )
    export_panel(store, "cy", tmp_path / "cy.csv")
    assert (tmp_path / "cy.csv").read_text(encoding="utf-8").splitlines() == [
        "gwno,year,country,deaths,change",
        '2,2020,"\'=HYPERLINK(""http://evil.example"",""x"")",-3,-0.5',
        "20,2020,Canada,4,",
    ]
    export_panel(store, "cy", tmp_path / "cy.parquet")  # Parquet keeps the value as it is
    assert pd.read_parquet(tmp_path / "cy.parquet")["country"][0].startswith("=HYPERLINK")
