"""``/feed.atom``: an Atom feed (RFC 4287) of what the domains publish (alerts, briefs, ...)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from detente.web import sections
from detente.web.i18n import gettext

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
# What XML 1.0 does not allow in a document, escaped or not (its production ``Char``).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _iso(moment: dt.datetime) -> str:
    return sections.as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (NUL, vertical tab, lone surrogates...).

    Forms refuse control characters, but a record stored before they did, or imported from a
    file, must not make the whole feed unreadable: ElementTree escapes ``<`` and ``&`` but writes
    a NUL as it is, and a feed reader then rejects every entry.
    """
    return _NOT_XML.sub("", value)


def _entry_id(raw: str) -> str:
    """Atom ids are IRIs: keep a URI as is, make anything else a ``urn:detente:`` name."""
    return raw if ":" in raw else f"urn:detente:{raw}"


def atom_document(
    *, feed_url: str, site_url: str, title: str, entries: list[sections.FeedEntry]
) -> bytes:
    """The Atom XML of ``entries`` (newest first); ``updated`` is the newest entry's time."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = xml_text(title)
    newest = max(
        (sections.as_utc(e.updated) for e in entries),
        default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _iso(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Détente"
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "Détente"
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = xml_text(_entry_id(item.id))
        ET.SubElement(entry, f"{{{ATOM}}}title").text = xml_text(item.title)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _iso(item.updated)
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            href=xml_text(site_url.rstrip("/") + item.path),
        )
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = xml_text(item.author)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = xml_text(item.summary)
    body: bytes = ET.tostring(feed, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


@router.get("/feed.atom")
def atom_feed(request: Request) -> Response:
    """Every domain's feed entries as one Atom feed."""
    body = atom_document(
        feed_url=str(request.url_for("atom_feed")),
        site_url=str(request.base_url),
        title=gettext(request, "Détente: alerts and briefs"),
        entries=sections.feed_entries(request),
    )
    return Response(body, media_type=MEDIA_TYPE)
