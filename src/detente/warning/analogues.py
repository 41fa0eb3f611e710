"""Lessons from past crises: the most similar past trajectories, what followed, and a forecaster.

The report asks to learn "lessons from past crises in order to act in time". For a state and a
year this finds the ``k`` country-years, among all states and strictly before the cutoff, whose
recent violence pattern (and criteria) look most like it, then shows what happened in the three
years after each of them and which peace agreements (PA-X) or recorded mediation came with it.

Similarity is a weighted Euclidean distance on features in [0, ~1] (:data:`FEATURE_WEIGHTS`):
state-based deaths in the year and the four before it (log scale, recent years weigh more),
other violence, years since the last conflict year, neighbours' violence, external supporters,
recent peace agreements; the page view adds the four criteria. Only past data enters: an
analogue year ``t`` is eligible only if ``t + 3 <= cutoff`` so its outcome was known then.

:class:`AnalogueForecaster` turns the same search into a model of the forecaster protocol:
every draw picks one of the ``k = 50`` nearest analogues (probability ~ 1 / (distance + 0.05))
and moves the state's current level by that analogue's change on the log scale ``h`` periods on.
``k`` was chosen on the 2000-2009 backtest (10, 25, 50, 100 tried; 50 best on CRPS there), then
scored once on 2010-2023: CRPS 348.3 vs conflictology 431.3 (ratio 0.81), IGN 0.94 vs 1.17,
MIS90 5,003 vs 5,853, coverage 0.949 (1,000 draws, 16 cutoffs). On 2000-2009 conflictology
keeps the lower CRPS (126.6 vs 131.4), so the gain is not uniform over time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from detente.countries import gwno_to_iso3, neighbours
from detente.errors import DataValidationError, UnknownCountryError
from detente.settings import Settings
from detente.warning.actions import list_mediation
from detente.warning.criteria import CRITERIA, criteria_frame, load_sources
from detente.warning.forecasters.base import PanelForecaster

LAGS = 5
"""Years of state-based deaths in the pattern: the year itself and the four before it."""
FOLLOW = 3
"""Years of outcome shown (and required to be observed) after an analogue year."""
SCALE = math.log1p(10_000)
"""log1p(deaths) / SCALE maps 10,000 deaths to 1."""
FEATURE_WEIGHTS: dict[str, float] = {
    "sb_0": 1.0,
    "sb_1": 0.7,
    "sb_2": 0.5,
    "sb_3": 0.35,
    "sb_4": 0.25,
    "other_violence": 0.4,
    "calm": 0.5,
    "neighbour_violence": 0.4,
    "external_supporters": 0.3,
    "peace_agreements": 0.3,
}
"""Weights of the panel features in the squared distance."""
CRITERIA_WEIGHT = 0.3
"""Weight of each of the four criteria in the page view's distance."""


