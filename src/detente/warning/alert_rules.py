"""Alert rules: configuration (a TOML file) and their evaluation on a forecast.

Rules are plain, documented thresholds rather than a learned classifier so that an analyst can
read why an alert fired and change the trade-off between missed crises and false alarms in one
file. The evaluation is pure (DataFrames in, candidates out): ``detente.warning.alerts`` stores
the candidates and the backtest (``detente.warning.alert_backtest``) scores them.

Rules (defaults in ``alert_rules.toml`` next to this module; ``$DETENTE_DATA_DIR/alert_rules.toml``
overrides it):

``onset``       P(deaths >= 25 at horizon 1) >= 0.3 and every one of the last 3 observed periods
                below 25 deaths.
``escalation``  forecast mean at horizon 1 >= 2 x the mean of the last 3 observed periods (itself
                at least 25) and at least 100 deaths above it; scored by the chance of that
                rise itself (the share of draws at or above both bars), since the mean of a
                heavy-tailed forecast can sit far above what is likely.
``surge``       P(deaths at horizon 1 >= 25 and more than 2 x the worst of the last 3 observed
                periods) >= 0.1: the chance of exactly the event the alert backtest scores (an
                onset or a sharp escalation), so one probability covers both.
``criterion:<key>``  criterion ``key`` at or above its threshold in the cutoff year and below it
                the year before.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from detente.errors import DataValidationError
from detente.settings import Settings
from detente.warning.criteria import CRITERIA, TITLES
from detente.warning.forecasters.base import QUANTILE_DECIMALS

DEFAULT_RULES_FILE = Path(__file__).with_name("alert_rules.toml")
CONTRACT = ("gwno", "period", "horizon", "draw", "fatalities")
FORECAST_RULES = ("onset", "escalation", "surge")
"""The rules read from the forecast draws (the criterion rules read the criteria)."""
RULE_NAMES = FORECAST_RULES + tuple(f"criterion:{key}" for key in CRITERIA)
"""Every rule an alert can carry, in the order lists and filters show them."""
PROBABILITY_RULES: dict[str, str] = {
    "onset": "p_over",
    "escalation": "p_escalation",
    "surge": "p_event",
}
"""The rules whose alert score is the forecast's chance of the rule's event (written "26%"), and
the rule input that holds it. The criterion rules' scores are the criteria's indices in [0, 1]."""
ScoreKind = Literal["probability", "index"]


def score_kind(rule: str, inputs: dict[str, Any] | None = None) -> ScoreKind:
    """``"probability"`` for :data:`PROBABILITY_RULES`, ``"index"`` for the others.

    ``inputs`` are a stored alert's rule inputs: an alert whose inputs lack the chance its rule
    now scores by was raised under an older definition (escalation alerts before 2026-12 scored
    ``1 - level / mean``), so it stays an index rather than being misread as a chance.
    """
    if rule not in PROBABILITY_RULES:
        return "index"
    if inputs and PROBABILITY_RULES[rule] not in inputs:
        return "index"
    return "probability"


def strength_text(rule: str, score: float, inputs: dict[str, Any] | None = None) -> str:
    """An alert's score as a reader takes it, in English: "chance 26%" or "score 0.41"."""
    if score_kind(rule, inputs) == "probability":
        return f"chance {score:.0%}"
    return f"score {score:.2f}"


@dataclass(frozen=True)
class OnsetRule:
    """A new conflict: likely deaths where the recent past was calm."""

    enabled: bool = True
    deaths: float = 25.0
    threshold: float = 0.3
    calm_periods: int = 3
    horizon: int = 1


@dataclass(frozen=True)
class EscalationRule:
    """An ongoing conflict getting much worse."""

    enabled: bool = True
    factor: float = 2.0
    min_increase: float = 100.0
    min_level: float = 25.0
    recent_periods: int = 3
    horizon: int = 1


@dataclass(frozen=True)
class SurgeRule:
    """An onset or a sharp escalation, as a probability: the event of the alert backtest
    (:func:`detente.warning.alert_backtest.events`) read off the forecast draws.

    The onset rule ignores states with any recent violence and the escalation rule compares
    means, which a few very large draws move; the chance that deaths reach ``deaths`` and more
    than ``factor`` x the worst of the last ``periods`` periods asks the forecast the question
    the analyst cares about. ``threshold`` 0.1 was chosen on the 1995-2009 alert backtest
    (best F1 of precision and recall on the ``lgbm`` forecasts; ``docs/criteria.md``).
    """

    enabled: bool = True
    deaths: float = 25.0
    factor: float = 2.0
    periods: int = 3
    threshold: float = 0.1
    horizon: int = 1


