"""Analytics store: imported releases and the country-year / country-month panels in DuckDB.

Public API
----------
:func:`load_panel`      the panel as a pandas DataFrame (``docs/data-contracts.md``)
:func:`data_status`     sources, releases, coverage, row counts
:func:`import_release`  validate a file and write it as one transaction
:func:`import_snapshot` load the bundled snapshot (what ``detente init`` does)
:func:`update_releases` download and import the newest UCDP releases
:func:`export_panel`    write a panel to Parquet or CSV
"""

from __future__ import annotations

from detente.analytics.bootstrap import import_snapshot, load_snapshot, refresh_panels
from detente.analytics.export import export_panel
from detente.analytics.imports import ImportResult, import_release
from detente.analytics.panels import CM_COLUMNS, CY_COLUMNS
from detente.analytics.status import (
    DataStatus,
    PanelInfo,
    ReleaseInfo,
    SourceStatus,
    data_status,
    load_panel,
)
from detente.analytics.update import UpdateResult, update_releases

__all__ = [
    "CM_COLUMNS",
    "CY_COLUMNS",
    "DataStatus",
    "ImportResult",
    "PanelInfo",
    "ReleaseInfo",
    "SourceStatus",
    "UpdateResult",
    "data_status",
    "export_panel",
    "import_release",
    "import_snapshot",
    "load_panel",
    "load_snapshot",
    "refresh_panels",
    "update_releases",
]
