"""The country-year panel as pages need it, read once and kept in memory until the store changes.

Pages and the API call these functions instead of :func:`detente.analytics.load_panel` directly:
the panel is loaded once per worker process and reloaded only when the DuckDB file changes
(its modification time), so a country page costs a dictionary lookup rather than a query.
Columns are those of ``docs/data-contracts.md`` (country-year panel).
"""

from __future__ import annotations

import importlib
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detente.safetext import csv_frame
from detente.settings import Settings

DEATH_COLUMNS = ("sb_best", "ns_best", "os_best")


@dataclass(frozen=True)
class YearDeaths:
    """Deaths in one country and year by type of violence (UCDP best estimates)."""

    year: int
    state_based: float
    non_state: float
    one_sided: float

    @property
    def total(self) -> float:
        """All three types together."""
        return self.state_based + self.non_state + self.one_sided


@dataclass(frozen=True)
class PanelCoverage:
    """What the loaded panel covers."""

    first_year: int
    last_year: int
    countries: int
    rows: int


@dataclass
class _Loaded:
    key: tuple[str, float]
    frame: pd.DataFrame
    history: dict[int, tuple[YearDeaths, ...]]
    coverage: PanelCoverage
    files: dict[str, bytes]


_lock = threading.Lock()
_cache: dict[str, _Loaded] = {}


def _build(frame: pd.DataFrame, key: tuple[str, float]) -> _Loaded:
    frame = frame.sort_values(["gwno", "year"]).reset_index(drop=True)
    history: dict[int, tuple[YearDeaths, ...]] = {}
    columns = frame[["gwno", "year", *DEATH_COLUMNS]].itertuples(index=False, name=None)
    grouped: dict[int, list[YearDeaths]] = {}
    for gwno, year, sb, ns, os_ in columns:
        grouped.setdefault(int(gwno), []).append(
            YearDeaths(int(year), float(sb), float(ns), float(os_))
        )
    history = {gwno: tuple(rows) for gwno, rows in grouped.items()}
    coverage = PanelCoverage(
        first_year=int(frame["year"].min()),
        last_year=int(frame["year"].max()),
        countries=int(frame["gwno"].nunique()),
        rows=len(frame),
    )
    return _Loaded(key, frame, history, coverage, {})


def _loaded(settings: Settings) -> _Loaded | None:
    path: Path = settings.analytics_path
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except FileNotFoundError:
        return None
    current = _cache.get(key[0])
    if current is not None and current.key == key:
        return current
    with _lock:
        current = _cache.get(key[0])
        if current is not None and current.key == key:
            return current
        load_panel: Callable[[Settings, str], pd.DataFrame] | None = getattr(
            importlib.import_module("detente.analytics"), "load_panel", None
        )
        if load_panel is None:  # the analytics domain owns the store; not installed yet
            return None
        frame = load_panel(settings, "cy")
        if frame.empty:
            return None
        current = _build(frame, key)
        _cache[key[0]] = current
        return current


def coverage(settings: Settings) -> PanelCoverage | None:
    """Years and countries of the loaded panel, or ``None`` when nothing is loaded."""
    loaded = _loaded(settings)
    return loaded.coverage if loaded else None


def country_history(settings: Settings, gwno: int) -> tuple[YearDeaths, ...]:
    """Deaths per year for one state, oldest first (empty when not in the panel)."""
    loaded = _loaded(settings)
    return loaded.history.get(gwno, ()) if loaded else ()


def latest_deaths(settings: Settings, column: str = "sb_best") -> tuple[int, dict[int, float]]:
    """The last year of the panel and ``column`` for every state alive then.

    Returns ``(0, {})`` when nothing is loaded.
    """
    loaded = _loaded(settings)
    if loaded is None:
        return 0, {}
    year = loaded.coverage.last_year
    last = loaded.frame[loaded.frame["year"] == year]
    return year, dict(zip(last["gwno"].astype(int), last[column].astype(float), strict=True))


def country_rows(settings: Settings, gwno: int) -> list[dict[str, object]]:
    """Every panel column for one state, one dict per year (for the API)."""
    loaded = _loaded(settings)
    if loaded is None:
        return []
    rows = loaded.frame[loaded.frame["gwno"] == gwno]
    return [{str(k): v for k, v in row.items()} for row in rows.to_dict(orient="records")]


def panel_file(settings: Settings, kind: str) -> bytes | None:
    """The whole panel as ``csv`` or ``parquet`` bytes (made once per store version)."""
    loaded = _loaded(settings)
    if loaded is None:
        return None
    if kind not in loaded.files:
        if kind == "csv":
            loaded.files[kind] = csv_frame(loaded.frame).to_csv(index=False).encode("utf-8")
        elif kind == "parquet":
            buffer = io.BytesIO()
            loaded.frame.to_parquet(buffer, index=False)
            loaded.files[kind] = buffer.getvalue()
        else:
            raise ValueError(f"unknown panel file kind {kind!r}; use 'csv' or 'parquet'")
    return loaded.files[kind]
