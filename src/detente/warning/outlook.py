"""What the stored forecast expects for the year after the data: the brief's "outlook".

A brief that only looks back tells a ministry what it already read in the news. The outlook
reads the country-year forecast made from the same data (cutoff = the brief's data year) and
says, with numbers from its draws: how many states have an even chance or more of a
state-based conflict (25 or more deaths) next year, where a new conflict is most likely among
states that were calm, and where the most deaths are expected. Nothing is computed when no
forecast with that cutoff is stored: the brief then leaves the section out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detente.caching import single_flight_cache
from detente.settings import Settings
from detente.warning.criteria import load_sources
from detente.warning.storage import read_forecast, stored_forecasts

CONFLICT_DEATHS = 25
"""UCDP's threshold of an armed conflict-year."""
LIKELY = 0.5
"""A conflict is "likely" at this chance or more."""
CALM_YEARS = 3
"""A state is calm when it had fewer than :data:`CONFLICT_DEATHS` in each of these years."""
NEW_RISK_FLOOR = 0.10
"""Calm states are listed as risks of a new conflict only from this chance up."""


@dataclass(frozen=True)
class OutlookRow:
    """One state's forecast for the outlook year (one year ahead)."""

    gwno: int
    iso3: str | None
    country: str
    chance: float
    """Share of draws with 25 or more state-based deaths."""
    median: float
    low: float
    """5% quantile of the draws."""
    high: float
    """95% quantile of the draws."""


@dataclass(frozen=True)
class Outlook:
    """The forecast's view of the year after the data."""

    model: str
    cutoff: int
    likely: int
    """States with a chance of at least :data:`LIKELY` of 25 or more deaths."""
    new_risks: tuple[OutlookRow, ...]
    """Calm states with the highest chance of 25 or more deaths (at least the floor)."""
    largest: tuple[OutlookRow, ...]
    """States with the largest median number of deaths."""

    @property
    def year(self) -> int:
        """The year the outlook is about."""
        return self.cutoff + 1

    @property
    def calm_since(self) -> int:
        """First of the years that define "calm"."""
        return self.cutoff - CALM_YEARS + 1


def make_outlook(
    settings: Settings, data_year: int, limit: int = 3, panel: pd.DataFrame | None = None
) -> Outlook | None:
    """The outlook from the stored country-year forecast with cutoff ``data_year`` (the default
    model's when several models made one), or ``None`` when there is none. ``panel`` defaults
    to the analytics store's (cached per store and forecast file)."""
    found = [f for f in stored_forecasts(settings, "cy") if f.cutoff == str(data_year)]
    if not found:
        return None
    info = found[0]
    if panel is not None:
        frame, _ = read_forecast(info.path)
        return outlook_from_frame(frame, info.model, panel, data_year, limit)
    mtimes = (info.path.stat().st_mtime, settings.analytics_path.stat().st_mtime)
    return _cached_outlook(info.path, mtimes, info.model, settings, data_year, limit)


@single_flight_cache(maxsize=8)
def _cached_outlook(
    path: Path,
    mtimes: tuple[float, float],
    model: str,
    settings: Settings,
    data_year: int,
    limit: int,
) -> Outlook:
    """Once per forecast file and store version (the home page shows the brief on every
    visit)."""
    frame, _ = read_forecast(path)
    return outlook_from_frame(frame, model, load_sources(settings).panel, data_year, limit)


def outlook_from_frame(
    frame: pd.DataFrame, model: str, panel: pd.DataFrame, cutoff: int, limit: int = 3
) -> Outlook:
    """The outlook from a forecast frame in the contract format (horizon 1 only)."""
    first = frame.loc[frame["horizon"] == 1]
    draws = first.groupby("gwno")["fatalities"]
    table = pd.DataFrame(
        {
            "chance": draws.apply(lambda d: float((d.to_numpy() >= CONFLICT_DEATHS).mean())),
            "median": draws.median(),
            "low": draws.quantile(0.05),
            "high": draws.quantile(0.95),
        }
    )
    recent = panel.loc[panel["year"].between(cutoff - CALM_YEARS + 1, cutoff)]
    violent = set(recent.loc[recent["sb_best"] >= CONFLICT_DEATHS, "gwno"].astype(int))
    names = panel.sort_values("year").drop_duplicates("gwno", keep="last").set_index("gwno")
    table = table.join(names[["iso3", "country"]], how="left")
    calm = table.loc[~table.index.isin(list(violent))]
    risks = calm.loc[calm["chance"] >= NEW_RISK_FLOOR].sort_values(
        ["chance", "median"], ascending=False
    )
    largest = table.sort_values(["median", "chance"], ascending=False)
    return Outlook(
        model=model,
        cutoff=cutoff,
        likely=int((table["chance"] >= LIKELY).sum()),
        new_risks=_rows(risks.head(limit)),
        largest=_rows(largest.head(limit)),
    )


def _rows(table: pd.DataFrame) -> tuple[OutlookRow, ...]:
    return tuple(
        OutlookRow(
            gwno=gwno,
            iso3=row["iso3"] if isinstance(row["iso3"], str) else None,
            country=row["country"] if isinstance(row["country"], str) else str(gwno),
            chance=float(row["chance"]),
            median=float(round(row["median"])),
            low=float(round(row["low"])),
            high=float(round(row["high"])),
        )
        for gwno, row in zip(
            table.index.astype(int).tolist(), table.to_dict("records"), strict=True
        )
    )