def panel_features(panel: pd.DataFrame) -> pd.DataFrame:
    """One row per (gwno, period) of ``panel`` with the :data:`FEATURE_WEIGHTS` columns.

    ``panel`` is a country-year or country-month panel (``docs/data-contracts.md``). Adds the
    integer ``t`` (position of the period in the panel's sorted periods) and keeps ``sb_best``.
    """
    periods = sorted(panel["period"].astype(str).unique())
    index = {p: i for i, p in enumerate(periods)}
    frame = panel[
        [
            "gwno",
            "period",
            "sb_best",
            "ns_best",
            "os_best",
            "acd_external_supporters",
            "pax_agreements",
        ]
    ].copy()
    frame["period"] = frame["period"].astype(str)
    frame["t"] = frame["period"].map(index).astype(int)
    frame = frame.sort_values(["gwno", "t"]).reset_index(drop=True)
    wide = frame.pivot_table(index="gwno", columns="t", values="sb_best", aggfunc="sum")
    wide = wide.reindex(columns=range(len(periods)))
    values = wide.to_numpy(dtype=float)
    rows = wide.index.get_indexer(pd.Index(frame["gwno"]))
    cols = frame["t"].to_numpy()
    logs = np.log1p(np.nan_to_num(values, nan=0.0)) / SCALE
    for lag in range(LAGS):
        shifted = cols - lag
        ok = shifted >= 0
        out = np.zeros(len(frame))
        out[ok] = logs[rows[ok], shifted[ok]]
        frame[f"sb_{lag}"] = out
    # years (periods) since the last one with >= 25 deaths, capped at 10, scaled to [0, 1]
    conflict = np.nan_to_num(values, nan=0.0) >= 25
    since = np.full(values.shape, 10.0)
    for j in range(values.shape[1]):
        if j > 0:
            since[:, j] = np.minimum(since[:, j - 1] + 1, 10.0)
        since[conflict[:, j], j] = 0.0
    frame["calm"] = since[rows, cols] / 10.0
    frame["other_violence"] = np.log1p(frame["ns_best"] + frame["os_best"]) / SCALE
    totals = dict(
        zip(
            zip(frame["gwno"], frame["period"], strict=True),
            (frame["sb_best"] + frame["ns_best"] + frame["os_best"]).tolist(),
            strict=True,
        )
    )
    neighbour_deaths = []
    for gwno, period in zip(frame["gwno"], frame["period"], strict=True):
        try:
            nbrs = neighbours(int(gwno), int(period[:4]))
        except (ValueError, UnknownCountryError):
            nbrs = frozenset()
        neighbour_deaths.append(sum(totals.get((n, period), 0.0) for n in nbrs))
    frame["neighbour_violence"] = np.log1p(np.array(neighbour_deaths)) / SCALE
    frame["external_supporters"] = np.minimum(frame["acd_external_supporters"], 3) / 3.0
    # agreements over the window's years PA-X covers; unknown (NaN) when it covers none of them
    pax = frame.groupby("gwno")["pax_agreements"].transform(
        lambda s: s.rolling(LAGS, min_periods=1).sum()
    )
    frame["peace_agreements"] = np.minimum(pax, 3) / 3.0
    return frame[["gwno", "period", "t", "sb_best", *FEATURE_WEIGHTS]]


