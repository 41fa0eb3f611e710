"""A delegate lodges an objection that breaks a silence procedure; a visitor sees initiatives."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from detente.alliance.consensus import create_text, get_text, open_silence
from detente.store import Database
from tests.browser.conftest import ARTIFACTS, LiveServer, Login

pytestmark = pytest.mark.browser
GERMANY = 260


def _text_under_silence(live_server: LiveServer) -> int:
    database = Database(live_server.settings.sqlalchemy_url)
    try:
        with database.session() as session:
            text = create_text(
                session,
                title="Declaration on trust in cyberspace (test text)",
                paragraphs=[
                    "States affirm that international law applies in cyberspace.",
                    "States will share information on incidents within 24 hours.",
                ],
                actor="secretariat",
            )
            open_silence(
                session,
                text.id,
                deadline=dt.datetime.now(dt.UTC) + dt.timedelta(hours=20),
                actor="secretariat",
            )
            return text.id
    finally:
        database.dispose()


def test_a_delegate_lodges_an_objection_that_breaks_a_silence_procedure(
    page: Page, live_server: LiveServer, login: Login
) -> None:
    text_id = _text_under_silence(live_server)
    login(page, "delegate", gwno=GERMANY)
    page.goto("/texts")
    expect(page.get_by_role("heading", name="Silence procedures closing soon")).to_be_visible()
    page.get_by_role("link", name="Declaration on trust in cyberspace (test text)").first.click()
    expect(page.locator("#silence-status")).to_have_attribute("data-status", "open")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "alliance-silence-open.png"), full_page=True)

    page.get_by_label("Position of Germany on paragraph 2").select_option("objection")
    page.get_by_label("Comment (paragraph 2)").fill("24 hours is too short for national review.")
    page.get_by_role("button", name="Lodge the position on paragraph 2").click()

    status = page.locator("#silence-status")
    expect(status).to_have_attribute("data-status", "broken")
    expect(status).to_contain_text("broken by Germany")
    expect(page.locator("#text-status")).to_have_text("draft")
    expect(page.locator("#paragraph-2")).to_contain_text("24 hours is too short")
    database = Database(live_server.settings.sqlalchemy_url)
    try:
        with database.session() as session:
            view = get_text(session, text_id)
    finally:
        database.dispose()
    assert view.status == "draft"
    assert view.silence is not None
    assert view.silence.broken_by == GERMANY


def test_a_visitor_sees_initiative_counts_over_time(page: Page) -> None:
    page.goto("/initiatives")
    expect(page.locator("#initiatives-chart")).to_have_attribute("data-ready", "true")
    expect(page.get_by_text("count only, list not public").first).to_be_visible()
    page.get_by_role("link", name="Paris Call for Trust and Security in Cyberspace").first.click()
    expect(page.locator("#endorsing-states")).to_contain_text("France")


def test_initiative_counts_are_drawn_to_the_scale_of_time(page: Page) -> None:
    """Two counts four years apart sit four years apart on the axis, not one step apart."""
    page.goto("/initiatives")
    expect(page.locator("#initiatives-chart")).to_have_attribute("data-ready", "true")
    found = page.evaluate(
        """() => {
            const chart = Chart.getChart(document.getElementById('initiatives-chart'));
            const points = chart.data.datasets.flatMap((set, i) =>
                chart.getDatasetMeta(i).data.map((el, j) => [set.data[j].date, el.x]));
            const ticks = chart.scales.x.ticks.map(t => t.label);
            return {points, axis: chart.scales.x.type, ticks};
        }"""
    )
    assert found["axis"] == "linear"
    assert all(label == "" or len(label) == 4 for label in found["ticks"])  # years, not "2 019"
    by_date = {date: x for date, x in found["points"]}
    dates = sorted(by_date)
    assert len(dates) >= 3

    def years(a: str, b: str) -> float:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days / 365.25

    first, last = dates[0], dates[-1]
    pixels_per_year = (by_date[last] - by_date[first]) / years(first, last)
    for date in dates[1:-1]:
        expected = by_date[first] + years(first, date) * pixels_per_year
        assert abs(by_date[date] - expected) < 3, (date, by_date[date], expected)


def test_the_chart_legend_fits_a_phone_and_tells_the_series_apart(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/initiatives?lang=fr")
    expect(page.locator("#initiatives-chart")).to_have_attribute("data-ready", "true")
    legend = page.evaluate(
        """() => {
            const chart = Chart.getChart(document.getElementById('initiatives-chart'));
            return {
                width: chart.width,
                texts: chart.legend.legendItems.map(item => item.text),
                boxes: chart.legend.legendHitBoxes.map(b => [b.left, b.left + b.width]),
            };
        }"""
    )
    assert len(legend["texts"]) == 7
    assert len(set(legend["texts"])) == 7  # the two Paris Call series stay distinct
    assert all(left >= 0 and right <= legend["width"] for left, right in legend["boxes"])
