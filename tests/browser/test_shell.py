"""The shell in a real browser: language switch, keyboard access, sign-in, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Login, RequestLog

pytestmark = pytest.mark.browser


def test_french_pages_render_after_switching_language(page: Page) -> None:
    page.goto("/countries")
    expect(page.get_by_role("heading", level=1)).to_have_text("Countries")
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pays")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="Accueil").click()  # the choice is remembered
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()


def test_keyboard_reaches_the_skip_link_and_the_main_navigation(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#main-nav') !== null"):
            break
    else:
        pytest.fail("the main navigation is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focused link has no visible focus outline"


def test_signed_in_user_sees_name_and_can_sign_out(page: Page, login: Login) -> None:
    username = login(page, "monitor")
    expect(page.get_by_text(username)).to_be_visible()
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_every_request_of_the_pages_stays_on_the_loopback_server(
    page: Page, request_log: RequestLog
) -> None:
    for path in ("/", "/countries", "/countries/KEN", "/data", "/login", "/docs"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert len(request_log.urls) > 6
    assert request_log.external == []


def test_country_page_is_usable_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/countries/KEN")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kenya")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"
