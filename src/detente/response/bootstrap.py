"""``detente init`` step: load the generated demo roster once (idempotent)."""

from __future__ import annotations

from detente.response.officers import count_officers, import_csv
from detente.settings import Settings
from detente.store import Database

DEMO_ROSTER = "response/demo_roster.csv"


def load_demo_roster(settings: Settings) -> str:
    """Import ``data/response/demo_roster.csv`` unless the roster already has officers.

    Idempotent: a second ``make run`` (or a roster with real officers) leaves the roster alone.
    """
    path = settings.snapshot_dir / DEMO_ROSTER
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            existing = count_officers(session)
            if existing:
                generated = count_officers(session, generated=True)
                return (
                    f"response: roster already has {existing} officers "
                    f"({generated} generated demo data); left unchanged"
                )
            if not path.is_file():
                return f"response: no demo roster at {path}; roster left empty"
            summary = import_csv(session, path, actor="system:init")
    finally:
        database.dispose()
    return (
        f"response: loaded {summary.created} officers of GENERATED DEMO DATA "
        f"(invented people) from {path.name}"
    )
