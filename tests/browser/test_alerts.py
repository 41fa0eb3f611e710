"""A coordinator opens an alert, reads why it fired and requests a team; an analyst records an
organisation action; the alert pages render in French."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from detente.analytics import load_panel
from detente.store import Database
from detente.warning.alerts import list_alerts, run_alerts
from tests.browser.conftest import LiveServer, Login
from tests.warning.alerts_support import ONSET_ONLY, poisson_forecast

pytestmark = pytest.mark.browser


def _alert_for_iceland(live_server: LiveServer) -> int:
    """An onset alert (Iceland, 2014) from a forecast built on real panel values."""
    settings = live_server.settings
    if not settings.analytics_path.exists():
        pytest.skip("no analytics store in the live server")
    panel = load_panel(settings, "cy")
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            run_alerts(
                session,
                settings,
                poisson_forecast(panel, 2013, level={395: 40.0}),
                actor="browser-test",
                panel=panel,
                config=ONSET_ONLY,
                model_name="poisson-test",
            )
            return list_alerts(session, gwno=395)[0].id
    finally:
        database.dispose()


def test_coordinator_requests_a_team_from_an_alert(
    page: Page, live_server: LiveServer, login: Login
) -> None:
    alert_id = _alert_for_iceland(live_server)
    login(page, "coordinator")
    page.goto("/alerts")
    page.locator(f'main a[href="/alerts/{alert_id}"]').first.click()
    expect(page).to_have_url(re.compile(rf"/alerts/{alert_id}$"))
    expect(page.get_by_role("heading", name="Why this alert")).to_be_visible()
    expect(page.get_by_role("heading", name="The four recognised criteria")).to_be_visible()
    expect(page.get_by_role("heading", name="Lessons from past crises")).to_be_visible()
    page.get_by_label("Note for the crisis management unit (optional)").fill("browser test")
    page.get_by_role("button", name="Request a team").click()
    expect(page).to_have_url(re.compile(rf"/response/teams/new\?alert={alert_id}&country=ISL$"))
    page.goto(f"/alerts/{alert_id}")
    expect(page.get_by_text("team requested").first).to_be_visible()
    expect(page.get_by_role("link", name="Assemble the team")).to_have_attribute(
        "href", f"/response/teams/new?alert={alert_id}&country=ISL"
    )


def test_analyst_records_an_organisation_action_then_withdraws_it(page: Page, login: Login) -> None:
    login(page, "analyst")
    page.goto("/actions")
    page.get_by_label("Country (ISO3 or name)").first.fill("Mali")
    page.get_by_label("Organisation").select_option("ECOWAS")
    page.get_by_label("Kind").select_option("mission")
    page.get_by_label("Date").fill("2013-01-17")
    page.get_by_label("What").first.fill("AFISMA deployment (browser test record)")
    page.get_by_label("Source (URL or reference)").first.fill("test")
    page.get_by_role("button", name="Record the action").click()
    expect(page).to_have_url(re.compile(r"/actions$"))
    afisma = page.get_by_role("cell", name="AFISMA deployment (browser test record)")
    expect(afisma).to_be_visible()
    record = page.get_by_label("Record", exact=True)
    record.select_option(label=record.locator("option", has_text="ECOWAS, 2013-01-17").inner_text())
    page.get_by_label("Reason").fill("recorded by the browser test")
    page.get_by_role("button", name="Withdraw the record").click()
    expect(page).to_have_url(re.compile(r"/actions$"))
    expect(afisma).to_have_count(0)


def test_alerts_and_brief_in_french(page: Page, live_server: LiveServer) -> None:
    _alert_for_iceland(live_server)
    page.goto("/alerts?lang=fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alertes")
    page.goto("/brief/2023?lang=fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bulletin 2023")
    expect(page.get_by_role("heading", name="Dégradations (2023)")).to_be_visible()


def test_criterion_inputs_are_readable_inside_their_cards(page: Page) -> None:
    """Each input's value gets most of its card's width, below its label (side by side, a long
    French label left the value a sliver a few pixels wide)."""
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto("/countries/SYR?lang=fr")
    cards = page.locator(".card").filter(has=page.locator("dl.facts"))
    expect(cards.first).to_be_attached()
    for summary in page.locator(".card details summary").all():
        summary.click()
    widths = page.evaluate(
        """() => [...document.querySelectorAll('.card dl.facts dd')].map(dd => {
            const card = dd.closest('.card').getBoundingClientRect();
            const own = dd.getBoundingClientRect();
            return [own.width / card.width, own.right <= card.right + 1];
        })"""
    )
    assert len(widths) >= 20
    assert all(share > 0.7 and inside for share, inside in widths), widths
    expect(page.get_by_text("Voisins terrestres", exact=True).first).to_be_visible()
