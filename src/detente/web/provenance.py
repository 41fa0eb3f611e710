"""Where the data shown comes from: read from the snapshot's ``manifest.json``.

``scripts/build_snapshot.py`` writes ``data/manifest.json`` with one entry per bundled file
(title, publisher, release, licence, citation). The footer of every page and the ``/data`` page
show these; the file is re-read only when it changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.caching import single_flight_cache


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