@dataclass(frozen=True)
class CriterionRule:
    """A criterion crossing its threshold from one year to the next."""

    criterion: str
    threshold: float


@dataclass(frozen=True)
class RulesConfig:
    """Every rule, as read from the TOML file."""

    onset: OnsetRule = field(default_factory=OnsetRule)
    escalation: EscalationRule = field(default_factory=EscalationRule)
    criteria: tuple[CriterionRule, ...] = ()
    surge: SurgeRule = field(default_factory=SurgeRule)
    source: str = "defaults"

    @property
    def names(self) -> list[str]:
        """The rule names alerts carry."""
        found = [name for name in FORECAST_RULES if getattr(self, name).enabled]
        return found + [f"criterion:{c.criterion}" for c in self.criteria]


@dataclass(frozen=True)
class Candidate:
    """A rule that fired for a state: the alert to create, with what made it fire."""

    gwno: int
    period: str
    rule: str
    score: float
    text: str
    inputs: dict[str, Any]


def _number(file: str, section: str, values: dict[str, Any], key: str, default: float) -> float:
    value = values.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DataValidationError(
            file, None, f"{section}.{key}", f"{value!r} is not a non-negative number"
        )
    return float(value)


def _whole(file: str, section: str, values: dict[str, Any], key: str, default: int) -> int:
    value = values.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DataValidationError(
            file, None, f"{section}.{key}", f"{value!r} is not a whole number >= 1"
        )
    return value


def parse_rules(text: str, file: str = "alert_rules.toml") -> RulesConfig:
    """Rules from TOML text; ``DataValidationError`` naming the key for a bad value."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataValidationError(file, None, None, f"not valid TOML: {e}") from e
    known = {*FORECAST_RULES, "criteria"}
    unknown = set(data) - known
    if unknown:
        raise DataValidationError(
            file, None, sorted(unknown)[0], f"unknown section; use {sorted(known)}"
        )
    o = data.get("onset", {})
    x = data.get("escalation", {})
    onset = OnsetRule(
        enabled=bool(o.get("enabled", True)),
        deaths=_number(file, "onset", o, "deaths", 25),
        threshold=_number(file, "onset", o, "threshold", 0.3),
        calm_periods=_whole(file, "onset", o, "calm_periods", 3),
        horizon=_whole(file, "onset", o, "horizon", 1),
    )
    if onset.threshold > 1:
        raise DataValidationError(file, None, "onset.threshold", "a probability is at most 1")
    escalation = EscalationRule(
        enabled=bool(x.get("enabled", True)),
        factor=_number(file, "escalation", x, "factor", 2.0),
        min_increase=_number(file, "escalation", x, "min_increase", 100),
        min_level=_number(file, "escalation", x, "min_level", 25),
        recent_periods=_whole(file, "escalation", x, "recent_periods", 3),
        horizon=_whole(file, "escalation", x, "horizon", 1),
    )
    u = data.get("surge", {})
    surge = SurgeRule(
        enabled=bool(u.get("enabled", True)),
        deaths=_number(file, "surge", u, "deaths", 25),
        factor=_number(file, "surge", u, "factor", 2.0),
        periods=_whole(file, "surge", u, "periods", 3),
        threshold=_number(file, "surge", u, "threshold", 0.1),
        horizon=_whole(file, "surge", u, "horizon", 1),
    )
    if surge.threshold > 1:
        raise DataValidationError(file, None, "surge.threshold", "a probability is at most 1")
    criteria = []
    for index, item in enumerate(data.get("criteria", []), start=1):
        key = item.get("criterion")
        if key not in CRITERIA:
            raise DataValidationError(
                file, index, "criteria.criterion", f"{key!r} is not one of {list(CRITERIA)}"
            )
        threshold = _number(file, "criteria", item, "threshold", 0.5)
        if threshold > 1:
            raise DataValidationError(file, index, "criteria.threshold", "scores are at most 1")
        criteria.append(CriterionRule(key, threshold))
    return RulesConfig(onset, escalation, tuple(criteria), surge=surge, source=file)


def load_rules(settings: Settings | None = None) -> RulesConfig:
    """The rules in ``$DETENTE_DATA_DIR/alert_rules.toml`` if it exists, else the defaults."""
    path = DEFAULT_RULES_FILE
    if settings is not None and (settings.data_dir / "alert_rules.toml").is_file():
        path = settings.data_dir / "alert_rules.toml"
    return parse_rules(path.read_text(encoding="utf-8"), str(path))


def check_forecast(forecast: pd.DataFrame, file: str = "forecast") -> None:
    """Refuse a frame that is not the forecast contract (missing columns, negative deaths)."""
    missing = [c for c in CONTRACT if c not in forecast.columns]
    if missing:
        raise DataValidationError(file, None, missing[0], "missing column of the forecast contract")
    if len(forecast) == 0:
        raise DataValidationError(file, None, None, "the forecast has no rows")
    bad = forecast["fatalities"].isna() | (forecast["fatalities"] < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
        raise DataValidationError(file, row, "fatalities", "must be a number >= 0")


def forecast_cutoff(forecast: pd.DataFrame, panel: pd.DataFrame) -> str:
    """The last observed period before the forecast's first horizon (``YYYY`` or ``YYYY-MM``)."""
    first = str(forecast.loc[forecast["horizon"] == forecast["horizon"].min(), "period"].min())
    periods = sorted(p for p in panel["period"].astype(str).unique() if p < first)
    if not periods:
        raise DataValidationError(
            "forecast", None, "period", f"the panel has no period before {first}"
        )
    return str(periods[-1])


