"""Analytics store: imported releases and the country-year / country-month panels in DuckDB.

Public API
----------
:func:`load_panel`      the panel as a pandas DataFrame (``docs/data-contracts.md``)
:func:`data_status`     sources, releases, coverage, row counts
:func:`import_release`  validate a file and write it as one transaction
:func:`import_snapshot` load the bundled snapshot (what ``detente init`` does)
"""

from __future__ import annotations

from detente.analytics.bootstrap import import_snapshot, load_snapshot, refresh_panels
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

__all__ = [
    "CM_COLUMNS",
    "CY_COLUMNS",
    "DataStatus",
    "ImportResult",
    "PanelInfo",
    "ReleaseInfo",
    "SourceStatus",
    "data_status",
    "import_release",
    "import_snapshot",
    "load_panel",
    "load_snapshot",
    "refresh_panels",
]
