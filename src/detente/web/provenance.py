"""Where the data shown comes from: read from the snapshot's ``manifest.json``.

``scripts/build_snapshot.py`` writes ``data/manifest.json`` with one entry per bundled file
(title, publisher, release, licence, citation). The footer of every page and the ``/data`` page
show these; the file is re-read only when it changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


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


@lru_cache(maxsize=8)
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
    """The distinct datasets of the snapshot (empty when there is no manifest)."""
    path = snapshot_dir / "manifest.json"
    try:
        return _read(path, path.stat().st_mtime)
    except (FileNotFoundError, json.JSONDecodeError):
        return ()
