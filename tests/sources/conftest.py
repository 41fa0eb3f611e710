"""The ``mutate`` fixture: copies of real snapshot files with one cell changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sources.snapshot_files import Mutate, read_rows, write_rows


@pytest.fixture
def mutate(tmp_path: Path) -> Mutate:
    """``mutate(source, row, field, value, name=..., limit=40)``: a copy of the first ``limit``
    rows of a real CSV with data row ``row`` (1-based) of ``field`` set to ``value``."""

    def make(
        source: Path, row: int, field: str, value: str, name: str | None = None, limit: int = 40
    ) -> Path:
        header, rows = read_rows(source, limit)
        rows[row - 1][header.index(field)] = value
        return write_rows(tmp_path / (name or source.name), header, rows)

    return make
