"""Finding and fetching UCDP releases, against a real HTTP server on loopback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx2
import pytest

from detente.errors import OfflineError
from detente.sources.download import download, find_newest
from tests.sources.ged_files import event
from tests.sources.ucdp_site import closed_port_url, make_site, serve_folder

TODAY = date(2026, 11, 23)


def test_finds_the_newest_annual_release_and_its_candidate_months(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "site",
        26,
        [event(1, 625, "2025-03-04")],
        {1: [event(2, 625, "2026-01-05")], 2: [event(3, 625, "2026-02-05")]},
    )
    (site / "ucdpprio").mkdir()
    (site / "ucdpprio" / "ucdp-prio-acd-251-csv.zip").write_bytes(b"older release")
    with serve_folder(site) as base, httpx2.Client() as client:
        found = find_newest(client, base, TODAY)
        assert [(r.kind, r.release, r.file_name) for r in found] == [
            ("ged", "26.1", "ged261-csv.zip"),
            ("acd", "25.1", "ucdp-prio-acd-251-csv.zip"),
            ("ged", "26.0.1", "GEDEvent_v26_0_1.csv"),
            ("ged", "26.0.2", "GEDEvent_v26_0_2.csv"),
        ]
        seen: list[int] = []
        path = download(client, found[0], tmp_path, lambda _n, done, _t: seen.append(done))
    assert path.read_bytes() == (site / "ged" / "ged261-csv.zip").read_bytes()
    assert seen[-1] == path.stat().st_size


def test_offline_is_one_clear_error() -> None:
    with httpx2.Client() as client, pytest.raises(OfflineError, match="offline: cannot reach"):
        find_newest(client, closed_port_url(), TODAY)