def _history(panel: pd.DataFrame, cutoff: str, periods: int) -> pd.DataFrame:
    """State-based deaths of the last ``periods`` observed periods up to ``cutoff``: gwno x k."""
    kept = sorted(p for p in panel["period"].astype(str).unique() if p <= cutoff)[-periods:]
    rows = panel[panel["period"].astype(str).isin(kept)]
    return rows.pivot_table(index="gwno", columns="period", values="sb_best", aggfunc="sum")


def _interval(low: float, high: float) -> list[float]:
    """The stored 90% interval of deaths, without the quantiles' interpolation noise."""
    return [round(float(low), QUANTILE_DECIMALS), round(float(high), QUANTILE_DECIMALS)]


def _horizon_summary(forecast: pd.DataFrame, horizon: int, deaths: float) -> pd.DataFrame:
    """Per state at ``horizon``: period, mean, P(>= deaths), 5% and 95% quantiles.

    Dense arrays when every state has the same number of draws (the contract), else groupby.
    """
    rows = forecast[forecast["horizon"] == horizon].sort_values("gwno", kind="stable")
    gwnos, starts, counts = np.unique(
        rows["gwno"].to_numpy(dtype=np.int64), return_index=True, return_counts=True
    )
    periods = rows["period"].iloc[starts].astype(str).to_numpy()
    if len(counts) and (counts == counts[0]).all():
        draws = rows["fatalities"].to_numpy(dtype=float).reshape(len(gwnos), counts[0])
        q05, q95 = np.quantile(draws, [0.05, 0.95], axis=1)
        return pd.DataFrame(
            {
                "period": periods,
                "mean": draws.mean(axis=1),
                "p_over": (draws >= deaths).mean(axis=1),
                "q05": q05,
                "q95": q95,
            },
            index=pd.Index(gwnos, name="gwno"),
        )
    grouped = rows.assign(over=rows["fatalities"] >= deaths).groupby("gwno")
    return pd.DataFrame(
        {
            "period": periods,
            "mean": grouped["fatalities"].mean().to_numpy(),
            "p_over": grouped["over"].mean().to_numpy(),
            "q05": grouped["fatalities"].quantile(0.05).to_numpy(),
            "q95": grouped["fatalities"].quantile(0.95).to_numpy(),
        },
        index=pd.Index(gwnos, name="gwno"),
    )


