"""Features for our forecaster, built from the analytics panel alone (no future information).

Every feature of a row (country ``gwno`` at time ``t``) uses only periods up to ``t``, so a
model trained on rows with ``t + h <= cutoff`` and applied to rows at the cutoff never sees
data after it. Windows are in years and scaled to months for the country-month unit.

Groups (the names are what the explanations show):

* own violence: ``log1p`` of state-based (``sb``), non-state (``ns``) and one-sided (``os``)
  deaths now and one and two periods earlier, their rolling mean and max over 3 and 10 years,
  the change since the previous period;
* history: periods since the last state-based death (``since_sb``) and since the last period
  with 25 or more (``since_sb25``), counted from the panel's first period when never;
* neighbourhood: deaths in land neighbours now (sum and max, ``detente.countries.neighbours``)
  and in the rest of the UN subregion (``detente.countries.get_state``), both ``log1p``;
* conflict structure (UCDP/PRIO ACD): conflicts, maximum intensity, interstate and
  internationalized conflicts, distinct external supporters;
* peace process (PA-X): agreements now and over 5 years, ceasefires, comprehensive agreements;
  NaN (unknown) for periods after a source's coverage (the panel's NULLs), never 0;
* memberships: number of regional organisations the state belongs to that year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detente.countries import get_state, memberships, neighbours
from detente.errors import UnknownCountryError
from detente.marks import N_
from detente.warning.units import Unit

VIOLENCE = ("sb", "ns", "os")
ACD = (
    "acd_conflicts",
    "acd_intensity",
    "acd_interstate",
    "acd_internationalized",
    "acd_external_supporters",
)
PAX = ("pax_agreements", "pax_ceasefire", "pax_comprehensive")


def _subregion(gwno: int) -> str:
    try:
        return get_state(gwno).subregion or get_state(gwno).region or "?"
    except UnknownCountryError:
        return "?"


def _neighbour_table(keys: pd.DataFrame, unit: Unit) -> pd.DataFrame:
    """(gwno, year, neighbour) for every distinct (gwno, year) of ``keys``."""
    rows: list[tuple[int, int, int]] = []
    for gwno, year in keys.itertuples(index=False):
        try:
            found = neighbours(int(gwno), int(year))
        except (UnknownCountryError, ValueError):
            continue
        rows.extend((int(gwno), int(year), int(other)) for other in found)
    return pd.DataFrame(rows, columns=["gwno", "year", "neighbour"], dtype=np.int64)


def _since(flag: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """Periods since ``flag`` was last true within each group (row order = time order)."""
    out = np.empty(flag.size, dtype=np.float64)
    count = 0.0
    for i in range(flag.size):
        if group_start[i]:
            count = 0.0
        count = 0.0 if flag[i] else count + 1.0
        out[i] = count
    return out


def build_features(history: pd.DataFrame, unit: Unit) -> pd.DataFrame:
    """One row per (gwno, t) of ``history`` with the feature columns (``feature_names``).

    ``history`` is a panel sorted by gwno and ``t`` (the base forecaster prepares it).
    """
    frame = history.sort_values(["gwno", "t"], kind="stable").reset_index(drop=True)
    out = pd.DataFrame({"gwno": frame["gwno"].to_numpy(), "t": frame["t"].to_numpy()})
    group = frame.groupby("gwno", sort=False)
    years = unit.per_year
    for v in VIOLENCE:
        logged = np.log1p(frame[f"{v}_best"].clip(lower=0))
        out[f"{v}_log"] = logged
        grouped = logged.groupby(frame["gwno"], sort=False)
        for lag in (1, 2):
            out[f"{v}_lag{lag}"] = grouped.shift(lag).fillna(0.0)
        for span in (3, 10):
            roll = grouped.rolling(span * years, min_periods=1)
            out[f"{v}_mean{span}y"] = roll.mean().reset_index(level=0, drop=True)
            if v == "sb":
                out[f"{v}_max{span}y"] = roll.max().reset_index(level=0, drop=True)
    out["sb_change"] = out["sb_log"] - out["sb_lag1"]
    first = (group.cumcount() == 0).to_numpy()
    sb = frame["sb_best"].to_numpy()
    out["since_sb"] = _since(sb > 0, first) / years
    out["since_sb25"] = _since(sb >= 25, first) / years
    # neighbourhood: land neighbours and the rest of the subregion, same period
    years_of = (frame["t"] if unit.name == "cy" else 1980 + (frame["t"] - 1) // 12).astype(np.int64)
    keys = pd.DataFrame({"gwno": frame["gwno"], "year": years_of}).drop_duplicates()
    pairs = _neighbour_table(keys, unit)
    violence = pd.DataFrame({"neighbour": frame["gwno"], "t": frame["t"], "sb": sb})
    by_row = pd.DataFrame({"gwno": frame["gwno"], "t": frame["t"], "year": years_of})
    joined = by_row.merge(pairs, on=["gwno", "year"]).merge(violence, on=["neighbour", "t"])
    agg = joined.groupby(["gwno", "t"])["sb"].agg(["sum", "max"])
    around = by_row[["gwno", "t"]].merge(agg, left_on=["gwno", "t"], right_index=True, how="left")
    out["nb_sb_sum"] = np.log1p(around["sum"].fillna(0.0).to_numpy())
    out["nb_sb_max"] = np.log1p(around["max"].fillna(0.0).to_numpy())
    regions = {g: _subregion(int(g)) for g in frame["gwno"].unique()}
    region = frame["gwno"].map(regions)
    total = pd.Series(sb).groupby([region.to_numpy(), frame["t"].to_numpy()]).transform("sum")
    out["region_sb"] = np.log1p((total.to_numpy() - sb).clip(min=0))
    for column in ACD:
        out[column] = frame[column].to_numpy(dtype=np.float64)
    for column in PAX:
        out[column] = frame[column].to_numpy(dtype=np.float64)
    pax = frame["pax_agreements"].astype(np.float64).groupby(frame["gwno"], sort=False)
    pax_5y = pax.rolling(5 * years, min_periods=1).sum().reset_index(level=0, drop=True)
    # after PA-X's coverage the window would hold only the covered years: unknown, not fewer
    out["pax_5y"] = pax_5y.where(frame["pax_agreements"].notna()).to_numpy()
    counts = {
        (g, y): float(len(memberships(int(g), int(y)))) for g, y in keys.itertuples(index=False)
    }
    out["memberships"] = [counts[(g, y)] for g, y in zip(frame["gwno"], years_of, strict=True)]
    return out


FEATURE_LABELS: dict[str, str] = {
    "sb_log": N_("state-based deaths this year"),
    "sb_lag1": N_("state-based deaths a year earlier"),
    "sb_lag2": N_("state-based deaths two years earlier"),
    "sb_mean3y": N_("state-based deaths, 3-year average"),
    "sb_max3y": N_("state-based deaths, 3-year maximum"),
    "sb_mean10y": N_("state-based deaths, 10-year average"),
    "sb_max10y": N_("state-based deaths, 10-year maximum"),
    "sb_change": N_("change in state-based deaths"),
    "ns_log": N_("non-state deaths this year"),
    "ns_lag1": N_("non-state deaths a year earlier"),
    "ns_lag2": N_("non-state deaths two years earlier"),
    "ns_mean3y": N_("non-state deaths, 3-year average"),
    "ns_mean10y": N_("non-state deaths, 10-year average"),
    "os_log": N_("one-sided deaths this year"),
    "os_lag1": N_("one-sided deaths a year earlier"),
    "os_lag2": N_("one-sided deaths two years earlier"),
    "os_mean3y": N_("one-sided deaths, 3-year average"),
    "os_mean10y": N_("one-sided deaths, 10-year average"),
    "since_sb": N_("years since the last state-based death"),
    "since_sb25": N_("years since the last year with 25 or more deaths"),
    "nb_sb_sum": N_("deaths in land neighbours"),
    "nb_sb_max": N_("deaths in the most violent neighbour"),
    "region_sb": N_("deaths in the rest of the subregion"),
    "acd_conflicts": N_("armed conflicts on its territory"),
    "acd_intensity": N_("intensity of armed conflict"),
    "acd_interstate": N_("interstate conflicts"),
    "acd_internationalized": N_("internationalized conflicts"),
    "acd_external_supporters": N_("external supporters of the parties"),
    "pax_agreements": N_("peace agreements this year"),
    "pax_ceasefire": N_("ceasefire agreements this year"),
    "pax_comprehensive": N_("comprehensive agreements this year"),
    "pax_5y": N_("peace agreements over 5 years"),
    "memberships": N_("regional organisations it belongs to"),
}
"""Each feature in words, for explanations: the CLI prints them in English beside the code,
the web pages translate them (``warning`` catalogue; :mod:`detente.web.catalogues` extracts them
from this module). A test keeps one label per feature column."""


def feature_names(features: pd.DataFrame) -> list[str]:
    """The model inputs among the columns of :func:`build_features` (all but gwno and t)."""
    return [c for c in features.columns if c not in ("gwno", "t")]
