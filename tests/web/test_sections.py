"""Domains plug into the shared pages by defining hook functions in their routes module."""

from __future__ import annotations

import datetime as dt
import types
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from starlette.requests import Request

from detente.web.sections import Download, FeedEntry, NavItem, Section
from detente.web.worldmap import PALETTE, MapLayer


def _domain_module() -> types.ModuleType:
    module = types.ModuleType("detente.web.routes.example")

    def nav_items() -> list[NavItem]:
        return [
            NavItem("Alerts", "/alerts", order=20),
            NavItem("Roster", "/roster", order=30, roles=("coordinator",)),
        ]

    def downloads() -> list[Download]:
        return [Download("Alerts", "Every alert", "/alerts.csv", "CSV")]

    def feed_entries(request: Request) -> list[FeedEntry]:
        return [
            FeedEntry("alert-1", "Alert one", "s", "/alerts/1", dt.datetime(2026, 1, 1)),
            FeedEntry(
                "alert-2", "Alert two", "s", "/alerts/2", dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
            ),
        ]

    def home_section(request: Request) -> Section:
        layer = MapLayer(
            "Forecast risk",
            {625: 0.9},
            (0.1, 0.2, 0.5, 0.8, 0.95),
            ("a", "b", "c", "d", "e", "f"),
            "%(value)s",
            "forecasts",
        )
        return Section("error.html", {"map_layer": layer, "status": 200, "detail": "example block"})

    module.nav_items = nav_items  # type: ignore[attr-defined]
    module.downloads = downloads  # type: ignore[attr-defined]
    module.feed_entries = feed_entries  # type: ignore[attr-defined]
    module.home_section = home_section  # type: ignore[attr-defined]
    return module


def _with_domain(client: TestClient) -> TestClient:
    app = client.app
    app.state.route_modules = (*app.state.route_modules, _domain_module())  # type: ignore[attr-defined]
    return client


def test_nav_items_appear_for_the_roles_they_name(client: TestClient, sign_in: object) -> None:
    _with_domain(client)
    public = client.get("/countries").text
    assert '<a href="/alerts">Alerts</a>' in public
    assert "/roster" not in public
    sign_in(client, "coordinator")  # type: ignore[operator]
    assert '<a href="/roster">Roster</a>' in client.get("/countries").text


def test_downloads_and_feed_entries_are_collected(client: TestClient) -> None:
    _with_domain(client)
    assert 'href="/alerts.csv"' in client.get("/data").text
    root = ET.fromstring(client.get("/feed.atom").content)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")][1:]
    titles = [t for t in titles if t and not t.startswith("Brief ")]  # the alerts part's briefs
    assert titles == ["Alert two", "Alert one"]  # newest first, naive times read as UTC


def test_home_section_is_rendered_and_its_map_layer_colours_the_map(client: TestClient) -> None:
    _with_domain(client)
    page = client.get("/").text
    assert "example block" in page
    assert "Forecast risk" in page
    assert f'"fill": "{PALETTE[4]}"' in page or f'"fill":"{PALETTE[4]}"' in page
