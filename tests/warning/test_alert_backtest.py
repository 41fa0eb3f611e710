"""The alert backtest's definitions on hand-checked cases, and one real run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.warning.alert_backtest import backtest_alerts, events, score_alerts
from detente.warning.alert_rules import parse_rules


def _panel(series: dict[int, list[float]], first: int = 2000) -> pd.DataFrame:
    rows = [
        {"gwno": g, "year": first + i, "sb_best": v}
        for g, values in series.items()
        for i, v in enumerate(values)
    ]
    return pd.DataFrame(rows)


def test_events_are_onsets_and_doublings_beyond_the_recent_maximum() -> None:
    panel = _panel(
        {
            1: [0, 0, 0, 30, 40, 100, 90],  # onset 2003; 2005: 100 > 2 x 40 -> event
            2: [500, 10, 10, 900, 1000, 1000, 1000],  # 2003: 900 < 2 x 500 -> no event
            3: [0, 0, 0, 24, 0, 0, 0],  # below 25: never an event
        }
    )
    assert events(panel) == {(1, 2003), (1, 2005)}


def test_precision_recall_and_lead_time_by_hand() -> None:
    found = {(1, 2003), (1, 2005), (2, 2010)}
    alerts = {(1, 2001), (1, 2002), (3, 2004), (2, 2004)}
    score = score_alerts("x", alerts, found, 2000, 2012)
    # (1, 2001) and (1, 2002) precede 2003 within 3 years; (1, 2002) also 2005;
    # (3, 2004) and (2, 2004) are followed by nothing within 3 years
    assert (score.alerts, score.hits) == (4, 2)
    assert score.precision == 0.5
    # 2003 caught (earliest cutoff 2001: lead 2), 2005 caught (2002: lead 3), 2010 missed
    assert (score.events, score.caught) == (3, 2)
    assert score.recall == pytest.approx(2 / 3, abs=1e-4)
    assert score.mean_lead_years == 2.5
    empty = score_alerts("none", set(), found, 2000, 2012)
    assert (empty.precision, empty.recall, empty.mean_lead_years) == (0.0, 0.0, None)


def test_real_backtest_scores_rules_and_naive_baselines_on_the_same_events(
    analytics_path: Path,
) -> None:
    panel = load_panel(analytics_path, "cy")
    config = parse_rules("")
    result = backtest_alerts(panel, config, first_year=2015, last_year=2017, draws=20)
    names = [s.name for s in result.scores]
    assert names[0] == "rules: all"
    assert "naive: last year >= 25" in names
    assert len({s.events for s in result.scores}) == 1  # same events for every rule set
    assert sum(result.events_by_year.values()) == result.scores[0].events
    assert set(result.events_by_year) <= {2015, 2016, 2017}
    with pytest.raises(ValueError, match="unknown model"):
        backtest_alerts(panel, config, model="crystal-ball", first_year=2015, last_year=2015)
