"""Features of the forecaster on the real country-year panel: known cases, no future leak."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.countries import get_state, memberships, neighbours
from detente.warning.features import FEATURE_LABELS, build_features, feature_names
from detente.warning.units import get_unit

SUDAN, SOUTH_SUDAN, ICELAND = 625, 626, 395


def _history(panel: pd.DataFrame, unit: str = "cy") -> pd.DataFrame:
    """The panel as the base forecaster hands it to ``build_features`` (integer ``t``)."""
    column = get_unit(unit).time_column
    history = panel.assign(t=panel[column].astype(np.int64))
    return history.sort_values(["gwno", "t"], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def features(cy_panel: pd.DataFrame) -> pd.DataFrame:
    return build_features(_history(cy_panel), get_unit("cy"))


def _row(frame: pd.DataFrame, gwno: int, t: int) -> pd.Series:
    rows = frame.loc[(frame["gwno"] == gwno) & (frame["t"] == t)]
    assert len(rows) == 1
    return rows.iloc[0]


def _sb(panel: pd.DataFrame, gwno: int, year: int) -> float:
    return float(panel.loc[(panel.gwno == gwno) & (panel.year == year), "sb_best"].iloc[0])


def test_one_row_per_panel_row_and_names_exclude_the_keys(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    assert len(features) == len(cy_panel)
    names = feature_names(features)
    assert "gwno" not in names
    assert "t" not in names
    assert {"sb_log", "sb_lag1", "since_sb25", "nb_sb_sum", "region_sb", "pax_5y"} <= set(names)
    pax = [name for name in names if name.startswith("pax")]
    covered = features["t"] <= 2019
    assert np.isfinite(features.loc[covered, names].to_numpy()).all()
    assert np.isfinite(features[[n for n in names if n not in pax]].to_numpy()).all()


def test_peace_process_features_are_unknown_after_pax_coverage(features: pd.DataFrame) -> None:
    """PA-X ends in April 2020: from 2020 on its features are NaN, never a misleading 0, and
    the 5-year window is unknown too (it would otherwise count only the covered years)."""
    pax = ["pax_agreements", "pax_ceasefire", "pax_comprehensive", "pax_5y"]
    assert features.loc[features["t"] >= 2020, pax].isna().all().all()
    assert features.loc[features["t"] == 2019, pax].notna().all().all()
    assert _row(features, SUDAN, 2019)["pax_5y"] > 0


def test_every_feature_has_one_label_in_words(features: pd.DataFrame) -> None:
    assert sorted(FEATURE_LABELS) == sorted(feature_names(features))
    assert len(set(FEATURE_LABELS.values())) == len(FEATURE_LABELS)


def test_sudan_2011_own_violence_lags_and_windows(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    row = _row(features, SUDAN, 2011)
    now, before, earlier = (_sb(cy_panel, SUDAN, y) for y in (2011, 2010, 2009))
    assert row["sb_log"] == pytest.approx(np.log1p(now))
    assert row["sb_lag1"] == pytest.approx(np.log1p(before))
    assert row["sb_lag2"] == pytest.approx(np.log1p(earlier))
    assert row["sb_change"] == pytest.approx(np.log1p(now) - np.log1p(before))
    assert row["sb_mean3y"] == pytest.approx(np.log1p([earlier, before, now]).mean())
    ten = [_sb(cy_panel, SUDAN, y) for y in range(2002, 2012)]
    assert row["sb_max10y"] == pytest.approx(np.log1p(max(ten)))
    assert row["since_sb"] == 0.0  # deaths that year
    assert row["since_sb25"] == 0.0


def test_south_sudan_starts_without_sudans_past(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    """Independent on 2011-07-09: its first row has no lags, its windows hold one year."""
    first = _row(features, SOUTH_SUDAN, 2011)
    assert features.loc[features.gwno == SOUTH_SUDAN, "t"].min() == 2011
    assert first["sb_lag1"] == 0.0
    assert first["sb_lag2"] == 0.0
    assert first["sb_mean10y"] == pytest.approx(np.log1p(_sb(cy_panel, SOUTH_SUDAN, 2011)))
    second = _row(features, SOUTH_SUDAN, 2012)
    assert second["sb_lag1"] == pytest.approx(np.log1p(_sb(cy_panel, SOUTH_SUDAN, 2011)))
    assert second["sb_lag2"] == 0.0


def test_sudans_neighbourhood_gains_south_sudan_in_2011(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    assert SOUTH_SUDAN not in neighbours(SUDAN, 2010)
    assert SOUTH_SUDAN in neighbours(SUDAN, 2011)
    for year in (2010, 2011):
        deaths = [
            float(v)
            for v in cy_panel.loc[
                cy_panel.gwno.isin(neighbours(SUDAN, year)) & (cy_panel.year == year), "sb_best"
            ]
        ]
        row = _row(features, SUDAN, year)
        assert row["nb_sb_sum"] == pytest.approx(np.log1p(sum(deaths)))
        assert row["nb_sb_max"] == pytest.approx(np.log1p(max(deaths)))
    # South Sudan's 2011 deaths count in Sudan's neighbourhood, and the reverse
    south = _row(features, SOUTH_SUDAN, 2011)
    assert np.expm1(south["nb_sb_sum"]) >= _sb(cy_panel, SUDAN, 2011)


def test_region_excludes_the_country_itself(features: pd.DataFrame, cy_panel: pd.DataFrame) -> None:
    subregion = get_state(SUDAN).subregion
    same = [g for g in cy_panel.gwno.unique() if get_state(int(g)).subregion == subregion]
    assert SUDAN in same
    year = cy_panel.loc[cy_panel.year == 2011]
    others = year.loc[year.gwno.isin(same) & (year.gwno != SUDAN), "sb_best"].sum()
    assert _row(features, SUDAN, 2011)["region_sb"] == pytest.approx(np.log1p(others))


def test_structure_peace_process_and_memberships(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    row = _row(features, SUDAN, 2011)
    panel_row = cy_panel.loc[(cy_panel.gwno == SUDAN) & (cy_panel.year == 2011)].iloc[0]
    for column in ("acd_conflicts", "acd_intensity", "pax_agreements", "pax_comprehensive"):
        assert row[column] == float(panel_row[column])
    five = cy_panel.loc[(cy_panel.gwno == SUDAN) & cy_panel.year.between(2007, 2011)]
    assert row["pax_5y"] == float(five["pax_agreements"].sum())
    # AU, IGAD and the League of Arab States
    assert row["memberships"] == float(len(memberships(SUDAN, 2011))) == 3.0


def test_a_state_never_at_war_counts_periods_from_the_panels_start(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    assert (cy_panel.loc[cy_panel.gwno == ICELAND, "sb_best"] == 0).all()
    first_year = int(cy_panel.loc[cy_panel.gwno == ICELAND, "year"].min())
    row = _row(features, ICELAND, 2020)
    assert row["since_sb"] == 2020 - first_year + 1
    assert row["since_sb25"] == row["since_sb"]
    assert row["sb_max10y"] == 0.0


def test_no_feature_uses_data_after_its_period(
    features: pd.DataFrame, cy_panel: pd.DataFrame
) -> None:
    """Features up to 2011 are the same whether or not the panel continues after 2011."""
    cut = build_features(_history(cy_panel.loc[cy_panel.year <= 2011]), get_unit("cy"))
    full = features.loc[features["t"] <= 2011].reset_index(drop=True)
    pd.testing.assert_frame_equal(cut, full)


def test_country_month_windows_and_gaps_are_in_years(cm_panel: pd.DataFrame) -> None:
    frame = build_features(_history(cm_panel, "cm"), get_unit("cm"))
    sudan = frame.loc[frame.gwno == SUDAN].set_index("t")
    months = cm_panel.loc[cm_panel.gwno == SUDAN].set_index("month_id")["sb_best"]
    violent = months.index[months > 0]
    last = int(violent.max())
    later = [t for t in sudan.index if t > last]
    assert later, "the GED test file should leave months without deaths at the end"
    for t in later:
        assert sudan.loc[t, "since_sb"] == pytest.approx((t - last) / 12)
    # the 3-year window spans 36 months
    t = int(sudan.index.max())
    window = np.log1p(months.loc[t - 35 : t].clip(lower=0))
    assert sudan.loc[t, "sb_mean3y"] == pytest.approx(window.mean())
