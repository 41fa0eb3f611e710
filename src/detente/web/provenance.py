"""Where the data shown comes from: read from the snapshot's ``manifest.json``.

``scripts/build_snapshot.py`` writes ``data/manifest.json`` with one entry per bundled file
(title, publisher, release, licence, citation). The footer of every page and the ``/data`` page
show these; the file is re-read only when it changes.

The manifest is written in English. Its release and licence notes ("25.1 (rows of 2024 withheld:
data stop at 2023)") are translated on the pages through :data:`NOTES`, msgids whose placeholders
stand for the parts that change with a release (versions, dates, commits); a note that matches
none is shown as written. Titles and publishers are the datasets' own names and stay as published.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.caching import single_flight_cache
from detente.marks import N_
from detente.web.i18n import DEFAULT_LANGUAGE, msgid_pattern, translations

NOTES: tuple[str, ...] = (
    N_("%(release)s (rows of %(year)s withheld: data stop at %(last)s)"),
    N_("website source %(repository)s, commit %(commit)s (%(date)s)"),
    N_("public information; website source under %(licence)s"),
    N_("MIT (R package); the list is freely published by %(author)s"),
    N_(
        "agreement-level export with agreements to %(date)s "
        "(PA-X version not stated; likely %(version)s)"
    ),
    N_("Published openly for research with citation (see %(site)s)"),
    N_("unvotes GitHub head %(commit)s (%(date)s), sessions %(first)s-%(last)s, to %(end)s"),
    N_("MIT (%(package)s package); underlying data %(licence)s (%(host)s)"),
)
"""The manifest's release and licence notes as msgids; ``%(name)s`` matches any text."""


@dataclass(frozen=True)
class Source:
    """One dataset the platform shows, as credited in the footer."""

    title: str
    publisher: str
    release: str
    licence: str
    citation: str


def _entries(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, dict):
        for key in ("files", "outputs", "datasets", "entries"):
            if isinstance(payload.get(key), list):
                return [e for e in payload[key] if isinstance(e, dict)]
        return []
    if isinstance(payload, list):
        return [e for e in payload if isinstance(e, dict)]
    return []


@single_flight_cache(maxsize=8)
def _read(path: Path, _mtime: float) -> tuple[Source, ...]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    seen: dict[tuple[str, str, str], Source] = {}
    for entry in _entries(payload):
        source = Source(
            title=str(entry.get("title", "")),
            publisher=str(entry.get("publisher", "")),
            release=str(entry.get("release", "")),
            licence=str(entry.get("licence", "")),
            citation=str(entry.get("citation", "")),
        )
        key = (source.publisher, source.title, source.release)
        if source.title and key not in seen:
            seen[key] = source
    return tuple(seen.values())


def sources(snapshot_dir: Path) -> tuple[Source, ...]:
    """The distinct datasets of the snapshot (empty when there is no readable manifest).

    Every page's footer calls this, so a manifest that cannot be read (missing, not UTF-8,
    not JSON, a folder) costs the credits, never the page.
    """
    path = snapshot_dir / "manifest.json"
    try:
        return _read(path, path.stat().st_mtime)
    except (OSError, ValueError):  # ValueError: JSONDecodeError and UnicodeDecodeError
        return ()


def published_sources(snapshot_dir: Path) -> tuple[Source, ...]:
    """The datasets released by their publishers, without Détente's own hand-written tables.

    The footer of every page credits these; ``/data`` lists everything, hand tables included,
    so the footer stays short enough to read on a phone.
    """
    return tuple(s for s in sources(snapshot_dir) if not s.publisher.startswith("Détente"))


@lru_cache(maxsize=1)
def _note_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each msgid of :data:`NOTES` as a pattern whose named groups fill its placeholders."""
    return tuple((msgid_pattern(msgid), msgid) for msgid in NOTES)


def translate_note(note: str, language: str) -> str:
    """A release or licence note of the manifest in ``language`` (as written if none fits)."""
    if language == DEFAULT_LANGUAGE:
        return note
    catalogue = translations(language)
    for pattern, msgid in _note_patterns():
        match = pattern.fullmatch(note)
        if match:
            return catalogue.gettext(msgid) % match.groupdict()
    return note


def in_language(found: tuple[Source, ...], language: str) -> tuple[Source, ...]:
    """``found`` with their release and licence notes in ``language`` (for the pages)."""
    return tuple(
        replace(
            source,
            release=translate_note(source.release, language),
            licence=translate_note(source.licence, language),
        )
        for source in found
    )