def _distances(library: np.ndarray, query: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted Euclidean distances, ``(len(query), len(library))``.

    A feature unknown on either side (NaN: a source's coverage ended, e.g. PA-X in 2020) adds
    nothing to that pair's distance rather than making it NaN.
    """
    diff = query[:, None, :] - library[None, :, :]
    result: np.ndarray = np.sqrt(np.nansum(diff * diff * weights, axis=2))
    return result


# --------------------------------------------------------------------------- page view


@dataclass(frozen=True)
class Analogue:
    """One past country-year like the one asked about, and what followed it."""

    gwno: int
    iso3: str | None
    country: str
    year: int
    distance: float
    pattern: tuple[float, ...]
    followed: tuple[float, ...]
    agreements: tuple[dict[str, Any], ...]
    mediation: tuple[dict[str, Any], ...]

    @property
    def worsened(self) -> bool:
        """Whether deaths in any of the following years exceeded the analogue year's."""
        return max(self.followed, default=0.0) > self.pattern[-1]


@dataclass(frozen=True)
class AnalogueSet:
    """The analogues of one state and year, with the query's own pattern and a summary."""

    gwno: int
    year: int
    pattern: tuple[float, ...]
    analogues: tuple[Analogue, ...]

    @property
    def counts(self) -> dict[str, int]:
        """What the summary counts (pages write it in their language from these numbers)."""
        return {
            "n": len(self.analogues),
            "worse": sum(a.worsened for a in self.analogues),
            "conflict": sum(max(a.followed, default=0.0) >= 25 for a in self.analogues),
            "talks": sum(bool(a.agreements) or bool(a.mediation) for a in self.analogues),
            "years": FOLLOW,
        }

    @property
    def summary(self) -> str:
        """One plain-language sentence: how often things got worse, how often talks came."""
        c = self.counts
        if c["n"] == 0:
            return "No comparable past situation before this year."
        return (
            f"In {c['worse']} of {c['n']} similar situations deaths rose within {FOLLOW} years;"
            f" {c['conflict']} of {c['n']} had a year with 25 or more deaths;"
            f" {c['talks']} of {c['n']} saw peace agreements or recorded mediation."
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (API, alert explanations)."""
        return {
            "gwno": self.gwno,
            "year": self.year,
            "pattern": list(self.pattern),
            "summary": self.summary,
            "counts": self.counts,
            "analogues": [
                {
                    "gwno": a.gwno,
                    "iso3": a.iso3,
                    "country": a.country,
                    "year": a.year,
                    "distance": a.distance,
                    "pattern": list(a.pattern),
                    "followed": list(a.followed),
                    "agreements": list(a.agreements),
                    "mediation": list(a.mediation),
                }
                for a in self.analogues
            ],
        }


def find_analogues(
    settings: Settings,
    gwno: int,
    year: int,
    k: int = 5,
    session: Session | None = None,
    with_criteria: bool = True,
) -> AnalogueSet:
    """The ``k`` past country-years most like ``gwno`` in ``year`` (see the module docstring).

    Candidates are every state's years ``t`` with ``t + 3 <= year``; at most one analogue per
    state (its closest year), so five analogues are five different crises.

    Raises ``DataValidationError`` for a year outside the data (naming the years it has: "no
    panel row for state 625 in 2030" read as if Sudan were the problem) or if the panel has no
    row for ``gwno`` in ``year``.
    """
    sources = load_sources(settings)
    if not sources.first_year <= year <= sources.last_year:
        raise DataValidationError(
            "analogues",
            None,
            "year",
            f"{year} is outside the data ({sources.first_year}-{sources.last_year})",
        )
    features = _cached_features(settings)
    weights = dict(FEATURE_WEIGHTS)
    columns = list(FEATURE_WEIGHTS)
    if with_criteria:
        scores = criteria_frame(settings)
        scores["period"] = scores["year"].astype(str)
        features = features.merge(scores[["gwno", "period", *CRITERIA]], on=["gwno", "period"])
        columns += list(CRITERIA)
        weights.update(dict.fromkeys(CRITERIA, CRITERIA_WEIGHT))
    key = str(year)
    query = features[(features["gwno"] == gwno) & (features["period"] == key)]
    if query.empty:
        raise DataValidationError(
            "panel", None, "period", f"no panel row for state {gwno} in {year}"
        )
    years = features["period"].astype(int)
    library = features[(years + FOLLOW <= year) & (years >= sources.first_year + LAGS - 1)]
    if library.empty:
        return AnalogueSet(gwno, year, _pattern(sources.sb, gwno, year), ())
    w = np.array([weights[c] for c in columns])
    dist = _distances(library[columns].to_numpy(float), query[columns].to_numpy(float), w)[0]
    order = np.lexsort((-library["t"].to_numpy(), dist))
    chosen: list[tuple[int, int, float]] = []
    seen: set[int] = set()
    for i in order:
        g = int(library["gwno"].iloc[i])
        if g in seen:
            continue
        seen.add(g)
        chosen.append((g, int(library["period"].iloc[i]), float(dist[i])))
        if len(chosen) == k:
            break
    mediation_by_state: dict[int, list[dict[str, Any]]] = {}
    if session is not None:
        for m in list_mediation(session):
            mediation_by_state.setdefault(m.gwno, []).append(
                {"track": m.track, "mediator": m.mediator, "start": m.started_on.isoformat()}
            )
    analogues = []
    for g, t, d in chosen:
        agreements = tuple(
            {"id": p.agreement_id, "date": p.date, "name": p.short_name, "stage": p.stage}
            for p in sorted(sources.pax_by_state.get(g, []), key=lambda p: p.date)
            if t < p.year <= t + FOLLOW
        )
        mediation = tuple(
            m for m in mediation_by_state.get(g, []) if t < int(m["start"][:4]) <= t + FOLLOW
        )
        analogues.append(
            Analogue(
                gwno=g,
                iso3=gwno_to_iso3(g),
                country=_name(sources.panel, g),
                year=t,
                distance=round(d, 4),
                pattern=_pattern(sources.sb, g, t),
                followed=tuple(sources.sb.get((g, t + h), 0.0) for h in range(1, FOLLOW + 1)),
                agreements=agreements,
                mediation=mediation,
            )
        )
    return AnalogueSet(gwno, year, _pattern(sources.sb, gwno, year), tuple(analogues))


def _pattern(sb: dict[tuple[int, int], float], gwno: int, year: int) -> tuple[float, ...]:
    return tuple(sb.get((gwno, y), 0.0) for y in range(year - LAGS + 1, year + 1))


def _name(panel: pd.DataFrame, gwno: int) -> str:
    names = panel.loc[panel["gwno"] == gwno, "country"]
    return str(names.iloc[-1]) if len(names) else str(gwno)


_FEATURE_CACHE: dict[tuple[str, float], pd.DataFrame] = {}


def _cached_features(settings: Settings) -> pd.DataFrame:
    sources = load_sources(settings)
    path = settings.analytics_path
    key = (str(path), path.stat().st_mtime)
    if key not in _FEATURE_CACHE:
        _FEATURE_CACHE.clear()
        _FEATURE_CACHE[key] = panel_features(sources.panel)
    return _FEATURE_CACHE[key].copy()


# --------------------------------------------------------------------------- forecaster


class AnalogueForecaster(PanelForecaster):
    """Forecasts by analogy: the changes that followed the ``k`` most similar past situations.

    A :class:`~detente.warning.forecasters.base.PanelForecaster` (so it runs in the common
    backtest): ``fit(panel, cutoff)`` then ``sample(n, seed)`` returning the contract columns
    (gwno, period, horizon, draw, fatalities). Horizons: 3 for country-years, 12 for months.
    """

    name = "analogues"
    learns_from_outcomes = True

    def __init__(self, k: int = 50) -> None:
        super().__init__()
        self.k = k
        self._library = np.empty((0, len(FEATURE_WEIGHTS)))
        self._change = np.empty((0, 0))
        self._query = np.empty((0, len(FEATURE_WEIGHTS)))
        self._level = np.empty(0)
        self._weights = np.array(list(FEATURE_WEIGHTS.values()))

    def _fit(self, history: pd.DataFrame) -> None:
        """Index every past situation whose outcome ``horizons`` on is known by the cutoff."""
        horizons = self._unit().horizons
        features = panel_features(history)
        c = int(features["t"].max())
        columns = list(FEATURE_WEIGHTS)
        library = features[(features["t"] + horizons <= c) & (features["t"] >= LAGS - 1)]
        sb = features.pivot_table(index="gwno", columns="t", values="sb_best", aggfunc="sum")
        filled = sb.fillna(0.0).reindex(columns=range(c + 1), fill_value=0.0)
        rows = filled.index.get_indexer(pd.Index(library["gwno"]))
        log_values = np.log1p(filled.to_numpy(float))
        lt = library["t"].to_numpy()
        # change on the log scale h periods after each library situation: (library, horizons)
        self._change = np.stack(
            [log_values[rows, lt + h] - log_values[rows, lt] for h in range(1, horizons + 1)],
            axis=1,
        ).reshape(len(library), horizons)
        self._library = library[columns].to_numpy(float)
        query = features[features["t"] == c].set_index("gwno").reindex(self.gwnos).fillna(0.0)
        self._query = query[columns].to_numpy(float)
        self._level = np.log1p(query["sb_best"].to_numpy(float))

    def _draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Each draw: the state's log level moved by one near analogue's later change."""
        units, horizons = self.gwnos.size, self._unit().horizons
        draws = np.zeros((units, horizons, n))
        if len(self._library) == 0:
            draws[:] = np.expm1(self._level)[:, None, None]
            return draws
        k = min(self.k, len(self._library))
        for start in range(0, units, 64):
            block = slice(start, min(start + 64, units))
            dist = _distances(self._library, self._query[block], self._weights)
            nearest = np.argpartition(dist, k - 1, axis=1)[:, :k]
            for row, (idx, level) in enumerate(zip(nearest, self._level[block], strict=True)):
                p = 1.0 / (dist[row, idx] + 0.05)
                picks = rng.choice(idx, size=n, p=p / p.sum())
                draws[start + row] = np.expm1(level + self._change[picks].T)  # (horizons, n)
        return np.maximum(draws, 0.0)
