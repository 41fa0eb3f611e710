"""A monitor reports an incident through the real form; the public pact page shows it with its
UCDP conflict and the frozen Minsk roadmap; the French page uses the Act's French wording."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Login

pytestmark = pytest.mark.browser


def test_monitor_reports_an_incident_and_the_public_sees_it(page: Page, login: Login) -> None:
    login(page, "monitor")
    page.goto("/pacts/osce/monitor")
    page.get_by_label("Date (YYYY-MM-DD)").fill("2022-02-24")
    page.get_by_label("Place", exact=True).fill("Kharkiv (browser test)")
    page.get_by_label("Reported by (a state's ISO3 code or any body)").fill("UKR")
    page.get_by_label("Accused state (ISO3 code or name)").fill("RUS")
    page.get_by_label("2. Refraining from the threat or use of force").check()
    page.get_by_label("What happened").fill("Shelling reported by the browser test")
    page.get_by_role("button", name="Report").click()
    expect(page).to_have_url("/pacts/osce/monitor#incidents")
    expect(page.get_by_text("Kharkiv (browser test)")).to_be_visible()

    page.goto("/pacts/osce")
    row = page.locator("tr", has_text="Kharkiv (browser test)")
    expect(row).to_be_visible()
    expect(
        row.get_by_role("link", name="Government of Russia (Soviet Union) – Government of Ukraine")
    ).to_be_visible()
    expect(page.locator("strong.tag", has_text="Frozen")).to_be_visible()


def test_the_french_pact_page(page: Page) -> None:
    page.goto("/pacts/osce?lang=fr")
    expect(page.get_by_role("heading", name="Principes et respect des engagements")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Inviolabilité des frontières")).to_be_visible()


@pytest.mark.parametrize("path", ["/pacts", "/pacts/osce", "/sanctions"])
def test_pact_pages_fit_a_phone(page: Page, path: str) -> None:
    """The page's own content (``main``) never scrolls sideways; wide tables scroll in their
    wrapper. (The shared footer is measured by the shell's own test.)"""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)
    overflow = page.evaluate(
        "(() => { const m = document.querySelector('main'); "
        "return m.scrollWidth - m.clientWidth; })()"
    )
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