def _share_at_least(forecast: pd.DataFrame, horizon: int, bar: pd.Series) -> pd.Series:
    """Per state at ``horizon``: the share of draws at or above its ``bar`` (states without a
    bar are left out)."""
    rows = forecast[forecast["horizon"] == horizon]
    gwnos = rows["gwno"].to_numpy(dtype=np.int64)
    limits = bar.reindex(gwnos).to_numpy(dtype=float)
    known = ~np.isnan(limits)
    over = rows["fatalities"].to_numpy(dtype=float)[known] >= limits[known]
    return pd.Series(over, index=gwnos[known]).groupby(level=0).mean()


def _event_probability(
    forecast: pd.DataFrame, horizon: int, worst: pd.Series, rule: SurgeRule
) -> pd.Series:
    """Per state at ``horizon``: the share of draws >= ``rule.deaths`` and > factor x ``worst``
    (the state's worst recent period; 0 for a state without observed periods)."""
    rows = forecast[forecast["horizon"] == horizon]
    deaths = rows["fatalities"].to_numpy(dtype=float)
    bar = rule.factor * worst.reindex(rows["gwno"].to_numpy()).fillna(0.0).to_numpy(dtype=float)
    event = (deaths >= rule.deaths) & (deaths > bar)
    return pd.Series(event, index=rows["gwno"].to_numpy(dtype=np.int64)).groupby(level=0).mean()


def _surge(
    forecast: pd.DataFrame, panel: pd.DataFrame, cutoff: str, rule: SurgeRule
) -> list[Candidate]:
    """The ``surge`` rule (:class:`SurgeRule`) on every state of ``forecast``."""
    history = _history(panel, cutoff, rule.periods)
    worst = history.max(axis=1)
    chance = _event_probability(forecast, rule.horizon, worst, rule)
    summary = _horizon_summary(forecast, rule.horizon, rule.deaths)
    found = []
    for key, p in zip(chance.index, chance.to_numpy(dtype=float), strict=True):
        if p < rule.threshold:
            continue
        gwno = int(key)
        row: dict[Any, Any] = summary.loc[gwno].to_dict()
        period, mean, q05, q95 = (row[c] for c in ("period", "mean", "q05", "q95"))
        top = float(worst.get(gwno, 0.0))
        at_least = max(rule.deaths, float(np.floor(rule.factor * top)) + 1)
        recent = history.loc[gwno] if gwno in history.index else pd.Series(dtype=float)
        found.append(
            Candidate(
                gwno=gwno,
                period=str(period),
                rule="surge",
                score=round(float(p), 4),
                text=(
                    f"P(>= {at_least:,.0f} deaths in {period}) = {p:.0%} >= {rule.threshold:.0%}"
                    + (
                        f": over {rule.factor:g}x the worst of the last {rule.periods} periods"
                        f" ({top:,.0f})"
                        if at_least > rule.deaths
                        else f" after {rule.periods} periods of at most {top:,.0f}"
                    )
                ),
                inputs={
                    "cutoff": cutoff,
                    "p_event": round(float(p), 4),
                    "threshold": rule.threshold,
                    "at_least": at_least,
                    "deaths": rule.deaths,
                    "factor": rule.factor,
                    "worst_recent": top,
                    "recent": {str(k): float(v) for k, v in recent.to_dict().items()},
                    "forecast_mean": round(float(mean), 1),
                    "interval_90": _interval(q05, q95),
                },
            )
        )
    return found


