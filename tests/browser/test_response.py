"""A coordinator assembles and deploys a team from an alert, in Debian's chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from detente.settings import REPO_ROOT
from detente.store import Database
from tests.browser.conftest import LiveServer, Login

pytestmark = pytest.mark.browser
ARTIFACTS = REPO_ROOT / "test-artifacts"


def _alert_for_sudan(live_server: LiveServer) -> int:
    """A new alert on Sudan in the server's database (the rules need a stored forecast)."""
    from detente.warning.models import AlertRow

    database = Database(live_server.settings.sqlalchemy_url)
    try:
        with database.session() as session:
            row = AlertRow(
                gwno=625,
                period="2027",
                rule="browser-test",
                status="new",
                score=0.8,
                explanation={
                    "rule": {"name": "browser-test", "text": "test alert", "inputs": {}},
                    "forecast": {"model": None, "cutoff": None},
                    "contributions": None,
                },
            )
            session.add(row)
            session.flush()
            return row.id
    finally:
        database.dispose()


def test_coordinator_assembles_and_deploys_a_team_from_an_alert(
    page: Page, live_server: LiveServer, login: Login
) -> None:
    pytest.importorskip("detente.warning.alerts")
    alert_id = _alert_for_sudan(live_server)
    login(page, "coordinator")
    page.goto(f"/alerts/{alert_id}")
    page.get_by_role("button", name="Request a team").click()
    expect(page).to_have_url(f"/response/teams/new?alert={alert_id}&country=SDN")
    expect(page.get_by_label("Country (ISO3, code or name)")).to_have_value("SDN")
    expect(page.get_by_label("Required languages (ISO 639 codes, comma-separated)")).to_have_value(
        "en, ar"
    )
    page.get_by_label("Team size").fill("4")
    page.get_by_label("mediation").check()
    page.get_by_label("ceasefire monitoring").check()
    page.get_by_role("button", name="Propose a team").click()
    expect(page.get_by_role("heading", name="Proposed team")).to_be_visible()
    rows = page.locator("#team tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#team")).to_contain_text("Demo-")
    expect(page.locator("#team")).to_contain_text("mediation")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "response-proposed-team.png"), full_page=True)
    page.get_by_role("button", name="Approve and book the team").click()
    expect(page.locator("#deployment-status")).to_have_text("approved")
    page.get_by_role("button", name="Deploy").click()
    expect(page.locator("#deployment-status")).to_have_text("deployed")
    page.goto("/response/deployments")
    expect(page.locator("#deployments")).to_contain_text("deployed")
    page.goto(f"/alerts/{alert_id}")
    expect(page.get_by_role("link", name="Assemble the team")).to_be_visible()
