"""The init step loads the generated demo roster once, labelled as generated."""

from __future__ import annotations

from detente.response.bootstrap import load_demo_roster
from detente.response.officers import list_officers
from detente.settings import Settings
from detente.store import Database, upgrade


def test_loads_the_demo_roster_once(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True)
    upgrade(settings.sqlalchemy_url)
    first = load_demo_roster(settings)
    assert "loaded 600 officers of GENERATED DEMO DATA" in first
    second = load_demo_roster(settings)
    assert "already has 600 officers (600 generated demo data)" in second
    database = Database(settings.sqlalchemy_url)
    with database.session() as session:
        officers = list_officers(session)
    database.dispose()
    assert len(officers) == 600
    assert all(o.generated and o.name.startswith("Demo-") for o in officers)
    assert len({o.region for o in officers}) == 5
