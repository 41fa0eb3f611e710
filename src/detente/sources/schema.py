"""Declared columns of a source file: name, type, and whether it may be empty.

Why declare: a reader must reject a file whose columns or values do not match the publisher's
codebook *before* anything is written, and say which row and field is wrong. The declarations
below drive one vectorised DuckDB query per file (see :mod:`detente.sources.staging`) instead of a
Python loop over rows.

Column types
------------
``int``       integer (``"12"``, also ``"12.0"`` as spreadsheets write it)
``count``     non-negative integer (deaths, counts)
``float``     decimal number
``date``      ISO date ``YYYY-MM-DD`` (a time part ``00:00:00.000`` is accepted, as in GED)
``bool``      ``0``/``1``/``true``/``false``
``gwno``      one Gleditsch–Ward code known to :mod:`detente.countries`
``gwno_list`` Gleditsch–Ward codes separated by commas (``"651, 666"``), UCDP's way of writing
              several countries in one field
``text``      anything
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["int", "count", "float", "date", "bool", "gwno", "gwno_list", "text"]


@dataclass(frozen=True)
class Column:
    """One declared column of a source file."""

    name: str
    type: ColumnType = "text"
    nullable: bool = False
    allowed: tuple[int, ...] = ()
    """For integer columns, the only values allowed (``type_of_violence`` in 1, 2, 3)."""


@dataclass(frozen=True)
class RowCheck:
    """A condition across columns; ``bad_sql`` is true for a wrong row (typed column names)."""

    field: str
    bad_sql: str
    problem: str


@dataclass(frozen=True)
class Schema:
    """The columns a file must have and the checks its rows must pass.

    Parameters
    ----------
    kind:
        Source kind (``"ucdp-cy"``, ``"acd"``, ``"ged"``, ``"pax"``, ``"unvotes"``).
    title:
        What the file is, for messages ("UCDP GED").
    columns:
        Declared columns; every one is required in the header, extra columns are dropped.
    unique:
        Columns that together identify a row (duplicates are an error).
    checks:
        Cross-column conditions, run on typed values after the per-column checks.
    """

    kind: str
    title: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    checks: tuple[RowCheck, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """Declared column names in order."""
        return tuple(c.name for c in self.columns)


def columns(spec: str, type_: ColumnType, *, nullable: bool = False) -> tuple[Column, ...]:
    """Several columns of one type from a whitespace-separated list of names."""
    return tuple(Column(name, type_, nullable) for name in spec.split())
