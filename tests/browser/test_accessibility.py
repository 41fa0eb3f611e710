"""Every page passes axe-core's automated accessibility rules (WCAG 2 A/AA): labels, contrast,
names, landmarks, headings, ARIA.

axe-core is the reference engine of automated accessibility testing; ``axe-playwright-python``
ships it as a file and injects it into the page, so nothing is fetched. Automated rules catch
perhaps a third of real barriers; the keyboard test in ``test_shell.py`` covers another part.
Public pages are checked in English and French; the forms are checked signed in as their role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from detente.errors import ConflictError
from detente.store import Database
from detente.warning.actions import add_mediation
from tests.browser.conftest import LiveServer, Login

pytestmark = pytest.mark.browser

PUBLIC_PAGES = (
    "/",
    "/countries",
    "/countries/SDN",
    "/alerts",
    "/brief",
    "/methods",
    "/initiatives",
    "/initiatives/paris-call",
    "/alignment",
    "/formats",
    "/opinion-groups",
    "/texts",
    "/pacts",
    "/pacts/osce",
    "/sanctions",
    "/data",
    "/login",
)
ROLE_PAGES = (
    ("analyst", "/actions"),
    ("coordinator", "/response/officers"),
    ("coordinator", "/response/teams/new"),
    ("coordinator", "/response/deployments"),
    ("monitor", "/pacts/osce/monitor"),
    ("monitor", "/pacts/tracks"),
    ("admin", "/audit"),
)
AXE = Axe()


def _violations(page: Page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None, path
    assert response.ok, f"{path}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    found: list[dict[str, Any]] = AXE.run(page).response["violations"]
    return [
        f"{path}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_public_pages_pass_axe(page: Page, language: str) -> None:
    page.goto(f"/?lang={language}")  # the choice is kept in a cookie for the next pages
    problems = [p for path in PUBLIC_PAGES for p in _violations(page, path)]
    assert problems == []


def test_forms_pass_axe_for_their_roles(page: Page, login: Login, live_server: LiveServer) -> None:
    _ongoing_mediation(live_server)  # so /actions shows its correction forms too
    problems: list[str] = []
    signed_in = None
    for role, path in ROLE_PAGES:
        if role != signed_in:
            page.context.clear_cookies()
            login(page, role)
            signed_in = role
        problems += _violations(page, path)
    assert problems == []


def _ongoing_mediation(live_server: LiveServer) -> None:
    database = Database(live_server.settings.sqlalchemy_url)
    try:
        with database.session() as session:
            add_mediation(
                session,
                gwno=432,
                track="private",
                mediator="Accessibility test mediator",
                started_on=dt.date(2023, 1, 10),
                title="Talks (accessibility test record)",
                source="test",
                actor="test",
            )
    except ConflictError:  # the server is shared by the session's tests: recorded already
        pass
    finally:
        database.dispose()


def test_the_checker_finds_a_known_barrier(page: Page) -> None:
    """The harness itself: a page with low contrast and an unlabelled field fails."""
    page.set_content(
        "<html lang='en'><head><title>t</title></head><body><main><h1>t</h1>"
        "<p style='color:#bbb;background:#fff'>faint</p><input type='text'></main></body></html>"
    )
    found = {v["id"] for v in AXE.run(page).response["violations"]}
    assert {"color-contrast", "label"} <= found
