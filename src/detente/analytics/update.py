"""``detente data update``: download the newest UCDP releases and import them.

Everything is downloaded before anything is imported, so an unreachable site (offline) changes
nothing; each import is then its own transaction (see :mod:`detente.analytics.imports`).
Releases already recorded in the store (same kind and release label) are not downloaded again.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx2

from detente.analytics.imports import ImportResult, ProgressCallback, import_release
from detente.analytics.status import data_status
from detente.settings import Settings
from detente.sources.download import BytesCallback, RemoteRelease, download, find_newest


@dataclass(frozen=True)
class UpdateResult:
    """What ``update_releases`` found and did."""

    available: tuple[RemoteRelease, ...]
    already_imported: tuple[RemoteRelease, ...]
    imported: tuple[ImportResult, ...]


def update_releases(
    settings: Settings,
    today: date | None = None,
    on_bytes: BytesCallback | None = None,
    on_phase: ProgressCallback | None = None,
) -> UpdateResult:
    """Download the newest UCDP GED (annual + candidate), country-year and ACD releases.

    Parameters
    ----------
    today:
        The date that decides which release years are tried (default: today).
    on_bytes, on_phase:
        Progress callbacks for downloads and for import phases.

    Raises
    ------
    OfflineError
        If the UCDP site cannot be reached (nothing changed).
    DataValidationError
        If a downloaded file is invalid (that release is not imported).
    """
    known = {(r.kind, r.release) for r in data_status(settings).releases}
    with httpx2.Client(timeout=settings.http_timeout, follow_redirects=True) as client:
        available = find_newest(client, settings.ucdp_downloads_base, today or date.today())
        todo = [r for r in available if (r.kind, r.release) not in known]
        with tempfile.TemporaryDirectory(prefix="detente-update-") as folder:
            files = [download(client, remote, Path(folder), on_bytes) for remote in todo]
            imported = tuple(
                import_release(settings, path, remote.kind, remote.release, progress=on_phase)
                for remote, path in zip(todo, files, strict=True)
            )
    return UpdateResult(
        available=tuple(available),
        already_imported=tuple(r for r in available if (r.kind, r.release) in known),
        imported=imported,
    )
