"""Compliance views of a pact with many incident reports: batched loading against per-row.

Subject: :func:`detente.security.list_incidents` (and the per-principle view built on it) for a
pact with 2,000 incident reports on SQLite. It loads the principles and verdicts of all the
incidents with two queries per 500 incidents. Baseline, in the same run: the same views built
one incident at a time (two queries per incident, the obvious ORM way), the ratio is batched /
per-row. The incidents are GENERATED for the benchmark (random members, principles, verdicts,
seed 0) in a temporary database and never shipped; the pact is the seeded Helsinki/OSCE one.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from sqlalchemy import select

from bench.common import time_it, write_results
from detente.security import by_principle, get_pact, give_verdict, list_incidents, report_incident
from detente.security.bootstrap import seed_security
from detente.security.compliance import _view
from detente.security.models import Incident
from detente.settings import REPO_ROOT, Settings
from detente.store import Database, upgrade

INCIDENTS = 2000
REPEAT = 5


def fill(database: Database, incidents: int = INCIDENTS) -> None:
    """Report ``incidents`` generated incidents under the OSCE pact, half with a verdict."""
    rng = random.Random(0)
    with database.session() as session:
        pact = get_pact(session, "osce")
        for number in range(incidents):
            # the accused must have been a participating state on the day (Montenegro: 2006)
            occurred_on = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(8000))
            members = [m.iso3 for m in pact.members_on(occurred_on)]
            incident = report_incident(
                session,
                pact.id,
                occurred_on=occurred_on,
                place=f"generated place {number}",
                reporting_party=rng.choice(members),
                accused=rng.choice(members),
                principles=rng.sample(range(1, 11), rng.randint(1, 3)),
                summary="generated for the benchmark",
                actor="bench",
            )
            if rng.random() < 0.5:
                give_verdict(
                    session,
                    incident.id,
                    finding=rng.choice(["violation", "no_violation", "inconclusive"]),
                    reasoning="generated",
                    decided_on=incident.occurred_on,
                    actor="bench",
                )


def main(results_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'state.sqlite'}"
        upgrade(url)
        settings = Settings(data_dir=Path(tmp), database_url=url, snapshot_dir=REPO_ROOT / "data")
        seed_security(settings)
        database = Database(url)
        fill(database)

        def batched() -> int:
            with database.session() as session:
                return len(list_incidents(session, "osce"))

        def per_row() -> int:
            with database.session() as session:
                rows = session.scalars(
                    select(Incident).order_by(Incident.occurred_on.desc(), Incident.id.desc())
                )
                return len([_view(session, row) for row in rows])

        def principles() -> int:
            with database.session() as session:
                return len(by_principle(session, "osce"))

        assert batched() == per_row() == INCIDENTS
        with database.session() as session:
            same = list_incidents(session, "osce") == [
                _view(session, row)
                for row in session.scalars(
                    select(Incident).order_by(Incident.occurred_on.desc(), Incident.id.desc())
                )
            ]
        assert same, "batched and per-row views differ"
        fast = time_it("list_incidents (batched)", batched, REPEAT)
        slow = time_it("per-row views (baseline)", per_row, REPEAT)
        view = time_it("by_principle (page view)", principles, REPEAT)
        database.dispose()
    ratio = fast.median / slow.median
    payload = {
        "incidents": INCIDENTS,
        "batched": fast,
        "per_row": slow,
        "by_principle": view,
        "ratio_batched_over_per_row": ratio,
    }
    markdown = (
        f"# Security: compliance views over {INCIDENTS:,} generated incident reports (SQLite)\n\n"
        "| what | median s |\n|---|---:|\n"
        f"| list_incidents, batched | {fast.median:.3f} |\n"
        f"| per-row views (baseline) | {slow.median:.3f} |\n"
        f"| by_principle (the pact page's table) | {view.median:.3f} |\n\n"
        f"Ratio batched / per-row: **{ratio:.2f}** (lower is better). Incidents are generated "
        "for the benchmark only (seed 0).\n"
    )
    write_results(results_dir, "security_compliance", payload, markdown)
    print(markdown)
