"""A public visitor opens a country page and sees the forecast fan chart drawn, then the methods."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, RequestLog

pytestmark = pytest.mark.browser


def test_visitor_sees_the_forecast_fan_chart(
    page: Page, live_server: LiveServer, request_log: RequestLog
) -> None:
    if not live_server.settings.analytics_path.exists():
        pytest.skip("no analytics store: the analytics_path fixture is missing")
    page.goto("/countries/SDN")
    heading = page.get_by_role("heading", name="Forecast of state-based deaths", exact=True)
    expect(heading).to_be_visible()
    chart = page.locator("#forecast-chart")
    expect(chart).to_have_attribute("data-ready", "true")
    box = chart.bounding_box()
    assert box is not None
    assert box["height"] > 100
    # the canvas holds drawn pixels, not a blank bitmap
    painted = page.evaluate(
        """() => {
        const c = document.getElementById('forecast-chart');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; }
        return n;
    }"""
    )
    assert painted > 1000
    page.get_by_text("Show the forecast as a table").click()
    expect(page.get_by_role("columnheader", name="Chance of 25 or more")).to_be_visible()
    assert any(u.endswith("/static/warning/fan-chart.js?v=0.1.0") for u in request_log.urls)
    chart.scroll_into_view_if_needed()
    # the track record: the same script draws the backtest's past forecasts below
    track = page.locator("#track-chart")
    expect(track).to_have_attribute("data-ready", "true")
    page.get_by_text("Show the track record as a table").click()
    table = page.get_by_role("table", name="Forecasts made a year ahead and what happened")
    expect(table.get_by_role("rowheader", name="2023")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Inside the interval")).to_be_visible()
    # the reader switches to the forecasts made three years ahead and lands on the section
    switch = page.get_by_role("navigation", name="How far ahead the forecasts were made")
    switch.get_by_role("link", name="3 years ahead").click()
    page.wait_for_url("**/countries/SDN?ahead=3#track-heading")
    expect(switch.get_by_role("link", name="3 years ahead")).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#track-chart")).to_have_attribute("data-ready", "true")
    page.get_by_text("Show the track record as a table").click()
    three = page.get_by_role("table", name="Forecasts made 3 years ahead and what happened")
    expect(three.get_by_role("rowheader", name="2010")).to_be_visible()


def test_visitor_reads_the_methods_page(page: Page) -> None:
    page.goto("/methods")
    expect(page.get_by_role("heading", level=1)).to_have_text("How forecasts are made")
    scores = page.get_by_role("region", name="How well it scores")
    expect(scores.get_by_role("rowheader", name="Conflictology (benchmark)")).to_be_visible()
    # calibration: our model beside the benchmark, by tenths of the forecast distribution
    calibration = page.get_by_role("region", name="Are the chances right?")
    expect(calibration.get_by_role("rowheader", name="Conflictology (benchmark)")).to_be_visible()
    expect(calibration.get_by_role("rowheader", name="90–100%")).to_be_visible()
