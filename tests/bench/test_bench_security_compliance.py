"""The compliance benchmark's generated incidents pass the rules the platform enforces."""

from __future__ import annotations

from pathlib import Path

from bench.bench_security_compliance import fill

from detente.security import list_incidents
from detente.security.bootstrap import seed_security
from detente.settings import REPO_ROOT, Settings
from detente.store import Database, upgrade


def test_generated_incidents_accuse_members_of_the_day(tmp_path: Path) -> None:
    """Every accused state was an OSCE participating state on the incident's date (the
    benchmark once drew Montenegro for 2005 and stopped `make bench`)."""
    url = f"sqlite:///{tmp_path / 'state.sqlite'}"
    upgrade(url)
    seed_security(Settings(data_dir=tmp_path, database_url=url, snapshot_dir=REPO_ROOT / "data"))
    database = Database(url)
    fill(database, incidents=300)
    with database.session() as session:
        assert len(list_incidents(session, "osce")) == 300
