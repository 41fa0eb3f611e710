"""Units of analysis: country-year (``cy``) and country-month (``cm``).

Forecasters work on an integer time index so that one code path serves both units: the year
for ``cy`` and the ViEWS ``month_id`` (1 = 1980-01) for ``cm``. Files and pages use the
``period`` strings of the forecast file contract (``YYYY`` / ``YYYY-MM``); this module converts
between the two and knows each unit's horizons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from detente.errors import DataValidationError

UnitName = Literal["cy", "cm"]
UNITS: tuple[UnitName, ...] = ("cy", "cm")
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Unit:
    """What differs between country-year and country-month forecasting."""

    name: UnitName
    horizons: int
    """How many periods after the cutoff are forecast (3 years, 12 months as in ViEWS)."""
    time_column: str
    """Panel column holding the integer time index (``year`` or ``month_id``)."""
    window: int
    """Periods of recent history the conflictology and bootstrap benchmarks resample."""
    per_year: int
    """Periods in a year (1 or 12): scales the rolling windows of the features."""

    def to_index(self, period: str) -> int:
        """``"2021"`` -> 2021 (cy); ``"2021-03"`` -> 495 (cm, ViEWS month_id)."""
        if self.name == "cy":
            if not _YEAR.match(period):
                raise ValueError(f"a country-year period is YYYY, not {period!r}")
            return int(period)
        match = _MONTH.match(period)
        if not match:
            raise ValueError(f"a country-month period is YYYY-MM, not {period!r}")
        return (int(match.group(1)) - 1980) * 12 + int(match.group(2))

    def to_period(self, index: int) -> str:
        """Inverse of :meth:`to_index`."""
        if self.name == "cy":
            return f"{index:04d}"
        year, month = divmod(index - 1, 12)
        return f"{1980 + year:04d}-{month + 1:02d}"

    def periods(self, indices: np.ndarray | pd.Series) -> np.ndarray:
        """Vectorised :meth:`to_period` (object array of strings)."""
        values = np.asarray(indices, dtype=np.int64)
        if self.name == "cy":
            return np.char.zfill(values.astype(str), 4).astype(object)
        years = 1980 + (values - 1) // 12
        months = (values - 1) % 12 + 1
        return np.array([f"{y:04d}-{m:02d}" for y, m in zip(years, months, strict=True)], object)

    def year_of(self, index: int) -> int:
        """Calendar year of a time index (for yearly reference data: neighbours, memberships)."""
        return index if self.name == "cy" else 1980 + (index - 1) // 12


CY = Unit(name="cy", horizons=3, time_column="year", window=10, per_year=1)
CM = Unit(name="cm", horizons=12, time_column="month_id", window=12, per_year=12)


def get_unit(name: str) -> Unit:
    """The unit called ``name`` (``cy`` or ``cm``)."""
    if name == "cy":
        return CY
    if name == "cm":
        return CM
    raise ValueError(f"unknown unit {name!r}; choose cy or cm")


def unit_of_cutoff(cutoff: str) -> Unit:
    """The unit a cutoff string denotes: ``YYYY`` is cy, ``YYYY-MM`` is cm."""
    if _YEAR.match(cutoff):
        return CY
    if _MONTH.match(cutoff):
        return CM
    raise ValueError(f"a cutoff is YYYY (country-year) or YYYY-MM (country-month), not {cutoff!r}")


def check_panel(panel: pd.DataFrame, unit: Unit, source: str = "panel") -> None:
    """Refuse a panel without the columns forecasting needs, naming the first missing one."""
    for column in ("gwno", unit.time_column, "sb_best"):
        if column not in panel.columns:
            raise DataValidationError(source, None, column, f"missing column for unit {unit.name}")
