"""Alerts on both backends: creation from a forecast, explanation, idempotence, lifecycle, audit."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.errors import DataValidationError, InvalidTransitionError, NotFoundError
from detente.settings import Settings
from detente.store import Database, list_audit
from detente.warning.alerts import (
    acknowledge,
    alert_events,
    close,
    count_alerts,
    get_alert,
    latest_forecast,
    latest_forecast_file,
    list_alerts,
    request_team,
    run_alerts,
    transition,
)
from detente.warning.models import AlertRow
from tests.warning.alerts_support import ONSET_ONLY, poisson_forecast, store_settings


@pytest.fixture
def settings_store(tmp_path: Path, analytics_path: Path) -> Settings:
    return store_settings(tmp_path, analytics_path)


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def _one_alert(database: Database, settings: Settings, panel: pd.DataFrame) -> int:
    forecast = poisson_forecast(panel, 2013, level={395: 40.0})
    with database.session() as session:
        result = run_alerts(
            session,
            settings,
            forecast,
            actor="test",
            panel=panel,
            config=ONSET_ONLY,
            model_name="poisson-test",
        )
    assert len(result.created) == 1
    return result.created[0].id


def test_run_creates_explained_alerts_once(
    database: Database, settings_store: Settings, panel: pd.DataFrame
) -> None:
    alert_id = _one_alert(database, settings_store, panel)
    with database.session() as session:
        alert = get_alert(session, alert_id)
        assert (alert.gwno, alert.period, alert.rule, alert.status) == (395, "2014", "onset", "new")
        assert alert.iso3 == "ISL"
        explanation = alert.explanation
        assert explanation["rule"]["inputs"]["cutoff"] == "2013"
        assert explanation["forecast"]["model"] == "poisson-test"
        assert [c["key"] for c in explanation["criteria"]["criteria"]] == [
            "regional",
            "intervention",
            "organisations",
            "mediation",
        ]
        assert len(explanation["analogues"]["analogues"]) == 5
        assert explanation["contributions"] is None  # no fitted model given
        forecast = poisson_forecast(panel, 2013, level={395: 40.0})
        again = run_alerts(
            session, settings_store, forecast, actor="test", panel=panel, config=ONSET_ONLY
        )
        assert again.created == ()
        assert again.existing == 1
        assert count_alerts(session) == 1
        audit = list_audit(session, entity="alert")
        assert [a.action for a in audit] == ["alert_new"]
        assert [e.to_status for e in alert_events(session, alert_id)] == ["new"]


def test_lifecycle_is_audited_and_guarded(
    database: Database, settings_store: Settings, panel: pd.DataFrame
) -> None:
    alert_id = _one_alert(database, settings_store, panel)
    with database.session() as session:
        acknowledge(session, alert_id, "analyst-a", "looking")
    with database.session() as session, pytest.raises(InvalidTransitionError, match="acknowledged"):
        acknowledge(session, alert_id, "analyst-a")
    with database.session() as session:
        assert request_team(session, alert_id, "coord-b").status == "team_requested"
        assert close(session, alert_id, "coord-b", "team deployed").status == "closed"
    with database.session() as session, pytest.raises(InvalidTransitionError, match="closed"):
        request_team(session, alert_id, "coord-b")
    with database.session() as session:
        events = alert_events(session, alert_id)
        assert [(e.from_status, e.to_status) for e in events] == [
            (None, "new"),
            ("new", "acknowledged"),
            ("acknowledged", "team_requested"),
            ("team_requested", "closed"),
        ]
        audit = list_audit(session, entity="alert", entity_id=alert_id)
        assert [a.action for a in reversed(audit)] == [
            "alert_new",
            "alert_acknowledged",
            "alert_team_requested",
            "alert_closed",
        ]
        assert audit[0].before is not None
        assert audit[0].before["status"] == "team_requested"
        assert list_alerts(session, "closed")[0].id == alert_id
        assert list_alerts(session, open_only=True) == []
        assert [a.id for a in list_alerts(session, rule="onset")] == [alert_id]
        assert list_alerts(session, rule="criterion:regional") == []


def test_team_request_on_a_new_alert_acknowledges_it_first(
    database: Database, settings_store: Settings, panel: pd.DataFrame
) -> None:
    alert_id = _one_alert(database, settings_store, panel)
    with database.session() as session:
        request_team(session, alert_id, "coord")
    with database.session() as session:
        assert [e.to_status for e in alert_events(session, alert_id)] == [
            "new",
            "acknowledged",
            "team_requested",
        ]


def test_unknown_alert_status_and_id(database: Database) -> None:
    with database.session() as session:
        for unknown in (12345, 0, -1, 2**31, 10**20):
            with pytest.raises(NotFoundError):
                get_alert(session, unknown)
        with pytest.raises(DataValidationError):
            list_alerts(session, "maybe")
        with pytest.raises(DataValidationError, match="'onsett' is not one of onset, "):
            list_alerts(session, rule="onsett")
        with pytest.raises(DataValidationError):
            transition(session, 1, "archived", actor="x")


def test_failed_transition_writes_nothing(
    database: Database, settings_store: Settings, panel: pd.DataFrame
) -> None:
    alert_id = _one_alert(database, settings_store, panel)
    with database.session() as session:
        close(session, alert_id, "a")
    with pytest.raises(InvalidTransitionError), database.session() as session:
        acknowledge(session, alert_id, "a")
    with database.session() as session:
        assert len(alert_events(session, alert_id)) == 2
        assert len(list_audit(session, entity="alert")) == 2


def test_latest_forecast_file_is_the_newest_cutoff(
    settings_store: Settings, panel: pd.DataFrame
) -> None:
    folder = settings_store.data_dir / "forecasts"
    folder.mkdir(parents=True)
    assert latest_forecast_file(settings_store) is None
    poisson_forecast(panel, 2022, n=3).to_parquet(folder / "cy_lgbm_2022.parquet")
    poisson_forecast(panel, 2021, n=3).to_parquet(folder / "cy_zero_2021.parquet")
    old = time.time() - 100
    os.utime(folder / "cy_lgbm_2022.parquet", (old, old))
    (folder / "notes.parquet").write_bytes(b"not ours")
    assert latest_forecast_file(settings_store) == folder / "cy_lgbm_2022.parquet"
    found = latest_forecast(settings_store)
    assert found is not None
    frame, model = found
    assert model == "lgbm"
    assert set(frame["period"]) == {"2023", "2024", "2025"}


def test_stored_contributions_explain_alerts_on_the_latest_forecast(
    database: Database, settings_store: Settings, panel: pd.DataFrame
) -> None:
    from detente.warning.storage import forecast_path, write_forecast

    forecast = poisson_forecast(panel, 2013, level={395: 40.0})
    # contributions as the LightGBM model stores them next to its forecast (values made up here)
    contributions = pd.DataFrame(
        {
            "gwno": [395, 395, 395, 395],
            "horizon": [1, 1, 1, 2],
            "feature": ["bias", "sb_lag1", "neighbour_sb", "sb_lag1"],
            "contribution": [-3.0, 0.2, 1.5, 9.0],
        }
    )
    path = forecast_path(settings_store, "cy", "lgbm", "2013")
    write_forecast(
        forecast, path, unit="cy", model="lgbm", cutoff="2013", contributions=contributions
    )
    found = latest_forecast(settings_store)
    assert found is not None
    frame, model = found
    with database.session() as session:
        result = run_alerts(
            session,
            settings_store,
            frame,
            actor="t",
            panel=panel,
            config=ONSET_ONLY,
            model_name=model,
            stored=True,
            with_analogues=False,
        )
    explanation = result.created[0].explanation
    assert explanation["forecast"]["model"] == "lgbm"
    assert explanation["contributions"] == [["neighbour_sb", 1.5], ["sb_lag1", 0.2]]


def test_two_coordinators_request_a_team_at_once_on_postgresql(
    postgres_url: str, settings_store: Settings, panel: pd.DataFrame
) -> None:
    import threading

    from detente.store import upgrade

    upgrade(postgres_url)
    database = Database(postgres_url)
    try:
        alert_id = _one_alert(database, settings_store, panel)
        with database.session() as session:
            acknowledge(session, alert_id, "analyst")
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def coordinator(name: str) -> None:
            try:
                with database.session() as session:
                    barrier.wait()
                    request_team(session, alert_id, name)
                outcomes.append("ok")
            except InvalidTransitionError:
                outcomes.append("refused")

        threads = [threading.Thread(target=coordinator, args=(f"c{i}",)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(outcomes) == ["ok", "refused"]
        with database.session() as session:
            steps = [e.to_status for e in alert_events(session, alert_id)]
            assert steps == ["new", "acknowledged", "team_requested"]
            assert [a.action for a in list_audit(session, entity="alert")].count(
                "alert_team_requested"
            ) == 1
    finally:
        database.dispose()


def test_forecast_alerts_come_before_criterion_alerts_within_a_period(database: Database) -> None:
    """A criterion's index (0.9) is not a chance: it does not outrank a 20% chance of a surge."""
    stored = [
        (652, "2024", "criterion:regional", 0.9),
        (365, "2024", "surge", 0.2),
        (365, "2024", "escalation", 0.6),
        (660, "2025", "onset", 0.1),
    ]
    with database.session() as session:
        for gwno, period, rule, score in stored:
            session.add(
                AlertRow(
                    gwno=gwno, period=period, rule=rule, status="new", score=score, explanation={}
                )
            )
    with database.session() as session:
        assert [(a.period, a.rule) for a in list_alerts(session)] == [
            ("2025", "onset"),
            ("2024", "escalation"),
            ("2024", "surge"),
            ("2024", "criterion:regional"),
        ]
