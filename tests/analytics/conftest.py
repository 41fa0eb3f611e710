"""A private copy of the session's analytics store, for tests that import into it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def store(analytics_path: Path, tmp_path: Path) -> Path:
    """A copy of the snapshot store that a test may write to."""
    copy = tmp_path / "analytics.duckdb"
    shutil.copyfile(analytics_path, copy)
    return copy
