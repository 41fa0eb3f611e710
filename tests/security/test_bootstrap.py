"""The init step: the Helsinki Final Act / OSCE pact and the register's cited example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.security import get_pact, list_pairs, list_processes, list_sanctions
from detente.security.bootstrap import membership_spells, seed_security
from detente.settings import REPO_ROOT, Settings
from detente.store import Database


def test_membership_spells_follow_the_osce_list() -> None:
    spells = {(g, j, left) for g, j, left in membership_spells("OSCE", 1975, dt.date(2025, 1, 1))}
    assert (220, dt.date(1975, 8, 1), None) in spells  # France, a signatory
    assert (265, dt.date(1975, 8, 1), dt.date(1990, 10, 3)) in spells  # GDR until unification
    assert (712, dt.date(2012, 11, 21), None) in spells  # Mongolia
    assert sum(1 for _, _, left in spells if left is None) == 57


def test_seed_is_idempotent(database_url: str, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, database_url=database_url, snapshot_dir=REPO_ROOT / "data"
    )
    first = seed_security(settings)
    assert "57 current members" in first
    assert "already present" in seed_security(settings)
    database = Database(database_url)
    try:
        with database.session() as session:
            pact = get_pact(session, "osce")
            assert pact.signed_on == dt.date(1975, 8, 1)
            assert len(pact.members_on(dt.date(1975, 8, 1))) == 35  # the 35 signatories
            assert len(pact.members_on(dt.date.today())) == 57
            assert pact.principles[9].title.startswith("Fulfillment in good faith")
            sanctions = list_sanctions(session)
            assert len(sanctions) == 1
            assert sanctions[0].adopted_on == dt.date(2014, 7, 31)
            assert "eur-lex.europa.eu" in sanctions[0].source
            processes = list_processes(session, "osce")
            assert [(p.parties, p.current_stage) for p in processes] == [
                ((369,), "ground_arrangements")
            ]
            assert "PA-X" in processes[0].note
            pairs = list_pairs(session)
            assert len(pairs) == 1
            assert pairs[0].illustrative
    finally:
        database.dispose()
