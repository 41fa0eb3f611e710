"""Backtest of the alert rules, 2010-2023, against a naive threshold rule.

Question: had Détente run its rules every year on a forecast made with the data of that year
only, how many alerts would have preceded an outbreak or sharp escalation, how many would have
been false alarms, and how early? Compared with what a naive rule gives (in the style of OCHA's
HDX Signals: flag a state when last year's deaths exceed X), so the rules earn their
complexity or are shown not to.

Definitions (country-year, UCDP state-based deaths ``sb``):

event        ``sb(t) >= 25`` and ``sb(t) > 2 x max(sb(t-3), sb(t-2), sb(t-1))``: an onset, or
             deaths more than doubling beyond anything in the three years before.
alert        a rule firing at cutoff ``c`` (data to ``c``) for a state.
hit          an alert at ``c`` followed by an event in the same state in ``c+1 .. c+W``
             (``W = 3``, the forecast horizons).
precision    hits / alerts.   recall: events preceded by an alert in the ``W`` years before /
             events.   lead time: for a caught event at ``t``, ``t -`` the earliest such cutoff.

The model is refitted at every cutoff with data up to it (the forecasting part's registry if a
name from it is given; ``analogues`` otherwise), so nothing after the cutoff leaks in.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente.warning.alert_rules import RulesConfig, evaluate_rules
from detente.warning.storage import write_together

WINDOW = 3
NAIVE_THRESHOLDS = (25, 100, 1000)


@dataclass(frozen=True)
class RuleScore:
    """How one rule set did over the backtest."""

    name: str
    alerts: int
    hits: int
    events: int
    caught: int
    precision: float
    recall: float
    mean_lead_years: float | None
    median_lead_years: float | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


@dataclass(frozen=True)
class AlertBacktest:
    """Scores of the rules and the naive baselines over the same years and events."""

    model: str
    first_year: int
    last_year: int
    draws: int
    scores: tuple[RuleScore, ...]
    events_by_year: dict[int, int]

    def to_markdown(self) -> str:
        """A table of every rule set, with the definitions underneath."""
        lines = [
            f"# Alert rules backtest {self.first_year}-{self.last_year} (model: {self.model})",
            "",
            "| rule set | alerts | hits | precision | events | caught | recall | mean lead (y) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for s in self.scores:
            lead = "—" if s.mean_lead_years is None else f"{s.mean_lead_years:.2f}"
            lines.append(
                f"| {s.name} | {s.alerts} | {s.hits} | {s.precision:.2f} | {s.events} |"
                f" {s.caught} | {s.recall:.2f} | {lead} |"
            )
        lines += [
            "",
            f"Event: state-based deaths >= 25 and more than twice the maximum of the 3 years"
            f" before (UCDP). Hit: event within {WINDOW} years after the alert's cutoff. Lead:"
            " event year minus the earliest alerting cutoff. One forecast per cutoff year with"
            f" {self.draws} draws, fitted on data up to the cutoff only.",
            "",
        ]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "model": self.model,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "draws": self.draws,
            "scores": [s.as_dict() for s in self.scores],
            "events_by_year": {str(k): v for k, v in self.events_by_year.items()},
        }


ALERT_BACKTEST_FILES = ("alerts_backtest.md", "alerts_backtest.json")
"""What :func:`write_alert_backtest` writes."""


def write_alert_backtest(result: AlertBacktest, folder: Path) -> list[Path]:
    """Write ``alerts_backtest.md`` and ``alerts_backtest.json`` into ``folder``, both or
    neither (:func:`detente.warning.storage.write_together`)."""
    markdown_name, json_name = ALERT_BACKTEST_FILES
    return write_together(
        folder,
        {
            markdown_name: lambda path: path.write_text(result.to_markdown(), encoding="utf-8"),
            json_name: lambda path: path.write_text(
                json.dumps(result.as_dict(), indent=2), encoding="utf-8"
            ),
        },
    )


def events(panel: pd.DataFrame) -> set[tuple[int, int]]:
    """(gwno, year) of every onset or sharp escalation (module docstring)."""
    wide = panel.pivot_table(index="gwno", columns="year", values="sb_best", aggfunc="sum")
    years = list(wide.columns)
    gwnos = [int(g) for g in wide.index]
    found: set[tuple[int, int]] = set()
    values = wide.to_numpy(dtype=float)
    for j, year in enumerate(years):
        if j < 3:
            continue
        now = values[:, j]
        before = np.nanmax(np.nan_to_num(values[:, j - 3 : j], nan=0.0), axis=1)
        hit = (now >= 25) & (now > 2 * before)
        for i in np.flatnonzero(hit):
            found.add((gwnos[int(i)], int(year)))
    return found


def score_alerts(
    name: str,
    alerts: set[tuple[int, int]],
    found_events: set[tuple[int, int]],
    first_year: int,
    last_year: int,
) -> RuleScore:
    """Precision, recall and lead time of alerts ``(gwno, cutoff)`` against events."""
    in_range = {(g, t) for g, t in found_events if first_year <= t <= last_year}
    hits = sum(any((g, c + h) in in_range for h in range(1, WINDOW + 1)) for g, c in alerts)
    leads = []
    for g, t in in_range:
        cutoffs = [t - h for h in range(1, WINDOW + 1) if (g, t - h) in alerts]
        if cutoffs:
            leads.append(t - min(cutoffs))
    return RuleScore(
        name=name,
        alerts=len(alerts),
        hits=hits,
        events=len(in_range),
        caught=len(leads),
        precision=round(hits / len(alerts), 4) if alerts else 0.0,
        recall=round(len(leads) / len(in_range), 4) if in_range else 0.0,
        mean_lead_years=round(statistics.mean(leads), 3) if leads else None,
        median_lead_years=float(statistics.median(leads)) if leads else None,
    )


def model_factory(model: str) -> Callable[[], Any]:
    """The registered forecaster ``model`` (``ValueError`` naming the choices otherwise)."""
    from detente.warning.registry import MODELS

    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose from {', '.join(MODELS)}")
    return MODELS[model]


def backtest_alerts(
    panel: pd.DataFrame,
    config: RulesConfig,
    *,
    model: str = "analogues",
    first_year: int = 2010,
    last_year: int = 2023,
    draws: int = 200,
    criteria: pd.DataFrame | None = None,
    progress: Callable[[int], None] | None = None,
) -> AlertBacktest:
    """Run the rules at every cutoff ``first_year - 1 .. last_year - 1`` and score them.

    ``criteria`` (all years of :func:`detente.warning.criteria.criteria_frame`) enables the
    criterion rules; without it only the forecast rules run.
    """
    factory = model_factory(model)
    rules: dict[str, set[tuple[int, int]]] = {"rules: all": set()}
    for rule in config.names:
        rules[f"rule: {rule}"] = set()
    naive: dict[str, set[tuple[int, int]]] = {
        f"naive: last year >= {x}": set() for x in NAIVE_THRESHOLDS
    }
    for cutoff in range(first_year - 1, last_year):
        history = panel[panel["year"] <= cutoff]
        forecast = factory().fit(history, str(cutoff)).sample(n=draws, seed=cutoff)
        for candidate in evaluate_rules(forecast, history, config, criteria):
            rules["rules: all"].add((candidate.gwno, cutoff))
            rules[f"rule: {candidate.rule}"].add((candidate.gwno, cutoff))
        last = history[history["year"] == cutoff]
        for x in NAIVE_THRESHOLDS:
            for gwno in last.loc[last["sb_best"] >= x, "gwno"]:
                naive[f"naive: last year >= {x}"].add((int(gwno), cutoff))
        if progress is not None:
            progress(cutoff)
    found = events(panel)
    scores = [
        score_alerts(name, alerts, found, first_year, last_year)
        for name, alerts in {**rules, **naive}.items()
    ]
    by_year: dict[int, int] = {}
    for _, t in found:
        if first_year <= t <= last_year:
            by_year[t] = by_year.get(t, 0) + 1
    return AlertBacktest(
        model=model,
        first_year=first_year,
        last_year=last_year,
        draws=draws,
        scores=tuple(scores),
        events_by_year=dict(sorted(by_year.items())),
    )
