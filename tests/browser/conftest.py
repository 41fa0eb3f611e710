"""Browser fixtures: a real uvicorn server on a free loopback port and Debian's chromium.

- ``live_server`` (session): the full app over a fresh ``var/`` prepared by every
  ``detente init`` step (the analytics store is copied from the session's ``analytics_path``
  when that fixture exists, so it is built only once), served by uvicorn in a thread.
- ``page``: a fresh browser context and page with ``base_url`` set, so ``page.goto("/")`` works.
  Every request the page makes is recorded; a request to anything but the loopback server is
  aborted and fails the test. A screenshot is saved to ``test-artifacts/<test>.png`` at the end.
- ``login(page, role, gwno=None)``: creates a user of that role in the server's database and
  signs in through the real form; returns the username.

Chromium is ``/usr/bin/chromium`` from Debian (``make chromium``), never a downloaded build.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from detente.cli.setup import INIT_STEPS, _load
from detente.settings import REPO_ROOT, Settings
from detente.web.app import create_app
from tests.web.conftest import add_user

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
Login = Callable[..., str]


@dataclass
class LiveServer:
    """A running server: its base URL and settings."""

    url: str
    settings: Settings


@dataclass
class RequestLog:
    """Every URL a page asked for, and those that were not for the loopback server."""

    urls: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def _initialise(tmp: Path, request: pytest.FixtureRequest) -> Settings:
    data_dir = tmp / "var"
    data_dir.mkdir(parents=True)
    kwargs: dict[str, object] = {}
    try:
        source: Path = request.getfixturevalue("analytics_path")
        kwargs["duckdb_path"] = data_dir / "analytics.duckdb"
        shutil.copyfile(source, data_dir / "analytics.duckdb")
    except pytest.FixtureLookupError:
        pass
    settings = Settings(
        data_dir=data_dir,
        snapshot_dir=REPO_ROOT / "data",
        secret_key=secrets.token_urlsafe(16),
        **kwargs,  # type: ignore[arg-type]
    )
    for step in INIT_STEPS:
        _load(step)(settings)
    return settings


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[LiveServer]:
    """The full app served by uvicorn on a free port of 127.0.0.1."""
    settings = _initialise(tmp_path_factory.mktemp("live"), request)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (headless)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make chromium' (Debian's package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def request_log() -> RequestLog:
    """The requests of the test's page (filled by the ``page`` fixture)."""
    return RequestLog()


@pytest.fixture
def page(
    browser: object,
    live_server: LiveServer,
    request_log: RequestLog,
    request: pytest.FixtureRequest,
) -> Iterator[object]:
    """A fresh page on the live server; no request may leave the machine."""
    from playwright.sync_api import Browser, Route

    assert isinstance(browser, Browser)
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )

    def guard(route: Route) -> None:
        url = route.request.url
        request_log.urls.append(url)
        if _is_local(url):
            route.continue_()
        else:
            request_log.external.append(url)
            route.abort()

    context.route("**/*", guard)
    new_page = context.new_page()
    try:
        yield new_page
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        new_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not request_log.external, f"requests left the machine: {request_log.external}"


@pytest.fixture
def login(live_server: LiveServer) -> Login:
    """``login(page, role, gwno=None)``: a new user of ``role`` signed in on ``page``."""

    def _login(page: object, role: str, gwno: int | None = None) -> str:
        from playwright.sync_api import Page

        assert isinstance(page, Page)
        username, password = add_user(live_server.settings, role, gwno)
        page.goto("/login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/login" not in url)
        return username

    return _login
