"""A public visitor: the home map, a click through to a country page, its history chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, RequestLog

pytestmark = pytest.mark.browser


def test_visitor_clicks_a_country_on_the_map_and_sees_its_page(
    page: Page, request_log: RequestLog
) -> None:
    page.goto("/")
    expect(page.locator("#world-map")).to_have_attribute("data-ready", "true")
    kenya = page.locator('#world-map svg a[href="/countries/KEN"]')
    expect(kenya).to_have_count(1)
    assert len(page.locator("#world-map svg a").all()) > 190
    kenya.locator("path").click()
    expect(page).to_have_url("/countries/KEN")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kenya")
    assert any(u.endswith("countries-50m.json?v=0.1.0") for u in request_log.urls)


def test_visitor_sees_the_history_chart_with_its_table(page: Page, live_server: LiveServer) -> None:
    if not live_server.settings.analytics_path.exists():
        pytest.skip("no analytics store: the analytics domain's analytics_path fixture is missing")
    page.goto("/countries/SDN")
    expect(page.get_by_role("heading", name="Deaths in organized violence")).to_be_visible()
    expect(page.locator("#history-chart")).to_have_attribute("data-ready", "true")
    box = page.locator("#history-chart").bounding_box()
    assert box is not None
    assert box["height"] > 100
    page.get_by_text("Show the numbers as a table").click()
    expect(page.get_by_role("columnheader", name="State-based")).to_be_visible()
