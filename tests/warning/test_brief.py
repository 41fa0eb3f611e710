"""The brief: numbers from the real panel and the alerts table, Markdown and escaped HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from detente.analytics import load_panel
from detente.errors import DataValidationError
from detente.settings import Settings
from detente.store import Database
from detente.warning.alerts import Alert, list_alerts, run_alerts
from detente.warning.brief import (
    alert_groups,
    brief_range,
    latest_period,
    make_brief,
    period_bounds,
    to_html,
    to_markdown,
)
from detente.warning.models import AlertEvent, AlertRow
from detente.warning.storage import forecast_path, write_forecast
from tests.warning.alerts_support import ONSET_ONLY, poisson_forecast, store_settings


@pytest.fixture
def settings_store(tmp_path: Path, analytics_path: Path) -> Settings:
    return store_settings(tmp_path, analytics_path)


@pytest.fixture(scope="module")
def panel(analytics_path: Path) -> pd.DataFrame:
    return load_panel(analytics_path, "cy")


def test_year_brief_reports_the_biggest_changes(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    with database.session() as session:
        brief = make_brief(settings_store, session, "2023", panel=panel)
    assert brief.data_year == 2023
    total = panel.sb_best + panel.ns_best + panel.os_best
    assert brief.world_after == pytest.approx(total[panel.year == 2023].sum())
    # Israel (666) 2023 and Ethiopia (530) 2022->2023 are the largest moves in UCDP 25.1
    assert brief.deteriorations[0].gwno == 666
    assert brief.improvements[0].gwno == 530
    deltas = [c.delta for c in brief.deteriorations]
    assert deltas == sorted(deltas, reverse=True)
    text = to_markdown(brief)
    assert "## Deteriorations (2023)" in text
    assert "Israel: deaths rose from 98 in 2022 to 27,434 in 2023 (+27,336)." in text
    assert "no language model" in text
    assert brief.outlook is None  # no forecast stored with cutoff 2023: no outlook section
    assert "Outlook" not in text


def test_the_brief_gives_the_outlook_of_the_forecast_from_the_same_data(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    path = forecast_path(settings_store, "cy", "lgbm", "2023")
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = poisson_forecast(panel, 2023, level={395: 30.0})  # Iceland, calm, around 30
    write_forecast(frame, path, unit="cy", model="lgbm", cutoff="2023")
    with database.session() as session:
        brief = make_brief(settings_store, session, "2023", panel=panel)
    assert brief.outlook is not None
    text = to_markdown(brief)
    likely = brief.outlook.likely
    assert "## Outlook for 2024" in text
    assert f"(model lgbm) gives {likely} states a chance of 50% or more" in text
    assert f"in 2024; {brief.conflicts_after} states had them in 2023." in text
    assert "each year 2021–2023:\n\n- Iceland: " in text
    assert "- Ukraine: median " in text
    french = to_markdown(brief, "fr")
    assert "## Perspectives pour 2024" in french
    assert "- Iceland : probabilité de " in french  # reference names unless name_of is given
    html = to_html(brief)
    assert '<a href="/countries/ISL">Iceland</a>: ' in html
    assert "<h2>Outlook for 2024</h2>" in html


def test_monthly_brief_lists_alerts_created_that_month(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    forecast = poisson_forecast(panel, 2023, level={395: 60.0})
    config = ONSET_ONLY
    with database.session() as session:
        run_alerts(
            session,
            settings_store,
            forecast,
            actor="t",
            panel=panel,
            config=config,
            with_analogues=False,
        )
    month = latest_period()
    with database.session() as session:
        brief = make_brief(settings_store, session, month, panel=panel)
    assert [a.gwno for a in brief.new_alerts] == [395]
    assert brief.open_alerts == 1
    assert brief.data_year == 2023
    chance = round(100 * brief.new_alerts[0].score)
    assert f"Iceland, 2024: risk of a new conflict (chance {chance}%, new)" in to_markdown(brief)
    assert f"(probabilité {chance}\u00a0%, nouvelle)" in to_markdown(brief, "fr")
    html = str(to_html(brief))
    assert '<a href="/alerts/' in html
    assert '<a href="/countries/ISR">Israel</a>' in html


def test_a_past_brief_does_not_count_the_alerts_raised_since(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    """Alerts raised today are not in the brief of 2023 or 1995-03, new or open."""
    forecast = poisson_forecast(panel, 2023, level={395: 60.0})
    with database.session() as session:
        run_alerts(
            session,
            settings_store,
            forecast,
            actor="t",
            panel=panel,
            config=ONSET_ONLY,
            with_analogues=False,
        )
    with database.session() as session:
        now = make_brief(settings_store, session, latest_period(), panel=panel)
        year = make_brief(settings_store, session, "2023", panel=panel)
        month = make_brief(settings_store, session, "1995-03", panel=panel)
    assert now.open_alerts == 1
    for past in (year, month):
        assert (past.new_alerts, past.open_alerts) == ((), 0)
    assert "0 new alerts in 2023; 0 open in all." in to_markdown(year)
    assert "0 new alerts in 1995-03; 0 open in all." in to_markdown(month)


def _alert_at(
    session: Session, gwno: int, raised: dt.datetime, closed: dt.datetime | None, events: bool
) -> None:
    """An alert raised (and closed) at given moments, with or without its lifecycle events."""
    row = AlertRow(
        gwno=gwno,
        period="2024",
        rule="onset",
        status="closed" if closed else "new",
        score=0.5,
        created_at=raised,
        updated_at=closed or raised,
        explanation={},
    )
    session.add(row)
    session.flush()
    if events:
        session.add(AlertEvent(alert_id=row.id, at=raised, actor="t", to_status="new"))
        if closed:
            session.add(
                AlertEvent(
                    alert_id=row.id, at=closed, actor="t", from_status="new", to_status="closed"
                )
            )


@pytest.mark.parametrize("events", [True, False])
def test_open_alerts_are_those_raised_and_not_closed_by_the_end_of_the_period(
    settings_store: Settings, database: Database, panel: pd.DataFrame, events: bool
) -> None:
    """Raised in 2024-03 and closed in 2024-06: open in the briefs of 2024-03 to 2024-05 only
    (from its events; without them, from when it was last changed)."""
    utc = dt.UTC
    with database.session() as session:
        _alert_at(session, 395, dt.datetime(2024, 3, 10, tzinfo=utc), None, events)
        closed_in_june = dt.datetime(2024, 6, 2, tzinfo=utc)
        _alert_at(session, 385, dt.datetime(2024, 3, 20, tzinfo=utc), closed_in_june, events)
    with database.session() as session:
        counts = {
            period: make_brief(settings_store, session, period, panel=panel).open_alerts
            for period in ("2024-02", "2024-03", "2024-05", "2024-06", "2024")
        }
        march = make_brief(settings_store, session, "2024-03", panel=panel)
    assert counts == {"2024-02": 0, "2024-03": 2, "2024-05": 2, "2024-06": 1, "2024": 1}
    assert len(march.new_alerts) == 2


def test_a_past_brief_shows_each_alert_as_it_stood_at_the_end_of_the_period(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    """Closed in June, the alert raised in March reads "new" in the March brief, "closed" in
    the brief of the year; an alert without events keeps its status now."""
    utc = dt.UTC
    with database.session() as session:
        _alert_at(
            session,
            385,
            dt.datetime(2024, 3, 20, tzinfo=utc),
            dt.datetime(2024, 6, 2, tzinfo=utc),
            True,
        )
        _alert_at(
            session,
            395,
            dt.datetime(2024, 3, 10, tzinfo=utc),
            dt.datetime(2024, 6, 2, tzinfo=utc),
            False,
        )
    with database.session() as session:
        march = make_brief(settings_store, session, "2024-03", panel=panel)
        year = make_brief(settings_store, session, "2024", panel=panel)
    assert {a.gwno: a.status for a in march.new_alerts} == {385: "new", 395: "closed"}
    assert {a.gwno: a.status for a in year.new_alerts} == {385: "closed", 395: "closed"}


@pytest.mark.parametrize(
    "period", ["2023-13", "23", "2023-1", "next", "2999-01", "1989", "0000", "9999-12"]
)
def test_bad_periods_are_refused(
    settings_store: Settings, database: Database, period: str, panel: pd.DataFrame
) -> None:
    with pytest.raises(DataValidationError) as raised, database.session() as session:
        make_brief(settings_store, session, period, panel=panel)
    assert raised.value.field == "period"


@pytest.mark.parametrize("period", ["1900", "1989", "1990-12", "2030", "2027-01"])
def test_a_period_outside_the_briefs_states_the_real_range(
    settings_store: Settings, database: Database, period: str, panel: pd.DataFrame
) -> None:
    """'2030' said "outside 1900-2026" while 1900 was refused as before the first brief."""
    yearly, monthly = brief_range(int(panel["year"].min()))
    assert yearly == ("1990", str(dt.date.today().year))
    assert monthly == ("1991-01", latest_period())
    with pytest.raises(DataValidationError) as raised, database.session() as session:
        make_brief(settings_store, session, period, panel=panel)
    assert raised.value.problem == (
        f"'{period}' is outside the briefs there are: a brief compares a year of data with the "
        f"year before, so yearly briefs start in {yearly[0]} and monthly ones in {monthly[0]}; "
        f"the latest are {yearly[1]} and {monthly[1]}"
    )
    for first in (yearly[0], yearly[1], monthly[0], monthly[1]):  # the ends are briefs
        with database.session() as session:
            assert make_brief(settings_store, session, first, panel=panel).period == first


def test_period_bounds_of_december_roll_over() -> None:
    start, end = period_bounds("2024-12")
    assert (start.year, start.month, end.year, end.month) == (2024, 12, 2025, 1)


def test_french_brief_with_french_names_and_numbers(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    with database.session() as session:
        brief = make_brief(settings_store, session, "2023", panel=panel)
    names = {666: "Israël"}
    text = to_markdown(brief, "fr", name_of=lambda gwno: names.get(gwno, str(gwno)))
    assert text.startswith("# Bulletin Détente, 2023")
    assert "## Dégradations (2023)" in text
    assert (
        "Israël : les morts sont passées de 98 en 2022 à 27\u202f434 en 2023 (+27\u202f336)."
        in text
    )
    assert "sans modèle de langage" in text
    with pytest.raises(DataValidationError) as raised:
        to_markdown(brief, "de")
    assert raised.value.field == "language"


@pytest.mark.parametrize(
    ("new", "open_", "english", "french"),
    [
        (0, 0, "0 new alerts in 2023; 0 open in all.", "0 nouvelle alerte en 2023 ; 0 ouverte au"),
        (1, 1, "1 new alert in 2023; 1 open in all.", "1 nouvelle alerte en 2023 ; 1 ouverte au"),
        (2, 16, "2 new alerts in 2023; 16 open", "2 nouvelles alertes en 2023 ; 16 ouvertes au"),
    ],
)
def test_alert_counts_agree_in_number_in_both_languages(
    settings_store: Settings,
    database: Database,
    panel: pd.DataFrame,
    new: int,
    open_: int,
    english: str,
    french: str,
) -> None:
    """French counts 0 as singular (CLDR); no "ouverte(s)"."""
    with database.session() as session:
        brief = make_brief(settings_store, session, "2023", panel=panel)
    found = tuple(
        Alert(i + 1, gwno, "2024", "onset", "new", 0.9, dt.datetime(2023, 6, 1))
        for i, gwno in enumerate((395, 365)[:new])
    )
    brief = replace(brief, new_alerts=found, open_alerts=open_)
    assert english in to_markdown(brief).replace("\n", " ")
    text = to_markdown(brief, "fr").replace("\n", " ")
    assert french in text
    assert "(s)" not in text


def test_alerts_of_one_state_and_period_share_one_line(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    with database.session() as session:
        brief = make_brief(settings_store, session, "2023", panel=panel)
    created = dt.datetime(2023, 6, 1)
    scored_by_chance = {"rule": {"inputs": {"p_escalation": 0.59}}}
    legacy = {"rule": {"inputs": {"forecast_mean": 336.0, "recent_level": 67.2}}}
    found = (
        Alert(6, 365, "2024", "escalation", "new", 0.59, created, scored_by_chance),
        Alert(3, 660, "2024", "escalation", "new", 0.8, created, legacy),
        Alert(17, 365, "2024", "surge", "acknowledged", 0.2649, created),
        Alert(18, 365, "2025", "surge", "new", 0.2, created),
    )
    brief = replace(brief, new_alerts=found, open_alerts=4)
    assert [[a.id for a in g] for g in alert_groups(found)] == [[6, 17], [3], [18]]
    assert "4 new alerts (3 states) in 2023; 4 open in all." in to_markdown(brief)
    assert "4 nouvelles alertes (3 États) en 2023" in to_markdown(brief, "fr")
    lines = [line for line in to_markdown(brief).splitlines() if "/alerts/" in line]
    assert lines == [
        "- Russia, 2024: risk of escalation (chance 59%, new); risk of a surge in deaths"
        " (chance 26%, acknowledged). See /alerts/6, /alerts/17.",
        "- Lebanon, 2024: risk of escalation (score 0.80, new). See /alerts/3.",
        "- Russia, 2025: risk of a surge in deaths (chance 20%, new). See /alerts/18.",
    ]
    french = to_markdown(brief, "fr")
    assert (
        "- Russia, 2024 : risque d'escalade (probabilité 59\u00a0%, nouvelle) ; risque d'une"
        " forte hausse des morts (probabilité 26\u00a0%, prise en compte)."
        " Voir /alerts/6, /alerts/17."
    ) in french
    html = str(to_html(brief))
    assert (
        'Russia, 2024: <a href="/alerts/6">risk of escalation (chance 59%, new)</a>; '
        '<a href="/alerts/17">risk of a surge in deaths (chance 26%, acknowledged)</a>.'
    ) in html


def test_a_chance_ranks_before_a_criterion_index_as_on_the_alerts_page(
    settings_store: Settings, database: Database, panel: pd.DataFrame
) -> None:
    """A criterion's index (0.73) is not a chance: the brief once put Egypt's criterion alert
    above Azerbaijan's 64% chance of escalation because 0.73 > 0.64."""
    now = dt.datetime.now(dt.UTC)
    with database.session() as session:
        for gwno, rule, score in ((651, "criterion:regional", 0.73), (373, "escalation", 0.64)):
            session.add(
                AlertRow(
                    gwno=gwno,
                    period="2024",
                    rule=rule,
                    status="new",
                    score=score,
                    created_at=now,
                    updated_at=now,
                    explanation={},
                )
            )
    with database.session() as session:
        brief = make_brief(settings_store, session, latest_period(), panel=panel)
        listed = list_alerts(session)
    assert [a.rule for a in brief.new_alerts] == ["escalation", "criterion:regional"]
    assert [a.id for a in brief.new_alerts] == [a.id for a in listed]
