"""The Atom feed is valid Atom (RFC 4287) and carries the domains' entries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from detente.web.routes.feed import ATOM, atom_document
from detente.web.sections import FeedEntry

NS = {"a": ATOM}


def test_feed_is_atom_with_the_required_elements(client: TestClient) -> None:
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{ATOM}}}feed"
    for required in ("id", "title", "updated", "author/a:name"):
        assert root.find(f"a:{required}", NS) is not None, required
    assert root.find("a:link[@rel='self']", NS).get("href") == "http://testserver/feed.atom"


def test_entries_are_complete_newest_first_and_escaped() -> None:
    entries = [
        FeedEntry(
            id="alert-7",
            title="Alert: Sudan <rising> & more",
            summary="Forecast above 1,000 deaths",
            path="/alerts/7",
            updated=dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC),
        ),
        FeedEntry(
            id="https://example.org/brief/2026-02",
            title="Brief February 2026",
            summary="Monthly brief",
            path="/briefs/2026-02",
            updated=dt.datetime(2026, 2, 28),
        ),
    ]
    body = atom_document(
        feed_url="http://h/feed.atom", site_url="http://h/", title="T", entries=entries
    )
    root = ET.fromstring(body)
    parsed = root.findall("a:entry", NS)
    assert [e.find("a:title", NS).text for e in parsed] == [
        "Alert: Sudan <rising> & more",
        "Brief February 2026",
    ]
    assert parsed[0].find("a:id", NS).text == "urn:detente:alert-7"
    assert parsed[1].find("a:id", NS).text == "https://example.org/brief/2026-02"
    assert parsed[0].find("a:link", NS).get("href") == "http://h/alerts/7"
    assert parsed[1].find("a:updated", NS).text == "2026-02-28T00:00:00Z"
    assert root.find("a:updated", NS).text == "2026-03-01T12:00:00Z"
    for entry in parsed:
        for required in ("id", "title", "updated", "summary", "author/a:name"):
            assert entry.find(f"a:{required}", NS) is not None


def test_characters_xml_forbids_are_left_out_of_a_well_formed_feed() -> None:
    """Records stored before the forms refused control characters must not break the feed."""
    entry = FeedEntry(
        id="incident-3\x00",
        title="Verdict: violation\x0b — Russia, Kyiv",
        summary="Clear breach\x0b of principle\x00 2\ttab\nline\x1b\ud800",
        path="/pacts/osce",
        updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        author="Monitor\x07",
    )
    body = atom_document(
        feed_url="http://h/feed.atom", site_url="http://h/", title="T\x00", entries=[entry]
    )
    root = ET.fromstring(body)
    parsed = root.find("a:entry", NS)
    assert parsed.find("a:summary", NS).text == "Clear breach of principle 2\ttab\nline"
    assert parsed.find("a:title", NS).text == "Verdict: violation — Russia, Kyiv"
    assert parsed.find("a:id", NS).text == "urn:detente:incident-3"
    assert parsed.find("a:author/a:name", NS).text == "Monitor"
    assert root.find("a:title", NS).text == "T"