def evaluate_rules(
    forecast: pd.DataFrame,
    panel: pd.DataFrame,
    config: RulesConfig,
    criteria: pd.DataFrame | None = None,
) -> list[Candidate]:
    """Every rule on every state of ``forecast``; candidates sorted by rule then score.

    ``panel`` is the observed panel (only periods up to the forecast's cutoff are read);
    ``criteria`` is :func:`detente.warning.criteria.criteria_frame` for the cutoff year and the
    year before (criterion rules are skipped without it).
    """
    check_forecast(forecast)
    cutoff = forecast_cutoff(forecast, panel)
    found: list[Candidate] = []
    onset = config.onset
    if onset.enabled:
        history = _history(panel, cutoff, onset.calm_periods)
        calm = history.max(axis=1) < onset.deaths
        summary = _horizon_summary(forecast, onset.horizon, onset.deaths)
        for key, row in summary.iterrows():
            gwno = int(str(key))
            if not bool(calm.get(gwno, False)) or row["p_over"] < onset.threshold:
                continue
            recent = history.loc[gwno]
            found.append(
                Candidate(
                    gwno=gwno,
                    period=str(row["period"]),
                    rule="onset",
                    score=round(float(row["p_over"]), 4),
                    text=(
                        f"P(>= {onset.deaths:g} deaths in {row['period']}) = {row['p_over']:.0%}"
                        f" >= {onset.threshold:.0%} after {onset.calm_periods} calm periods"
                        f" (at most {recent.max():,.0f} deaths a period)"
                    ),
                    inputs={
                        "cutoff": cutoff,
                        "p_over": round(float(row["p_over"]), 4),
                        "threshold": onset.threshold,
                        "deaths": onset.deaths,
                        "recent": {str(k): float(v) for k, v in recent.to_dict().items()},
                        "forecast_mean": round(float(row["mean"]), 1),
                        "interval_90": _interval(row["q05"], row["q95"]),
                    },
                )
            )
    esc = config.escalation
    if esc.enabled:
        history = _history(panel, cutoff, esc.recent_periods)
        level = history.mean(axis=1)
        summary = _horizon_summary(forecast, esc.horizon, 25.0)
        bar = pd.concat([esc.factor * level, level + esc.min_increase], axis=1).max(axis=1)
        chances = _share_at_least(forecast, esc.horizon, bar)
        for key, row in summary.iterrows():
            gwno = int(str(key))
            if gwno not in level.index:
                continue
            recent_level = float(level.loc[gwno])
            mean = float(row["mean"])
            if recent_level < esc.min_level:
                continue  # calm before: that is the onset rule's case
            if mean < esc.factor * recent_level or mean - recent_level < esc.min_increase:
                continue
            ratio = mean / recent_level
            # the score is the chance of the escalation itself, not of the mean: a few very
            # large draws lift the mean of a state whose median stays near its recent level
            at_least = max(esc.factor * recent_level, recent_level + esc.min_increase)
            chance = float(chances.get(gwno, 0.0))
            found.append(
                Candidate(
                    gwno=gwno,
                    period=str(row["period"]),
                    rule="escalation",
                    score=round(chance, 4),
                    text=(
                        f"forecast mean {mean:,.0f} deaths in {row['period']} is"
                        f" {ratio:.1f}x the"
                        f" recent level {recent_level:,.0f} (mean of {esc.recent_periods} periods);"
                        f" P(>= {at_least:,.0f}) = {chance:.0%}"
                    ),
                    inputs={
                        "cutoff": cutoff,
                        "forecast_mean": round(mean, 1),
                        "recent_level": round(recent_level, 1),
                        "factor": esc.factor,
                        "min_increase": esc.min_increase,
                        "at_least": round(at_least, 1),
                        "p_escalation": round(chance, 4),
                        "interval_90": _interval(row["q05"], row["q95"]),
                        "p_over_25": round(float(row["p_over"]), 4),
                    },
                )
            )
    if config.surge.enabled:
        found.extend(_surge(forecast, panel, cutoff, config.surge))
    if config.criteria and criteria is not None and len(criteria):
        year = int(cutoff[:4])
        period = str(forecast.loc[forecast["horizon"] == 1, "period"].min())
        now = criteria[criteria["year"] == year].set_index("gwno")
        before = criteria[criteria["year"] == year - 1].set_index("gwno")
        forecast_states = set(np.unique(forecast["gwno"].to_numpy(dtype=np.int64)).tolist())
        for rule in config.criteria:
            for gwno in now.index:
                if int(gwno) not in forecast_states:
                    continue
                score = float(now.loc[gwno, rule.criterion])
                previous = float(before.loc[gwno, rule.criterion]) if gwno in before.index else 0.0
                if score < rule.threshold or previous >= rule.threshold:
                    continue
                found.append(
                    Candidate(
                        gwno=int(gwno),
                        period=period,
                        rule=f"criterion:{rule.criterion}",
                        score=round(score, 4),
                        text=(
                            f"{TITLES[rule.criterion]} rose to {score:.2f} in {year}"
                            f" (from {previous:.2f} in {year - 1}), crossing {rule.threshold:.2f}"
                        ),
                        inputs={
                            "cutoff": cutoff,
                            "criterion": rule.criterion,
                            "score": score,
                            "previous": previous,
                            "threshold": rule.threshold,
                        },
                    )
                )
    found.sort(key=lambda c: (c.rule, -c.score, c.gwno))
    return found
