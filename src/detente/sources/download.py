"""Find and download the newest UCDP releases from the UCDP download site.

UCDP names its files by release (``ged251-csv.zip`` is GED 25.1), so the newest release is found
by asking for the names of this year's and the two previous years' releases, newest first. The
monthly GED candidate files of the newest annual release's year follow
(``candidateged/GEDEvent_v25_0_1.csv`` is January 2025), one per month until the first missing.

Layout under ``Settings.ucdp_downloads_base`` (``https://ucdp.uu.se/downloads``)::

    ged/ged{YY}1-csv.zip                                 GED annual release YY.1
    candidateged/GEDEvent_v{YY}_0_{M}.csv                GED candidate, month M of 20YY
    organizedviolencecy/organizedviolencecy-{YY}1-csv.zip  UCDP country-year YY.1
    ucdpprio/ucdp-prio-acd-{YY}1-csv.zip                 UCDP/PRIO ACD YY.1
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx2

from detente.errors import OfflineError

YEARS_BACK = 3
"""How many release years to try, this year's first."""

_ANNUAL = {
    "ged": "ged/ged{yy}1-csv.zip",
    "ucdp-cy": "organizedviolencecy/organizedviolencecy-{yy}1-csv.zip",
    "acd": "ucdpprio/ucdp-prio-acd-{yy}1-csv.zip",
}
_CANDIDATE = "candidateged/GEDEvent_v{yy}_0_{month}.csv"

BytesCallback = Callable[[str, int, int | None], None]
"""Called as ``(file_name, bytes_so_far, total_or_None)`` while downloading."""


@dataclass(frozen=True)
class RemoteRelease:
    """A release file available on the UCDP site."""

    kind: str
    release: str
    url: str

    @property
    def file_name(self) -> str:
        """The file name UCDP gives it (which also names the release)."""
        return self.url.rsplit("/", 1)[-1]


def _exists(client: httpx2.Client, url: str) -> bool:
    response = client.head(url)
    if response.status_code == 405:  # some servers refuse HEAD
        with client.stream("GET", url) as streamed:
            return streamed.status_code == 200
    return response.status_code == 200


def _offline(base: str, error: Exception) -> OfflineError:
    return OfflineError(f"offline: cannot reach {base} ({type(error).__name__}); nothing changed")


def find_newest(client: httpx2.Client, base: str, today: date) -> list[RemoteRelease]:
    """The newest annual release of each UCDP source, then the GED candidate months after it.

    Raises
    ------
    OfflineError
        If the site cannot be reached.
    """
    base = base.rstrip("/")
    found: list[RemoteRelease] = []
    ged_year: int | None = None
    try:
        for kind, pattern in _ANNUAL.items():
            for yy in range(today.year % 100, today.year % 100 - YEARS_BACK, -1):
                url = f"{base}/{pattern.format(yy=yy)}"
                if _exists(client, url):
                    found.append(RemoteRelease(kind, f"{yy}.1", url))
                    if kind == "ged":
                        ged_year = yy
                    break
        if ged_year is not None:
            for month in range(1, 13):
                url = f"{base}/{_CANDIDATE.format(yy=ged_year, month=month)}"
                if not _exists(client, url):
                    break
                found.append(RemoteRelease("ged", f"{ged_year}.0.{month}", url))
    except httpx2.TransportError as error:
        raise _offline(base, error) from error
    return found


def download(
    client: httpx2.Client, remote: RemoteRelease, folder: Path, progress: BytesCallback | None
) -> Path:
    """Stream ``remote`` into ``folder`` under its own name; return the path.

    Raises
    ------
    OfflineError
        If the connection fails or the server does not answer 200.
    """
    target = folder / remote.file_name
    try:
        with client.stream("GET", remote.url) as response, target.open("wb") as sink:
            if response.status_code != 200:
                raise OfflineError(
                    f"{remote.url} answered HTTP {response.status_code}; nothing changed"
                )
            total = int(response.headers.get("content-length", 0)) or None
            done = 0
            for chunk in response.iter_bytes(1 << 20):
                sink.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(remote.file_name, done, total)
    except httpx2.TransportError as error:
        raise _offline(remote.url, error) from error
    return target
