"""Layout of the public pages at a phone's width (390 px) and on a desktop (1200 px), in English
and French: nothing pushes the page sideways, text in tables keeps a readable width, form fields
look alike, charts keep room for their plot."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


def _open_details(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", ["/data", "/initiatives/paris-call"])
def test_long_unbroken_strings_wrap_on_a_phone(page: Page, path: str, language: str) -> None:
    """A commit hash in a source's release (open data page) and an organisation name joined by
    no-break spaces (Paris Call endorsers) wrap instead of pushing the page sideways."""
    page.set_viewport_size(PHONE)
    page.goto(f"{path}?lang={language}")
    _open_details(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
