"""Alert rules: the TOML configuration, bad configurations, and each rule on real panel values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.errors import DataValidationError
from detente.settings import Settings
from detente.warning.alert_backtest import events
from detente.warning.alert_rules import (
    DEFAULT_RULES_FILE,
    check_forecast,
    evaluate_rules,
    forecast_cutoff,
    load_rules,
    parse_rules,
    score_kind,
    strength_text,
)
from detente.warning.criteria import criteria_frame
from tests.warning.alerts_support import poisson_forecast, store_settings


@pytest.fixture
def settings_store(tmp_path: Path, analytics_path: Path) -> Settings:
    return store_settings(tmp_path, analytics_path)


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def test_default_rules_file_parses() -> None:
    config = parse_rules(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    assert config.onset.threshold == 0.3
    assert config.escalation.factor == 2.0
    assert config.surge.threshold == 0.1
    assert config.names == [
        "onset",
        "escalation",
        "surge",
        "criterion:regional",
        "criterion:intervention",
    ]


def test_rules_in_data_dir_override_the_defaults(settings_store: Settings) -> None:
    settings_store.data_dir.mkdir(parents=True)
    (settings_store.data_dir / "alert_rules.toml").write_text(
        "[onset]\nthreshold = 0.5\n[escalation]\nenabled = false\n", encoding="utf-8"
    )
    config = load_rules(settings_store)
    assert config.onset.threshold == 0.5
    assert config.names == ["onset", "surge"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[onset]\nthreshold = 1.5\n", "onset.threshold"),
        ("[onset]\ncalm_periods = 0\n", "onset.calm_periods"),
        ("[escalation]\nfactor = 'two'\n", "escalation.factor"),
        ("[surge]\nthreshold = 1.5\n", "surge.threshold"),
        ("[surge]\nperiods = 0\n", "surge.periods"),
        ("[surge]\nfactor = -2\n", "surge.factor"),
        ("[[criteria]]\ncriterion = 'weather'\nthreshold = 0.5\n", "criteria.criterion"),
        ("[[criteria]]\ncriterion = 'regional'\nthreshold = 2\n", "criteria.threshold"),
        ("[surprise]\nx = 1\n", "surprise"),
        ("[onset\n", None),
    ],
)
def test_bad_rules_name_the_key(text: str, field: str | None) -> None:
    with pytest.raises(DataValidationError) as raised:
        parse_rules(text, "rules.toml")
    assert raised.value.field == field
    assert raised.value.file == "rules.toml"


def test_bad_forecast_frames_are_refused(panel: pd.DataFrame) -> None:
    forecast = poisson_forecast(panel, 2013, n=10)
    with pytest.raises(DataValidationError, match="fatalities"):
        check_forecast(forecast.drop(columns="fatalities"))
    negative = forecast.copy()
    negative.loc[5, "fatalities"] = -1.0
    with pytest.raises(DataValidationError) as raised:
        check_forecast(negative)
    assert raised.value.row == 6
    with pytest.raises(DataValidationError, match="no rows"):
        check_forecast(forecast.iloc[0:0])


def test_cutoff_is_the_period_before_the_first_horizon(panel: pd.DataFrame) -> None:
    assert forecast_cutoff(poisson_forecast(panel, 2013, n=5), panel) == "2013"


ONLY_ONSET = "[escalation]\nenabled = false\n[surge]\nenabled = false\n"
ONLY_ESCALATION = "[onset]\nenabled = false\n[surge]\nenabled = false\n"
ONLY_SURGE = "[onset]\nenabled = false\n[escalation]\nenabled = false\n"


def test_onset_fires_for_a_calm_state_with_likely_deaths_only(panel: pd.DataFrame) -> None:
    config = parse_rules(ONLY_ONSET)
    # Iceland (395) calm for decades: a forecast centred on 40 deaths is an onset;
    # Nigeria (475) at 40 is not an onset (it was not calm), Norway (385) at 0 does not fire.
    forecast = poisson_forecast(panel, 2013, level={395: 40.0, 475: 40.0, 385: 0.0})
    found = evaluate_rules(forecast, panel, config)
    assert [(c.gwno, c.rule, c.period) for c in found] == [(395, "onset", "2014")]
    assert found[0].score > 0.9
    assert found[0].inputs["recent"] == {"2011": 0.0, "2012": 0.0, "2013": 0.0}
    assert "calm" in found[0].text


def test_pure_persistence_forecast_raises_no_onset(panel: pd.DataFrame) -> None:
    config = parse_rules(ONLY_ONSET)
    assert evaluate_rules(poisson_forecast(panel, 2013), panel, config) == []


def test_escalation_fires_when_the_forecast_mean_is_far_above_recent_level(
    panel: pd.DataFrame,
) -> None:
    config = parse_rules(ONLY_ESCALATION)
    forecast = poisson_forecast(panel, 2013, scale={475: 3.0})
    found = [c for c in evaluate_rules(forecast, panel, config) if c.gwno == 475]
    assert len(found) == 1
    # Nigeria 2011-2013: 325, 811, 1629 deaths -> recent level 921.7; forecast ~ 3 x 1629
    assert found[0].inputs["recent_level"] == pytest.approx(921.7, abs=0.1)
    assert found[0].inputs["forecast_mean"] > 2 * 921.7
    # every Poisson draw around 3 x 1,629 is above the bar: twice the level, 1,843
    assert found[0].inputs["at_least"] == pytest.approx(1_843.3, abs=0.1)
    assert found[0].score == found[0].inputs["p_escalation"] == 1.0


def test_the_stored_interval_of_deaths_has_no_float_noise(panel: pd.DataFrame) -> None:
    """The 90% interval is interpolated between whole deaths: kept to one decimal, as the API
    and the pages serve it (not 2430.4999999999995)."""
    forecast = poisson_forecast(panel, 2013, n=199, level={395: 40.0}, scale={475: 3.0})
    found = evaluate_rules(forecast, panel, parse_rules(""))
    intervals = [c.inputs["interval_90"] for c in found if "interval_90" in c.inputs]
    assert {c.rule for c in found} >= {"onset", "escalation", "surge"}
    assert intervals
    bounds = [bound for interval in intervals for bound in interval]
    assert bounds == [round(bound, 1) for bound in bounds]
    assert any(bound != round(bound) for bound in bounds)  # n=199: between two draws


def test_criterion_crossing_fires_once(settings_store: Settings, panel: pd.DataFrame) -> None:
    config = parse_rules(
        "[onset]\nenabled = false\n[escalation]\nenabled = false\n[surge]\nenabled = false\n"
        "[[criteria]]\ncriterion = 'intervention'\nthreshold = 0.5\n"
    )
    criteria = criteria_frame(settings_store, [2021, 2022])
    found = evaluate_rules(poisson_forecast(panel, 2022, n=20), panel, config, criteria)
    ukraine = [c for c in found if c.gwno == 369]
    assert len(ukraine) == 1
    assert ukraine[0].rule == "criterion:intervention"
    assert ukraine[0].inputs["previous"] < 0.5 <= ukraine[0].inputs["score"]
    # the next year Ukraine stays above the threshold: no new crossing
    later = criteria_frame(settings_store, [2022, 2023])
    again = evaluate_rules(poisson_forecast(panel, 2023, n=20), panel, config, later)
    assert 369 not in {c.gwno for c in again}


def test_surge_fires_on_the_chance_of_an_onset_or_a_doubling(panel: pd.DataFrame) -> None:
    config = parse_rules(ONLY_SURGE)
    # Iceland calm, forecast around 40: an onset; Nigeria (worst of 2011-2013: 1,629) forecast
    # around 3 x 1,629: a doubling; Norway at 0 and everyone else at their last value: nothing.
    forecast = poisson_forecast(panel, 2013, level={395: 40.0}, scale={475: 3.0})
    found = {c.gwno: c for c in evaluate_rules(forecast, panel, config)}
    assert set(found) == {395, 475}
    nigeria = found[475]
    assert nigeria.rule == "surge"
    assert nigeria.inputs["worst_recent"] == 1629.0
    assert nigeria.inputs["at_least"] == 3259.0
    assert nigeria.score > 0.99
    assert "P(>= 3,259 deaths in 2014)" in nigeria.text
    assert found[395].inputs["at_least"] == 25.0


def test_surge_on_the_outcomes_themselves_fires_exactly_for_the_backtest_events(
    panel: pd.DataFrame,
) -> None:
    """A forecast whose every draw is what happened: the rule's event is the backtest's."""
    config = parse_rules(ONLY_SURGE)
    forecast = poisson_forecast(panel, 2013, n=3)
    happened = panel.set_index(["gwno", "year"])["sb_best"]
    years = forecast["period"].astype(int)
    keys = pd.MultiIndex.from_arrays([forecast["gwno"], years])
    forecast["fatalities"] = happened.reindex(keys).fillna(0.0).to_numpy()
    fired = {c.gwno for c in evaluate_rules(forecast, panel, config)}
    expected = {g for g, year in events(panel) if year == 2014} & set(forecast["gwno"])
    assert fired == expected
    assert len(expected) >= 3


def test_pure_persistence_forecast_raises_no_surge(panel: pd.DataFrame) -> None:
    assert evaluate_rules(poisson_forecast(panel, 2013), panel, parse_rules(ONLY_SURGE)) == []


@pytest.mark.parametrize(
    ("rule", "inputs", "kind", "text"),
    [
        ("onset", None, "probability", "chance 26%"),
        ("surge", {"p_event": 0.2649}, "probability", "chance 26%"),
        ("escalation", {"p_escalation": 0.2649}, "probability", "chance 26%"),
        # stored before escalation was scored by a chance: 1 - level / mean, an index
        ("escalation", {"forecast_mean": 300.0, "recent_level": 220.5}, "index", "score 0.26"),
        ("criterion:regional", {"score": 0.2649}, "index", "score 0.26"),
    ],
)
def test_only_the_chance_rules_write_their_score_as_a_percentage(
    rule: str, inputs: dict[str, float] | None, kind: str, text: str
) -> None:
    assert score_kind(rule, inputs) == kind
    assert strength_text(rule, 0.2649, inputs) == text


def test_escalation_is_scored_by_the_chance_of_the_rise_not_by_the_mean(
    panel: pd.DataFrame,
) -> None:
    """Nigeria after 2011-2013 (recent level 921.7): 9 draws in 10 at 1,000 deaths and one in 10
    at 40,000 put the mean at 4,900, 5.3x the level, while a rise to 1,843 has a 10% chance."""
    forecast = poisson_forecast(panel, 2013)
    nigeria = (forecast["gwno"] == 475) & (forecast["horizon"] == 1)
    heavy = np.where(forecast.loc[nigeria, "draw"] % 10 == 0, 40_000.0, 1_000.0)
    forecast.loc[nigeria, "fatalities"] = heavy
    found = [
        c for c in evaluate_rules(forecast, panel, parse_rules(ONLY_ESCALATION)) if c.gwno == 475
    ]
    assert len(found) == 1
    assert found[0].inputs["forecast_mean"] == pytest.approx(4_900.0)
    assert found[0].inputs["at_least"] == pytest.approx(1_843.3, abs=0.1)
    assert found[0].score == found[0].inputs["p_escalation"] == pytest.approx(0.1)
    assert found[0].text.endswith("; P(>= 1,843) = 10%")
